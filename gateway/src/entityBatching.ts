import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import { SubgraphFailure } from './resilience.ts';

/**
 * Entity fetches batched across client requests. Under load many requests are at the same step
 * of the same query plan at once: twenty job searches each ask ase for the Blue Seal of their
 * page's shops with the same fetch text, differing only in `representations`. Each of those would
 * be its own HTTP request, signature check, GraphQL execution and SQL batch in the subgraph; sent
 * together they are one, with the representations concatenated, and the answer is split back by
 * position. This is DataLoader's idea one level up, with group commit's: what is asked for in one
 * turn of the event loop goes out in one call, and while a call of a shape is on its way the next
 * fetches of that shape gather for the following one. An idle gateway sends each fetch alone in
 * the next turn, as before; a busy one sends fewer, larger calls.
 *
 * Fetches are only sent together when nothing but their representations differ: the same
 * subgraph, fetch text and operation name, equal other variables, and the same caller header —
 * one identity, so the subgraph applies exactly the row-level rules each would have had alone,
 * and no caller's data can reach another. Mutations are never batched. A batch stops growing at
 * `maxRepresentations` (a fetch that large alone is sent alone).
 *
 * Errors the subgraph places at `['_entities', i, …]` go back to the fetch that asked for entity
 * i, re-numbered in its own terms. An answer that cannot be split that way — an error without an
 * entity position, a count that does not match, HTTP 500 — may be one fetch's fault, so each
 * fetch of the batch is then asked alone and gets exactly the answer it would have had anyway.
 */
export interface EntityFetch {
  query: string;
  operationName: string | undefined;
  /** The fetch's variables as the query planner made them, `representations` included. */
  variables: Record<string, unknown>;
  representations: unknown[];
  callerHeader: string;
  /** Absolute time (ms) by which this fetch's client request must be answered. */
  deadline: number;
}

/** Sends one (possibly batched) entity fetch: its variables, caller and deadline. */
export type SendEntityFetch = (fetch: Omit<EntityFetch, 'representations'>) => Promise<GatewayGraphQLResponse>;

/** The largest batch, in representations: far below the subgraphs' 1 MB body limit for our entities. */
export const DEFAULT_MAX_BATCH_REPRESENTATIONS = 1000;

/**
 * Calls of one shape on their way at once. One: while the subgraph answers a call, the next
 * fetches of that shape gather and go together when it returns. Measured against two under the
 * bench's load (bench/README.md): 3.6 against 4.2 subgraph calls per job search.
 */
export const DEFAULT_MAX_IN_FLIGHT = 1;

/**
 * The longest a batch waits for its shape's call on the way: a call stuck until its timeout must
 * not hold the next requests of its shape for as long. Calls come back well within it under load.
 */
export const MAX_WAIT_MS = 100;

interface Waiting {
  fetch: EntityFetch;
  resolve(response: GatewayGraphQLResponse): void;
  reject(error: unknown): void;
}

interface Batch {
  key: string;
  waiting: Waiting[];
  size: number;
  /** Sends the batch after MAX_WAIT_MS if its shape's call has not come back by then. */
  timer?: NodeJS.Timeout;
}

export class EntityFetchBatcher {
  /** The batch still taking fetches, per shape (caller, fetch text, other variables). */
  private open = new Map<string, Batch>();
  /** Calls on their way per shape. */
  private inFlight = new Map<string, number>();
  private flushScheduled = false;

  constructor(
    private readonly send: SendEntityFetch,
    private readonly maxRepresentations = DEFAULT_MAX_BATCH_REPRESENTATIONS,
    private readonly maxInFlight = DEFAULT_MAX_IN_FLIGHT,
  ) {}

