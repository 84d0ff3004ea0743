/**
 * Query plans shared through Redis (PLAN_CACHE_SHARED, on when REDIS_URL is set). Each gateway
 * process keeps ApolloGateway's in-memory LRU of plans; behind it, a plan one process has built is
 * stored in Redis under the same key (composition id, query hash, operation, override labels, what
 * access rules cut: executor.ts `planKeyOf`), so another process — a second worker, a new replica,
 * a restarted one — takes it instead of planning the operation again. Persisted operations are
 * planned by every process at start-up anyway (executor.ts `warm`); what this spares is planning
 * an ad hoc query (an analyst's, a partner's) once per process.
 *
 * A plan is plain data (@apollo/query-planner's QueryPlan: fetches carry their operation as text;
 * the parsed document is only attached with the planner's exposeDocumentNodeInFetchNode, off in
 * ApolloGateway, and is left out here — plans/passthrough.ts parses the text when it is absent).
 */

/** Stored plans live a day: keys change with every supergraph, so old ones only need to expire. */
export const SHARED_PLAN_TTL_SECONDS = 86_400;
export const PLAN_KEY_PREFIX = 'tg:qp:';
/** A plan lookup waits at most this long: planning locally is the fallback, and costs 1–100 ms. */
export const SHARED_PLAN_TIMEOUT_MS = 50;

export interface SharedPlanStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  close(): Promise<void>;
}

/** A plan as text; a fetch's parsed document (only present with exposeDocumentNodeInFetchNode) is left out. */
export function serializePlan(plan: unknown): string {
  return JSON.stringify(plan, (key, value) => (key === 'operationDocumentNode' ? undefined : value));
}

export function deserializePlan(text: string): unknown {
  return JSON.parse(text) as unknown;
}
