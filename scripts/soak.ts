/**
 * `npm run soak -- --minutes N [--seed S] [--concurrency C] [--max-requests R]`: the whole stack
 * on loopback — its own PostgreSQL and Redis, the five subgraphs and the gateway as real processes
 * on free ports — under mixed read and write load while subgraphs, Redis and PostgreSQL are
 * killed and restarted at random (seeded RNG, printed, so a run can be replayed). Writes carry
 * idempotency keys, and some are retried on purpose. Afterwards the invariants are checked in the
 * databases (scripts/soakInvariants.ts). Prints requests served, errors by code and the
 * invariant results; exits 1 when an invariant fails, 2 when the stack could not run.
 * Bounded: in time (--minutes, plus a watchdog) and in requests (--max-requests).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Rng, SUBGRAPH_NAMES, addDays, type SubgraphName } from '@talent-graph/platform';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { createDatabase, freePort, startPostgres, startRedis, type PostgresServer, type RedisServer } from '@talent-graph/platform/testing';
import { migrateAll, seedAll, withDatabases } from './dataOps.ts';
import { checkInvariants, type Acknowledged } from './soakInvariants.ts';
import { ROOT, exited, isRunning, portVariable, serviceScript, spawnService, stopService, waitHealthy } from './services.ts';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '6' },
    'max-requests': { type: 'string', default: '200000' },
  },
});
const minutes = Number(args.minutes);
const seed = args.seed !== undefined ? Number(args.seed) : Math.floor(Math.random() * 2 ** 31);
const concurrency = Number(args.concurrency);
const maxRequests = Number(args['max-requests']);
for (const [name, value, ok] of [
  ['--minutes', args.minutes, minutes > 0 && minutes <= 24 * 60],
  ['--seed', args.seed, Number.isInteger(seed) && seed >= 0],
  ['--concurrency', args.concurrency, Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64],
  ['--max-requests', args['max-requests'], Number.isInteger(maxRequests) && maxRequests >= 1],
] as const) {
  if (!ok) {
    console.error(`soak: ${name} is invalid (got "${value}"): minutes > 0 (fractions allowed), seed a whole number ≥ 0, concurrency 1–64, max-requests ≥ 1`);
    process.exit(2);
  }
}

const durationMs = minutes * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** Each write is tried at most this often with its key (the first try plus retries). */
const ATTEMPTS = 4;
const OPERATIONS_DIR = `${ROOT}schema/operations/`;
const READS = readdirSync(OPERATIONS_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.slice(0, -'.graphql'.length))
  .filter((name) => !readFileSync(`${OPERATIONS_DIR}${name}.graphql`, 'utf8').includes('mutation '))
  .sort();
