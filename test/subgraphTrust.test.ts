import { expect } from 'chai';
import { CALLER_HEADER, SIGNATURE_HEADER, SUBGRAPH_NAMES, encodeCaller, signRequest } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { DEV_JWT_SECRET, mintToken } from '@talent-graph/gateway';
import { type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Nobody reaches a subgraph around the gateway: a subgraph answers 401, and nothing else, to a
 * request whose gateway signature is missing, forged, expired or replayed — `_entities` and
 * `_service` included. Callers authenticate to the gateway with a JWT.
 */
const made_up = encodeCaller({ sub: 'per-01811', roles: ['support'], scopes: [] });

async function direct(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: await res.json() };
}

const refusal = (message: string) => ({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } });

for (const kind of databaseKinds()) {
  describe(`subgraphs trust only the gateway [${kind}]`, function () {
    let stack: Stack;
    before(async function () {
      this.timeout(180_000);
      stack = await sharedStack(kind);
    });

    it('refuses a direct call with a made-up identity header on every subgraph, returning nothing', async () => {
      const body = JSON.stringify({ query: '{ __typename }' });
      for (const name of SUBGRAPH_NAMES) {
        expect(await direct(stack.subgraphUrls[name], body, { [CALLER_HEADER]: made_up }), name).to.deep.equal(refusal('missing gateway signature'));
      }
    });

    it('refuses direct _entities and _service calls', async () => {
      const entities = JSON.stringify({ query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { displayName contact { email } } } }', variables: { r: [{ __typename: 'Person', id: 'per-01811' }] } });
      const service = JSON.stringify({ query: '{ _service { sdl } }' });
      expect([await direct(stack.subgraphUrls.directory, entities, { [CALLER_HEADER]: made_up }), await direct(stack.subgraphUrls.ase, service, {})]).to.deep.equal([
        refusal('missing gateway signature'),
        refusal('missing gateway signature'),
      ]);
    });

    it('refuses a forged, an expired and a replayed signature, and accepts the real one once', async () => {
      const body = JSON.stringify({ query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { displayName } } }', variables: { r: [{ __typename: 'Person', id: 'per-01811' }] } });
      const url = stack.subgraphUrls.directory;
      const genuine = signRequest(stack.signingSecret, made_up, body);
      const results = [
        await direct(url, body, { [CALLER_HEADER]: made_up, [SIGNATURE_HEADER]: signRequest('f'.repeat(64), made_up, body) }),
        await direct(url, body, { [CALLER_HEADER]: made_up, [SIGNATURE_HEADER]: signRequest(stack.signingSecret, made_up, body, Date.now() - 5 * 60_000) }),
        await direct(url, body, { [CALLER_HEADER]: made_up, [SIGNATURE_HEADER]: genuine }),
        await direct(url, body, { [CALLER_HEADER]: made_up, [SIGNATURE_HEADER]: genuine }),
      ];
      expect(results).to.deep.equal([
        refusal('gateway signature does not match'),
        refusal('gateway signature has expired'),
        { status: 200, body: { data: { _entities: [{ displayName: 'Jose R.' }] } } },
        refusal('gateway signature was already used (replay)'),
      ]);
    });

    it('refuses a signature lifted onto another identity or another body', async () => {
      const body = JSON.stringify({ query: '{ __typename }' });
      const signature = signRequest(stack.signingSecret, encodeCaller({ sub: null, roles: [], scopes: [] }), body);
      expect([
        await direct(stack.subgraphUrls.cref, body, { [CALLER_HEADER]: made_up, [SIGNATURE_HEADER]: signature }),
        await direct(stack.subgraphUrls.cref, JSON.stringify({ query: '{ crefDonors { name } }' }), { [CALLER_HEADER]: encodeCaller({ sub: null, roles: [], scopes: [] }), [SIGNATURE_HEADER]: signature }),
      ]).to.deep.equal([refusal('gateway signature does not match'), refusal('gateway signature does not match')]);
    });

    it('answers a bad JWT at the gateway with HTTP 401 UNAUTHENTICATED saying what is wrong', async () => {
      const expired = await mintToken({ sub: 'per-01811', roles: ['student'], ttlSeconds: 1 }, { secret: DEV_JWT_SECRET, issuer: 'talent-graph', audience: 'talent-graph-api' }, new Date(Date.now() - 3_600_000));
      const res = await stack.query('{ me { displayName } }', {}, { authorization: `Bearer ${expired}` });
      expect({ status: res.status, errors: res.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })), data: res.data }).to.deep.equal({
        status: 401,
        errors: [{ message: 'token has expired', code: 'UNAUTHENTICATED' }],
        data: undefined,
      });
    });

    it('passes a verified JWT caller through to the subgraphs', async () => {
      const token = await mintToken({ sub: 'per-01811', roles: ['student'], ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'talent-graph', audience: 'talent-graph-api' });
      const res = await stack.query('{ me { id displayName contact { email } } }', {}, { authorization: `Bearer ${token}` });
      expect({ status: res.status, data: res.data, errors: res.errors }).to.deep.equal({
        status: 200,
        data: { me: { id: 'per-01811', displayName: 'Jose R.', contact: { email: 'jose.ramirez.1811@example.com' } } },
        errors: undefined,
      });
    });
  });
}
