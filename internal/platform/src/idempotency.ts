import { createHash } from 'node:crypto';
import { EntitySchema, Table, TableIndex, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from './database.ts';
import { conflict, type InputProblems } from './errors.ts';

/**
 * Idempotency keys for every mutation, with Stripe's semantics. A client sends an optional
 * `idempotencyKey` argument; the key is scoped to the caller and the mutation. The first request
 * with a key runs and its result is stored IN THE SAME TRANSACTION as its write, so either both
 * are committed or neither is. A retry with the same key and the same input gets the stored
 * result back without writing again; the same key with different input is a CONFLICT
 * (reason IDEMPOTENCY_KEY_REUSED). Only successful results are stored: a request that failed
 * wrote nothing, so its key stays unused and a retry runs again. Keys expire after
 * IDEMPOTENCY_KEY_TTL_HOURS. See docs/reliability.md.
 */

/** How long a key is remembered: a day covers any sane client retry loop (Stripe keeps 24 h too). */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
/** UUIDs, ULIDs and most client-made keys fit; no spaces or quotes that logs would mangle. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export interface IdempotencyKeyRow {
  /** The caller (JWT subject) the key belongs to: two callers never share a key. */
  scope: string;
  mutation: string;
  key: string;
  /** sha256 of the mutation's other arguments, canonical JSON: tells a retry from a reuse. */
  requestHash: string;
  /** The result as JSON; null only inside the transaction that is writing it. */
  result: string | null;
  createdAt: string;
  expiresAt: string;
}

/** The table, as TypeORM reads and writes it; every subgraph with mutations lists it among its entities. */
export const IdempotencyKeyEntity = new EntitySchema<IdempotencyKeyRow>({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  columns: {
    scope: { type: 'varchar', length: 64, primary: true },
    mutation: { type: 'varchar', length: 64, primary: true },
    key: { name: 'idempotency_key', type: 'varchar', length: 128, primary: true },
    requestHash: { name: 'request_hash', type: 'varchar', length: 64 },
    result: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'varchar', length: 30 },
    expiresAt: { name: 'expires_at', type: 'varchar', length: 30 },
  },
});

/**
 * The table as the migrations create it (QueryRunner Table API, so SQLite and PostgreSQL alike).
 * Each subgraph's migration calls this once; changing the table later needs a new migration, not
 * an edit here. The primary key (scope, mutation, key) is what makes concurrent requests with
 * one key write once: the second INSERT waits for the first transaction and then fails.
 */
export function idempotencyKeyTable(): Table {
  return new Table({
    name: 'idempotency_key',
    columns: [
      { name: 'scope', type: 'varchar', length: '64', isPrimary: true },
      { name: 'mutation', type: 'varchar', length: '64', isPrimary: true },
      { name: 'idempotency_key', type: 'varchar', length: '128', isPrimary: true },
      { name: 'request_hash', type: 'varchar', length: '64' },
      { name: 'result', type: 'text', isNullable: true },
      { name: 'created_at', type: 'varchar', length: '30' },
      { name: 'expires_at', type: 'varchar', length: '30' },
    ],
    indices: [new TableIndex({ name: 'idx_idempotency_key_expires', columnNames: ['expires_at'] })],
  });
}

