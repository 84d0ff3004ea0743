import type { GraphQLDataSource } from '@apollo/gateway';
import { BREAK, Kind, parse, print, visit, type ASTNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { RawJson } from '@talent-graph/platform/core';

/**
 * The single-fetch passthrough. When a query's plan is one fetch from one subgraph whose
 * selection is exactly the client's, the subgraph's `data` already is the response: field for
 * field, alias for alias, in the client's order. ApolloGateway still re-shapes it (resultShaping's
 * computeResponse walks every value of the result against the operation), which for an analyst's
 * 5,000-job page was about half of the gateway's CPU (bench/README.md). Here such a plan sends the
 * fetch itself, through the same data source and request hooks, and answers with that data.
 *
 * Taken only when nothing could make the two differ: a query or a mutation answered by one fetch
 * of the same kind; no fragments, inline fragments or directives anywhere in either operation (no
 * @skip/@include, no type conditions, nothing the planner rewrites); no @requires, rewrites or
 * context in the fetch; the two selection sets print identically; and an answer without errors.
 * Anything else — a subgraph error, a failed call, a different selection — goes through
 * ApolloGateway's own execution, which then owns the error reporting as before (replaying the
 * call already made, never making it twice: which is what makes a mutation safe here, it is
 * applied once whichever path reports it). For a mutation the gain is ApolloGateway's executor
 * itself: its CPU per single-field mutation was about a third of ours' (bench/README.md).
 */

/** What the passthrough needs from ApolloGateway's plan node. */
interface FetchNode {
  kind: 'Fetch';
  serviceName: string;
  operation: string;
  operationName?: string;
  operationKind: string;
  operationDocumentNode?: DocumentNode;
  variableUsages?: string[];
  requires?: unknown[];
  inputRewrites?: unknown[];
  outputRewrites?: unknown[];
  contextRewrites?: unknown[];
}

const decided = new WeakMap<object, FetchNode | null>();

function plain(node: ASTNode): boolean {
  let ok = true;
  visit(node, {
    enter(n) {
      if (n.kind === Kind.DIRECTIVE || n.kind === Kind.FRAGMENT_SPREAD || n.kind === Kind.INLINE_FRAGMENT || n.kind === Kind.FRAGMENT_DEFINITION) {
        ok = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return ok;
}

const empty = (list: unknown[] | undefined) => !list || list.length === 0;

/** The plan's one fetch when the passthrough applies to it, else null (decided once per plan object). */
export function passthroughFetch(plan: unknown, clientOperation: OperationDefinitionNode, clientFragmentCount: number): FetchNode | null {
  if (!plan || typeof plan !== 'object') return null;
  const known = decided.get(plan);
  if (known !== undefined) return known;
  let fetch: FetchNode | null = null;
  const node = (plan as { node?: FetchNode }).node;
  if (
    node?.kind === 'Fetch' &&
    (clientOperation.operation === 'query' || clientOperation.operation === 'mutation') &&
    node.operationKind === clientOperation.operation &&
    clientFragmentCount === 0 &&
    empty(node.requires) &&
    empty(node.inputRewrites) &&
    empty(node.outputRewrites) &&
    empty(node.contextRewrites)
  ) {
    // Plans do not always carry the fetch's parsed document (a plan cache may hold only text).
    const document = node.operationDocumentNode ?? parse(node.operation);
    const definitions = document.definitions;
    const fetched = definitions.length === 1 && definitions[0]!.kind === Kind.OPERATION_DEFINITION ? definitions[0] : undefined;
    if (fetched && plain(clientOperation.selectionSet) && plain(fetched.selectionSet) && print(clientOperation.selectionSet) === print(fetched.selectionSet)) fetch = { ...node, operationDocumentNode: document };
  }
  decided.set(plan, fetch);
  return fetch;
}

/** What the passthrough got: the response's data (parsed, or as the subgraph's bytes), or how to replay its one call on the full path. */
export type PassthroughOutcome = { data: Record<string, unknown> } | { raw: RawJson } | { replay: Record<string, GraphQLDataSource> };

/** A data source that can hand back a plain answer's data unparsed (SubgraphDataSource). */
interface DataBytesSource extends GraphQLDataSource {
  processForData(options: Parameters<GraphQLDataSource['process']>[0]): Promise<Awaited<ReturnType<GraphQLDataSource['process']>> | RawJson>;
}

/**
 * Sends the fetch as ApolloGateway's executor would (same data source, variables limited to the
 * ones it uses, the incoming request context for the signing and identity hooks). A clean answer
 * is the response; when the HTTP front will serialise the response (`rawAllowed`, rawJson.ts) and
 * the data source can, its data stays the subgraph's bytes, neither parsed nor serialised again
 * (responseBytes.ts). Anything else — errors in it, no data, a failed call — must be reported the
 * way ApolloGateway reports it, so the full path runs; but it must not call the subgraph again (a
 * failing subgraph would get twice the load, its breaker would count the failure twice and a
 * retry could outlive the request's deadline). So the outcome comes back as a service map whose
 * data source for that subgraph replays this very answer or failure once.
 */
export async function sendPassthrough(
  fetch: FetchNode,
  serviceMap: Record<string, GraphQLDataSource>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ApolloGateway's own request context type
  requestContext: any,
  rawAllowed = false,
): Promise<PassthroughOutcome> {
  const service = serviceMap[fetch.serviceName];
  if (!service) return { replay: serviceMap };
  const provided = (requestContext.request?.variables ?? {}) as Record<string, unknown>;
  const variables: Record<string, unknown> = Object.create(null);
  for (const name of fetch.variableUsages ?? []) if (provided[name] !== undefined) variables[name] = provided[name];
  let outcome: { response: Awaited<ReturnType<GraphQLDataSource['process']>> } | { error: unknown };
  try {
    const options = {
      // GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported by @apollo/gateway).
      kind: 'incoming operation' as never,
      request: { query: fetch.operation, variables, operationName: fetch.operationName },
      incomingRequestContext: requestContext,
      context: requestContext.context,
      document: fetch.operationDocumentNode,
      pathInIncomingRequest: [],
    };
    const bytesSource = rawAllowed && typeof (service as DataBytesSource).processForData === 'function' ? (service as DataBytesSource) : undefined;
    const response = bytesSource ? await bytesSource.processForData(options) : await service.process(options);
    if (response instanceof RawJson) return { raw: response };
    outcome = { response };
  } catch (error) {
    outcome = { error };
  }
  if ('response' in outcome) {
    const { response } = outcome;
    if (!(response.errors && response.errors.length > 0) && response.data && typeof response.data === 'object') return { data: response.data as Record<string, unknown> };
  }
  let replayed = false;
  const replay: GraphQLDataSource = {
    process(options) {
      if (replayed) return service.process(options);
      replayed = true;
      return 'error' in outcome ? Promise.reject(outcome.error) : Promise.resolve(outcome.response);
    },
  };
  return { replay: { ...serviceMap, [fetch.serviceName]: replay } };
}
