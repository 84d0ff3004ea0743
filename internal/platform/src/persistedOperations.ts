import { createHash } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * The persisted-operations manifest: every canonical operation in schema/operations, keyed by
 * the SHA-256 of its exact text. `npm run compose` writes it (schema/persisted-operations.json),
 * `npm run schema:check` verifies it, and the gateway trusts exactly these documents. The format
 * is Apollo's persisted query manifest, so Apollo's tooling and clients can read it.
 */
export interface PersistedOperation {
  /** Lower-case hex SHA-256 of `body`: what clients send as `persistedQuery.sha256Hash`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The document text, byte for byte as in its .graphql file. */
  body: string;
}

export interface PersistedOperationsManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

export class ManifestError extends Error {}

export function documentHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Builds the manifest from operation files (file name → text). Each file holds exactly one named
 * operation; operations are ordered by name so the output never depends on the file system.
 */
export function buildManifest(files: Record<string, string>): PersistedOperationsManifest {
  const operations: PersistedOperation[] = [];
  for (const [file, body] of Object.entries(files)) {
    const definitions = parse(body).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (definitions.length !== 1 || !definitions[0]!.name) throw new ManifestError(`${file} must hold exactly one named operation`);
    operations.push({ id: documentHash(body), name: definitions[0]!.name.value, type: definitions[0]!.operation, body });
  }
  const names = operations.map((o) => o.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) throw new ManifestError(`operation names must be unique; repeated: ${[...new Set(twice)].join(', ')}`);
  operations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The committed form: two-space JSON with a final newline, so diffs stay readable. */
export function serializeManifest(manifest: PersistedOperationsManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Reads a manifest, refusing anything malformed — including an entry whose id is not the hash
 * of its body: a hand-edited id would otherwise vouch for a document nobody reviewed.
 */
export function parseManifest(text: string): PersistedOperationsManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ManifestError('is not valid JSON');
  }
  const m = value as Partial<PersistedOperationsManifest>;
  if (m?.format !== 'apollo-persisted-query-manifest' || m.version !== 1 || !Array.isArray(m.operations)) {
    throw new ManifestError('is not an apollo-persisted-query-manifest, version 1');
  }
  for (const op of m.operations) {
    if (typeof op?.body !== 'string' || typeof op.id !== 'string' || typeof op.name !== 'string') throw new ManifestError('has an operation without id, name and body');
    if (documentHash(op.body) !== op.id) throw new ManifestError(`operation ${op.name}: id is not the SHA-256 of its body`);
  }
  return m as PersistedOperationsManifest;
}
