import { GraphQLError } from 'graphql';

/**
 * Every error code a client can see, as data: the one list the docs and the throw helpers use.
 * `docs/errors.md` documents the same entries; a test fails when the two disagree.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { http: 401, since: '0.1.0', description: 'The request needs a caller identity, or the one given is invalid.' },
  FORBIDDEN: { http: 403, since: '0.1.0', description: 'The caller may not see or change this.' },
  BAD_USER_INPUT: { http: 400, since: '0.1.0', description: 'An argument is invalid; `extensions.fields` names each bad field and why.' },
  NOT_FOUND: { http: 404, since: '0.1.0', description: 'A referenced record does not exist (or is not visible to the caller).' },
  CONFLICT: { http: 409, since: '0.1.0', description: 'The change conflicts with the current state (already claimed, already applied, day already logged).' },
  RATE_LIMITED: { http: 429, since: '0.1.0', description: 'Too many requests; retry after `extensions.retryAfterSeconds`.' },
  RATE_LIMITER_UNAVAILABLE: { http: 503, since: '0.1.0', description: 'The shared rate limiter (Redis) is unreachable and the gateway is set to refuse rather than serve without it (RATE_LIMIT_FAIL=closed); retry after `extensions.retryAfterSeconds`.' },
  COST_LIMIT_EXCEEDED: { http: 400, since: '0.1.0', description: 'The operation is estimated to cost more than the caller\'s budget.' },
  DEPTH_LIMIT_EXCEEDED: { http: 400, since: '0.1.0', description: 'The operation nests deeper than the caller\'s limit; `extensions.measured` and `extensions.limit` say by how much.' },
  ALIAS_LIMIT_EXCEEDED: { http: 400, since: '0.1.0', description: 'The operation uses more aliases than the caller\'s limit (fragments counted where they are spread).' },
  ROOT_FIELD_LIMIT_EXCEEDED: { http: 400, since: '0.1.0', description: 'The operation asks for more root fields than the caller\'s limit.' },
  DIRECTIVE_LIMIT_EXCEEDED: { http: 400, since: '0.1.0', description: 'The operation applies more directives than the caller\'s limit (fragments counted where they are spread).' },
  FRAGMENT_CYCLE: { http: 400, since: '0.1.0', description: 'A fragment spreads itself, directly or through others; `extensions.fragments` names the cycle.' },
  DOCUMENT_TOO_LARGE: { http: 400, since: '0.1.0', description: 'The document is longer (in bytes) or has more tokens than the caller\'s limit.' },
  SUBGRAPH_UNAVAILABLE: { http: 200, since: '0.1.0', description: 'A subgraph did not answer; the fields it owns are null, with this error at each of their paths. `extensions.subgraph` names it; `extensions.reason` says why: `timeout`, `connection`, `http_error`, `bad_response`, `circuit_open` (failing recently, not called) or `deadline` (the request ran out of time).' },
  BAD_REQUEST: { http: 400, since: '0.1.0', description: 'The HTTP request is not a GraphQL request we accept: invalid JSON, a batch, a body over the size limit (HTTP 413), a GET without a CSRF-safe header, a mutation over GET (HTTP 405).' },
  OPERATION_NOT_TRUSTED: { http: 403, since: '0.1.0', description: 'The document is not in the persisted-operations manifest and the gateway runs trusted documents in enforce mode; send a persisted operation.' },
  PERSISTED_QUERY_NOT_FOUND: { http: 200, since: '0.1.0', description: 'No document is known for the `persistedQuery.sha256Hash` sent; send it again with the query text (automatic persisted queries).' },
  INTROSPECTION_DISABLED: { http: 403, since: '0.1.0', description: 'Introspection (`__schema`, `__type`) is off in production for this caller; analysts and partner admins may introspect.' },
  GRAPHQL_PARSE_FAILED: { http: 400, since: '0.1.0', description: 'The document is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { http: 400, since: '0.1.0', description: 'The document does not match the schema.' },
  SERVICE_UNAVAILABLE: { http: 503, since: '0.1.0', description: 'A subgraph\'s database is unreachable (restarting, down, or out of connections); nothing was written. Retry shortly: the subgraph reconnects by itself.' },
  INTERNAL_SERVER_ERROR: { http: 500, since: '0.1.0', description: 'Something failed on our side; the message never carries details.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One invalid input field: its path in the input (e.g. `input.quantity`) and what is wrong. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A GraphQL error with a stable code; `extra` goes into `extensions` beside the code. */
export function clientError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extra, code } });
}

/** BAD_USER_INPUT naming every bad field at once, so a form can show them all. */
export function badInput(problems: FieldProblem[]): GraphQLError {
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return clientError('BAD_USER_INPUT', `Invalid input — ${summary}`, { fields: problems });
}

/** Collects field problems while validating an input, then throws them together. */
export class InputProblems {
  readonly problems: FieldProblem[] = [];
  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }
  check(condition: boolean, field: string, message: string): void {
    if (!condition) this.add(field, message);
  }
  throwIfAny(): void {
    if (this.problems.length > 0) throw badInput(this.problems);
  }
}

export const notFound = (what: string, id: string): GraphQLError => clientError('NOT_FOUND', `${what} ${id} does not exist`, { id });
export const forbidden = (message: string): GraphQLError => clientError('FORBIDDEN', message);
export const conflict = (message: string, extra: Record<string, unknown> = {}): GraphQLError => clientError('CONFLICT', message, extra);
export const unauthenticated = (message = 'Sign in to do this'): GraphQLError => clientError('UNAUTHENTICATED', message);

/**
 * Errors thrown by resolvers that are not client errors (database down, bug) are masked: the
 * client sees INTERNAL_SERVER_ERROR with a generic message, the log keeps the detail.
 */
export function isClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const code = error.extensions?.code;
  return typeof code === 'string' && code in ERROR_CODES && code !== 'INTERNAL_SERVER_ERROR';
}
