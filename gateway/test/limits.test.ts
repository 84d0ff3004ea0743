import { expect } from 'chai';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { checkLimits, countTokens, DEFAULT_LIMITS, DocumentStore, documentHeapBytes, limitsFor, measure, readCostRules } from '../src/plugins/limits.ts';
import { readGatewayConfig } from '../src/config.ts';

const check = (query: string, limits = DEFAULT_LIMITS) => {
  const error = checkLimits(query, parse(query), undefined, limits);
  return error && { message: error.message, ...error.extensions, http: undefined };
};

describe('abuse limits', () => {
  it('measures depth, aliases and root fields, counting fragments where they are spread', () => {
    expect(measure(parse('{ a: state(code: "OH") { name schools { edges { node { ...S } } } } b: states { code } } fragment S on School { n1: name n2: city }'))).to.deep.include({ depth: 5, aliases: 4, rootFields: 2 });
  });

  it('measures a fragment bomb without expanding it', () => {
    // Each level spreads the previous one twice: 2^30 expansions, measured in linear time.
    let doc = 'fragment F0 on State { x: name }';
    for (let i = 1; i <= 30; i++) doc += ` fragment F${i} on State { ...F${i - 1} ...F${i - 1} }`;
    const started = Date.now();
    const m = measure(parse(`{ state(code: "OH") { ...F30 } } ${doc}`));
    expect({ aliases: m.aliases, fast: Date.now() - started < 1000 }).to.deep.equal({ aliases: 2 ** 30, fast: true });
  });

  it('lets the standard introspection query (the explorer) through', () => {
    expect(check(getIntrospectionQuery())).to.equal(undefined);
  });

  it('refuses each kind of bomb with its code, the measured value and the limit', () => {
    let deep = '__typename';
    for (let i = 0; i < 40; i++) deep = `fields { type { ${deep} name } }`;
    const aliases = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const roots = `{ ${Array.from({ length: 11 }, (_, i) => `s${i}: states { code }`).join(' ')} }`;
    const results = [check(`{ __type(name: "Query") { ${deep} } }`), check(aliases, { ...DEFAULT_LIMITS, maxDocumentBytes: 1e6, maxTokens: 1e6 }), check(roots), check(`{ ${'__typename '.repeat(2500)} }`), check(aliases)];
    expect(results.map((r) => r && [r.code, r.measured, r.limit])).to.deep.equal([
      ['DEPTH_LIMIT_EXCEEDED', 82, 15],
      ['ALIAS_LIMIT_EXCEEDED', 3000, 30],
      ['ROOT_FIELD_LIMIT_EXCEEDED', 11, 10],
      ['DOCUMENT_TOO_LARGE', 27504, 20000],
      ['DOCUMENT_TOO_LARGE', 52893, 20000],
    ]);
  });

  it('gives analysts and partner admins more room, never less than the defaults', () => {
    expect(limitsFor({ sub: 'a', roles: ['student', 'analyst'], scopes: [] })).to.deep.equal({ maxDocumentBytes: 100_000, maxTokens: 15_000, maxDepth: 20, maxAliases: 100, maxRootFields: 25, maxDirectives: 100, maxCost: 500_000 });
    expect(limitsFor({ sub: null, roles: [], scopes: [] })).to.deep.equal(DEFAULT_LIMITS);
  });

  it('estimates cost from list sizes: first/limit arguments (variables too), 20 for other lists, edges counted once', () => {
    const schema = buildSchema(`
      type Query { jobs(first: Int): JobConnection! states: [State!]! }
      type JobConnection { edges: [JobEdge!]! totalCount: Int! }
      type JobEdge { node: Job! }
      type Job { title: String! tags: [Tag!]! }
      type Tag { name: String! }
      type State { code: String! }`);
    const cost = (q: string, v = {}) => measure(parse(q), undefined, v, schema).cost;
    // jobs 1 + 50 × (edges 1 + node 1 + title 1 + tags 1 + 20 × name 1) = 1 + 50 × 24
    expect([cost('{ jobs(first: 50) { edges { node { title tags { name } } } } }'), cost('query($n: Int) { jobs(first: $n) { totalCount } }', { n: 500 }), cost('{ states { code } }')]).to.deep.equal([1201, 501, 21]);
  });

  it('uses the @cost weights and @listSize sizes the subgraphs declare', () => {
    const sdl = `
      type Query { people: [Person!]! @listSize(assumedSize: 3) search(take: Int): [Person!]! @listSize(slicingArguments: ["take"]) pay: Int! @cost(weight: 10) }
      type Person { name: String! }`;
    const schema = buildSchema(`directive @listSize(assumedSize: Int, slicingArguments: [String!]) on FIELD_DEFINITION\ndirective @cost(weight: Int!) on FIELD_DEFINITION\n${sdl}`);
    const rules = readCostRules(sdl);
    expect([...rules]).to.deep.equal([
      ['Query.people', { assumedSize: 3 }],
      ['Query.search', { slicingArguments: ['take'] }],
      ['Query.pay', { weight: 10 }],
    ]);
    const cost = (q: string) => measure(parse(q), undefined, {}, schema, rules).cost;
    // people: 1 + 3 × name; search(take: 7): 1 + 7 × name; pay: weight 10
    expect([cost('{ people { name } }'), cost('{ search(take: 7) { name } }'), cost('{ pay }')]).to.deep.equal([4, 8, 10]);
  });

  it('refuses a fragment bomb by its cost', () => {
    let doc = 'fragment F0 on Query { __typename states { code } }';
    for (let i = 1; i <= 30; i++) doc += ` fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`;
    const query = `{ ...F30 } ${doc}`;
    const error = checkLimits(query, parse(query), undefined, { ...DEFAULT_LIMITS, maxTokens: 1e6 });
    expect([error?.extensions.code, error?.extensions.measured]).to.deep.equal(['COST_LIMIT_EXCEEDED', 2 ** 30 * 2]);
  });

  it('counts every token, exactly, and stops at a syntax error', () => {
    expect([countTokens('{ a b c d e }'), countTokens('{ a b # comment\n c }'), countTokens('{ a b \u0007 c }')]).to.deep.equal([7, 5, 3]);
  });

  it('refuses a fragment cycle by naming it, without following it', () => {
    const query = '{ ...A } fragment A on Query { states { ...B } } fragment B on State { state { ...C } } fragment C on State { ...A }';
    const error = checkLimits(query, parse(query), undefined, DEFAULT_LIMITS);
    expect([error?.message, error?.extensions.code, error?.extensions.fragments]).to.deep.equal([
      'Fragment cycle: A → B → C → A: a fragment may not spread itself',
      'FRAGMENT_CYCLE',
      ['A', 'B', 'C', 'A'],
    ]);
  });

  it('measures depth exactly through a chain of fragment spreads', () => {
    // F0 is one field deep; each F(i) nests F(i-1) one field deeper: F(n) is n + 1 deep.
    let doc = 'fragment F0 on State { code }';
    for (let i = 1; i <= 40; i++) doc += ` fragment F${i} on State { state { ...F${i - 1} } }`;
    const query = `{ state(code: "OH") { ...F40 } } ${doc}`;
    expect(measure(parse(query)).depth).to.equal(42);
    const error = checkLimits(query, parse(query), undefined, DEFAULT_LIMITS);
    expect([error?.extensions.code, error?.extensions.measured, error?.extensions.limit]).to.deep.equal(['DEPTH_LIMIT_EXCEEDED', 42, 15]);
  });

  it('counts directives, fragments where they are spread and their own definitions', () => {
    const query = '{ a: __typename @skip(if: false) @include(if: true) ...F ...F } fragment F on Query @skip(if: false) { b: __typename @include(if: true) }';
    expect(measure(parse(query))).to.deep.include({ directives: 6, aliases: 3 });
    const error = checkLimits(query, parse(query), undefined, { ...DEFAULT_LIMITS, maxDirectives: 5 });
    expect([error?.extensions.code, error?.extensions.measured, error?.extensions.limit]).to.deep.equal(['DIRECTIVE_LIMIT_EXCEEDED', 6, 5]);
  });

  it('measures every operation in a document, not only the one that would run', () => {
    const query = `query Small { states { code } } query Bomb { ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const error = checkLimits(query, parse(query), 'Small', DEFAULT_LIMITS);
    expect([error?.extensions.code, error?.extensions.measured]).to.deep.equal(['ALIAS_LIMIT_EXCEEDED', 40]);
  });
});

describe('the document store', () => {
  // `{ a }`: 5 characters and 5 tokens (start, `{`, `a`, `}`, end).
  const doc = (text: string) => parse(text);

  it('estimates what a document holds: one byte per character and 400 per token', () => {
    expect([documentHeapBytes(doc('{ a }')), documentHeapBytes(doc('# note\n{ a b }'))]).to.deep.equal([5 + 400 * 5, 14 + 400 * 7]);
  });

  it('drops the least recently used documents to stay within its byte budget', async () => {
    const store = new DocumentStore(100, 3 * 2005);
    for (const key of ['k1', 'k2', 'k3']) await store.set(key, doc('{ a }'));
    await store.get('k1');
    await store.set('k4', doc('{ b }'));
    expect({ held: await Promise.all(['k1', 'k2', 'k3', 'k4'].map(async (k) => (await store.get(k)) !== undefined)), size: store.size() }).to.deep.equal({
      held: [true, false, true, true],
      size: { entries: 3, bytes: 3 * 2005 },
    });
  });

  it('drops the oldest documents beyond its entry limit, and counts a key stored twice once', async () => {
    const store = new DocumentStore(2);
    for (const key of ['k1', 'k2', 'k2', 'k3']) await store.set(key, doc('{ a }'));
    expect({ held: await Promise.all(['k1', 'k2', 'k3'].map(async (k) => (await store.get(k)) !== undefined)), size: store.size() }).to.deep.equal({
      held: [false, true, true],
      size: { entries: 2, bytes: 2 * 2005 },
    });
  });

  it('never stores a document larger than its whole budget, and forgets a deleted one', async () => {
    const store = new DocumentStore(100, 2005);
    await store.set('big', doc('{ a b }'));
    await store.set('k1', doc('{ a }'));
    expect([await store.delete('k1'), await store.delete('k1'), (await store.get('big')) === undefined, store.size()]).to.deep.equal([true, false, true, { entries: 0, bytes: 0 }]);
  });

  it('takes its budget from DOCUMENT_CACHE_MAX_MB (16 by default) and refuses a bad value by name', () => {
    expect([readGatewayConfig({}).documentCacheBytes, readGatewayConfig({ DOCUMENT_CACHE_MAX_MB: '4' }).documentCacheBytes]).to.deep.equal([16 * 1048576, 4 * 1048576]);
    expect(() => readGatewayConfig({ DOCUMENT_CACHE_MAX_MB: '0' })).to.throw(/DOCUMENT_CACHE_MAX_MB/);
  });
});
