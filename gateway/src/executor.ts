import { createHash } from 'node:crypto';
import { buildOperationContext, executeQueryPlan, type ApolloGateway } from '@apollo/gateway';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph, operationFromDocument } from '@apollo/federation-internals';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { ANONYMOUS, type Caller } from '@talent-graph/platform';
import type { OverrideLabelPolicy } from './plugins/progressiveOverride.ts';
import { activeLabelKey } from './plugins/progressiveOverride.ts';
import { applyDenials, planAccess, type AccessRules } from './plugins/access.ts';
import { confineUnavailableErrors } from './partialResults.ts';

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
  recursiveSelectionsLimitDisabled: boolean;
  nonLocalSelectionsLimitDisabled: boolean;
  validateIncomingRequest(requestContext: unknown, operationContext: unknown): unknown[];
  executor: (requestContext: never) => Promise<unknown>;
  config: { telemetry?: unknown; validateSupergraph?: boolean };
  createServices(services: unknown): void;
  createSchemaFromSupergraphSdl(sdl: string): { supergraph: unknown; supergraphSdl: string };
  compositionId: string;
}

/** What is derived from the supergraph SDL beside ApolloGateway's own state; swapped with it on reload. */
export interface SupergraphRules {
  overrides: OverrideLabelPolicy;
  access: AccessRules;
}

/**
 * The security features our gateway enforces itself (access.ts). Stock @apollo/gateway refuses a
 * supergraph that links them (UNSUPPORTED_LINKED_FEATURE), because it would silently ignore them.
 */
export const ENFORCED_SECURITY_FEATURES = [
  'https://specs.apollo.dev/authenticated/v0.1',
  'https://specs.apollo.dev/requiresScopes/v0.1',
  'https://specs.apollo.dev/policy/v0.1',
];

/** The client-facing (API) schema of a supergraph, as our gateway serves it. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  const supportedFeatures = new Set([...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, ...ENFORCED_SECURITY_FEATURES]);
  return Supergraph.build(supergraphSdl, { supportedFeatures }).apiSchema().toGraphQLJSSchema();
}

/** Lets the gateway load supergraphs that use @authenticated, @requiresScopes and @policy. */
export function acceptSecurityFeatures(gateway: ApolloGateway): void {
  const g = gateway as unknown as GatewayInternals;
  const supportedFeatures = new Set([...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, ...ENFORCED_SECURITY_FEATURES]);
  g.createSchemaFromSupergraphSdl = function (supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: g.config.validateSupergraph ?? true, supportedFeatures });
    g.createServices(supergraph.subgraphsMetadata());
    return { supergraph, supergraphSdl };
  };
}

export function installExecutor(gateway: ApolloGateway, rules: () => SupergraphRules): void {
  const live = gateway as unknown as GatewayInternals;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the request context type is ApolloGateway's own
  live.executor = async (requestContext: any) => {
    // One consistent view for the whole request: a supergraph reload (server.ts) swaps these
    // synchronously between two requests' awaits, never in the middle of one request's plan.
    const g = {
      schema: live.schema,
      apiSchema: live.apiSchema,
      supergraphSchema: live.supergraphSchema,
      queryPlanner: live.queryPlanner,
      queryPlanStore: live.queryPlanStore,
      serviceMap: live.serviceMap,
      compositionId: live.compositionId,
      recursiveSelectionsLimitDisabled: live.recursiveSelectionsLimitDisabled,
      nonLocalSelectionsLimitDisabled: live.nonLocalSelectionsLimitDisabled,
      config: live.config,
      validateIncomingRequest: (rc: unknown, oc: unknown) => live.validateIncomingRequest(rc, oc),
    };
    const { overrides, access } = rules();
    const { request, queryHash } = requestContext;
    const caller: Caller = requestContext.context?.caller ?? ANONYMOUS;
    // What the caller may not read is cut out here, before planning: no subgraph ever sees it.
    const allowed = planAccess(requestContext.document, request.operationName, g.schema as GraphQLSchema, access, caller, request.variables ?? {});
    const document = allowed.document;
    const decision = overrides.decide();
    const planKey = createHash('sha256')
      // A plan from the previous supergraph must never be served after a reload.
      .update(g.compositionId ?? '')
      .update('\0')
      .update(queryHash)
      .update('\0')
      .update(request.operationName ?? '')
      .update('\0')
      .update(activeLabelKey(decision))
      .update('\0')
      .update(allowed.signature)
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
    const executed = (await executeQueryPlan(plan as never, serviceMap as never, requestContext, operationContext, g.supergraphSchema as never, g.apiSchema as never, g.config.telemetry as never)) as { data?: Record<string, unknown> | null; errors?: GraphQLError[] };
    // A failed subgraph's errors point only at fields the client selected (partialResults.ts).
    const response = executed.errors ? { ...executed, errors: confineUnavailableErrors(executed.errors, document, request.operationName, executed.data, g.supergraphSchema as GraphQLSchema) } : executed;
    if (allowed.denied.length === 0) return response;
    const { data, errors } = applyDenials(response.data, allowed.denied);
    return { ...response, data, errors: [...(response.errors ?? []), ...errors] };
  };
}
