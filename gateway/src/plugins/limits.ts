import {
  GraphQLError,
  Kind,
  parse,
  Lexer,
  Source,
  TokenKind,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type Token,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller, ErrorCode, Role } from '@talent-graph/platform/core';

/**
 * Abuse limits, checked at the gateway before the document is validated and before any subgraph
 * is called (limitsPlugin): document size and token count, depth, aliases, root fields,
 * directives, static cost, and fragment cycles. Each is configurable per role; a refusal has a
 * stable code and carries the measured value and the limit in `extensions`. Fragments are
 * measured where they are spread (memoised, so a fragment bomb is measured in linear time, not
 * expanded).
 */
export interface Limits {
  maxDocumentBytes: number;
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  /** Directives applied (fragments counted where they are spread). */
  maxDirectives: number;
  /** Static cost budget (see `measure`). */
  maxCost: number;
}

// Depth 15 is what the standard introspection query (GraphiQL's docs pane) needs.
export const DEFAULT_LIMITS: Limits = { maxDocumentBytes: 20_000, maxTokens: 3_000, maxDepth: 15, maxAliases: 30, maxRootFields: 10, maxDirectives: 30, maxCost: 20_000 };

/** Analysts and partner admins write ad hoc queries: more room, the same kinds of limit. */
export const ROLE_LIMITS: Partial<Record<Role, Partial<Limits>>> = {
  analyst: { maxDocumentBytes: 100_000, maxTokens: 15_000, maxDepth: 20, maxAliases: 100, maxRootFields: 25, maxDirectives: 100, maxCost: 500_000 },
  partner_admin: { maxDocumentBytes: 100_000, maxTokens: 15_000, maxDepth: 20, maxAliases: 100, maxRootFields: 25, maxDirectives: 100, maxCost: 500_000 },
};

/** A caller's limits: the most generous of their roles', never less than the defaults. */
export function limitsFor(caller: Caller, defaults: Limits = DEFAULT_LIMITS, perRole = ROLE_LIMITS): Limits {
  const limits = { ...defaults };
  for (const role of caller.roles) {
    for (const [key, value] of Object.entries(perRole[role] ?? {}) as [keyof Limits, number][]) limits[key] = Math.max(limits[key], value);
  }
  return limits;
}

export interface Measurements {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  /**
   * Static cost, after the GraphQL cost directive spec's defaults: every field selected counts 1,
   * multiplied by the sizes of the lists above it — a list's size is its `first`/`limit`
   * argument (literal or variable) or, when it has none, DEFAULT_LIST_SIZE.
   */
  cost: number;
}

/** Assumed size of a list field without a `first`/`limit` argument or a declared @listSize. */
export const DEFAULT_LIST_SIZE = 20;

/**
 * What the subgraphs declared with the GraphQL cost directive spec (`@cost`, `@listSize`), kept by
 * composition in the supergraph, by field coordinate (`Type.field`).
 */
export interface CostDirectives {
  weight?: number;
  assumedSize?: number;
  slicingArguments?: string[];
}
export type CostRules = Map<string, CostDirectives>;

/** Reads @cost and @listSize from a supergraph SDL, once per supergraph load. */
export function readCostRules(supergraphSdl: string): CostRules {
  const rules: CostRules = new Map();
  for (const def of parse(supergraphSdl).definitions) {
    if ((def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) || !def.fields) continue;
    for (const field of def.fields) {
      const found: CostDirectives = {};
      for (const d of field.directives ?? []) {
        const arg = (name: string) => d.arguments?.find((a) => a.name.value === name)?.value;
        if (d.name.value === 'cost') {
          const w = arg('weight');
          if (w?.kind === Kind.INT) found.weight = Number(w.value);
        }
        if (d.name.value === 'listSize') {
          const size = arg('assumedSize');
          if (size?.kind === Kind.INT) found.assumedSize = Number(size.value);
          const slicing = arg('slicingArguments');
          if (slicing?.kind === Kind.LIST) found.slicingArguments = slicing.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
        }
      }
      if (Object.keys(found).length) rules.set(`${def.name.value}.${field.name.value}`, found);
    }
  }
  return rules;
}

