import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { buildManifest, createHttpHandler, createLogger, documentHash, listen, serializeManifest, type Listening } from '@talent-graph/platform';
import { buildGateway, type GatewayOptions } from '../src/server.ts';
import { documentIdAsPersistedQuery, loadManifest, type TrustedDocumentsOptions } from '../src/plugins/trustedDocuments.ts';
import { usesIntrospection } from '../src/plugins/introspection.ts';
import { parseTrustedDocumentsMode } from '../src/config.ts';

/**
 * Trusted documents and per-caller introspection, through a real gateway (buildGateway, over
 * HTTP) in front of a tiny two-subgraph supergraph whose subgraphs count the calls they get.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const books = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! title: String! }
  type Query { books: [Book!]! }
`);
const reviews = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Book @key(fields: "isbn") { isbn: ID! stars: Int! }
`);

/** The one persisted operation of this graph, as it would sit in schema/operations/books.graphql. */
const BOOKS = '# Every book with its rating.\nquery Books {\n  books { isbn title stars }\n}\n';
const BOOKS_ID = documentHash(BOOKS);
const MANIFEST = buildManifest({ 'books.graphql': BOOKS });
const ALL_BOOKS = { books: [{ isbn: '978-0', title: 'Auto Body Repair Technology', stars: 5 }] };
const AD_HOC = '{ books { title } }';

const STUDENT = { 'x-dev-user': 'per-00001', 'x-dev-roles': 'student' };
const ANALYST = { 'x-dev-user': 'per-00002', 'x-dev-roles': 'analyst' };
const PARTNER_ADMIN = { 'x-dev-user': 'per-00003', 'x-dev-roles': 'partner_admin', 'x-dev-partner': 'ase' };

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted whole
  body: any;
}

let subgraphCalls = 0;

async function serveSubgraph(typeDefs: ReturnType<typeof parse>, resolvers: Record<string, unknown>): Promise<Listening> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test resolvers
  const apollo = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as any }]), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  const handler = createHttpHandler({ apollo, context: async () => ({}) });
  return listen((req, res) => {
    subgraphCalls += 1;
    void handler(req, res);
  }, 0);
}

