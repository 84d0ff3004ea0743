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
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller, Role } from '@talent-graph/platform';

/**
 * Abuse limits, checked at the gateway before any subgraph is called: document size and token
 * count, depth, aliases and root fields. Each is configurable per role; a refusal has a stable
 * code and carries the measured value and the limit in `extensions`. Fragments are measured where
 * they are spread (memoised, so a fragment bomb is measured in linear time, not expanded).
 */
export interface Limits {
  maxDocumentBytes: number;
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  /** Static cost budget (see `measure`). */
  maxCost: number;
}

// Depth 15 is what the standard introspection query (GraphiQL's docs pane) needs.
export const DEFAULT_LIMITS: Limits = { maxDocumentBytes: 20_000, maxTokens: 3_000, maxDepth: 15, maxAliases: 30, maxRootFields: 10, maxCost: 20_000 };

/** Analysts and partner admins write ad hoc queries: more room, the same kinds of limit. */
export const ROLE_LIMITS: Partial<Record<Role, Partial<Limits>>> = {
  analyst: { maxDocumentBytes: 100_000, maxTokens: 15_000, maxDepth: 20, maxAliases: 100, maxRootFields: 25, maxCost: 500_000 },
  partner_admin: { maxDocumentBytes: 100_000, maxTokens: 15_000, maxDepth: 20, maxAliases: 100, maxRootFields: 25, maxCost: 500_000 },
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

/** Counts tokens, stopping one past the limit (the lexer is linear; no need to read further). */
export function countTokens(source: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) if (++count > stopAfter) break;
  return count;
}

export function measure(document: DocumentNode, operationName?: string | null, variables: Record<string, unknown> = {}, schema?: GraphQLSchema, costRules: CostRules = new Map()): Measurements {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { depth: 0, aliases: 0, rootFields: 0, cost: 0 };
  // Per fragment, measured once: depth, aliases, and cost per unit of multiplier (cost is linear
  // in the multiplier, so a fragment's cost is reused wherever it is spread).
  type Measure = { depth: number; aliases: number; cost: number };
  const memo = new Map<string, Measure>();
  const visiting = new Set<string>();
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
    let cost = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.alias) aliases += 1;
        if (s.name.value.startsWith('__')) {
          // Introspection is answered by the gateway itself: depth and aliases count, cost not.
          const introspected = s.name.value === '__schema' ? schema?.getType('__Schema') : s.name.value === '__type' ? schema?.getType('__Type') : undefined;
          if (s.selectionSet) depth = Math.max(depth, walk(s.selectionSet, introspected ?? undefined).depth + 1);
          else depth = Math.max(depth, 1);
          continue;
        }
        cost += (parent && costRules.get(`${parent.name}.${s.name.value}`)?.weight) ?? 1;
        if (s.selectionSet) {
          const { multiplier, type, connection } = multiplierOf(s, parent, inConnection);
          const inner = walk(s.selectionSet, type, connection);
          depth = Math.max(depth, inner.depth + 1);
          aliases += inner.aliases;
          cost += multiplier * inner.cost;
        } else depth = Math.max(depth, 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const inner = walk(s.selectionSet, s.typeCondition ? schema?.getType(s.typeCondition.name.value) ?? undefined : parent, inConnection);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
      } else {
        const name = s.name.value;
        let inner = memo.get(name);
        if (!inner) {
          const fragment = fragments.get(name);
          // Cycles are refused by validation before this runs; guard anyway.
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          inner = walk(fragment.selectionSet, schema?.getType(fragment.typeCondition.name.value) ?? undefined);
          visiting.delete(name);
          memo.set(name, inner);
        }
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
      }
    }
    return { depth, aliases, cost };
  };
  const root = schema?.getRootType(operation.operation) ?? undefined;
  const { depth, aliases, cost } = walk(operation.selectionSet, root);
  const rootFields = operation.selectionSet.selections.length;
  return { depth, aliases, rootFields, cost };
}

const refuse = (code: string, what: string, measured: number, limit: number) =>
  new GraphQLError(`${what}: ${measured} is over the limit of ${limit}`, { extensions: { code, measured, limit, http: { status: 400 } } });

export function checkLimits(source: string, document: DocumentNode, operationName: string | null | undefined, limits: Limits, variables: Record<string, unknown> = {}, schema?: GraphQLSchema, costRules?: CostRules): GraphQLError | undefined {
  const bytes = Buffer.byteLength(source);
  if (bytes > limits.maxDocumentBytes) return refuse('DOCUMENT_TOO_LARGE', 'Document size in bytes', bytes, limits.maxDocumentBytes);
  const tokens = countTokens(source, limits.maxTokens);
  if (tokens > limits.maxTokens) return refuse('DOCUMENT_TOO_LARGE', 'Document tokens', tokens, limits.maxTokens);
  const m = measure(document, operationName, variables, schema, costRules);
  if (m.depth > limits.maxDepth) return refuse('DEPTH_LIMIT_EXCEEDED', 'Query depth', m.depth, limits.maxDepth);
  if (m.aliases > limits.maxAliases) return refuse('ALIAS_LIMIT_EXCEEDED', 'Aliases', m.aliases, limits.maxAliases);
  if (m.rootFields > limits.maxRootFields) return refuse('ROOT_FIELD_LIMIT_EXCEEDED', 'Root fields', m.rootFields, limits.maxRootFields);
  if (m.cost > limits.maxCost) return refuse('COST_LIMIT_EXCEEDED', 'Estimated cost', m.cost, limits.maxCost);
  return undefined;
}

/** The Apollo Server plugin: refuses before planning, so no subgraph is called. */
export function limitsPlugin<TContext extends { caller: Caller }>(defaults: Limits = DEFAULT_LIMITS, perRole = ROLE_LIMITS, costRules: CostRules | (() => CostRules) = new Map()): ApolloServerPlugin<TContext> {
  // A function follows supergraph reloads (server.ts); a map is fixed.
  const currentCostRules = typeof costRules === 'function' ? costRules : () => costRules;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, document, operationName, contextValue, request, schema }) {
          const error = checkLimits(source, document, operationName, limitsFor(contextValue.caller, defaults, perRole), request.variables ?? {}, schema, currentCostRules());
          if (error) throw error;
        },
      };
    },
  };
}
