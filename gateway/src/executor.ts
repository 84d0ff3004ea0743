import { createHash } from 'node:crypto';
import { buildOperationContext, executeQueryPlan, type ApolloGateway } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { OverrideLabelPolicy } from './plugins/progressiveOverride.ts';
import { activeLabelKey } from './plugins/progressiveOverride.ts';

/**
 * Our request executor, installed in place of ApolloGateway's own. It does what the stock one
 * does (validate, plan with a cache, execute the plan) plus what the stock one leaves out:
 * progressive @override labels decided per request. It is the one place later concerns hook in
 * (access checks before any subgraph call, plan-cache sharing, partial results).
 *
 * ApolloGateway keeps these members private in its typings; they are stable across 2.x and this
 * file is the only place that touches them.
 */
interface GatewayInternals {
  schema: unknown;
  apiSchema: unknown;
  supergraphSchema: unknown;
  queryPlanner: { buildQueryPlan(operation: unknown, options: Record<string, unknown>): unknown };
  queryPlanStore: { get(key: string): Promise<unknown>; set(key: string, value: unknown): Promise<void> };
  serviceMap: Record<string, { dataSource: unknown }>;
  config: { telemetry?: unknown };
  recursiveSelectionsLimitDisabled: boolean;
  nonLocalSelectionsLimitDisabled: boolean;
  validateIncomingRequest(requestContext: unknown, operationContext: unknown): unknown[];
  executor: (requestContext: never) => Promise<unknown>;
}

export function installExecutor(gateway: ApolloGateway, overrides: OverrideLabelPolicy): void {
  const g = gateway as unknown as GatewayInternals;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the request context type is ApolloGateway's own
  g.executor = async (requestContext: any) => {
    const { request, document, queryHash } = requestContext;
    const decision = overrides.decide();
    const planKey = createHash('sha256')
      .update(queryHash)
      .update('\0')
      .update(request.operationName ?? '')
      .update('\0')
      .update(activeLabelKey(decision))
      .digest('hex');
    const operationContext = buildOperationContext({ schema: g.schema as never, operationDocument: document, operationName: request.operationName });
    const validationErrors = g.validateIncomingRequest(requestContext, operationContext);
    if (validationErrors.length > 0) return { errors: validationErrors };
    let plan = await g.queryPlanStore.get(planKey);
    if (!plan) {
      const operation = operationFromDocument(g.apiSchema as never, document, { operationName: request.operationName });
      plan = g.queryPlanner.buildQueryPlan(operation, {
        overrideConditions: decision,
        recursiveSelectionsLimitDisabled: g.recursiveSelectionsLimitDisabled,
        nonLocalSelectionsLimitDisabled: g.nonLocalSelectionsLimitDisabled,
      });
      await g.queryPlanStore.set(planKey, plan);
    }
    const serviceMap = Object.fromEntries(Object.entries(g.serviceMap).map(([name, { dataSource }]) => [name, dataSource]));
    return executeQueryPlan(plan as never, serviceMap as never, requestContext, operationContext, g.supergraphSchema as never, g.apiSchema as never, g.config.telemetry as never);
  };
}
