import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { buildSchema, parse } from 'graphql';
import { ANONYMOUS, type Caller } from '@talent-graph/platform/core';
import { readAccessRules, type AccessRules } from '../src/plugins/access.ts';
import { cachePolicyOf, canonicalJson, MemoryResponseStore, readCacheHints, responseKey, type CacheHints } from '../src/plugins/responseCache.ts';

const SCHEMA = buildSchema(`
  type Query { state(code: ID!): State  states: [State!]!  version: String  me: Person  search: [Result!]!  node(id: ID!): Node }
  type Mutation { touch: Int }
  type State implements Node { id: ID! code: ID! name: String! schools: SchoolConnection! secretCount: Int }
  type SchoolConnection { edges: [SchoolEdge!]! }
  type SchoolEdge { node: School! }
  type School implements Node { id: ID! name: String! }
  type Person implements Node { id: ID! name: String! }
  interface Node { id: ID! }
  union Result = State | School
`);

const NO_ACCESS: AccessRules = { fields: new Map(), types: new Map() };

function hints(types: Record<string, object>, fields: Record<string, object> = {}): CacheHints {
  return { types: new Map(Object.entries(types)), fields: new Map(Object.entries(fields)) };
}

const policy = (query: string, h: CacheHints, access = NO_ACCESS) => cachePolicyOf(SCHEMA, parse(query), undefined, h, access);

describe('cache policy of an operation', () => {
  const basic = hints({ State: { maxAge: 300 }, School: { maxAge: 120 }, SchoolConnection: { inheritMaxAge: true }, SchoolEdge: { inheritMaxAge: true } });

  it('takes the smallest maxAge of the types it reaches; connection types that inherit do not restrict', () => {
    expect({
      state: policy('{ state(code: "OH") { code name } }', basic),
      withSchools: policy('{ state(code: "OH") { name schools { edges { node { name } } } } }', basic),
    }).to.deep.equal({ state: { maxAge: 300, scope: 'PUBLIC' }, withSchools: { maxAge: 120, scope: 'PUBLIC' } });
  });

  it('is uncacheable when a root field or an object-returning field has no hint', () => {
    expect({
      rootScalar: policy('{ version }', basic),
      unhinted: policy('{ state(code: "OH") { name schools { edges { node { name } } } } }', hints({ State: { maxAge: 300 } })),
      mixed: policy('{ version state(code: "OH") { name } }', basic),
    }).to.deep.equal({ rootScalar: undefined, unhinted: undefined, mixed: undefined });
  });

  it('lets a field hint override its type hint and makes the whole answer PRIVATE when one field is', () => {
    const h = hints({ State: { maxAge: 300 } }, { 'Query.state': { maxAge: 10 }, 'State.secretCount': { scope: 'PRIVATE' } });
    expect({
      overridden: policy('{ state(code: "OH") { name } }', h),
      private: policy('{ state(code: "OH") { name secretCount } }', h),
    }).to.deep.equal({ overridden: { maxAge: 10, scope: 'PUBLIC' }, private: { maxAge: 10, scope: 'PRIVATE' } });
  });

  it('makes an answer PRIVATE when a field or type it reaches is behind @authenticated, @requiresScopes or @policy', () => {
    const guardedField: AccessRules = { fields: new Map([['State.secretCount', { authenticated: true }]]), types: new Map() };
    const guardedType: AccessRules = { fields: new Map(), types: new Map([['School', { authenticated: true }]]) };
    expect({
      field: policy('{ state(code: "OH") { secretCount } }', basic, guardedField),
      other: policy('{ state(code: "OH") { name } }', basic, guardedField),
      type: policy('{ state(code: "OH") { schools { edges { node { name } } } } }', basic, guardedType),
    }).to.deep.equal({ field: { maxAge: 300, scope: 'PRIVATE' }, other: { maxAge: 300, scope: 'PUBLIC' }, type: { maxAge: 120, scope: 'PRIVATE' } });
  });

  it('follows fragments and type conditions, and takes the strictest type behind an interface or union', () => {
    const h = hints({ State: { maxAge: 300 }, School: { maxAge: 120 }, Person: { maxAge: 5, scope: 'PRIVATE' }, Node: { maxAge: 600 }, Result: { maxAge: 600 } });
    expect({
      fragment: policy('query { state(code: "OH") { ...S } } fragment S on State { name }', h),
      node: policy('{ node(id: "x") { id ... on State { name } } }', h),
      union: policy('{ search { ... on School { name } } }', h),
    }).to.deep.equal({
      fragment: { maxAge: 300, scope: 'PUBLIC' },
      // Node's own hint says 600, but a Person may answer: its maxAge and scope apply.
      node: { maxAge: 5, scope: 'PRIVATE' },
      union: { maxAge: 120, scope: 'PUBLIC' },
    });
  });

  it('never caches a mutation, introspection or a field the schema does not have', () => {
    expect([policy('mutation { touch }', basic), policy('{ __schema { queryType { name } } state(code: "OH") { name } }', basic), policy('{ state(code: "OH") { nope } }', basic)]).to.deep.equal([undefined, undefined, undefined]);
  });
});

