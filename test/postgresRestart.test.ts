import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import pg from 'pg';
import { CALLER_HEADER, SIGNATURE_HEADER, encodeCaller, signRequest } from '@talent-graph/platform';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { createDatabase, databaseKinds, freePort, startPostgres, type PostgresServer } from '@talent-graph/platform/testing';
import { migrateAll, seedAll, withDatabases } from '../scripts/dataOps.ts';
import { exited, isRunning, portVariable, serviceScript, spawnService, waitHealthy } from '../scripts/services.ts';

/**
 * PostgreSQL restarted under a running subgraph: the real cref process (its own index.ts) on a
 * PostgreSQL cluster of its own, which the test stops the way a crash does and starts again. While
 * it is down, requests answer SERVICE_UNAVAILABLE (no SQL, no stack) and the process stays up;
 * once it is back, the same process answers correctly without a restart. SIGTERM then closes the
 * pool: no connection of the subgraph is left on the server.
 */

const QUERY = '{ donationOffer(id: "cref-offer-00001") { id quantity } }';

if (databaseKinds().includes('postgres')) {
  describe('a subgraph survives a PostgreSQL restart', function () {
    this.timeout(180_000);
    let server: PostgresServer;
    let databaseUrl: string;
    let child: ChildProcess;
    let port: number;
    let output = '';
    const secret = randomBytes(32).toString('hex');

    /** A request as the gateway sends it: signed, anonymous caller. */
    async function ask(): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
      const body = JSON.stringify({ query: QUERY });
      const caller = encodeCaller({ sub: null, roles: [], scopes: [] });
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: caller, [SIGNATURE_HEADER]: signRequest(secret, caller, body) },
        body,
      });
      return { status: res.status, body: (await res.json()) as never };
    }

    async function subgraphConnections(): Promise<number> {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'talent-graph-cref'");
        return Number(rows[0]!.n);
      } finally {
        await client.end();
      }
    }

    before(async () => {
      server = await startPostgres();
      databaseUrl = await createDatabase(server.baseUrl, 'restart');
      await withDatabases((name) => ({ kind: 'postgres', url: databaseUrl, schema: name }), async (dbs) => {
        await migrateAll(dbs);
        await seedAll(dbs, 1);
      });
      port = await freePort();
      child = spawnService(serviceScript('cref'), { DATABASE_URL: databaseUrl, [portVariable('cref')]: String(port), SUBGRAPH_SIGNING_SECRET: secret, TALENT_GRAPH_TODAY: SEED_DATE, LOG_LEVEL: 'info' }, ['ignore', 'pipe', 'pipe']);
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      await waitHealthy('cref', port, { child, timeoutMs: 60_000 });
    });

    after(async () => {
      if (isRunning(child)) child.kill('SIGKILL');
      server?.stop();
    });

    it('answers, then SERVICE_UNAVAILABLE while PostgreSQL is down, then answers again from the same process', async () => {
      const expected = { data: { donationOffer: { id: 'cref-offer-00001', quantity: 10 } } };
      expect(await ask()).to.deep.equal({ status: 200, body: expected });
      const pid = child.pid;

      server.kill();
      const down = await ask();
      expect(down).to.deep.equal({
        status: 200,
        body: { data: { donationOffer: null }, errors: [{ message: 'The database is unavailable; try again shortly', path: ['donationOffer'], locations: [{ line: 1, column: 3 }], extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
      });
      // The process is alive and its liveness check still answers.
      expect(isRunning(child)).to.equal(true);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).to.equal(200);

      server.start();
      // The pool reconnects on the next query; give the server a moment to accept connections.
      let again = await ask();
      for (let i = 0; i < 50 && again.body.errors; i++) {
        await new Promise((r) => setTimeout(r, 200));
        again = await ask();
      }
      expect(again).to.deep.equal({ status: 200, body: expected });
      expect([isRunning(child), child.pid]).to.deep.equal([true, pid]);
      expect(output).to.contain('database connection lost; the pool reconnects on the next query');
      expect(output).to.not.match(/uncaught|unhandled/i);
    });

    it('on SIGTERM exits 0 and closes every pooled connection', async () => {
      expect(await subgraphConnections()).to.be.greaterThan(0);
      child.kill('SIGTERM');
      expect(await exited(child)).to.deep.equal({ code: 0, signal: null });
      expect(output).to.contain('database pool closed');
      expect(await subgraphConnections()).to.equal(0);
    });
  });
}
