import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { buildManifest, documentHash, parseManifest } from '@talent-graph/platform';
import { OPERATIONS_DIR, PERSISTED_OPERATIONS_PATH, persistedOperationsManifest } from '../compose.ts';

describe('persisted-operations manifest', () => {
  it('matches the committed schema/persisted-operations.json (run `npm run compose` when it does not)', () => {
    expect(persistedOperationsManifest() === readFileSync(PERSISTED_OPERATIONS_PATH, 'utf8')).to.equal(true);
  });

  it('lists every operation in schema/operations once, by name, keyed by the SHA-256 of its file', () => {
    const manifest = parseManifest(persistedOperationsManifest());
    const files = readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));
    const bodies = files.map((f) => readFileSync(`${OPERATIONS_DIR}${f}`, 'utf8'));
    expect({
      format: manifest.format,
      version: manifest.version,
      count: manifest.operations.length,
      sortedByName: manifest.operations.map((o) => o.name).join() === manifest.operations.map((o) => o.name).sort().join(),
      ids: manifest.operations.map((o) => o.id).sort(),
      idsAreHashes: manifest.operations.every((o) => o.id === documentHash(o.body)),
    }).to.deep.equal({ format: 'apollo-persisted-query-manifest', version: 1, count: files.length, sortedByName: true, ids: bodies.map(documentHash).sort(), idsAreHashes: true });
  });

  it('names each operation and its type', () => {
    const manifest = parseManifest(readFileSync(PERSISTED_OPERATIONS_PATH, 'utf8'));
    const jobSearch = manifest.operations.find((o) => o.name === 'JobSearch');
    const applyToJob = manifest.operations.find((o) => o.name === 'ApplyToJob');
    expect([jobSearch?.type, applyToJob?.type, jobSearch?.body]).to.deep.equal(['query', 'mutation', readFileSync(`${OPERATIONS_DIR}jobSearch.graphql`, 'utf8')]);
  });

  it('goes stale when an operation changes, is added or is removed', () => {
    const copy = () => {
      const dir = `${mkdtempSync(join(tmpdir(), 'tg-ops-'))}/`;
      cpSync(OPERATIONS_DIR, dir, { recursive: true });
      return dir;
    };
    const committed = readFileSync(PERSISTED_OPERATIONS_PATH, 'utf8');
    const changed = copy();
    writeFileSync(`${changed}jobSearch.graphql`, readFileSync(`${changed}jobSearch.graphql`, 'utf8').replace('totalCount', 'totalCount\n    __typename'));
    const added = copy();
    writeFileSync(`${added}ping.graphql`, 'query Ping { __typename }\n');
    const removed = copy();
    rmSync(`${removed}jobSearch.graphql`);
    const unchanged = copy();
    expect([changed, added, removed, unchanged].map((dir) => persistedOperationsManifest(dir) === committed)).to.deep.equal([false, false, false, true]);
  });

  it('is the same whatever order the files are read in', () => {
    const files = Object.fromEntries(readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql')).map((f) => [f, readFileSync(`${OPERATIONS_DIR}${f}`, 'utf8')]));
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    expect(buildManifest(reversed)).to.deep.equal(buildManifest(files));
  });

  it('refuses a file with two operations, an anonymous one, and a name used twice', () => {
    expect(() => buildManifest({ 'two.graphql': 'query A { a } query B { b }' })).to.throw('two.graphql must hold exactly one named operation');
    expect(() => buildManifest({ 'anon.graphql': '{ a }' })).to.throw('anon.graphql must hold exactly one named operation');
    expect(() => buildManifest({ 'a.graphql': 'query A { a }', 'b.graphql': 'query A { b }' })).to.throw('operation names must be unique; repeated: A');
  });
});
