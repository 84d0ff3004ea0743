import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { Agent } from 'undici';
import { ANONYMOUS, CALLER_HEADER, encodeCaller, RawJson, SIGNATURE_HEADER, signRequest, sliceChunks, type Caller, type Logger } from '@talent-graph/platform/core';
import { EntityFetchBatcher } from './entityBatching.ts';
import { dataObjectRange } from './plans/responseBytes.ts';
import { CircuitBreaker, DEFAULT_BREAKER, DEFAULT_RETRY, retryDelayMs, shouldRetry, SubgraphFailure, type BreakerOptions, type FailureKind, type RetryOptions } from './resilience.ts';

/**
 * Every gateway → subgraph call goes through here: a keep-alive connection pool (undici), a
 * deadline per call bounded by the request's own deadline, bounded retries with jittered backoff
 * for queries, one circuit breaker per subgraph, and the HMAC signature (signing.ts) computed
 * afresh for every attempt, since each carries a new timestamp and nonce.
 *
 * A call that fails never throws into the query plan: it becomes `null` plus one
 * SUBGRAPH_UNAVAILABLE error at each path the call would have filled (see unavailableErrors), so
 * the fields other subgraphs own are still answered.
 */
export interface SubgraphCallOptions {
  /** Deadline of one attempt at one subgraph call. */
  callTimeoutMs: number;
  /** Deadline of a whole client request, across all its subgraph calls and retries. */
  requestTimeoutMs: number;
  retry: RetryOptions;
  breaker: BreakerOptions;
  /** Send the same entity fetch of concurrent requests with the same caller as one call (entityBatching.ts). */
  batchEntityFetches: boolean;
  /** Send an identical query fetch (same text, variables and caller) only once while it is on its way. */
  deduplicateFetches: boolean;
}

export const DEFAULT_SUBGRAPH_CALLS: SubgraphCallOptions = { callTimeoutMs: 5_000, requestTimeoutMs: 15_000, retry: DEFAULT_RETRY, breaker: DEFAULT_BREAKER, batchEntityFetches: true, deduplicateFetches: true };

/** What /ready reports per subgraph. */
export type SubgraphHealth = 'ok' | 'open' | 'half-open' | 'unreachable';

export interface SubgraphStatus {
  name: string;
  state: SubgraphHealth;
  /** The class of the last failure seen (null when none yet). */
  lastError: FailureKind | null;
}

// How long a /ready probe of one subgraph may take, and how long its answer is reused, so that
// a load balancer polling /ready many times a second costs each subgraph one probe a second.
const PROBE_TIMEOUT_MS = 1_000;
const PROBE_CACHE_MS = 1_000;

export class SubgraphClient {
  private readonly agent: Agent;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly probes = new Map<string, { at: number; result: Promise<FailureKind | null> }>();

