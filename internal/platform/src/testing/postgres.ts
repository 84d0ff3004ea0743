import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server for tests: `initdb` + `pg_ctl` into a temp dir on a free port.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user. Fails loudly
 * (never skips) when the binaries are missing.
 */
export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT — append /DBNAME. */
  baseUrl: string;
  port: number;
  dir: string;
  /** Stops the server for good and deletes its data directory. */
  stop(): void;
  /**
   * Stops the server the way a crash does (`pg_ctl stop -m immediate`: no checkpoint, every
   * connection cut) and keeps its data, so `start()` brings the same cluster back.
   */
  kill(): void;
  /** Starts the same cluster again on the same port (after kill()). */
  start(): void;
  running(): boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function findBinary(name: string): string {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const version of readdirSync(base).sort().reverse()) {
      const candidate = join(base, version, 'bin', name);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`PostgreSQL's ${name} was not found: install the server (apt-get install postgresql) — tests never skip PostgreSQL`);
}

export async function startPostgres(): Promise<PostgresServer> {
  const initdb = findBinary('initdb');
  const pgCtl = findBinary('pg_ctl');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tg-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args;
    execFileSync(asRoot ? 'runuser' : cmd, full, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run(initdb, ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const start = () => run(pgCtl, ['-D', dataDir, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`, 'start']);
  const running = () => existsSync(join(dataDir, 'postmaster.pid'));
  start();
  return {
    baseUrl: `postgres://postgres@127.0.0.1:${port}`,
    port,
    dir,
    stop: () => {
      try {
        if (running()) run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    kill: () => run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    start,
    running,
  };
}

/** Creates an empty database on the server and returns its URL. */
export async function createDatabase(baseUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return `${baseUrl}/${name}`;
}