const doc = (name: string) => readFileSync(`${OPERATIONS_DIR}${name}.graphql`, 'utf8');
const variablesOf = (name: string): Record<string, unknown> => {
  try {
    return JSON.parse(readFileSync(`${OPERATIONS_DIR}${name}.variables.json`, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};

const rng = new Rng(seed);
const chaosRng = new Rng(seed ^ 0x5eed);
const workDir = mkdtempSync(join(tmpdir(), 'tg-soak-'));
const started = Date.now();
const t = () => `t+${((Date.now() - started) / 1000).toFixed(1)}s`;

// ---------------------------------------------------------------------------------------------
// The stack

let postgres: PostgresServer | undefined;
let redis: RedisServer | undefined;
const services = new Map<SubgraphName | 'gateway', { port: number; env: Record<string, string>; child?: ChildProcess }>();

function launch(name: SubgraphName | 'gateway'): ChildProcess {
  const service = services.get(name)!;
  const log = openSync(join(workDir, `${name}.log`), 'a');
  service.child = spawnService(serviceScript(name), service.env, ['ignore', log, log]);
  return service.child;
}

async function stopEverything(): Promise<void> {
  await Promise.all([...services.values()].map((s) => (s.child ? stopService(s.child, 5_000) : undefined)));
  await redis?.stop();
  postgres?.stop();
}

// A watchdog: whatever happens, the soak ends.
const watchdog = setTimeout(() => {
  console.error(`soak: still running ${((durationMs + 180_000) / 1000).toFixed(0)} s after start; stopping.`);
  void stopEverything().finally(() => process.exit(2));
}, durationMs + 180_000);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopEverything().finally(() => process.exit(2)));

// ---------------------------------------------------------------------------------------------
// Load

type Headers = Record<string, string>;
const caller = (user: string, roles: string, extra: Headers = {}): Headers => ({ 'x-dev-user': user, 'x-dev-roles': roles, ...extra });
const CREF_ADMIN = caller('per-soak-cref', 'partner_admin', { 'x-dev-partner': 'cref' });
const READER = caller('per-01811', 'student');

const stats = { requests: 0, reads: 0, writes: 0, retries: 0, ok: 0, errors: new Map<string, number>(), examples: new Map<string, string>() };
const ack: Acknowledged = { claims: [], applications: [], hourLogs: [], consentEvents: [], retriedAnswers: new Map() };
const countError = (code: string) => stats.errors.set(code, (stats.errors.get(code) ?? 0) + 1);

interface Answer {
  data?: Record<string, unknown> | null;
  codes: string[];
}

async function post(query: string, variables: Record<string, unknown>, headers: Headers): Promise<Answer> {
  stats.requests += 1;
  const port = services.get('gateway')!.port;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let body: { data?: Record<string, unknown> | null; errors?: { message?: string; path?: unknown[]; extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = { errors: [{ extensions: { code: `HTTP_${res.status}` } }] };
    }
    const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? `HTTP_${res.status}`);
    if (codes.length === 0) stats.ok += 1;
    for (const code of new Set(codes)) countError(code);
    // The first error of each code, to show in the summary what it looked like.
    for (const e of body.errors ?? []) {
      const code = e.extensions?.code ?? `HTTP_${res.status}`;
      if (!stats.examples.has(code)) stats.examples.set(code, `${/(query|mutation) (\w+)/.exec(query)?.[2] ?? 'query'} ${JSON.stringify(e.path ?? [])}: ${e.message ?? ''}`.slice(0, 160));
    }
    return { data: body.data, codes };
  } catch (error) {
    const code = (error as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK_ERROR';
    countError(code);
    return { codes: [code] };
  }
}

/**
 * One write with its own idempotency key: retried with the same key while it fails for a reason
 * a retry can fix (the gateway or a store unavailable), and on purpose once in a while after it
 * succeeded. Returns the first answer with data, if any.
 */
async function write(field: string, query: string, variables: Record<string, unknown>, headers: Headers): Promise<Record<string, unknown> | undefined> {
  stats.writes += 1;
  const key = `soak-${randomUUID()}`;
  const answers: string[] = [];
  let first: Record<string, unknown> | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) stats.retries += 1;
    const answer = await post(query, { ...variables, idempotencyKey: key }, headers);
    const value = answer.data?.[field] as Record<string, unknown> | undefined;
    if (value) {
      // Only whole answers are compared: a field another subgraph adds (the school's name) is
      // read afresh on a retry and may be null with SUBGRAPH_UNAVAILABLE while that one is down.
      if (answer.codes.length === 0) answers.push(JSON.stringify(value));
      first ??= value;
      // A deliberate retry of a success: it must answer the same and write nothing.
      if (attempt === 1 && rng.chance(0.25)) continue;
      break;
    }
    // CONFLICT, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT are answers, not outages: no retry.
    const retryable = answer.codes.some((c) => ['SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'NETWORK_ERROR', 'CLIENT_TIMEOUT', 'RATE_LIMITED', 'RATE_LIMITER_UNAVAILABLE'].includes(c) || c.startsWith('HTTP_5'));
    if (!retryable || first) break;
    await sleep(rng.int(200, 1200));
  }
  if (answers.length > 1) ack.retriedAnswers.set(key, answers);
  return first && { ...first, key };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fixtures {
  offers: string[];
  schools: string[];
  jobs: string[];
  adults: string[];
  apprenticeships: { id: string; apprenticeId: string; startedOn: string }[];
}

async function loadFixtures(databaseUrl: string): Promise<{ fixtures: Fixtures; consentEvents: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const col = async (sql: string) => (await client.query(sql)).rows.map((r: { id: string }) => r.id);
    const adultBorn = addDays(SEED_DATE, -19 * 366);
    const fixtures: Fixtures = {
      offers: await col('SELECT id FROM cref.donation_offer WHERE splittable AND quantity - quantity_claimed > 0 ORDER BY id LIMIT 40'),
      schools: await col('SELECT id FROM cref.school_ref ORDER BY id LIMIT 30'),
      jobs: await col("SELECT id FROM wrenchway.job_post WHERE status = 'OPEN' ORDER BY id LIMIT 60"),
      adults: await col(`SELECT id FROM directory.person WHERE birth_date <= '${adultBorn}' ORDER BY id LIMIT 120`),
      apprenticeships: (await client.query('SELECT id, apprentice_id AS "apprenticeId", started_on AS "startedOn" FROM icar.apprenticeship ORDER BY id LIMIT 60')).rows as Fixtures['apprenticeships'],
    };
    const consentEvents = Number((await client.query('SELECT count(*) AS n FROM directory.consent_event')).rows[0].n);
    return { fixtures, consentEvents };
  } finally {
    await client.end();
  }
}

async function oneStep(f: Fixtures): Promise<void> {
  const roll = rng.next();
  if (roll < 0.5) {
    stats.reads += 1;
    const name = rng.pick(READS);
    await post(doc(name), variablesOf(name), READER);
    return;
  }
  if (roll < 0.65) {
    const claim = await write('claimDonation', doc('claimDonation'), { input: { offerId: rng.pick(f.offers), schoolId: rng.pick(f.schools), quantity: rng.int(1, 3) } }, CREF_ADMIN);
    if (claim) ack.claims.push({ id: claim.id as string, key: claim.key as string });
    return;
  }
  if (roll < 0.78) {
    const person = rng.pick(f.adults);
    const app = await write('applyToJob', doc('applyToJob'), { input: { jobId: rng.pick(f.jobs), personId: person, note: 'soak' } }, caller(person, 'student'));
    if (app) ack.applications.push({ id: app.id as string, key: app.key as string });
    return;
  }
  if (roll < 0.9) {
    const a = rng.pick(f.apprenticeships);
    const earliest = a.startedOn > addDays(SEED_DATE, -120) ? a.startedOn : addDays(SEED_DATE, -120);
    const span = Math.max(0, Math.round((Date.parse(SEED_DATE) - Date.parse(earliest)) / 86_400_000));
    const workedOn = addDays(earliest, rng.int(0, span));
    const log = await write('logApprenticeshipHours', doc('logApprenticeshipHours'), { input: { apprenticeshipId: a.id, workedOn, hours: rng.int(4, 10), activity: 'Soak test shift' } }, caller(a.apprenticeId, 'student'));
    if (log) ack.hourLogs.push({ id: log.id as string, key: log.key as string });
    return;
  }
  const person = rng.pick(f.adults);
  const grant = rng.chance(0.5);
  const purpose = rng.pick(['RESEARCH', 'MARKETING', 'PUBLIC_PROFILE']);
  const field = grant ? 'grantConsent' : 'withdrawConsent';
  const change = await write(field, doc(field), { input: { personId: person, purpose } }, caller(person, 'student'));
  const event = change?.event as { id: string } | undefined;
  if (change && change.changed === true && event) ack.consentEvents.push({ id: event.id, personId: person, purpose, action: grant ? 'GRANTED' : 'WITHDRAWN', key: change.key as string });
}

// ---------------------------------------------------------------------------------------------
// Chaos: every few seconds one target is killed the hard way and brought back a moment later.

type Target = SubgraphName | 'redis' | 'postgres';
const chaosLog: string[] = [];

/** Restarts a target; a subgraph is only spawned (it takes seconds to load), `waitHealthy` waits. */
async function bringBack(target: Target): Promise<void> {
  if (target === 'redis') return redis!.start();
  if (target === 'postgres') return postgres!.start();
  launch(target);
}

async function chaos(until: number): Promise<void> {
  // Every kind of failure at least once, then at random.
  const first: Target[] = [chaosRng.pick(SUBGRAPH_NAMES), 'redis', 'postgres'];
  const every = Math.max(2_000, Math.min(15_000, durationMs / 10));
  for (let i = 0; Date.now() + every < until; i++) {
    await sleep(every * (0.6 + chaosRng.next() * 0.8));
    if (Date.now() >= until) break;
    const target: Target = first[i] ?? chaosRng.pick<Target>([...SUBGRAPH_NAMES, 'redis', 'postgres']);
    const downMs = chaosRng.int(500, 3_000);
    const line = `${t()} kill ${target === 'postgres' ? 'postgres (pg_ctl stop -m immediate)' : `-9 ${target}`}, back after ${(downMs / 1000).toFixed(1)} s`;
    chaosLog.push(line);
    console.log(`  chaos ${line}`);
    if (target === 'redis') await redis!.stop();
    else if (target === 'postgres') postgres!.kill();
    else {
      const child = services.get(target)!.child!;
      child.kill('SIGKILL');
      await exited(child);
    }
    // Chaos does not wait for a restarted subgraph to be healthy: the next kill may hit it still loading.
    await sleep(downMs);
    await bringBack(target);
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  console.log(`soak: seed ${seed}, ${minutes} min, concurrency ${concurrency}, at most ${maxRequests} requests; loopback only; logs in ${workDir}`);
  postgres = await startPostgres();
  redis = await startRedis();
  const databaseUrl = await createDatabase(postgres.baseUrl, 'soak');
  await withDatabases((name) => ({ kind: 'postgres', url: databaseUrl, schema: name }), async (dbs) => {
    await migrateAll(dbs);
    await seedAll(dbs, 1);
  });
  const { fixtures, consentEvents } = await loadFixtures(databaseUrl);

  const secret = randomBytes(32).toString('hex');
  const common = { SUBGRAPH_SIGNING_SECRET: secret, TALENT_GRAPH_TODAY: SEED_DATE, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  for (const name of SUBGRAPH_NAMES) {
    const port = await freePort();
    services.set(name, { port, env: { ...common, DATABASE_URL: databaseUrl, [portVariable(name)]: String(port) } });
  }
  const gatewayPort = await freePort();
  services.set('gateway', {
    port: gatewayPort,
    env: {
      ...common,
      [portVariable('gateway')]: String(gatewayPort),
      SUPERGRAPH_PATH: `${ROOT}schema/supergraph.graphql`,
      REDIS_URL: redis.url,
      // The load comes from one address and a handful of users: limits high enough not to be the bottleneck, still on.
      RATE_LIMIT_IP: '2000/s,burst=4000',
      RATE_LIMIT_USER: '1000/s,burst=2000',
      DEV_IDENTITY_HEADERS: 'on',
      ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`SUBGRAPH_URL_${n.toUpperCase()}`, `http://127.0.0.1:${services.get(n)!.port}/graphql`])),
    },
  });
  for (const name of SUBGRAPH_NAMES) launch(name);
  await Promise.all(SUBGRAPH_NAMES.map((n) => waitHealthy(n, services.get(n)!.port, { child: services.get(n)!.child, timeoutMs: 90_000 })));
  launch('gateway');
  await waitHealthy('gateway', gatewayPort, { child: services.get('gateway')!.child, timeoutMs: 90_000 });
  console.log(`stack: postgres :${postgres.port}, redis :${redis.port}, gateway :${gatewayPort}, ${SUBGRAPH_NAMES.map((n) => `${n} :${services.get(n)!.port}`).join(', ')}`);

  const loadStarted = Date.now();
  const until = loadStarted + durationMs;
  const workers = Array.from({ length: concurrency }, async () => {
    while (Date.now() < until && stats.requests < maxRequests) await oneStep(fixtures);
  });
  await Promise.all([chaos(until), ...workers]);
  const loadSeconds = (Date.now() - loadStarted) / 1000;

  // Everything back up before checking (a target may have been down at the end).
  if (!postgres.running()) postgres.start();
  if (!redis.running()) await redis.start();
  for (const name of SUBGRAPH_NAMES) if (!isRunning(services.get(name)!.child)) await bringBack(name);
  await Promise.all(SUBGRAPH_NAMES.map((n) => waitHealthy(n, services.get(n)!.port, { child: services.get(n)!.child, timeoutMs: 90_000 })));

  const results = await checkInvariants(databaseUrl, ack, { consentEvents });
  const errors = [...stats.errors.entries()].sort((a, b) => b[1] - a[1]);
  console.log(`
requests served: ${stats.requests} in ${loadSeconds.toFixed(1)} s (${(stats.requests / loadSeconds).toFixed(0)}/s): ${stats.reads} reads, ${stats.writes} keyed writes, ${stats.retries} retries with the same key
answered without error: ${stats.ok}
errors by code: ${errors.length ? errors.map(([c, n]) => `${c} ${n}`).join(', ') : 'none'}
${[...stats.examples.entries()].map(([c, e]) => `  first ${c}: ${e}`).join('\n')}
acknowledged writes: ${ack.claims.length} claims, ${ack.applications.length} applications, ${ack.hourLogs.length} hour logs, ${ack.consentEvents.length} consent changes
chaos (seed ${seed}): ${chaosLog.length} kills
invariants:
${results.map((r) => `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} — ${r.detail}`).join('\n')}
result: ${results.every((r) => r.ok) ? 'all invariants hold' : 'INVARIANT FAILED'}`);
  return results.every((r) => r.ok) ? 0 : 1;
}

let code = 2;
try {
  code = await main();
} catch (error) {
  console.error(`soak: could not run: ${(error as Error).stack ?? error}`);
} finally {
  await stopEverything();
}
process.exit(code);