/** Adds a BAD_USER_INPUT problem for a malformed key (absent or null is fine: keys are optional). */
export function checkIdempotencyKey(problems: InputProblems, key: unknown, field = 'idempotencyKey'): void {
  if (key === undefined || key === null) return;
  problems.check(typeof key === 'string' && IDEMPOTENCY_KEY_PATTERN.test(key), field, 'must be 8–128 characters: letters, digits and . _ : -');
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

export interface IdempotentCall {
  /** The client's key; undefined/null runs the work in a plain transaction. */
  key: string | null | undefined;
  /** The caller the key belongs to (caller.sub). */
  scope: string;
  mutation: string;
  /** The mutation's arguments other than the key, as the client sent them. */
  request: unknown;
  now: Date;
}

const lastPurge = new WeakMap<DataSource, number>();
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Deletes expired keys at most once an hour per data source, so the table stays a day's worth. */
async function purgeExpired(db: DataSource, at: string): Promise<void> {
  const now = Date.now();
  if (now - (lastPurge.get(db) ?? 0) < PURGE_EVERY_MS) return;
  lastPurge.set(db, now);
  await inTransaction(db, (manager) => manager.createQueryBuilder().delete().from(IdempotencyKeyEntity).where('expires_at <= :at', { at }).execute());
}

function replay<T>(row: IdempotencyKeyRow, requestHash: string, call: IdempotentCall): T {
  if (row.requestHash !== requestHash) {
    throw conflict(`Idempotency key ${call.key} was already used for a different ${call.mutation} request; use a new key for a new request`, { reason: 'IDEMPOTENCY_KEY_REUSED' });
  }
  return JSON.parse(row.result!) as T;
}

/** The row's key; a caller id longer than the column (never a person id) is stored as its digest. */
const keyOf = (call: IdempotentCall) => ({ scope: call.scope.length <= 64 ? call.scope : createHash('sha256').update(call.scope).digest('hex'), mutation: call.mutation, key: call.key! });

/**
 * The stored result for a keyed call, if any (CONFLICT if the key was used with other input).
 * For a mutation whose own checks would refuse its retry — an erasure removes the guardianship
 * that allowed it — so the retry is answered before those checks. The key is the caller's own:
 * it was authorised when the result was stored.
 */
export async function storedResult<T>(db: DataSource, call: IdempotentCall): Promise<T | undefined> {
  if (call.key === undefined || call.key === null) return undefined;
  const row = await inTransaction(db, (manager) => manager.findOneBy(IdempotencyKeyEntity, keyOf(call)));
  if (!row || row.result === null || row.expiresAt <= call.now.toISOString()) return undefined;
  return replay<T>(row, requestFingerprint(call.request), call);
}

/**
 * Runs a mutation's write transaction under its idempotency key. `work` must do ALL of the
 * mutation's writes through the manager it is given, and return a JSON-serialisable result (what
 * a retry gets back). Order inside the transaction: look the key up (replay or CONFLICT), claim
 * it with a row whose result is still null, do the work, store the result. A concurrent request
 * with the same key blocks on the claim (PostgreSQL: the primary key's index entry; SQLite: one
 * writer at a time) and, once the first commits, fails on the primary key; it then reads the
 * committed result and returns it. If the first fails instead, its claim is rolled back and the
 * second runs.
 */
export async function runIdempotent<T>(db: DataSource, call: IdempotentCall, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (call.key === undefined || call.key === null) return inTransaction(db, work);
  const at = call.now.toISOString();
  const requestHash = requestFingerprint(call.request);
  await purgeExpired(db, at);
  try {
    return await inTransaction(db, async (manager) => {
      const existing = await manager.findOneBy(IdempotencyKeyEntity, keyOf(call));
      if (existing && existing.expiresAt > at) return replay<T>(existing, requestHash, call);
      if (existing) await manager.delete(IdempotencyKeyEntity, keyOf(call));
      const expiresAt = new Date(call.now.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * 3600_000).toISOString();
      await manager.insert(IdempotencyKeyEntity, { ...keyOf(call), requestHash, result: null, createdAt: at, expiresAt });
      const result = await work(manager);
      await manager.update(IdempotencyKeyEntity, keyOf(call), { result: JSON.stringify(result) });
      return result;
    });
  } catch (error) {
    // Did a concurrent request with this key commit first? Then this one is its retry. Read in a
    // queued transaction: on SQLite a bare read could see another open transaction's claim.
    const winner = await inTransaction(db, (manager) => manager.findOneBy(IdempotencyKeyEntity, keyOf(call)));
    if (winner && winner.result !== null && winner.expiresAt > at) return replay<T>(winner, requestHash, call);
    throw error;
  }
}
