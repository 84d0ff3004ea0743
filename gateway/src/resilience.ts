/**
 * The policy side of calling subgraphs: one circuit breaker per subgraph and the retry schedule.
 * No I/O here, and time comes from an injected clock, so the rules are tested with a fake one
 * (gateway/test/resilience.test.ts); subgraphClient.ts does the HTTP.
 */

/** Why a subgraph call failed, as a class a client or an operator can act on (no internals). */
export type FailureKind =
  /** No answer within the per-call deadline. */
  | 'timeout'
  /** The connection was refused, reset or could not be made. */
  | 'connection'
  /** The subgraph answered 5xx (or refused our signature) instead of a GraphQL response. */
  | 'http_error'
  /** The body was not a GraphQL response. */
  | 'bad_response'
  /** The breaker is open: the subgraph was not called at all. */
  | 'circuit_open'
  /** The request's own deadline had passed before this call could be made. */
  | 'deadline';

export class SubgraphFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** For the log only: may name hosts, ports and system errors, so never sent to clients. */
    readonly detail: string,
    /** Whether repeating the same query may succeed (connection problems, timeouts, 502/503/504). */
    readonly retryable: boolean,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker fails fast before letting one probe call through. */
  coolDownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, coolDownMs: 5_000 };

/**
 * closed → (failureThreshold consecutive failures) → open → (coolDownMs) → half-open: exactly one
 * probe call goes through, every other call fails fast → the probe succeeds: closed; it fails:
 * open again for another cool-down.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  /** The class of the last failure (for /ready), kept after recovery until the next one. */
  lastFailure: FailureKind | undefined;

  constructor(
    private readonly options: BreakerOptions = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {}

  /** The state as /ready reports it: an open breaker past its cool-down reads as half-open. */
  state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.coolDownMs) return 'half-open';
    return this.current;
  }

  /** May a call go out now? In half-open, true once (the probe) until that probe settles. */
  tryAcquire(): boolean {
    const state = this.state();
    if (state === 'closed') return true;
    if (state === 'open') return false;
    if (this.probeInFlight) return false;
    this.current = 'half-open';
    this.probeInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.consecutiveFailures = 0;
    this.probeInFlight = false;
    this.current = 'closed';
  }

  onFailure(kind: FailureKind): void {
    this.lastFailure = kind;
    this.consecutiveFailures += 1;
    if (this.current === 'half-open' || this.consecutiveFailures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
    this.probeInFlight = false;
  }
}

export interface RetryOptions {
  /** Extra attempts after the first, for queries only. */
  retries: number;
  /** The first backoff's upper bound; each later one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 2, baseDelayMs: 50, maxDelayMs: 1_000 };

/**
 * The wait before retry number `attempt` (1 for the first retry): "full jitter", a uniform draw
 * in [0, min(max, base·2^(attempt-1))], so gateways retrying after one outage spread out instead
 * of arriving together.
 */
export function retryDelayMs(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Whether another attempt is allowed: only for queries (a mutation may have been applied even
 * when its answer was lost), only for retryable failures, within the retry budget, and only when
 * the wait still ends before the request's deadline.
 */
export function shouldRetry(failure: SubgraphFailure, attempt: number, isMutation: boolean, options: RetryOptions, delayMs: number, nowMs: number, deadlineMs: number): boolean {
  if (isMutation || !failure.retryable) return false;
  if (attempt > options.retries) return false;
  return nowMs + delayMs < deadlineMs;
}
