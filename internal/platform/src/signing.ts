import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from './logging.ts';
import { nodeRedis } from './redisModule.ts';

/**
 * Gateway-to-subgraph trust. The gateway signs every subgraph request — `_entities` and
 * `_service` included — with an HMAC over the caller identity header, the body's digest, a
 * timestamp and a nonce, under a secret only the gateway and the subgraphs share
 * (SUBGRAPH_SIGNING_SECRET). A subgraph answers 401 to a request whose signature is missing,
 * forged, older than the allowed skew, or replayed, so nobody reaches a subgraph around the
 * gateway with someone else's identity.
 *
 *   x-talent-graph-signature: t=<unix ms>,n=<nonce>,s=<hex HMAC-SHA256>
 *   signed text: `${t}.${n}.${callerHeader}.${sha256hex(body)}`
 */
export const SIGNATURE_HEADER = 'x-talent-graph-signature';
export const MIN_SECRET_LENGTH = 32;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

export function signRequest(secret: string, callerHeader: string, body: string, now = Date.now(), nonce: string = randomUUID()): string {
  return `t=${now},n=${nonce},s=${hmac(secret, `${now}.${nonce}.${callerHeader}.${sha256(body)}`)}`;
}

export interface SignatureCheck {
  ok: boolean;
  /** Why it was refused (for the 401 body and the log). */
  reason?: string;
}

/**
 * Where the nonces of accepted signatures are remembered, so each signature is accepted once.
 * `claim` records a nonce until `until` (epoch ms) and answers false when it was already there.
 */
export interface NonceStore {
  claim(nonce: string, until: number, now: number): Promise<boolean>;
  close?(): Promise<void>;
}

/**
 * This process's nonces: enough for one process of a subgraph.
 *
 * Kept in a Map, which iterates in insertion order. A nonce's `until` is its signature's time plus
 * twice the allowed skew, and that time is within the skew of when it arrives, so the nonces that
 * have expired are the front of the map, give or take the skew. Pruning deletes from the front
 * and stops at the first nonce still live: each nonce is visited once, when it is dropped. (A scan
 * of the whole map once a second — 360,000 nonces at 3,000 calls/s, two minutes' worth — held
 * the event loop 20–30 ms each time, a stall every request in flight waited out.) A nonce behind
 * one that arrived with a later `until` is dropped when that one is: kept up to twice the skew
 * longer, which only refuses what the verifier refuses anyway as expired.
 */
export class MemoryNonceStore implements NonceStore {
  /** Nonces seen, with the time after which they can no longer be replayed anyway. */
  private readonly seen = new Map<string, number>();

  async claim(nonce: string, until: number, now: number): Promise<boolean> {
    return this.claimNow(nonce, until, now);
  }

  /** The same, synchronously (RedisNonceStore checks here first). */
  claimNow(nonce: string, until: number, now: number): boolean {
    this.prune(now);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, until);
    return true;
  }

  /** Nonces remembered now (tests and diagnostics). */
  get size(): number {
    return this.seen.size;
  }

  /** Forgets the expired nonces at the front of the map (see the class comment). */
  private prune(now: number): void {
    for (const [nonce, until] of this.seen) {
      if (until >= now) return;
      this.seen.delete(nonce);
    }
  }
}

export const NONCE_KEY_PREFIX = 'tg:nonce:';
/** How long a Redis command may take before the verifier falls back to this process's nonces. */
export const NONCE_REDIS_TIMEOUT_MS = 250;

/** The one Redis command the nonce store sends; node-redis's client has it. */
export interface NonceRedis {
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * Nonces shared by every process of every subgraph on one Redis: `SET tg:nonce:<n> 1 NX PX ttl`
 * is atomic, so of two processes handed the same signature exactly one accepts it. The key
 * expires when the signature could no longer be accepted by any process (see SignatureVerifier),
 * so Redis holds at most a couple of minutes of nonces.
 *
 * Every nonce is also kept in this process's memory, checked first: a replay to the same process
 * is refused without a round trip, and while Redis is unreachable (a command failing or taking
 * over 250 ms) the verifier goes on with that memory alone — replays to the same process are still
 * refused, a replay to another process is not, and the change of state is logged once.
 */
export class RedisNonceStore implements NonceStore {
  private readonly local = new MemoryNonceStore();
  private state: 'unknown' | 'up' | 'down' = 'unknown';

