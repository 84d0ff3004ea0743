import { databaseKinds } from './databases.ts';
import { startPostgres, type PostgresServer } from './postgres.ts';

/**
 * Mocha global fixture (.mocharc.json `require`): one real PostgreSQL 15 for the whole run,
 * started before the first test and stopped after the last.
 */
let server: PostgresServer | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  if (!databaseKinds().includes('postgres')) return;
  server = await startPostgres();
  process.env.TEST_PG_BASE_URL = server.baseUrl;
  console.log(`PostgreSQL test server on port ${server.port} (${server.dir})`);
}

export async function mochaGlobalTeardown(): Promise<void> {
  server?.stop();
}
