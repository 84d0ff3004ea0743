import type { IncomingMessage } from 'node:http';
import { jsonPieces } from './jsonPieces.ts';
import {
  execute,
  getOperationAST,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * The subgraphs' direct path for the gateway's calls. Every subgraph request is a signed POST
 * from the gateway with one of the few query texts its query plans contain, so most of what
 * Apollo Server's request pipeline does per request (content negotiation, hashing the query
 * text to look up its document cache, plugin hooks, response formatting through its HTTP layer)
 * is repeated work: it cost about 120 µs of a subgraph's ~170 µs for a one-row lookup, on every
 * one of the 8–12 calls of a fan-out (bench/README.md, "Subgraph levers"). This path keeps
 * parsed and validated documents by query text, compiles each operation once with graphql-jit
 * (which halves the execution of a 5,000-job page; `SUBGRAPH_JIT=0` runs graphql-js `execute`
 * instead, and so does any operation graphql-jit cannot compile), and runs it itself.
 *
 * It only takes the plain case — a JSON body with a query string, a query or mutation that
 * parses and validates, variables that coerce — and returns undefined for anything else, which
 * then goes through Apollo Server exactly as before, so every refusal (parse and validation
 * errors, bad variables, persisted queries, GET, introspection in production) keeps Apollo's
 * codes, messages and HTTP statuses. Errors raised by resolvers are formatted the way Apollo
 * formats them: a code defaulting to INTERNAL_SERVER_ERROR, then the subgraph's own formatError.
 */
export interface SubgraphExecutorOptions<TContext> {
  schema: GraphQLSchema;
  context: (req: IncomingMessage) => Promise<TContext>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Refuse introspection (as Apollo's `introspection: false` does) by sending it to Apollo. */
  introspection: boolean;
  /** Documents kept by query text; the gateway's plans have a few dozen texts. */
  maxDocuments?: number;
}

interface Prepared {
  document: DocumentNode;
  /** Compiled per operation name ('' for none); null when graphql-jit cannot compile it. */
  compiled: Map<string, CompiledQuery | null>;
}

export function createSubgraphExecutor<TContext>(options: SubgraphExecutorOptions<TContext>) {
  const rules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const maxDocuments = options.maxDocuments ?? 1000;
  const documents = new Map<string, Prepared | null>();

  const prepare = (query: string): Prepared | null => {
    let prepared = documents.get(query);
    if (prepared !== undefined) {
      // Least recently used goes first: re-insert on a hit.
      documents.delete(query);
      documents.set(query, prepared);
      return prepared;
    }
    try {
      const document = parse(query);
      prepared = validate(options.schema, document, rules).length === 0 ? { document, compiled: new Map() } : null;
    } catch {
      prepared = null;
    }
    if (documents.size >= maxDocuments) documents.delete(documents.keys().next().value!);
    documents.set(query, prepared);
    return prepared;
  };

  /** The JSON text of a complete 200 answer (in pieces: jsonPieces.ts), or undefined to let Apollo Server answer. */
  return async (req: IncomingMessage, body: unknown): Promise<string[] | undefined> => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    const { query, variables, operationName, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || extensions !== undefined) return undefined;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return undefined;
    const prepared = prepare(query);
    if (!prepared) return undefined;
    const operation = getOperationAST(prepared.document, (operationName as string | null | undefined) ?? undefined);
    if (!operation || operation.operation === 'subscription') return undefined;
    const name = (operationName as string | null | undefined) ?? undefined;
    let compiled = prepared.compiled.get(name ?? '');
    if (compiled === undefined) {
      const built = process.env.SUBGRAPH_JIT === '0' ? null : compileQuery(options.schema, prepared.document, name);
      compiled = built && isCompiledQuery(built) ? built : null;
      prepared.compiled.set(name ?? '', compiled);
    }
    const contextValue = await options.context(req);
    const variableValues = (variables as Record<string, unknown> | null | undefined) ?? undefined;
    const result = compiled
      ? await compiled.query(undefined, contextValue, variableValues ?? {})
      : await execute({ schema: options.schema, document: prepared.document, variableValues, operationName: name, contextValue });
    // No data at all: the request itself was refused (e.g. variables that do not coerce). Nothing
    // ran, so Apollo answers it again with its own status and code.
    if (!('data' in result) || result.data === undefined) return undefined;
    const response: { errors?: GraphQLFormattedError[]; data: unknown } = { data: result.data };
    if (result.errors?.length) response.errors = result.errors.map((error) => formatOne(error, options.formatError));
    // Apollo ends its JSON with a newline; so does this, byte for byte the same answer.
    const pieces = jsonPieces(response.errors ? { errors: response.errors, data: response.data } : response);
    pieces[pieces.length - 1] += '\n';
    return pieces;
  };
}

function formatOne(error: GraphQLError, formatError: SubgraphExecutorOptions<unknown>['formatError']): GraphQLFormattedError {
  const formatted = error.toJSON();
  const extensions = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
  if (extensions.code === undefined) extensions.code = 'INTERNAL_SERVER_ERROR';
  return formatError({ ...formatted, extensions }, error);
}