describe('cache hints in the supergraph', () => {
  const sdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

  it('reads the hints the subgraphs composed with @composeDirective', () => {
    const h = readCacheHints(sdl);
    expect({
      state: h.types.get('State'),
      connection: h.types.get('JobPostConnection'),
      job: h.types.get('JobPost'),
      me: h.fields.get('Query.me'),
      person: h.types.get('Person'),
    }).to.deep.equal({ state: { maxAge: 300 }, connection: { inheritMaxAge: true }, job: { maxAge: 60 }, me: { maxAge: 30, scope: 'PRIVATE' }, person: undefined });
  });

  it('gives the canonical operations the policies docs/response-cache.md lists', async () => {
    const { apiSchemaOf } = await import('../src/executor.ts');
    const schema = apiSchemaOf(sdl);
    const h = readCacheHints(sdl);
    const access = readAccessRules(sdl);
    const of = (name: string) => cachePolicyOf(schema, parse(readFileSync(new URL(`../../schema/operations/${name}.graphql`, import.meta.url), 'utf8')), undefined, h, access);
    expect({
      stateDashboard: of('stateDashboard'),
      jobPost: of('jobPost'),
      technicianPay: of('technicianPay'),
      jobSearch: of('jobSearch'),
      personProfile: of('personProfile'),
      analystJobExport: of('analystJobExport'),
      me: cachePolicyOf(schema, parse('{ me { id displayName } }'), undefined, h, access),
    }).to.deep.equal({
      stateDashboard: { maxAge: 60, scope: 'PUBLIC' },
      jobPost: { maxAge: 60, scope: 'PUBLIC' },
      technicianPay: { maxAge: 600, scope: 'PUBLIC' },
      jobSearch: undefined,
      personProfile: undefined,
      analystJobExport: undefined,
      me: { maxAge: 30, scope: 'PRIVATE' },
    });
  });
});

describe('response cache keys', () => {
  const alice: Caller = { ...ANONYMOUS, sub: 'per-00001', roles: ['student'] };
  const bob: Caller = { ...ANONYMOUS, sub: 'per-00002', roles: ['student'] };
  const pub = { maxAge: 60, scope: 'PUBLIC' as const };
  const priv = { maxAge: 60, scope: 'PRIVATE' as const };

  it('shares a public entry between callers and keeps a private one per identity', () => {
    expect({
      publicShared: responseKey('s1', pub, alice, 'h', undefined, {}) === responseKey('s1', pub, bob, 'h', undefined, {}),
      privateApart: responseKey('s1', priv, alice, 'h', undefined, {}) === responseKey('s1', priv, bob, 'h', undefined, {}),
      otherRoles: responseKey('s1', priv, alice, 'h', undefined, {}) === responseKey('s1', priv, { ...alice, roles: ['support'] }, 'h', undefined, {}),
      anonymousPrivate: responseKey('s1', priv, ANONYMOUS, 'h', undefined, {}),
      otherSupergraph: responseKey('s1', pub, alice, 'h', undefined, {}) === responseKey('s2', pub, alice, 'h', undefined, {}),
    }).to.deep.equal({ publicShared: true, privateApart: false, otherRoles: false, anonymousPrivate: undefined, otherSupergraph: false });
  });

  it('does not depend on the order of variables, but on their values and the operation name', () => {
    const key = (vars: Record<string, unknown>, name?: string) => responseKey('s1', pub, alice, 'h', name, vars);
    expect({
      reordered: key({ a: 1, b: { c: 2, d: [1, 2] } }) === key({ b: { d: [1, 2], c: 2 }, a: 1 }),
      otherValue: key({ a: 1 }) === key({ a: 2 }),
      otherName: key({ a: 1 }, 'A') === key({ a: 1 }, 'B'),
      canonical: canonicalJson({ b: [true, null, 'x'], a: { z: 1, y: undefined } }),
    }).to.deep.equal({ reordered: true, otherValue: false, otherName: false, canonical: '{"a":{"z":1},"b":[true,null,"x"]}' });
  });
});

describe('in-memory response store', () => {
  it('forgets an entry when its maxAge has passed', async () => {
    let now = 1_000_000;
    const store = new MemoryResponseStore(10, 1_000_000, () => now);
    await store.set('k', 'v', 60);
    const fresh = await store.get('k');
    now += 60_000;
    expect([fresh, await store.get('k')]).to.deep.equal(['v', undefined]);
  });

  it('drops the least recently used entries beyond its count and byte bounds', async () => {
    const byCount = new MemoryResponseStore(2, 1_000_000);
    await byCount.set('a', '1', 60);
    await byCount.set('b', '2', 60);
    await byCount.get('a');
    await byCount.set('c', '3', 60);
    const bySize = new MemoryResponseStore(100, 10);
    await bySize.set('x', '12345', 60);
    await bySize.set('y', '123456', 60);
    expect({
      count: [await byCount.get('a'), await byCount.get('b'), await byCount.get('c')],
      size: [await bySize.get('x'), await bySize.get('y')],
    }).to.deep.equal({ count: ['1', undefined, '3'], size: [undefined, '123456'] });
  });
});
