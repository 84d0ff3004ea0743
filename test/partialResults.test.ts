import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { expect } from 'chai';
import { parse, visit } from 'graphql';
import { createLogger, listen, SUBGRAPH_NAMES, type Listening, type SubgraphName } from '@talent-graph/platform';
import { databaseKinds, freePort } from '@talent-graph/platform/testing';
import { buildGateway, type BuiltGateway } from '@talent-graph/gateway';
import { operationCaller, postGraphQL, ROOT, SUPERGRAPH_SDL, type GraphQLResponse, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * A subgraph that is down, slow or failing costs the fields it owns, not the response: every
 * canonical query is run through a gateway whose route to one subgraph leads nowhere (a port
 * nobody listens on: a stopped process), and the answer is compared with the healthy one.
 *
 * What "costs only its fields" means here, checked for every leaf of the healthy answer: it is
 * either present with the same value, or it sits under a null whose path carries a
 * SUBGRAPH_UNAVAILABLE error naming the stopped subgraph (GraphQL nulls a non-null field's nearest
 * nullable ancestor, so a non-null field a partner contributes takes its parent with it). And no
 * error names another subgraph or leaks a URL or a system error.
 */
const OPERATIONS_DIR = `${ROOT}schema/operations`;
const queryOperations = readdirSync(OPERATIONS_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.replace(/\.graphql$/, ''))
  .filter((name) => /^\s*query\b/m.test(readFileSync(`${OPERATIONS_DIR}/${name}.graphql`, 'utf8').replace(/#.*$/gm, '')))
  .sort();

function operation(name: string): { query: string; variables: Record<string, unknown> } {
  const query = readFileSync(`${OPERATIONS_DIR}/${name}.graphql`, 'utf8');
  const file = `${OPERATIONS_DIR}/${name}.variables.json`;
  return { query, variables: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {} };
}

type Path = (string | number)[];

/** Every leaf (scalar or null) of a response with its path. */
function leaves(value: unknown, path: Path = [], out: { path: Path; value: unknown }[] = []): { path: Path; value: unknown }[] {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else out.push({ path, value });
  return out;
}

/** Where along `path` the partial answer stops: the path of the first null (or the leaf itself). */
function nulledAt(data: unknown, path: Path): { path: Path; value: unknown } {
  let node: unknown = data;
  for (let i = 0; i < path.length; i++) {
    if (node === null || node === undefined) return { path: path.slice(0, i), value: null };
    node = (node as Record<string | number, unknown>)[path[i]!];
  }
  return { path, value: node };
}

const startsWith = (path: Path | undefined, prefix: Path) => !!path && prefix.every((p, i) => path[i] === p);

/** Asserts the partial answer differs from the healthy one only where `subgraph` failed. */
function expectOnlyLost(healthy: GraphQLResponse, partial: GraphQLResponse, subgraph: string, query: string): { lost: number; kept: number } {
  const selected: string[] = [];
  visit(parse(query), { Field: (f) => void selected.push(f.alias?.value ?? f.name.value) });
  expect(partial.status).to.equal(200);
  for (const error of partial.errors ?? []) {
    expect(error.extensions, JSON.stringify(error)).to.include({ code: 'SUBGRAPH_UNAVAILABLE', subgraph });
    expect(error.message).to.match(new RegExp(`^The request ran out of time before the ${subgraph} subgraph|^The ${subgraph} subgraph `));
    expect(JSON.stringify(error)).not.to.match(/127\.0\.0\.1|localhost|http:|ECONN|fetch failed|socket/i);
    // Paths name only what the client selected: never a key or @requires input such as the
    // @inaccessible Shop.technicianIds the planner fetches for aseBlueSeal.
    for (const element of error.path ?? []) if (typeof element === 'string') expect(selected, `${JSON.stringify(error.path)} names a field the operation does not select`).to.include(element);
  }
  const paths = (partial.errors ?? []).map((e) => JSON.stringify([e.path, e.message]));
  expect(new Set(paths).size, 'no duplicate errors').to.equal(paths.length);
  let lost = 0;
  let kept = 0;
  for (const leaf of leaves(healthy.data)) {
    const found = nulledAt(partial.data, leaf.path);
    if (found.path.length === leaf.path.length && JSON.stringify(found.value) === JSON.stringify(leaf.value)) {
      kept++;
      continue;
    }
    lost++;
    expect(found.value, `${leaf.path.join('.')} must be the healthy value or null`).to.equal(null);
    const explained = (partial.errors ?? []).some((e) => startsWith(e.path, found.path));
    expect(explained, `${leaf.path.join('.')} is null at ${found.path.join('.')} without a SUBGRAPH_UNAVAILABLE error there`).to.equal(true);
  }
  return { lost, kept };
}

/** A "subgraph" that accepts connections and never answers: the slow case. */
async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A "subgraph" that answers every request with a 500 and an HTML page: the failing case. */
async function failing(): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createHttpServer((_req, res) => {
    hits++;
    res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>upstream exploded at /var/app/db.js:42</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/graphql`, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

for (const kind of databaseKinds()) {
  describe(`partial results when a subgraph is down, slow or failing [${kind}]`, function () {
    this.timeout(120_000);
    let stack: Stack;
    const healthy = new Map<string, GraphQLResponse>();
    const running: { gateway: BuiltGateway; front: Listening }[] = [];

    async function gatewayWithout(name: SubgraphName, url: string, calls?: Parameters<typeof buildGateway>[0]['subgraphCalls']): Promise<string> {
      const gateway = await buildGateway({
        supergraphSdl: SUPERGRAPH_SDL,
        subgraphUrls: { ...stack.subgraphUrls, [name]: url },
        devIdentityHeaders: true,
        logger: createLogger('gateway', 'silent'),
        subgraphSigningSecret: stack.signingSecret,
        subgraphCalls: calls,
      });
      const front = await listen(gateway.handler, 0);
      running.push({ gateway, front });
      return front.url;
    }

    before(async function () {
      this.timeout(180_000);
      stack = await sharedStack(kind);
      for (const name of queryOperations) {
        const { query, variables } = operation(name);
        // As the caller its comment names (the analyst's export), else anonymously.
        const res = await stack.query(query, variables, operationCaller(query));
        expect(res.errors, `${name}: ${JSON.stringify(res.errors)}`).to.equal(undefined);
        healthy.set(name, res);
      }
    });

    after(async () => {
      for (const { gateway, front } of running.splice(0)) {
        await front.close();
        await gateway.stop();
      }
    });

    for (const subgraph of SUBGRAPH_NAMES) {
      it(`with ${subgraph} stopped, every canonical query keeps what the other four own`, async () => {
        const url = await gatewayWithout(subgraph, `http://127.0.0.1:${await freePort()}/graphql`);
        let touched = 0;
        for (const name of queryOperations) {
          const { query, variables } = operation(name);
          const partial = await postGraphQL(url, query, variables, operationCaller(query));
          const { lost } = expectOnlyLost(healthy.get(name)!, partial, subgraph, query);
          if (lost > 0) touched++;
          expect((partial.errors ?? []).length > 0, `${name}: errors exactly when something was lost`).to.equal(lost > 0);
        }
        // The dashboard touches all five: it always loses something, and says where.
        const dashboard = await postGraphQL(url, operation('stateDashboard').query, operation('stateDashboard').variables);
        expect(dashboard.errors?.length ?? 0).to.be.greaterThan(0);
        expect(touched).to.be.greaterThan(0);
      });
    }

    it('a slow subgraph costs its fields after the per-call deadline, not the response', async () => {
      const hole = await blackHole();
      try {
        const url = await gatewayWithout('wrenchway', hole.url, { callTimeoutMs: 2_000, requestTimeoutMs: 6_000, retry: { retries: 0, baseDelayMs: 10, maxDelayMs: 10 }, breaker: { failureThreshold: 100, coolDownMs: 1_000 }, batchEntityFetches: true, deduplicateFetches: true });
        const { query, variables } = operation('stateDashboard');
        const started = Date.now();
        const partial = await postGraphQL(url, query, variables);
        const took = Date.now() - started;
        expectOnlyLost(healthy.get('stateDashboard')!, partial, 'wrenchway', query);
        expect(partial.errors!.map((e) => e.extensions!.reason)).to.satisfy((r: unknown[]) => r.length > 0 && r.every((x) => x === 'timeout'));
        // The healthy subgraphs get the same 2 s (generous: this machine is shared); the hanging one costs exactly that.
        expect(took).to.be.within(1_900, 6_000);
      } finally {
        await hole.close();
      }
    });

    it('a failing subgraph (HTTP 500 with an HTML page) costs its fields; nothing of its page reaches the client', async () => {
      const broken = await failing();
      try {
        const url = await gatewayWithout('ase', broken.url);
        const { query, variables } = operation('stateDashboard');
        const partial = await postGraphQL(url, query, variables);
        expectOnlyLost(healthy.get('stateDashboard')!, partial, 'ase', query);
        expect(JSON.stringify(partial.errors)).not.to.match(/exploded|db\.js|<h1>/);
        expect(partial.errors!.every((e) => e.extensions!.reason === 'http_error')).to.equal(true);
        // A 500 is not retried (it is not a transient gateway or proxy failure).
        expect(broken.hits()).to.be.greaterThan(0);
      } finally {
        await broken.close();
      }
    });
  });
}
