import { createHash } from 'node:crypto';
import { buildOperationContext, executeQueryPlan, type ApolloGateway } from '@apollo/gateway';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { BREAK, getNamedType, isAbstractType, parse, TypeInfo, validate, visit, visitWithTypeInfo, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { acceptsRawJson, ANONYMOUS, carryRawJson, documentHash, type Caller, type PersistedOperation } from '@talent-graph/platform/core';
import type { OverrideLabelPolicy } from './plugins/progressiveOverride.ts';
import { activeLabelKey } from './plugins/progressiveOverride.ts';
import { applyDenials, planAccess, type AccessRules } from './plugins/access.ts';
import { confineUnavailableErrors } from './partialResults.ts';
import { installOperationMemo } from './plans/operationMemo.ts';
import { passthroughFetch, sendPassthrough } from './plans/passthrough.ts';
import { installResultShaping } from './plans/resultShaping.ts';
import { deserializePlan, PLAN_KEY_PREFIX, serializePlan, SHARED_PLAN_TTL_SECONDS, type SharedPlanStore } from './plans/sharedPlans.ts';

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
  supergraphSdl: string;
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

/**
 * Whether any field a document selects (fragments included) carries an access rule, for any
 * caller: when none does, planAccess would return the document unchanged for everybody, so the
 * per-request walk is skipped. Judged once per parsed document (Apollo Server's document cache
 * hands the same DocumentNode to every request with the same text).
 */
export function touchesAccessRules(document: DocumentNode, schema: GraphQLSchema, rules: AccessRules): boolean {
  const typeInfo = new TypeInfo(schema);
  let touches = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        // Unknown fields are validation's business; judging them "touching" keeps the full walk.
        if (!parent || !field) {
          touches = true;
          return BREAK;
        }
        const owners = isAbstractType(parent) ? [parent, ...schema.getPossibleTypes(parent)] : [parent];
        if (owners.some((o) => rules.fields.has(`${o.name}.${field.name}`)) || rules.types.has(getNamedType(field.type).name)) {
          touches = true;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  return touches;
}

/** What warming the plan cache did (see PlanWarmer). */
export interface WarmResult {
  planned: number;
  /** Operations that could not be planned against the loaded supergraph, with the reason. */
  failed: { name: string; reason: string }[];
  ms: number;
}

export interface PlanWarmer {
  /**
   * Plans every persisted operation into the plan cache, under the keys real requests use: for
   * an anonymous caller (or any caller the operation's access rules do not cut) and for every
   * combination of progressive-override labels. Call it whenever a supergraph has been loaded
   * (ApolloGateway empties the plan cache on a schema change), so the first requests after a
   * schema change do not pay for planning. Operations the supergraph cannot serve are reported,
   * not thrown: a schema change may retire one.
   */
  warm(operations: readonly PersistedOperation[], supergraphSdl?: string): Promise<WarmResult>;
}

/** `shared`: plans shared with other gateway processes through Redis (plans/sharedPlans.ts). */
export function installExecutor(gateway: ApolloGateway, rules: () => SupergraphRules, shared?: SharedPlanStore): PlanWarmer {
  const live = gateway as unknown as GatewayInternals;
  installOperationMemo();
  installResultShaping();
  // Per parsed document and API schema (a new supergraph brings a new schema object and rules).
  const ruleFree = new WeakMap<DocumentNode, { schema: unknown; access: AccessRules; free: boolean }>();
  const isRuleFree = (document: DocumentNode, schema: unknown, access: AccessRules): boolean => {
    const known = ruleFree.get(document);
    if (known && known.schema === schema && known.access === access) return known.free;
    const free = !touchesAccessRules(document, schema as GraphQLSchema, access);
    ruleFree.set(document, { schema, access, free });
    return free;
  };
  // A plan from the previous supergraph must never be served after a reload: the composition id
  // is part of the key.
  const planKeyOf = (compositionId: string | undefined, queryHash: string, operationName: string | null | undefined, decision: Map<string, boolean>, signature: string): string =>
    createHash('sha256').update(compositionId ?? '').update('\0').update(queryHash).update('\0').update(operationName ?? '').update('\0').update(activeLabelKey(decision)).update('\0').update(signature).digest('hex');
  type View = Pick<GatewayInternals, 'apiSchema' | 'queryPlanner' | 'queryPlanStore' | 'recursiveSelectionsLimitDisabled' | 'nonLocalSelectionsLimitDisabled'>;
  const planFor = async (g: View, document: DocumentNode, operationName: string | null | undefined, planKey: string, decision: Map<string, boolean>): Promise<unknown> => {
    let plan = await g.queryPlanStore.get(planKey);
    if (plan) return plan;
    const text = await shared?.get(PLAN_KEY_PREFIX + planKey);
    if (text !== undefined) {
      plan = deserializePlan(text);
      await g.queryPlanStore.set(planKey, plan);
      return plan;
    }
    const operation = operationFromDocument(g.apiSchema as never, document, { operationName: operationName ?? undefined });
    plan = g.queryPlanner.buildQueryPlan(operation, {
      overrideConditions: decision,
      recursiveSelectionsLimitDisabled: g.recursiveSelectionsLimitDisabled,
      nonLocalSelectionsLimitDisabled: g.nonLocalSelectionsLimitDisabled,
    });
    await g.queryPlanStore.set(planKey, plan);
    // Not awaited: the request does not wait for Redis (a failure is logged by the store).
    if (shared) void shared.set(PLAN_KEY_PREFIX + planKey, serializePlan(plan), SHARED_PLAN_TTL_SECONDS);
    return plan;
  };
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
    const allowed = isRuleFree(requestContext.document, g.schema, access)
      ? { document: requestContext.document as DocumentNode, denied: [], signature: '' }
      : planAccess(requestContext.document, request.operationName, g.schema as GraphQLSchema, access, caller, request.variables ?? {});
    const document = allowed.document;
    const decision = overrides.decide();
    const operationContext = buildOperationContext({ schema: g.schema as never, operationDocument: document, operationName: request.operationName });
    // Keyed by the operation actually selected, so a request naming it and one relying on it being
    // the only operation share one plan (and the plans warm() made).
    const planKey = planKeyOf(g.compositionId, queryHash, operationContext.operation.name?.value, decision, allowed.signature);
    const validationErrors = g.validateIncomingRequest(requestContext, operationContext);
    if (validationErrors.length > 0) return { errors: validationErrors };
    const plan = await planFor(g, document, request.operationName, planKey, decision);
    let serviceMap = Object.fromEntries(Object.entries(g.serviceMap).map(([name, { dataSource }]) => [name, dataSource]));
    // One fetch whose answer already is the response: no re-shaping (plans/passthrough.ts).
    const direct = allowed.denied.length === 0 ? passthroughFetch(plan, operationContext.operation, Object.keys(operationContext.fragments).length) : null;
    if (direct) {
      const outcome = await sendPassthrough(direct, serviceMap as never, requestContext, acceptsRawJson(requestContext.context));
      if ('data' in outcome) return outcome;
      if ('raw' in outcome) {
        carryRawJson(requestContext.context, outcome.raw);
        return { data: outcome.raw };
      }
      serviceMap = outcome.replay as never;
    }
    const executed = (await executeQueryPlan(plan as never, serviceMap as never, requestContext, operationContext, g.supergraphSchema as never, g.apiSchema as never, g.config.telemetry as never)) as { data?: Record<string, unknown> | null; errors?: GraphQLError[] };
    // A failed subgraph's errors point only at fields the client selected (partialResults.ts).
    const response = executed.errors ? { ...executed, errors: confineUnavailableErrors(executed.errors, document, request.operationName, executed.data, g.supergraphSchema as GraphQLSchema) } : executed;
    if (allowed.denied.length === 0) return response;
    const { data, errors } = applyDenials(response.data, allowed.denied);
    return { ...response, data, errors: [...(response.errors ?? []), ...errors] };
  };
  // Every on/off combination of the override labels: a request may draw any of them.
  const decisions = (overrides: OverrideLabelPolicy): Map<string, boolean>[] =>
    overrides.labels.reduce<Map<string, boolean>[]>((all, label) => all.flatMap((d) => [new Map([...d, [label, false]]), new Map([...d, [label, true]])]), [new Map()]);
  return {
    async warm(operations, supergraphSdl) {
      const started = performance.now();
      const result: WarmResult = { planned: 0, failed: [], ms: 0 };
      // A hook may fire for a supergraph that has already been replaced: its plans would be wasted.
      if (supergraphSdl !== undefined && supergraphSdl !== live.supergraphSdl) return { ...result, failed: [{ name: '*', reason: 'not the supergraph the gateway serves now' }] };
      const g = { schema: live.schema, apiSchema: live.apiSchema, queryPlanner: live.queryPlanner, queryPlanStore: live.queryPlanStore, compositionId: live.compositionId, recursiveSelectionsLimitDisabled: live.recursiveSelectionsLimitDisabled, nonLocalSelectionsLimitDisabled: live.nonLocalSelectionsLimitDisabled };
      const { overrides, access } = rules();
      for (const op of operations) {
        try {
          const parsed = parse(op.body);
          const errors = validate(g.schema as GraphQLSchema, parsed);
          if (errors.length > 0) throw new Error(errors[0]!.message);
          const allowed = isRuleFree(parsed, g.schema, access) ? { document: parsed, signature: '' } : planAccess(parsed, op.name, g.schema as GraphQLSchema, access, ANONYMOUS, {});
          for (const decision of decisions(overrides)) {
            await planFor(g, allowed.document, op.name, planKeyOf(g.compositionId, documentHash(op.body), op.name, decision, allowed.signature), decision);
            result.planned += 1;
          }
        } catch (error) {
          result.failed.push({ name: op.name, reason: (error as Error).message });
        }
        // Planning is synchronous CPU work: let requests already waiting run between operations.
        await new Promise((resolve) => setImmediate(resolve));
      }
      result.ms = Math.round(performance.now() - started);
      return result;
    },
  };
}