/**
 * Counts a document's tokens, exactly: the lexer is linear and the text is already bounded by
 * the HTTP body limit. A syntax error ends the count (parsing reports it with its own code).
 */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // The rest is not GraphQL; the parser refuses it with GRAPHQL_PARSE_FAILED.
  }
  return count;
}

/** A fragment that spreads itself, directly or through others (`A → B → A`). */
export class FragmentCycle extends Error {
  constructor(readonly fragments: string[]) {
    super(`Fragment cycle: ${fragments.join(' → ')}`);
  }
}

/**
 * Measures the operations of one document. Runs on documents that were parsed but not validated
 * yet: unknown fields and types are measured like any other (cost 1, no list size from the
 * schema), and a fragment cycle is reported (FragmentCycle), never followed.
 */
function measurer(document: DocumentNode, variables: Record<string, unknown>, schema: GraphQLSchema | undefined, costRules: CostRules) {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  // Per fragment (and whether it is spread directly inside a connection), measured once: depth,
  // aliases, directives, and cost per unit of multiplier (cost is linear in the multiplier, so a
  // fragment's cost is reused wherever it is spread).
  type Measure = { depth: number; aliases: number; directives: number; cost: number };
  const memo = new Map<string, Measure>();
  const visiting: string[] = [];
  const argumentNumber = (field: FieldNode, names: string[]): number | undefined => {
    const arg = field.arguments?.find((a) => names.includes(a.name.value));
    if (!arg) return undefined;
    const value = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? Number(variables[arg.value.name.value]) : NaN;
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  // A list's size: its slicing argument's value (declared by @listSize, else first/limit), else the
  // declared @listSize assumedSize, else DEFAULT_LIST_SIZE.
  const listSize = (field: FieldNode, declared: CostDirectives | undefined): number =>
    argumentNumber(field, declared?.slicingArguments ?? ['first', 'limit']) ?? declared?.assumedSize ?? DEFAULT_LIST_SIZE;
  // How many items a field's selection runs for: its `first`/`limit` for a connection or a
  // list, DEFAULT_LIST_SIZE for a list without one (needs the schema), else 1.
  const multiplierOf = (field: FieldNode, parent: GraphQLNamedType | undefined, inConnection: boolean): { multiplier: number; type: GraphQLNamedType | undefined; connection: boolean } => {
    const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    const declared = parent ? costRules.get(`${parent.name}.${field.name.value}`) : undefined;
    const hasSizeArg = field.arguments?.some((a) => (declared?.slicingArguments ?? ['first', 'limit']).includes(a.name.value)) ?? false;
    let type: GraphQLOutputType | undefined = def?.type;
    if (type && isNonNullType(type)) type = type.ofType;
    const list = type !== undefined && isListType(type);
    const named = def ? getNamedType(def.type) : undefined;
    // A connection's `edges` were already counted by the connection's `first`.
    if (inConnection && (field.name.value === 'edges' || field.name.value === 'nodes')) return { multiplier: 1, type: named, connection: false };
    return { multiplier: hasSizeArg || list ? listSize(field, declared) : 1, type: named, connection: hasSizeArg && !list };
  };
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, inConnection = false): Measure => {
    let depth = 0;
    let aliases = 0;
    let directives = 0;
    let cost = 0;
    for (const s of set.selections) {
      directives += s.directives?.length ?? 0;
      if (s.kind === Kind.FIELD) {
        if (s.alias) aliases += 1;
        if (s.name.value.startsWith('__')) {
          // Introspection is answered by the gateway itself: depth, aliases and directives count, cost not.
          const introspected = s.name.value === '__schema' ? schema?.getType('__Schema') : s.name.value === '__type' ? schema?.getType('__Type') : undefined;
          if (s.selectionSet) {
            const inner = walk(s.selectionSet, introspected ?? undefined);
            depth = Math.max(depth, inner.depth + 1);
            aliases += inner.aliases;
            directives += inner.directives;
          } else depth = Math.max(depth, 1);
          continue;
        }
        cost += (parent && costRules.get(`${parent.name}.${s.name.value}`)?.weight) ?? 1;
        if (s.selectionSet) {
          const { multiplier, type, connection } = multiplierOf(s, parent, inConnection);
          const inner = walk(s.selectionSet, type, connection);
          depth = Math.max(depth, inner.depth + 1);
          aliases += inner.aliases;
          directives += inner.directives;
          cost += multiplier * inner.cost;
        } else depth = Math.max(depth, 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const inner = walk(s.selectionSet, s.typeCondition ? schema?.getType(s.typeCondition.name.value) ?? undefined : parent, inConnection);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        directives += inner.directives;
        cost += inner.cost;
      } else {
        const name = s.name.value;
        const key = `${name}\0${inConnection}`;
        let inner = memo.get(key);
        if (!inner) {
          const fragment = fragments.get(name);
          // An unknown fragment is for validation to name; it adds nothing here.
          if (!fragment) continue;
          if (visiting.includes(name)) throw new FragmentCycle([...visiting.slice(visiting.indexOf(name)), name]);
          visiting.push(name);
          const measured = walk(fragment.selectionSet, schema?.getType(fragment.typeCondition.name.value) ?? undefined, inConnection);
          visiting.pop();
          // The fragment definition's own directives apply wherever it is spread.
          inner = { ...measured, directives: measured.directives + (fragment.directives?.length ?? 0) };
          memo.set(key, inner);
        }
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        directives += inner.directives;
        cost += inner.cost;
      }
    }
    return { depth, aliases, directives, cost };
  };
  return (operation: OperationDefinitionNode): Measurements => {
    const root = schema?.getRootType(operation.operation) ?? undefined;
    const { depth, aliases, directives, cost } = walk(operation.selectionSet, root);
    return { depth, aliases, rootFields: operation.selectionSet.selections.length, directives: directives + (operation.directives?.length ?? 0), cost };
  };
}

const operationsOf = (document: DocumentNode) => document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

/** Measures the operation that would run (`operationName`, else the first). Throws FragmentCycle. */
export function measure(document: DocumentNode, operationName?: string | null, variables: Record<string, unknown> = {}, schema?: GraphQLSchema, costRules: CostRules = new Map()): Measurements {
  const operations = operationsOf(document);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { depth: 0, aliases: 0, rootFields: 0, directives: 0, cost: 0 };
  return measurer(document, variables, schema, costRules)(operation);
}

const refuse = (code: ErrorCode, what: string, measured: number, limit: number) =>
  new GraphQLError(`${what}: ${measured} is over the limit of ${limit}`, { extensions: { code, measured, limit, http: { status: 400 } } });

/** Document size in bytes and tokens: needs only the text, so it runs before parsing. */
export function checkSize(source: string, limits: Limits): GraphQLError | undefined {
  const bytes = Buffer.byteLength(source);
  if (bytes > limits.maxDocumentBytes) return refuse('DOCUMENT_TOO_LARGE', 'Document size in bytes', bytes, limits.maxDocumentBytes);
  const tokens = countTokens(source);
  if (tokens > limits.maxTokens) return refuse('DOCUMENT_TOO_LARGE', 'Document tokens', tokens, limits.maxTokens);
  return undefined;
}

/**
 * Every limit, on a parsed document that need not be valid yet. Every operation in the document is
 * measured, not only the one that would run: validation reads them all, so a bomb in an operation
 * that never runs still costs CPU. The operation named by `operationName` is measured first, so
 * its numbers are the ones reported when it is over; within one operation the first limit
 * exceeded, in the order of the table in docs/security.md, is reported.
 */
export function checkLimits(source: string, document: DocumentNode, operationName: string | null | undefined, limits: Limits, variables: Record<string, unknown> = {}, schema?: GraphQLSchema, costRules: CostRules = new Map()): GraphQLError | undefined {
  return checkSize(source, limits) ?? checkShape(document, operationName, limits, variables, schema, costRules);
}

/** The limits checkLimits applies after size and tokens: depth, aliases, root fields, directives, cost. */
export function checkShape(document: DocumentNode, operationName: string | null | undefined, limits: Limits, variables: Record<string, unknown> = {}, schema?: GraphQLSchema, costRules: CostRules = new Map()): GraphQLError | undefined {
  const measureOne = measurer(document, variables, schema, costRules);
  const operations = operationsOf(document).sort((a, b) => Number(b.name?.value === operationName) - Number(a.name?.value === operationName));
  for (const operation of operations) {
    let m: Measurements;
    try {
      m = measureOne(operation);
    } catch (error) {
      if (!(error instanceof FragmentCycle)) throw error;
      return new GraphQLError(`${error.message}: a fragment may not spread itself`, { extensions: { code: 'FRAGMENT_CYCLE' satisfies ErrorCode, fragments: error.fragments, http: { status: 400 } } });
    }
    if (m.depth > limits.maxDepth) return refuse('DEPTH_LIMIT_EXCEEDED', 'Query depth', m.depth, limits.maxDepth);
    if (m.aliases > limits.maxAliases) return refuse('ALIAS_LIMIT_EXCEEDED', 'Aliases', m.aliases, limits.maxAliases);
    if (m.rootFields > limits.maxRootFields) return refuse('ROOT_FIELD_LIMIT_EXCEEDED', 'Root fields', m.rootFields, limits.maxRootFields);
    if (m.directives > limits.maxDirectives) return refuse('DIRECTIVE_LIMIT_EXCEEDED', 'Directives', m.directives, limits.maxDirectives);
    if (m.cost > limits.maxCost) return refuse('COST_LIMIT_EXCEEDED', 'Estimated cost', m.cost, limits.maxCost);
  }
  return undefined;
}

// What a refused document is replaced with (see limitsPlugin): valid against any schema, so it is
// validated in microseconds and the refusal comes from didResolveOperation with our code.
const REFUSED_TEXT = 'query OperationRefused { __typename }';
const REFUSED_DOCUMENT: DocumentNode = parse(REFUSED_TEXT);

/**
 * What a parsed document holds on the heap, estimated: graphql-js keeps a document's source text
 * and, for error locations, every one of its tokens linked from the AST. Measured on the canonical
 * operations at 344–353 bytes per token beside the text (stateDashboard: 1,676 characters, 220
 * tokens, 78 KB) and at 484 on a document of bare fields: 400 per token plus one per character.
 */
export function documentHeapBytes(document: DocumentNode): number {
  let tokens = 0;
  for (let token: Token | null | undefined = document.loc?.startToken; token; token = token.next) tokens += 1;
  return (document.loc?.source.body.length ?? 0) + 400 * tokens;
}

/**
 * The document store's default budget (DOCUMENT_CACHE_MAX_MB): room for a few hundred operations
 * of the canonical kind (17–90 KB each by documentHeapBytes) within the gateway's 200 MB target.
 */
export const DOCUMENT_STORE_MAX_BYTES = 16 * 1024 * 1024;

/** The document store's entry limit; with canonical-size documents the byte budget above binds first. */
export const DOCUMENT_STORE_MAX_ENTRIES = 10_000;

/**
 * Apollo Server's document store (parsed and validated documents by query hash), except that it
 * never keeps REFUSED_DOCUMENT: a document refused for one caller is stored under its own hash,
 * and a caller with more room sending the same text must get it parsed and validated for real.
 * Least recently used entries are dropped first, to stay within both `maxEntries` and `maxBytes`
 * of estimated heap (documentHeapBytes). Why the byte budget: every distinct valid text a client
 * sends is stored, and a count alone let 3,000 anonymous 19 KB documents (comment padding, within
 * every limit) hold 91 MB; 10,000 documents of 3,000 tokens would hold far more than the heap.
 */
export class DocumentStore {
  private readonly documents = new Map<string, { document: DocumentNode; bytes: number }>();
  private bytes = 0;
  constructor(
    private readonly maxEntries = DOCUMENT_STORE_MAX_ENTRIES,
    private readonly maxBytes = DOCUMENT_STORE_MAX_BYTES,
  ) {}
  async get(key: string): Promise<DocumentNode | undefined> {
    const entry = this.documents.get(key);
    if (entry) {
      this.documents.delete(key);
      this.documents.set(key, entry);
    }
    return entry?.document;
  }
  async set(key: string, document: DocumentNode): Promise<void> {
    if (document === REFUSED_DOCUMENT) return;
    this.remove(key);
    const bytes = documentHeapBytes(document);
    if (bytes > this.maxBytes) return;
    this.documents.set(key, { document, bytes });
    this.bytes += bytes;
    while (this.documents.size > this.maxEntries || this.bytes > this.maxBytes) this.remove(this.documents.keys().next().value as string);
  }
  async delete(key: string): Promise<boolean> {
    return this.remove(key);
  }
  private remove(key: string): boolean {
    const entry = this.documents.get(key);
    if (!entry) return false;
    this.documents.delete(key);
    this.bytes -= entry.bytes;
    return true;
  }
  /** Entries and estimated bytes held (gateway/test/limits.test.ts reads them). */
  size(): { entries: number; bytes: number } {
    return { entries: this.documents.size, bytes: this.bytes };
  }
}

/**
 * The Apollo Server plugin. Limits are checked as early as each needs: size and tokens on the text
 * as the request starts (an oversized document is never parsed), the rest right after parsing and
 * before validation (graphql-js validation is where bombs spend CPU: overlapping-field checks are
 * quadratic in the worst case). A refused request's text or parsed document is swapped for a
 * placeholder and the refusal thrown from didResolveOperation, the first hook that can answer a
 * request: so nothing of it is validated, planned or sent to a subgraph. A document Apollo Server
 * found in its document store (validated for an earlier request, perhaps for a caller with more
 * room) is checked in didResolveOperation.
 */
export function limitsPlugin<TContext extends { caller: Caller }>(defaults: Limits = DEFAULT_LIMITS, perRole = ROLE_LIMITS, costRules: CostRules | (() => CostRules) = new Map()): ApolloServerPlugin<TContext> {
  // A function follows supergraph reloads (server.ts); a map is fixed.
  const currentCostRules = typeof costRules === 'function' ? costRules : () => costRules;
  return {
    async requestDidStart({ request, contextValue }) {
      const limits = limitsFor(contextValue.caller, defaults, perRole);
      let refusal: GraphQLError | undefined;
      let checked = false;
      // Size and tokens are counted once per request: here on the text sent with it, or, for an
      // APQ hash alone, on the text it stands for once Apollo has it (checkRest).
      let sizeChecked = false;
      const checkRest = (source: string, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, schema: GraphQLSchema) =>
        (sizeChecked ? undefined : checkSize(source, limits)) ?? checkShape(document, operationName, limits, variables ?? {}, schema, currentCostRules());
      // Text sent with the request (not an APQ hash alone): size and tokens before parsing.
      if (typeof request.query === 'string') {
        sizeChecked = true;
        refusal = checkSize(request.query, limits);
        if (refusal) {
          checked = true;
          request.query = REFUSED_TEXT;
          request.operationName = undefined;
          // The APQ hash was of the refused text; keeping it would make Apollo refuse the
          // placeholder (hash mismatch) or register it.
          if (request.extensions) {
            const { persistedQuery: _dropped, ...rest } = request.extensions;
            request.extensions = rest;
          }
        }
      }
      return {
        async parsingDidStart(parsing) {
          if (checked) return undefined;
          // Apollo Server calls this right after parse() and before validate(), without awaiting
          // it: the body has no await, so it has run completely before validation starts.
          return async (error?: Error) => {
            if (error || !parsing.document || parsing.source === undefined) return;
            checked = true;
            refusal = checkRest(parsing.source, parsing.document, parsing.request.operationName, parsing.request.variables, parsing.schema);
            // Apollo's typings mark `document` read-only for plugins; the pipeline reads it back from
            // this same object for validation and execution, which is what makes the swap work.
            if (refusal) (parsing as { document: DocumentNode }).document = REFUSED_DOCUMENT;
          };
        },
        async didResolveOperation({ source, document, request: resolved, schema }) {
          if (!checked) refusal = checkRest(source, document, resolved.operationName, resolved.variables, schema);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
