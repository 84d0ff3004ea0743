import { nodeRedis, type Logger } from '@talent-graph/platform/core';
import { withinDeadline } from './redisDeadline.ts';

/**
 * Text values with a time to live, shared by every gateway process on one Redis: the response
 * cache's entries (plugins/responseCache.ts) and shared query plans (plans/sharedPlans.ts). Both
 * are caches, so Redis is never allowed to cost a request more than a miss: a command that fails
 * or takes longer than `timeoutMs` gives undefined, Redis is then skipped for
 * REDIS_RETRY_AFTER_ERROR_MS, and each change of state is logged once. (Rate limits keep their
 * own client in rateLimit.ts: they count, they do not cache.)
 */

/** After a Redis error, how long it is skipped before being tried again. */
export const REDIS_RETRY_AFTER_ERROR_MS = 1_000;

export class RedisTextStore {
  readonly kind = 'redis';
  private readonly client;
  private pausedUntil = 0;
  private state: 'unknown' | 'up' | 'down' = 'unknown';

  constructor(
    url: string,
    private readonly logger: Logger,
    /** Names it in logs: "response cache", "plan cache". */
    private readonly what: string,
    private readonly timeoutMs = 250,
  ) {
    this.client = nodeRedis().createClient({
      url,
      // Fail at once while disconnected: a miss rather than a wait.
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1_000) },
    });
    this.client.on('error', (error: unknown) => this.note(false, error));
    this.client.on('ready', () => this.note(true));
    this.client.connect().catch((error: unknown) => logger.warn(`${what}: Redis connection given up`, { error: String(error) }));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.bounded(() => this.client.get(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.bounded(() => this.client.set(key, value, { expiration: { type: 'EX', value: ttlSeconds } }));
  }

  async close(): Promise<void> {
    try {
      this.client.destroy();
    } catch {
      // Never connected: nothing to close.
    }
  }

  /** Undefined when Redis is down, paused after an error, or slower than the bound. */
  private async bounded<T>(command: () => Promise<T>): Promise<T | undefined> {
    if (!this.client.isReady || Date.now() < this.pausedUntil) return undefined;
    try {
      return await withinDeadline(command(), this.timeoutMs);
    } catch (error) {
      this.pausedUntil = Date.now() + REDIS_RETRY_AFTER_ERROR_MS;
      this.note(false, error);
      return undefined;
    }
  }

  private note(up: boolean, error?: unknown): void {
    const state = up ? 'up' : 'down';
    if (state === this.state) return;
    this.state = state;
    if (up) this.logger.info(`${this.what}: using Redis (shared by every gateway process)`);
    else this.logger.warn(`${this.what}: Redis unreachable, every lookup is a miss until it is back`, { error: error === undefined ? undefined : String(error) });
  }
}