  fetch(fetch: EntityFetch): Promise<GatewayGraphQLResponse> {
    return new Promise((resolve, reject) => {
      const waiting: Waiting = { fetch, resolve, reject };
      const { representations: _all, ...others } = fetch.variables;
      const key = `${fetch.callerHeader}\n${fetch.operationName ?? ''}\n${JSON.stringify(others)}\n${fetch.query}`;
      const batch = this.open.get(key);
      if (batch && batch.size + fetch.representations.length <= this.maxRepresentations) {
        batch.waiting.push(waiting);
        batch.size += fetch.representations.length;
      } else {
        // A full batch goes now, whatever is in flight; this fetch starts the next one.
        if (batch) this.dispatch(batch);
        this.open.set(key, { key, waiting: [waiting], size: fetch.representations.length });
      }
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate runs after the event loop's poll phase: every fetch issued while handling
    // the subgraph answers and client requests that arrived together joins its batch.
    setImmediate(() => this.flush());
  }

  /**
   * Sends each open batch whose shape has fewer than maxInFlight calls on their way. The others
   * keep collecting fetches until a call of their shape comes back: an idle gateway sends every
   * fetch at once, a busy one sends fewer, larger calls — the busier, the larger.
   */
  private flush(): void {
    this.flushScheduled = false;
    for (const [key, batch] of this.open) {
      if ((this.inFlight.get(key) ?? 0) < this.maxInFlight) this.dispatch(batch);
      else batch.timer ??= setTimeout(() => this.open.get(key) === batch && this.dispatch(batch), MAX_WAIT_MS);
    }
  }

  private dispatch(batch: Batch): void {
    const { key, waiting } = batch;
    clearTimeout(batch.timer);
    this.open.delete(key);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    const settled = () => {
      const left = this.inFlight.get(key)! - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
      if (this.open.has(key)) this.scheduleFlush();
    };
    if (waiting.length === 1) {
      const only = waiting[0]!;
      this.send(only.fetch).then(
        (response) => (settled(), only.resolve(response)),
        (error) => (settled(), only.reject(error)),
      );
      return;
    }
    const first = waiting[0]!.fetch;
    const representations = waiting.flatMap((w) => w.fetch.representations);
    const deadline = Math.max(...waiting.map((w) => w.fetch.deadline));
    const alone = () => {
      for (const w of waiting) this.send(w.fetch).then(w.resolve, w.reject);
    };
    this.send({ ...first, variables: { ...first.variables, representations }, deadline }).then(
      (response) => {
        settled();
        const parts = splitEntitiesResponse(response, waiting.map((w) => w.fetch.representations.length));
        if (parts) waiting.forEach((w, k) => w.resolve(parts[k]!));
        else alone();
      },
      (error) => {
        settled();
        // An answer the subgraph could not give (HTTP 500, not a GraphQL answer) may be down to one
        // fetch's representations: each is asked alone, so no request pays for another's. Failures
        // of the subgraph itself (unreachable, too slow, breaker open) are the same for all.
        if (error instanceof SubgraphFailure && (error.kind === 'http_error' || error.kind === 'bad_response')) alone();
        else for (const w of waiting) w.reject(error);
      },
    );
  }
}

/**
 * Splits the answer to a batched entity fetch into one answer per fetch, given how many
 * representations each sent (in order); null when it cannot be split faithfully: an error
 * without an entity position (it failed the whole call, perhaps because of one fetch's part), or
 * a different number of entities than were sent.
 */
export function splitEntitiesResponse(response: GatewayGraphQLResponse, sizes: number[]): GatewayGraphQLResponse[] | null {
  const total = sizes.reduce((sum, n) => sum + n, 0);
  const entities = (response.data as Record<string, unknown> | null | undefined)?._entities;
  if (!Array.isArray(entities) || entities.length !== total) return null;
  const offsets: number[] = [];
  let offset = 0;
  for (const n of sizes) {
    offsets.push(offset);
    offset += n;
  }
  const errors: GraphQLFormattedError[][] = sizes.map(() => []);
  for (const error of response.errors ?? []) {
    const path = error.path;
    const index = path && path[0] === '_entities' && typeof path[1] === 'number' ? path[1] : -1;
    if (index < 0 || index >= total) return null;
    let k = sizes.length - 1;
    while (offsets[k]! > index) k -= 1;
    errors[k]!.push({ ...error, path: ['_entities', index - offsets[k]!, ...path!.slice(2)] });
  }
  return sizes.map((n, k) => {
    const part: GatewayGraphQLResponse = { data: { ...response.data, _entities: entities.slice(offsets[k], offsets[k]! + n) } };
    if (errors[k]!.length > 0) part.errors = errors[k];
    if (response.extensions !== undefined) part.extensions = response.extensions;
    return part;
  });
}