  constructor(
    readonly options: SubgraphCallOptions,
    private readonly signingSecret: string | undefined,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    // Keep-alive well under the subgraphs' own 65 s (http.ts) so we close idle sockets first and
    // never write to one the server is closing.
    this.agent = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 30_000, connections: 256 });
  }

  breaker(name: string): CircuitBreaker {
    let breaker = this.breakers.get(name);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options.breaker, this.now);
      this.breakers.set(name, breaker);
    }
    return breaker;
  }

  /**
   * Sends one GraphQL request body to a subgraph and returns its parsed GraphQL response, or
   * throws a SubgraphFailure once retries are exhausted, the breaker is open or time is up.
   */
  call(name: string, url: string, body: string, callerHeader: string, deadlineMs: number, isMutation: boolean): Promise<GatewayGraphQLResponse> {
    return this.send(name, url, body, callerHeader, deadlineMs, isMutation, false) as Promise<GatewayGraphQLResponse>;
  }

  /**
   * A query call whose answer, when it is plain data (plans/responseBytes.ts), comes back as the
   * bytes of its `data` object, unparsed; any other answer parsed, as call() returns it.
   */
  callForData(name: string, url: string, body: string, callerHeader: string, deadlineMs: number): Promise<GatewayGraphQLResponse | RawJson> {
    return this.send(name, url, body, callerHeader, deadlineMs, false, true);
  }

  private async send(name: string, url: string, body: string, callerHeader: string, deadlineMs: number, isMutation: boolean, raw: boolean): Promise<GatewayGraphQLResponse | RawJson> {
    const breaker = this.breaker(name);
    for (let attempt = 1; ; attempt++) {
      const remaining = deadlineMs - this.now();
      if (remaining <= 0) throw new SubgraphFailure('deadline', 'request deadline passed before the call', false);
      if (!breaker.tryAcquire()) throw new SubgraphFailure('circuit_open', 'circuit breaker open', false);
      const before = breaker.state();
      try {
        const response = await this.attempt(url, body, callerHeader, Math.min(this.options.callTimeoutMs, remaining), raw);
        breaker.onSuccess();
        if (before !== 'closed') this.logger.info('subgraph recovered; circuit closed', { subgraph: name });
        return response;
      } catch (error) {
        if (!(error instanceof SubgraphFailure)) throw error;
        breaker.onFailure(error.kind);
        if (before !== 'open' && breaker.state() === 'open') this.logger.warn('subgraph failing; circuit opened', { subgraph: name, failure: error.kind, cooldownMs: this.options.breaker.coolDownMs });
        const delay = retryDelayMs(attempt, this.options.retry, this.random);
        if (!shouldRetry(error, attempt, isMutation, this.options.retry, delay, this.now(), deadlineMs)) {
          this.logger.warn('subgraph call failed', { subgraph: name, failure: error.kind, detail: error.detail, attempts: attempt });
          throw error;
        }
        this.logger.debug('retrying subgraph call', { subgraph: name, failure: error.kind, attempt, delayMs: delay });
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async attempt(url: string, body: string, callerHeader: string, timeoutMs: number, raw: boolean): Promise<GatewayGraphQLResponse | RawJson> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', [CALLER_HEADER]: callerHeader };
    if (this.signingSecret) headers[SIGNATURE_HEADER] = signRequest(this.signingSecret, callerHeader, body);
    const target = new URL(url);
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    try {
      const res = await this.agent.request({ origin: target.origin, path: target.pathname + target.search, method: 'POST', headers, body, signal: abort.signal });
      let text: string;
      if (raw) {
        const chunks: Buffer[] = [];
        let length = 0;
        for await (const chunk of res.body) {
          chunks.push(chunk as Buffer);
          length += (chunk as Buffer).length;
        }
        const range = res.statusCode === 200 ? dataObjectRange(chunks) : undefined;
        if (range) return new RawJson(sliceChunks(chunks, range.start, range.end), range.end - range.start);
        text = decodeBody(Buffer.concat(chunks, length));
      } else text = await res.body.text();
      if (res.statusCode >= 500 || res.statusCode === 401 || res.statusCode === 403) {
        // 401/403 here means the subgraph refused our signature: a configuration fault, not the caller's.
        throw new SubgraphFailure('http_error', `HTTP ${res.statusCode}`, res.statusCode === 502 || res.statusCode === 503 || res.statusCode === 504);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new SubgraphFailure('bad_response', `HTTP ${res.statusCode}: body is not JSON`, false);
      }
      if (!parsed || typeof parsed !== 'object' || (!('data' in parsed) && !('errors' in parsed))) throw new SubgraphFailure('bad_response', `HTTP ${res.statusCode}: not a GraphQL response`, false);
      return parsed as GatewayGraphQLResponse;
    } catch (error) {
      if (error instanceof SubgraphFailure) throw error;
      if (timedOut) throw new SubgraphFailure('timeout', `no answer within ${timeoutMs} ms`, true);
      const code = (error as { code?: string }).code;
      throw new SubgraphFailure('connection', `${code ?? ''} ${(error as Error).message}`.trim(), true);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A subgraph's state for /ready: its breaker's when not closed; otherwise whether it answers
   * HTTP at all (any status below 500 on GET /health counts: a subgraph of another supergraph
   * may have no such route, and its /graphql would refuse an unsigned call anyway).
   */
  async status(name: string, url: string): Promise<SubgraphStatus> {
    const breaker = this.breaker(name);
    const state = breaker.state();
    if (state !== 'closed') return { name, state, lastError: breaker.lastFailure ?? null };
    let probe = this.probes.get(url);
    if (!probe || this.now() - probe.at > PROBE_CACHE_MS) {
      probe = { at: this.now(), result: this.probe(url) };
      this.probes.set(url, probe);
    }
    const failure = await probe.result;
    return failure ? { name, state: 'unreachable', lastError: failure } : { name, state: 'ok', lastError: breaker.lastFailure ?? null };
  }

  private async probe(url: string): Promise<FailureKind | null> {
    const target = new URL('/health', url);
    try {
      const res = await this.agent.request({ origin: target.origin, path: target.pathname, method: 'GET', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      await res.body.dump();
      return res.statusCode >= 500 ? 'http_error' : null;
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'connection';
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** A body as undici's text() decodes it: UTF-8, a leading byte order mark dropped. */
function decodeBody(bytes: Buffer): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', bom ? 3 : 0);
}

/** The context the data source needs from a gateway request. */
export interface SubgraphRequestContext {
  caller?: Caller;
  /** Absolute time (ms) by which the client's request must be answered. */
  deadline?: number;
}

// The query planner writes every fetch as `query …` or `mutation …` (no leading comments), so
// the keyword is enough; parsing each fetch just to learn this would cost every call.
const isMutation = (query: string | undefined): boolean => /^\s*mutation\b/.test(query ?? '');

/** Response names a selection set fills (through fragments), for a given type name when known. */
function responseNames(selectionSet: SelectionSetNode, document: DocumentNode, typename: string | undefined, out: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') out.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition?.name.value;
      if (!typename || !on || on === typename) responseNames(selection.selectionSet, document, typename, out);
    } else {
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) responseNames(fragment.selectionSet, document, typename, out);
    }
  }
}

const MESSAGES: Record<FailureKind, (subgraph: string) => string> = {
  timeout: (s) => `The ${s} subgraph did not answer in time; the fields it owns are null`,
  connection: (s) => `The ${s} subgraph is unreachable; the fields it owns are null`,
  http_error: (s) => `The ${s} subgraph failed to answer; the fields it owns are null`,
  bad_response: (s) => `The ${s} subgraph sent an invalid answer; the fields it owns are null`,
  circuit_open: (s) => `The ${s} subgraph is unavailable (failing recently; retried shortly); the fields it owns are null`,
  deadline: (s) => `The request ran out of time before the ${s} subgraph could be asked; the fields it owns are null`,
};

/**
 * One SUBGRAPH_UNAVAILABLE error per field the failed fetch would have filled, with paths in the
 * fetch's own terms (`[field]` for a root fetch, `['_entities', i, field]` for an entity fetch):
 * the query-plan executor maps them onto the client's response paths, exactly as it maps errors
 * a subgraph returns itself.
 */
export function unavailableErrors(subgraph: string, kind: FailureKind, document: DocumentNode | undefined, variables: Record<string, unknown> | undefined): GraphQLFormattedError[] {
  const message = MESSAGES[kind](subgraph);
  const extensions = { code: 'SUBGRAPH_UNAVAILABLE', subgraph, reason: kind };
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!document || operation?.kind !== Kind.OPERATION_DEFINITION) return [{ message, extensions }];
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (entities?.kind === Kind.FIELD && entities.selectionSet) {
    const representations = Array.isArray(variables?.representations) ? (variables.representations as { __typename?: string }[]) : [];
    const errors: GraphQLFormattedError[] = [];
    representations.forEach((representation, index) => {
      const names = new Set<string>();
      responseNames(entities.selectionSet!, document, representation?.__typename, names);
      for (const name of names) errors.push({ message, path: ['_entities', index, name], extensions });
    });
    return errors.length > 0 ? errors : [{ message, extensions }];
  }
  const names = new Set<string>();
  responseNames(operation.selectionSet, document, undefined, names);
  return names.size > 0 ? [...names].map((name) => ({ message, path: [name], extensions })) : [{ message, extensions }];
}

/** An identical query fetch on its way, and how many requests joined it after it was sent. */
interface SharedFetch {
  response: Promise<GatewayGraphQLResponse | RawJson>;
  joined: number;
}

/** The data source ApolloGateway calls for each fetch of a query plan, per subgraph. */
export class SubgraphDataSource implements GraphQLDataSource<SubgraphRequestContext> {
  /** Entity fetches of concurrent requests sent together; undefined when batching is off. */
  readonly batcher: EntityFetchBatcher | undefined;
  /** Query fetches on their way, by caller and body (deduplicateFetches). */
  private readonly onTheirWay = new Map<string, SharedFetch>();

  constructor(
    private readonly name: string,
    private readonly url: string,
    private readonly client: SubgraphClient,
  ) {
    this.batcher = client.options.batchEntityFetches
      ? new EntityFetchBatcher(({ query, operationName, variables, callerHeader, deadline }) =>
          this.client.call(this.name, this.url, JSON.stringify({ query, variables, operationName }), callerHeader, deadline, false),
        )
      : undefined;
  }

  /** Who the call is made for (signed header) and by when it must be answered. */
  private callerAndDeadline(options: GraphQLDataSourceProcessOptions<SubgraphRequestContext>): { callerHeader: string; deadline: number } {
    const context = (options.context ?? {}) as SubgraphRequestContext;
    return { callerHeader: encodeCaller(context.caller ?? ANONYMOUS), deadline: context.deadline ?? Date.now() + this.client.options.requestTimeoutMs };
  }

  process(options: GraphQLDataSourceProcessOptions<SubgraphRequestContext>): Promise<GatewayGraphQLResponse> {
    return this.send(options, false) as Promise<GatewayGraphQLResponse>;
  }

  /**
   * A root query fetch for the single-fetch passthrough (plans/passthrough.ts): its answer's
   * `data` as unparsed bytes when the answer is plain data, otherwise the answer as process()
   * gives it (errors and failures included).
   */
  processForData(options: GraphQLDataSourceProcessOptions<SubgraphRequestContext>): Promise<GatewayGraphQLResponse | RawJson> {
    return this.send(options, true);
  }

  /** process() and processForData(): `forData` asks for a root query's data unparsed (never a mutation's or an entity fetch's). */
  private async send(options: GraphQLDataSourceProcessOptions<SubgraphRequestContext>, forData: boolean): Promise<GatewayGraphQLResponse | RawJson> {
    const { request } = options;
    const { callerHeader, deadline } = this.callerAndDeadline(options);
    const variables = request.variables ?? {};
    const mutation = isMutation(request.query);
    const representations = variables.representations;
    const raw = forData && !mutation && !Array.isArray(representations);
    try {
      if (this.batcher && !mutation && Array.isArray(representations) && request.query) {
        return await this.batcher.fetch({ query: request.query, operationName: request.operationName, variables, representations, callerHeader, deadline });
      }
      const body = JSON.stringify({ query: request.query, variables, operationName: request.operationName });
      if (mutation) return await this.client.call(this.name, this.url, body, callerHeader, deadline, true);
      if (this.client.options.deduplicateFetches) return await this.shared(body, callerHeader, deadline, raw);
      return await (raw ? this.client.callForData(this.name, this.url, body, callerHeader, deadline) : this.client.call(this.name, this.url, body, callerHeader, deadline, false));
    } catch (error) {
      return this.failed(error, options);
    }
  }

  /** A failed call as the query-plan executor takes it: SUBGRAPH_UNAVAILABLE at each field it would have filled. */
  private failed(error: unknown, options: GraphQLDataSourceProcessOptions<SubgraphRequestContext>): GatewayGraphQLResponse {
    if (!(error instanceof SubgraphFailure)) throw error;
    const { request } = options;
    // ApolloGateway hands fetches their parsed document only with exposeDocumentNodeInFetchNode;
    // a failure is rare enough to parse the fetch's text here instead.
    let document = 'document' in options ? options.document : undefined;
    if (!document && request.query) document = parse(request.query);
    return { errors: unavailableErrors(this.name, error.kind, document, request.variables) };
  }

  /**
   * A query fetch identical to one on its way — the same text and variables for the same caller,
   * so the same answer — waits for that one instead of calling again (the dashboards of many
   * visitors to one state at once). The query-plan executor writes into the answers it gets, so
   * once a second request has joined, every one of them gets its own copy; raw data is never
   * written to and is shared as it is. `forData` calls (callForData) are shared only with each other.
   */
  private async shared(body: string, callerHeader: string, deadline: number, forData: boolean): Promise<GatewayGraphQLResponse | RawJson> {
    const key = `${forData ? 'data\n' : ''}${callerHeader}\n${body}`;
    const copy = (answer: GatewayGraphQLResponse | RawJson) => (answer instanceof RawJson ? answer : structuredClone(answer));
    const existing = this.onTheirWay.get(key);
    if (existing) {
      existing.joined += 1;
      return copy(await existing.response);
    }
    const response = forData ? this.client.callForData(this.name, this.url, body, callerHeader, deadline) : this.client.call(this.name, this.url, body, callerHeader, deadline, false);
    const entry: SharedFetch = { response, joined: 0 };
    this.onTheirWay.set(key, entry);
    // Registered before anyone awaits the answer, so it runs first once the answer is in: nobody
    // can join after this request has decided whether it needs a copy.
    const settled = () => void (this.onTheirWay.get(key) === entry && this.onTheirWay.delete(key));
    response.then(settled, settled);
    const answer = await response;
    return entry.joined > 0 ? copy(answer) : answer;
  }
}
