import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'graphql';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import { ENFORCED_SECURITY_FEATURES } from '../src/executor.ts';
import { installOperationMemo } from '../src/plans/operationMemo.ts';

/**
 * The per-request conversion of a document into a federation Operation inside executeQueryPlan
 * is memoised per operation definition (plans/operationMemo.ts). Checked through the very
 * export executeQueryPlan calls (the package's main entry, as @apollo/gateway requires it).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
type Convert = (schema: object, document: object, options?: object) => unknown;
const internals = () => require('@apollo/federation-internals') as { operationFromDocument: Convert };
const sdl = readFileSync(`${ROOT}schema/supergraph.graphql`, 'utf8');
const apiSchema = () => Supergraph.build(sdl, { supportedFeatures: new Set([...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, ...ENFORCED_SECURITY_FEATURES]) }).apiSchema();

describe('operation memo', () => {
  const schema = apiSchema();
  const document = parse(readFileSync(`${ROOT}schema/operations/stateDashboard.graphql`, 'utf8'));
  before(() => installOperationMemo());

  it("returns the same Operation for executeQueryPlan's repeated conversions of one definition", () => {
    const convert = internals().operationFromDocument;
    const first = convert(schema, { kind: 'Document', definitions: [document.definitions[0]] }, { validate: false });
    const second = convert(schema, { kind: 'Document', definitions: [document.definitions[0]] }, { validate: false });
    expect({ same: first === second, text: String(second) }).to.deep.equal({ same: true, text: String(first) });
  });

  it('converts afresh for another supergraph schema (a reload)', () => {
    const convert = internals().operationFromDocument;
    const a = convert(schema, document, { validate: false });
    const b = convert(apiSchema(), document, { validate: false });
    expect({ same: a === b, sameText: String(a) === String(b) }).to.deep.equal({ same: false, sameText: true });
  });

  it('passes validating conversions (planning) through untouched', () => {
    const convert = internals().operationFromDocument;
    expect(convert(schema, document, { operationName: 'StateDashboard' }) === convert(schema, document, { operationName: 'StateDashboard' })).to.equal(false);
    expect(() => convert(schema, parse('{ noSuchField }'))).to.throw('Cannot query field "noSuchField" on type "Query".');
  });
});
