import { GraphQLError, Kind, Lexer, Source, TokenKind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller, Role } from '@talent-graph/platform';

/**
 * Abuse limits, checked at the gateway before any subgraph is called: document size and token
 * count, depth, aliases and root fields. Each is configurable per role; a refusal has a stable
 * code and carries the measured value and the limit in `extensions`. Fragments are measured where
 * they are spread (memoised, so a fragment bomb is measured in linear time, not expanded).
 */
export interface Limits {
  maxDocumentBytes: number;
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
}

// Depth 15 is what the standard introspection query (GraphiQL's docs pane) needs.
export const DEFAULT_LIMITS: Limits = { maxDocumentBytes: 20_000, maxTokens: 3_000, maxDepth: 15, maxAliases: 30, maxRootFields: 10 };

/** Analysts and partner admins write ad hoc queries: more room, the same kinds of limit. */
export const ROLE_LIMITS: Partial<Record<Role, Partial<Limits>>> = {
  analyst: { maxDocumentBytes: 100_000, maxTokens: 15_000, maxDepth: 20, maxAliases: 100, maxRootFields: 25 },
  partner_admin: { maxDocumentBytes: 100_000, maxTokens: 15_000, maxDepth: 20, maxAliases: 100, maxRootFields: 25 },
};

/** A caller's limits: the most generous of their roles', never less than the defaults. */
export function limitsFor(caller: Caller, defaults: Limits = DEFAULT_LIMITS, perRole = ROLE_LIMITS): Limits {
  const limits = { ...defaults };
  for (const role of caller.roles) {
    for (const [key, value] of Object.entries(perRole[role] ?? {}) as [keyof Limits, number][]) limits[key] = Math.max(limits[key], value);
  }
  return limits;
}

export interface Measurements {
  depth: number;
  aliases: number;
  rootFields: number;
}

/** Counts tokens, stopping one past the limit (the lexer is linear; no need to read further). */
export function countTokens(source: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) if (++count > stopAfter) break;
  return count;
}

export function measure(document: DocumentNode, operationName?: string | null): Measurements {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { depth: 0, aliases: 0, rootFields: 0 };
  const memo = new Map<string, { depth: number; aliases: number }>();
  const visiting = new Set<string>();
  const walk = (set: SelectionSetNode): { depth: number; aliases: number } => {
    let depth = 0;
    let aliases = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.alias) aliases += 1;
        if (s.selectionSet) {
          const inner = walk(s.selectionSet);
          depth = Math.max(depth, inner.depth + 1);
          aliases += inner.aliases;
        } else depth = Math.max(depth, 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const inner = walk(s.selectionSet);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
      } else {
        const name = s.name.value;
        let inner = memo.get(name);
        if (!inner) {
          const fragment = fragments.get(name);
          // Cycles are refused by validation before this runs; guard anyway.
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          inner = walk(fragment.selectionSet);
          visiting.delete(name);
          memo.set(name, inner);
        }
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
      }
    }
    return { depth, aliases };
  };
  const { depth, aliases } = walk(operation.selectionSet);
  const rootFields = operation.selectionSet.selections.length;
  return { depth, aliases, rootFields };
}

const refuse = (code: string, what: string, measured: number, limit: number) =>
  new GraphQLError(`${what}: ${measured} is over the limit of ${limit}`, { extensions: { code, measured, limit, http: { status: 400 } } });

export function checkLimits(source: string, document: DocumentNode, operationName: string | null | undefined, limits: Limits): GraphQLError | undefined {
  const bytes = Buffer.byteLength(source);
  if (bytes > limits.maxDocumentBytes) return refuse('DOCUMENT_TOO_LARGE', 'Document size in bytes', bytes, limits.maxDocumentBytes);
  const tokens = countTokens(source, limits.maxTokens);
  if (tokens > limits.maxTokens) return refuse('DOCUMENT_TOO_LARGE', 'Document tokens', tokens, limits.maxTokens);
  const m = measure(document, operationName);
  if (m.depth > limits.maxDepth) return refuse('DEPTH_LIMIT_EXCEEDED', 'Query depth', m.depth, limits.maxDepth);
  if (m.aliases > limits.maxAliases) return refuse('ALIAS_LIMIT_EXCEEDED', 'Aliases', m.aliases, limits.maxAliases);
  if (m.rootFields > limits.maxRootFields) return refuse('ROOT_FIELD_LIMIT_EXCEEDED', 'Root fields', m.rootFields, limits.maxRootFields);
  return undefined;
}

/** The Apollo Server plugin: refuses before planning, so no subgraph is called. */
export function limitsPlugin<TContext extends { caller: Caller }>(defaults: Limits = DEFAULT_LIMITS, perRole = ROLE_LIMITS): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, document, operationName, contextValue }) {
          const error = checkLimits(source, document, operationName, limitsFor(contextValue.caller, defaults, perRole));
          if (error) throw error;
        },
      };
    },
  };
}
