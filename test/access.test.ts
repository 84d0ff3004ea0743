import { expect } from 'chai';
import { ApolloGateway } from '@apollo/gateway';
import { databaseKinds } from '@talent-graph/platform/testing';
import { DEV_JWT_SECRET, mintToken, type TokenRequest } from '@talent-graph/gateway';
import { SUPERGRAPH_SDL, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Access declared in the subgraphs' SDL (@authenticated, @policy) is enforced by our gateway
 * before any subgraph is called: a field the caller may not read is null with an error at its
 * path, and the rest of the response is served.
 */
const bearer = async (request: Omit<TokenRequest, 'ttlSeconds'>) => ({
  authorization: `Bearer ${await mintToken({ ...request, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'talent-graph', audience: 'talent-graph-api' })}`,
});

const PROFILE = `query($id: ID!) { person(id: $id) { displayName contact { email } jobApplications { job { id } } } }`;

describe('stock @apollo/gateway and our supergraph', () => {
  it('is refused by stock @apollo/gateway (it cannot enforce @policy), which is why we enforce it', async () => {
    const stock = new ApolloGateway({ supergraphSdl: SUPERGRAPH_SDL, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    let message = '';
    try {
      await stock.load();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(/feature https:\/\/specs\.apollo\.dev\/policy\/v0\.1 is for: SECURITY but is unsupported/);
  });
});

for (const kind of databaseKinds()) {
  describe(`declared access enforced at the gateway [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(180_000);
      stack = await sharedStack(kind);
    });

    it('serves an anonymous caller the public fields and null + FORBIDDEN for the private ones, calling no subgraph for them', async () => {
      let res!: Awaited<ReturnType<Stack['query']>>;
      const counts = await stack.countStatements(async () => (res = await stack.query(PROFILE, { id: 'per-01811' })));
      expect({ data: res.data, errors: res.errors?.map((e) => ({ path: e.path, code: e.extensions?.code })) }).to.deep.equal({
        data: { person: { displayName: 'Jose R.', contact: null, jobApplications: null } },
        errors: [
          { path: ['person', 'contact'], code: 'FORBIDDEN' },
          { path: ['person', 'jobApplications'], code: 'FORBIDDEN' },
        ],
      });
      expect(counts.wrenchway).to.equal(0);
    });

    it('shows the person their own private fields', async () => {
      const res = await stack.query(PROFILE, { id: 'per-01811' }, await bearer({ sub: 'per-01811', roles: ['student'] }));
      expect({ contact: res.data.person.contact, hasApplications: Array.isArray(res.data.person.jobApplications), errors: res.errors }).to.deep.equal({
        contact: { email: 'jose.ramirez.1811@example.com' },
        hasApplications: true,
        errors: undefined,
      });
    });

    it('refuses another signed-in person, naming who may see it', async () => {
      const res = await stack.query(PROFILE, { id: 'per-01811' }, await bearer({ sub: 'per-00002', roles: ['student'] }));
      expect(res.errors?.map((e) => e.message)).to.deep.equal([
        'Not allowed to read Person.contact: only self or guardianOf or support may see it',
        'Not allowed to read Person.jobApplications: only self or guardianOf or support or wrenchwayAdmin may see it',
      ]);
    });

    it('lets support staff read private fields', async () => {
      const res = await stack.query(PROFILE, { id: 'per-01811' }, await bearer({ sub: 'per-00005', roles: ['support'] }));
      expect({ contact: res.data.person.contact, errors: res.errors }).to.deep.equal({ contact: { email: 'jose.ramirez.1811@example.com' }, errors: undefined });
    });

    it('asks an anonymous caller of `me` to sign in, without calling the directory', async () => {
      let res!: Awaited<ReturnType<Stack['query']>>;
      const counts = await stack.countStatements(async () => (res = await stack.query('{ me { displayName } }')));
      expect({ data: res.data, errors: res.errors?.map((e) => ({ path: e.path, code: e.extensions?.code, message: e.message })), directory: counts.directory }).to.deep.equal({
        data: { me: null },
        errors: [{ path: ['me'], code: 'UNAUTHENTICATED', message: 'Not allowed to read Query.me: sign in to see it' }],
        directory: 0,
      });
    });
  });
}
