import { expect } from 'chai';
import { CircuitBreaker, retryDelayMs, shouldRetry, SubgraphFailure } from '../src/resilience.ts';
import { readSubgraphCallConfig } from '../src/config.ts';

/** The breaker and the retry policy, on a fake clock: no I/O, no real time. */
function fakeClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('circuit breaker (fake clock)', () => {
  it('opens after N consecutive failures, fails fast while open, lets one probe through after the cool-down, closes on its success', () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1_000 }, clock.now);
    const trace: string[] = [];
    for (let i = 0; i < 3; i++) {
      trace.push(`${breaker.tryAcquire()}`);
      breaker.onFailure('connection');
    }
    trace.push(breaker.state(), `${breaker.tryAcquire()}`);
    clock.advance(999);
    trace.push(breaker.state(), `${breaker.tryAcquire()}`);
    clock.advance(1);
    trace.push(breaker.state(), `${breaker.tryAcquire()}`, `${breaker.tryAcquire()}`);
    breaker.onSuccess();
    trace.push(breaker.state(), `${breaker.tryAcquire()}`);
    expect(trace).to.deep.equal(['true', 'true', 'true', 'open', 'false', 'open', 'false', 'half-open', 'true', 'false', 'closed', 'true']);
    expect(breaker.lastFailure).to.equal('connection');
  });

  it('a failed probe opens it again for a whole cool-down; a success in between resets the count', () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 500 }, clock.now);
    breaker.onFailure('timeout');
    breaker.onSuccess();
    breaker.onFailure('timeout');
    expect(breaker.state()).to.equal('closed');
    breaker.onFailure('timeout');
    expect(breaker.state()).to.equal('open');
    clock.advance(500);
    expect(breaker.tryAcquire()).to.equal(true);
    breaker.onFailure('http_error');
    expect([breaker.state(), breaker.tryAcquire(), breaker.lastFailure]).to.deep.equal(['open', false, 'http_error']);
    clock.advance(500);
    expect(breaker.state()).to.equal('half-open');
  });
});

describe('retry policy', () => {
  const options = { retries: 2, baseDelayMs: 100, maxDelayMs: 300 };
  const transient = new SubgraphFailure('connection', 'ECONNREFUSED', true);

  it('backs off exponentially with full jitter, capped', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, options, () => 0.999))).to.deep.equal([99, 199, 299, 299]);
    expect([1, 2, 3].map((a) => retryDelayMs(a, options, () => 0))).to.deep.equal([0, 0, 0]);
    expect(retryDelayMs(2, options, () => 0.5)).to.equal(100);
  });

  it('retries queries only, only transient failures, within the budget and before the deadline', () => {
    expect(shouldRetry(transient, 1, false, options, 50, 0, 1_000)).to.equal(true);
    expect(shouldRetry(transient, 2, false, options, 50, 0, 1_000)).to.equal(true);
    expect(shouldRetry(transient, 3, false, options, 50, 0, 1_000)).to.equal(false);
    expect(shouldRetry(transient, 1, true, options, 50, 0, 1_000)).to.equal(false);
    expect(shouldRetry(new SubgraphFailure('http_error', 'HTTP 500', false), 1, false, options, 50, 0, 1_000)).to.equal(false);
    expect(shouldRetry(transient, 1, false, options, 50, 960, 1_000)).to.equal(false);
  });
});

describe('subgraph call configuration', () => {
  it('has documented defaults and reads each variable', () => {
    expect(readSubgraphCallConfig({})).to.deep.equal({ callTimeoutMs: 5_000, requestTimeoutMs: 15_000, retry: { retries: 2, baseDelayMs: 50, maxDelayMs: 1_000 }, breaker: { failureThreshold: 5, coolDownMs: 5_000 }, batchEntityFetches: true, deduplicateFetches: true });
    expect(readSubgraphCallConfig({ SUBGRAPH_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '900', SUBGRAPH_RETRIES: '0', SUBGRAPH_RETRY_BACKOFF_MS: '10', SUBGRAPH_RETRY_BACKOFF_MAX_MS: '20', BREAKER_FAILURE_THRESHOLD: '3', BREAKER_COOLDOWN_MS: '250', SUBGRAPH_ENTITY_BATCHING: 'off', SUBGRAPH_DEDUPLICATION: 'off' })).to.deep.equal({
      callTimeoutMs: 200,
      requestTimeoutMs: 900,
      retry: { retries: 0, baseDelayMs: 10, maxDelayMs: 20 },
      breaker: { failureThreshold: 3, coolDownMs: 250 },
      batchEntityFetches: false,
      deduplicateFetches: false,
    });
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => readSubgraphCallConfig({ SUBGRAPH_TIMEOUT_MS: 'soon' })).to.throw('SUBGRAPH_TIMEOUT_MS must be an integer from 10 to 600000, got "soon"');
    expect(() => readSubgraphCallConfig({ SUBGRAPH_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).to.throw('REQUEST_TIMEOUT_MS (1000) must not be shorter than SUBGRAPH_TIMEOUT_MS (5000)');
    expect(() => readSubgraphCallConfig({ SUBGRAPH_RETRIES: '-1' })).to.throw('SUBGRAPH_RETRIES must be an integer from 0 to 10, got "-1"');
    expect(() => readSubgraphCallConfig({ SUBGRAPH_ENTITY_BATCHING: 'yes' })).to.throw('SUBGRAPH_ENTITY_BATCHING must be on or off, got "yes"');
  });
});