describe('trusted documents', () => {
  let bookServer: Listening;
  let reviewServer: Listening;
  let supergraphSdl: string;
  const gateways: { url: string; close(): Promise<void> }[] = [];

  async function gatewayWith(options: Partial<GatewayOptions>): Promise<(body: unknown, headers?: Record<string, string>) => Promise<Reply>> {
    const built = await buildGateway({ supergraphSdl, devIdentityHeaders: true, logger: createLogger('gateway', 'silent'), ...options });
    const front = await listen(built.handler, 0);
    gateways.push({ url: front.url, close: async () => { await front.close(); await built.stop(); } });
    return async (body, headers = {}) => {
      const res = await fetch(front.url, { method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    };
  }
  const enforce: TrustedDocumentsOptions = { mode: 'enforce', manifest: MANIFEST };
  const audit: TrustedDocumentsOptions = { mode: 'audit', manifest: MANIFEST };
  const byHash = (sha256Hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
  const notTrusted = (query: string) => ({
    status: 403,
    body: { errors: [{ message: 'This gateway runs only persisted operations for your role: send one of the operations in schema/persisted-operations.json by its hash', extensions: { code: 'OPERATION_NOT_TRUSTED', documentId: documentHash(query) } }] },
  });

  before(async () => {
    bookServer = await serveSubgraph(books, { Query: { books: () => [{ isbn: '978-0', title: 'Auto Body Repair Technology' }] } });
    reviewServer = await serveSubgraph(reviews, { Book: { __resolveReference: (ref: { isbn: string }) => ({ ...ref, stars: 5 }) } });
    const composed = composeServices([
      { name: 'books', url: bookServer.url, typeDefs: books },
      { name: 'reviews', url: reviewServer.url, typeDefs: reviews },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
    supergraphSdl = composed.supergraphSdl;
  });

  after(async () => {
    for (const g of gateways) await g.close();
    await bookServer.close();
    await reviewServer.close();
  });

  describe('the committed manifest and configuration', () => {
    it('holds every canonical operation in schema/operations, each id the SHA-256 of its file', () => {
      const files = readdirSync(`${ROOT}schema/operations`).filter((f) => f.endsWith('.graphql')).sort();
      const manifest = loadManifest(`${ROOT}schema/persisted-operations.json`, false);
      const ids = manifest.operations.map((o) => o.id).sort();
      expect(ids).to.deep.equal(files.map((f) => documentHash(readFileSync(`${ROOT}schema/operations/${f}`, 'utf8'))).sort());
    });

    it('refuses a manifest whose id does not match its body, and a missing one unless optional', () => {
      const dir = mkdtempSync(join(tmpdir(), 'tg-manifest-'));
      const forged = { ...MANIFEST, operations: [{ ...MANIFEST.operations[0]!, body: '{ books { isbn title } }' }] };
      writeFileSync(join(dir, 'forged.json'), serializeManifest(forged));
      expect(() => loadManifest(join(dir, 'forged.json'), false)).to.throw(`${join(dir, 'forged.json')} operation Books: id is not the SHA-256 of its body`);
      expect(() => loadManifest(join(dir, 'missing.json'), false)).to.throw(`cannot read ${join(dir, 'missing.json')}`);
      expect(loadManifest(join(dir, 'missing.json'), true).operations).to.deep.equal([]);
    });

    it('enforces by default in production, audits by default in development, and names a bad value', () => {
      expect([parseTrustedDocumentsMode(undefined, true), parseTrustedDocumentsMode(undefined, false), parseTrustedDocumentsMode('off', true)]).to.deep.equal(['enforce', 'audit', 'off']);
      expect(() => parseTrustedDocumentsMode('allow', false)).to.throw('TRUSTED_DOCUMENTS must be one of off, audit, enforce, got "allow"');
    });

    it('turns a GraphQL-over-HTTP documentId into an APQ persistedQuery extension', () => {
      const post = documentIdAsPersistedQuery({ method: 'POST', headers: new Map() as never, search: '', body: { documentId: `sha256:${BOOKS_ID}`, variables: { a: 1 } } });
      const get = documentIdAsPersistedQuery({ method: 'GET', headers: new Map() as never, search: `?documentId=sha256:${BOOKS_ID}`, body: undefined });
      expect([post.body, new URLSearchParams(get.search).get('extensions')]).to.deep.equal([
        { variables: { a: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: BOOKS_ID } } },
        JSON.stringify({ persistedQuery: { version: 1, sha256Hash: BOOKS_ID } }),
      ]);
    });

    it('tells introspection from __typename', () => {
      expect([usesIntrospection(parse('{ __schema { types { name } } }')), usesIntrospection(parse('{ b: books { ...F } } fragment F on Book { __typename }')), usesIntrospection(parse('query { ...Q } fragment Q on Query { __type(name: "Book") { name } }'))]).to.deep.equal([true, false, true]);
    });
  });

  describe('enforce mode', () => {
    let send: Awaited<ReturnType<typeof gatewayWith>>;
    before(async () => {
      send = await gatewayWith({ trustedDocuments: enforce, production: true });
    });

    it('refuses an ad hoc document from an anonymous caller and from a student, calling no subgraph', async () => {
      subgraphCalls = 0;
      const replies = [await send({ query: AD_HOC }), await send({ query: AD_HOC }, STUDENT)];
      expect({ replies, subgraphCalls }).to.deep.equal({ replies: [notTrusted(AD_HOC), notTrusted(AD_HOC)], subgraphCalls: 0 });
    });

    it('refuses an invalid ad hoc document the same way, so validation errors cannot probe the schema', async () => {
      expect(await send({ query: '{ bookz { title } }' }, STUDENT)).to.deep.equal(notTrusted('{ bookz { title } }'));
    });

    it('runs an ad hoc document for an analyst and a partner admin', async () => {
      expect([await send({ query: AD_HOC }, ANALYST), await send({ query: AD_HOC }, PARTNER_ADMIN)]).to.deep.equal([
        { status: 200, body: { data: { books: [{ title: 'Auto Body Repair Technology' }] } } },
        { status: 200, body: { data: { books: [{ title: 'Auto Body Repair Technology' }] } } },
      ]);
    });

    it('runs a persisted operation sent by hash alone (APQ extension or documentId), and with its text', async () => {
      expect([await send(byHash(BOOKS_ID)), await send({ documentId: `sha256:${BOOKS_ID}` }, STUDENT), await send({ query: BOOKS }, STUDENT)]).to.deep.equal([
        { status: 200, body: { data: ALL_BOOKS } },
        { status: 200, body: { data: ALL_BOOKS } },
        { status: 200, body: { data: ALL_BOOKS } },
      ]);
    });

    it('does not let APQ smuggle a document in: one registered by an analyst is still refused to a student', async () => {
      const query = '{ books { isbn stars } }';
      const registered = await send({ query, ...byHash(documentHash(query)) }, ANALYST);
      const hashOnly = await send(byHash(documentHash(query)), STUDENT);
      const withText = await send({ query, ...byHash(documentHash(query)) }, STUDENT);
      expect([registered, hashOnly, withText]).to.deep.equal([{ status: 200, body: { data: { books: [{ isbn: '978-0', stars: 5 }] } } }, notTrusted(query), notTrusted(query)]);
    });

    it('does not register a refused document in the APQ cache', async () => {
      const query = '{ books { isbn } }';
      await send({ query, ...byHash(documentHash(query)) }, STUDENT);
      expect(await send(byHash(documentHash(query)), ANALYST)).to.deep.equal({ status: 200, body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } });
    });
  });

  describe('audit mode (the development default)', () => {
    let send: Awaited<ReturnType<typeof gatewayWith>>;
    before(async () => {
      send = await gatewayWith({ trustedDocuments: audit });
    });

    it('refuses a hash that is not the SHA-256 of the query sent with it, as a bad request', async () => {
      expect(await send({ query: AD_HOC, ...byHash(BOOKS_ID) })).to.deep.equal({ status: 400, body: { errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] } });
    });

    it('runs arbitrary documents for anybody', async () => {
      expect(await send({ query: AD_HOC })).to.deep.equal({ status: 200, body: { data: { books: [{ title: 'Auto Body Repair Technology' }] } } });
    });

    it('runs a manifest operation by hash on the first try', async () => {
      expect(await send(byHash(BOOKS_ID))).to.deep.equal({ status: 200, body: { data: ALL_BOOKS } });
    });

    it('does the APQ round trip for other documents: not found, register with the text, then by hash', async () => {
      const query = '{ books { stars } }';
      const first = await send(byHash(documentHash(query)), STUDENT);
      const register = await send({ query, ...byHash(documentHash(query)) }, STUDENT);
      const again = await send(byHash(documentHash(query)), STUDENT);
      expect([first, register, again]).to.deep.equal([
        { status: 200, body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } },
        { status: 200, body: { data: { books: [{ stars: 5 }] } } },
        { status: 200, body: { data: { books: [{ stars: 5 }] } } },
      ]);
    });
  });

  describe('introspection', () => {
    const INTROSPECT = '{ __schema { queryType { name } } }';
    const refused = { status: 403, body: { errors: [{ message: 'Introspection is off in production for your role', extensions: { code: 'INTROSPECTION_DISABLED' } }] } };
    const answered = { status: 200, body: { data: { __schema: { queryType: { name: 'Query' } } } } };

    it('is refused in production to a student and an anonymous caller, and answered for an analyst and a partner admin', async () => {
      const send = await gatewayWith({ production: true });
      expect([await send({ query: INTROSPECT }, STUDENT), await send({ query: INTROSPECT }), await send({ query: INTROSPECT }, ANALYST), await send({ query: INTROSPECT }, PARTNER_ADMIN)]).to.deep.equal([refused, refused, answered, answered]);
    });

    it('is answered for everybody in development', async () => {
      const send = await gatewayWith({ trustedDocuments: audit });
      expect(await send({ query: INTROSPECT }, STUDENT)).to.deep.equal(answered);
    });
  });
});