  constructor(
    private readonly client: NonceRedis,
    private readonly onStateChange: (up: boolean, error?: unknown) => void = () => {},
    private readonly closeClient: () => Promise<void> = async () => {},
    /** Settles once the first connection attempt has (tests wait on it; requests never do). */
    readonly connected: Promise<void> = Promise.resolve(),
  ) {}

  async claim(nonce: string, until: number, now: number): Promise<boolean> {
    if (!this.local.claimNow(nonce, until, now)) return false;
    const ttl = Math.max(1, until - now);
    try {
      const reply = await this.client.sendCommand(['SET', `${NONCE_KEY_PREFIX}${nonce}`, '1', 'NX', 'PX', String(ttl)]);
      this.note(true);
      return reply !== null;
    } catch (error) {
      this.note(false, error);
      return true;
    }
  }

  async close(): Promise<void> {
    await this.closeClient();
  }

  private note(up: boolean, error?: unknown): void {
    const state = up ? 'up' : 'down';
    if (state === this.state) return;
    this.state = state;
    this.onStateChange(up, error);
  }
}

export class SignatureVerifier {
  constructor(
    private readonly secret: string,
    /** Largest accepted difference between the signer's clock and ours. */
    private readonly maxSkewMs = 60_000,
    private readonly clock: () => number = Date.now,
    private readonly nonces: NonceStore = new MemoryNonceStore(),
  ) {}

  async verify(header: string | undefined, callerHeader: string, body: string): Promise<SignatureCheck> {
    if (!header) return { ok: false, reason: 'missing gateway signature' };
    const parts = Object.fromEntries(header.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    const t = Number(parts.t);
    const n = parts.n;
    const s = parts.s;
    if (!Number.isInteger(t) || !n || !s || !/^[0-9a-f]{64}$/.test(s)) return { ok: false, reason: 'malformed gateway signature' };
    const expected = Buffer.from(hmac(this.secret, `${t}.${n}.${callerHeader}.${sha256(body)}`), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(s, 'hex'))) return { ok: false, reason: 'gateway signature does not match' };
    const now = this.clock();
    if (Math.abs(now - t) > this.maxSkewMs) return { ok: false, reason: 'gateway signature has expired' };
    // This process accepts the signature until t + maxSkew by its own clock; another process
    // whose clock is up to maxSkew behind accepts it until maxSkew later: the nonce is kept that long.
    if (!(await this.nonces.claim(n, t + 2 * this.maxSkewMs, now))) return { ok: false, reason: 'gateway signature was already used (replay)' };
    return { ok: true };
  }

  async close(): Promise<void> {
    await this.nonces.close?.();
  }
}

/**
 * A RedisNonceStore on its own node-redis connection (REDIS_URL). Never waits on Redis: commands
 * fail at once while disconnected and time out after NONCE_REDIS_TIMEOUT_MS; node-redis
 * reconnects in the background (backoff up to 1 s), also when Redis is down at start.
 */
export function redisNonceStore(url: string, logger: Logger): RedisNonceStore {
  const client = nodeRedis().createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: NONCE_REDIS_TIMEOUT_MS },
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1_000) },
  });
  const note = (up: boolean, error?: unknown) => {
    if (up) logger.info('replay protection: nonces shared through Redis');
    else logger.warn('replay protection: Redis unreachable, nonces kept in this process only until it is back', { error: error === undefined ? undefined : String(error) });
  };
  // Errors also arrive as failed commands (RedisNonceStore logs the change of state); this only
  // keeps them from crashing the process.
  client.on('error', () => {});
  const connected = client.connect().then(
    () => undefined,
    (error: unknown) => logger.warn('replay protection: Redis connection given up', { error: String(error) }),
  );
  const close = async () => {
    try {
      client.destroy();
    } catch {
      // Never connected: nothing to close.
    }
  };
  return new RedisNonceStore(client, note, close, connected);
}
