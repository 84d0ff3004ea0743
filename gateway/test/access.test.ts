import { expect } from 'chai';
import { buildSchema, parse, print, type GraphQLError } from 'graphql';
import type { Caller } from '@talent-graph/platform';
import { applyDenials, planAccess, readAccessRules } from '../src/plugins/access.ts';

/**
 * Field-level access, decided at the gateway: what the caller may not read is cut from the
 * operation before planning and comes back as null with an error at each concrete path.
 */
const TYPES = `
  directive @authenticated on FIELD_DEFINITION | OBJECT
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  type Query { person(id: ID!): Person me: Person @authenticated people: [Person!]! audit: Audit! }
  type Person { id: ID! name: String! email: String @policy(policies: [["self"], ["support"]]) ssn: String! @requiresScopes(scopes: [["read:ssn"]]) credentials: [Credential!]! }
  interface Credential { id: ID! }
  type Cert implements Credential { id: ID! score: Int @policy(policies: [["self"]]) }
  type Badge implements Credential { id: ID! }
  type Audit @authenticated { entries: Int }
`;
const SDL = `schema @link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY) { query: Query }\n${TYPES}`;
const schema = buildSchema(TYPES);
const rules = readAccessRules(SDL);
const anonymous: Caller = { sub: null, roles: [], scopes: [] };
const jose: Caller = { sub: 'p1', roles: ['student'], scopes: [] };

const errorsOf = (errors: GraphQLError[]) => errors.map((e) => ({ path: e.path, code: e.extensions.code, message: e.message }));

describe('declared access at the gateway', () => {
  it('reads @authenticated, @requiresScopes and @policy from the supergraph', () => {
    expect([...rules.fields].sort()).to.deep.equal([
      ['Cert.score', { policies: [['self']] }],
      ['Person.email', { policies: [['self'], ['support']] }],
      ['Person.ssn', { scopes: [['read:ssn']] }],
      ['Query.me', { authenticated: true }],
    ]);
    expect([...rules.types]).to.deep.equal([['Audit', { authenticated: true }]]);
  });

  it('leaves an operation the caller may fully read untouched', () => {
    const doc = parse('{ person(id: "p1") { name email } }');
    expect(planAccess(doc, undefined, schema, rules, jose).document).to.equal(doc);
  });

  it('cuts denied fields before planning and names them in the plan signature', () => {
    const plan = planAccess(parse('{ person(id: "p2") { name email } me { name } }'), undefined, schema, rules, anonymous);
    expect(print(plan.document)).to.equal(print(parse('{ person(id: "p2") { name } }')));
    expect(plan.signature).to.equal('me,person.email');
  });

  it('judges `self` against the person the root field names, from variables too', () => {
    const plan = (id: string) => planAccess(parse('query($id: ID!) { person(id: $id) { email } }'), undefined, schema, rules, jose, { id });
    expect([plan('p1').denied.length, plan('p2').denied.map((d) => d.coordinate)]).to.deep.equal([0, ['Person.email']]);
  });

  it('puts null and an error at every concrete path, list indices included', () => {
    const plan = planAccess(parse('{ people { id email } }'), undefined, schema, rules, anonymous);
    const { data, errors } = applyDenials({ people: [{ id: 'a' }, { id: 'b' }] }, plan.denied);
    expect(data).to.deep.equal({ people: [{ id: 'a', email: null }, { id: 'b', email: null }] });
    expect(errorsOf(errors)).to.deep.equal([
      { path: ['people', 0, 'email'], code: 'FORBIDDEN', message: 'Not allowed to read Person.email: only self or support may see it' },
      { path: ['people', 1, 'email'], code: 'FORBIDDEN', message: 'Not allowed to read Person.email: only self or support may see it' },
    ]);
  });

  it('propagates null through non-null fields as GraphQL would', () => {
    // ssn is String! inside [Person!]!: the person cannot be null, so the list, then the
    // nullable... the root field `people` is non-null too, so data becomes null.
    const plan = planAccess(parse('{ people { ssn } }'), undefined, schema, rules, jose);
    expect(print(plan.document)).to.equal(print(parse('{ people { __tgPlaceholder: __typename } }')));
    const { data, errors } = applyDenials({ people: [{ __tgPlaceholder: 'Person' }] }, plan.denied);
    expect({ data, errors: errorsOf(errors) }).to.deep.equal({ data: null, errors: [{ path: ['people', 0, 'ssn'], code: 'FORBIDDEN', message: 'Not allowed to read Person.ssn: it needs the scope read:ssn' }] });
  });

  it('stops null propagation at the first nullable field', () => {
    const plan = planAccess(parse('{ person(id: "p9") { name ssn } }'), undefined, schema, rules, jose);
    const { data } = applyDenials({ person: { name: 'Ann' } }, plan.denied);
    expect(data).to.deep.equal({ person: null });
  });

  it('applies a denial inside a type condition only to objects of that type', () => {
    const plan = planAccess(parse('{ person(id: "p2") { credentials { id ... on Cert { score } } } }'), undefined, schema, rules, jose);
    const { data, errors } = applyDenials({ person: { credentials: [{ id: 'c1', __tgTypename: 'Cert' }, { id: 'b1', __tgTypename: 'Badge' }] } }, plan.denied);
    expect({ data, paths: errors.map((e) => e.path) }).to.deep.equal({ data: { person: { credentials: [{ id: 'c1', score: null }, { id: 'b1' }] } }, paths: [['person', 'credentials', 0, 'score']] });
  });

  it('judges a named fragment at each place it is spread', () => {
    const plan = planAccess(parse('query { mine: person(id: "p1") { ...F } theirs: person(id: "p2") { ...F } } fragment F on Person { name email }'), undefined, schema, rules, jose);
    expect(plan.denied.map((d) => d.steps.map((s) => s.key).join('.'))).to.deep.equal(['theirs.email']);
    expect(print(plan.document)).to.equal(print(parse('{ mine: person(id: "p1") { ... on Person { name email } } theirs: person(id: "p2") { ... on Person { name } } }')));
  });

  it('asks anonymous callers to sign in (UNAUTHENTICATED) for @authenticated types and fields', () => {
    const plan = planAccess(parse('{ audit { entries } me { name } }'), undefined, schema, rules, anonymous);
    const { data, errors } = applyDenials({ __tgPlaceholder: 'Query' }, plan.denied);
    expect({ data, errors: errorsOf(errors) }).to.deep.equal({
      data: null,
      errors: [
        { path: ['audit'], code: 'UNAUTHENTICATED', message: 'Not allowed to read Query.audit: sign in to see it' },
        { path: ['me'], code: 'UNAUTHENTICATED', message: 'Not allowed to read Query.me: sign in to see it' },
      ],
    });
  });
});
