import {
  GraphQLError,
  Kind,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
  type ConstDirectiveNode,
} from 'graphql';
import type { Caller } from '@talent-graph/platform/core';
import { POLICIES, type PolicyContext } from './policies.ts';

/**
 * Declared access, enforced at the gateway before any subgraph is called. Subgraphs declare
 * access in their SDL with Federation's own directives, which composition keeps in the supergraph:
 *
 *   @authenticated                      the caller must be signed in
 *   @requiresScopes(scopes: [[…]])      the caller holds every scope of at least one inner list
 *   @policy(policies: [[…]])            every named policy of at least one inner list allows it
 *                                       (policies.ts: named functions of the caller)
 *
 * on a field, or on a type (then on every field returning it). A field the caller may not read is
 * removed from the operation before planning — so no subgraph ever sees it — and the response
 * gets `null` there with a FORBIDDEN error at its path; the rest is served. A removed non-null
 * field nulls its parent, as GraphQL's own null propagation would.
 */
export interface Requirement {
  authenticated?: boolean;
  scopes?: string[][];
  policies?: string[][];
}

export interface AccessRules {
  fields: Map<string, Requirement>;
  types: Map<string, Requirement>;
}

/** The local names of the three directives: @link may rename them with `as:`. */
function directiveNames(doc: DocumentNode): { authenticated: string; requiresScopes: string; policy: string } {
  const names = { authenticated: 'authenticated', requiresScopes: 'requiresScopes', policy: 'policy' };
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'link') continue;
      const url = d.arguments?.find((a) => a.name.value === 'url')?.value;
      const as = d.arguments?.find((a) => a.name.value === 'as')?.value;
      if (url?.kind !== Kind.STRING || as?.kind !== Kind.STRING) continue;
      for (const key of Object.keys(names) as (keyof typeof names)[]) if (url.value.includes(`/${key}/`)) names[key] = as.value;
    }
  }
  return names;
}

function stringLists(value: ValueNode | undefined): string[][] {
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((inner) => (inner.kind === Kind.LIST ? inner.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : []));
}

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined, names: ReturnType<typeof directiveNames>): Requirement | undefined {
  const req: Requirement = {};
  for (const d of directives ?? []) {
    const arg = (name: string) => d.arguments?.find((a) => a.name.value === name)?.value;
    if (d.name.value === names.authenticated) req.authenticated = true;
    if (d.name.value === names.requiresScopes) req.scopes = stringLists(arg('scopes'));
    if (d.name.value === names.policy) req.policies = stringLists(arg('policies'));
  }
  return Object.keys(req).length ? req : undefined;
}

/** Reads every access directive of a supergraph, once per supergraph load. */
export function readAccessRules(supergraphSdl: string): AccessRules {
  const doc = parse(supergraphSdl);
  const names = directiveNames(doc);
  const rules: AccessRules = { fields: new Map(), types: new Map() };
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name) continue;
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION || def.kind === Kind.SCALAR_TYPE_DEFINITION || def.kind === Kind.ENUM_TYPE_DEFINITION) {
      const typeReq = requirementOf(def.directives, names);
      if (typeReq) rules.types.set(def.name.value, typeReq);
    }
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      for (const field of def.fields ?? []) {
        const req = requirementOf(field.directives, names);
        if (req) rules.fields.set(`${def.name.value}.${field.name.value}`, req);
      }
    }
  }
  return rules;
}

export const hasAccessRules = (rules: AccessRules): boolean => rules.fields.size > 0 || rules.types.size > 0;

/** Why a requirement refuses the caller, or undefined when it allows. */
export function refusal(req: Requirement, caller: Caller, context: PolicyContext): string | undefined {
  if (req.authenticated && !caller.sub) return SIGN_IN;
  if (req.scopes && !req.scopes.some((group) => group.every((s) => caller.scopes.includes(s)))) {
    return `it needs the scope${req.scopes.length === 1 && req.scopes[0]!.length === 1 ? '' : 's'} ${req.scopes.map((g) => g.join(' + ')).join(' or ')}`;
  }
  if (req.policies && !req.policies.some((group) => group.every((p) => POLICIES[p]?.(caller, context) ?? false))) {
    return `only ${req.policies.map((g) => g.join(' + ')).join(' or ')} may see it`;
  }
  return undefined;
}

/** One step from the response root to a removed field. */
interface PathStep {
  key: string;
  /** Declared type of the field at this step. */
  type: GraphQLOutputType;
  /** Object types this step applies to (a fragment's type condition), when narrower than the field's. */
  onlyTypes?: Set<string>;
}

export interface DeniedField {
  steps: PathStep[];
  coordinate: string;
  reason: string;
}

const SIGN_IN = 'sign in to see it';

export interface AccessPlan {
  /** The operation with every denied field removed (the original when nothing is). */
  document: DocumentNode;
  denied: DeniedField[];
  /** Stable key of what was removed, for the query plan cache. */
  signature: string;
}

const TYPENAME_ALIAS = '__tgTypename';
const PLACEHOLDER_ALIAS = '__tgPlaceholder';

const typenameField = (alias: string): FieldNode => ({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: alias }, name: { kind: Kind.NAME, value: '__typename' } });

function argumentValue(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.STRING) return node.value;
  return undefined;
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/**
 * Removes what the caller may not read. Fragments are inlined where something is removed, so a
 * fragment used in two places is judged in each place. Runs on every request: a walk over the
 * operation, no I/O.
 */
export function planAccess(document: DocumentNode, operationName: string | undefined | null, schema: GraphQLSchema, rules: AccessRules, caller: Caller, variables: Record<string, unknown> = {}): AccessPlan {
  if (!hasAccessRules(rules)) return { document, denied: [], signature: '' };
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { document, denied: [], signature: '' };
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { document, denied: [], signature: '' };
  const denied: DeniedField[] = [];

  const requirementFor = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): Requirement[] => {
    const reqs: Requirement[] = [];
    const owners = isAbstractType(parent) ? [parent, ...schema.getPossibleTypes(parent)] : [parent];
    for (const owner of owners) {
      const own = rules.fields.get(`${owner.name}.${field.name}`);
      if (own) reqs.push(own);
    }
    const returned = rules.types.get(getNamedType(field.type).name);
    if (returned) reqs.push(returned);
    return reqs;
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, path: PathStep[], context: PolicyContext, onlyTypes: Set<string> | undefined, depth: number): SelectionSetNode => {
    const kept: SelectionNode[] = [];
    let changed = false;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const field = name.startsWith('__') ? undefined : fieldOf(parent, name);
        if (!field) {
          kept.push(selection);
          continue;
        }
        const key = selection.alias?.value ?? name;
        const step: PathStep = { key, type: field.type, onlyTypes };
        const reason = requirementFor(parent, field).map((r) => refusal(r, caller, context)).find(Boolean);
        if (reason) {
          denied.push({ steps: [...path, step], coordinate: `${parent.name}.${name}`, reason });
          changed = true;
          continue;
        }
        if (selection.selectionSet) {
          // Root fields name the person the rest of the operation is about (policies use it).
          let childContext = context;
          if (depth === 0) {
            if (name === 'me') childContext = { subjectId: caller.sub ?? undefined };
            else {
              const id = argumentValue(selection.arguments?.find((a) => a.name.value === 'id')?.value, variables);
              childContext = { subjectId: typeof id === 'string' ? id : undefined, rootField: name };
            }
          }
          const child = walk(selection.selectionSet, getNamedType(field.type) as GraphQLCompositeType, [...path, step], childContext, undefined, depth + 1);
          if (child !== selection.selectionSet) changed = true;
          kept.push(child === selection.selectionSet ? selection : { ...selection, selectionSet: child });
        } else kept.push(selection);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const conditionName = fragment.typeCondition?.name.value;
        const condition = conditionName ? (schema.getType(conditionName) as GraphQLCompositeType | undefined) : parent;
        if (!condition || !isCompositeType(condition)) continue;
        const narrows = condition.name !== parent.name;
        const possible = narrows ? new Set((isAbstractType(condition) ? schema.getPossibleTypes(condition) : [condition]).map((t) => t.name)) : onlyTypes;
        const inner = walk(fragment.selectionSet, condition, path, context, possible, depth);
        // Spreads become inline fragments, so what one use removes never touches another use
        // (and the filtered document needs no fragment definitions).
        if (inner !== fragment.selectionSet || selection.kind === Kind.FRAGMENT_SPREAD) changed = true;
        kept.push({ kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, directives: selection.directives, selectionSet: narrows && inner !== fragment.selectionSet ? { ...inner, selections: [...inner.selections, typenameField(TYPENAME_ALIAS)] } : inner });
      }
    }
    if (!changed) return selectionSet;
    if (kept.length === 0) kept.push(typenameField(PLACEHOLDER_ALIAS));
    return { ...selectionSet, selections: kept };
  };

  const selectionSet = walk(operation.selectionSet, rootType, [], {}, undefined, 0);
  if (denied.length === 0) return { document, denied: [], signature: '' };
  const filtered: OperationDefinitionNode = { ...operation, selectionSet };
  return {
    // Fragments are inlined above, so only the operation remains.
    document: { kind: Kind.DOCUMENT, definitions: [filtered] },
    denied,
    signature: denied.map((d) => d.steps.map((s) => s.key).join('.')).sort().join(','),
  };
}

type Json = Record<string, unknown>;

/**
 * Puts the removed fields back as null, with a FORBIDDEN error at each concrete path (list
 * indices included), propagating null through non-null fields, and strips the helper fields.
 */
export function applyDenials(data: Json | null | undefined, denied: DeniedField[]): { data: Json | null | undefined; errors: GraphQLError[] } {
  const errors: GraphQLError[] = [];
  if (!data) return { data, errors };
  // Every denial gets its error, even after one has already nulled the whole response.
  let rootMustNull = false;
  for (const d of denied) {
    const message = `Not allowed to read ${d.coordinate}: ${d.reason}`;
    // Returns true when `value` must become null but its type forbids it.
    const walk = (value: unknown, type: GraphQLOutputType, path: (string | number)[], i: number, setNull: () => void): boolean => {
      if (value === null || value === undefined) return false;
      const nullable = isNonNullType(type) ? type.ofType : type;
      let mustNull = false;
      if (isListType(nullable)) {
        const list = value as unknown[];
        for (let k = 0; k < list.length && !mustNull; k++) mustNull = walk(list[k], nullable.ofType, [...path, k], i, () => (list[k] = null));
      } else {
        mustNull = into(value as Json, path, i);
      }
      if (!mustNull) return false;
      if (isNonNullType(type)) return true;
      setNull();
      return false;
    };
    const into = (object: Json, path: (string | number)[], i: number): boolean => {
      const step = d.steps[i]!;
      if (step.onlyTypes && !step.onlyTypes.has(String(object[TYPENAME_ALIAS] ?? object.__typename))) return false;
      if (i === d.steps.length - 1) {
        object[step.key] = null;
        // Anonymous callers asked to sign in get UNAUTHENTICATED; everybody else FORBIDDEN.
        errors.push(new GraphQLError(message, { path: [...path, step.key], extensions: { code: d.reason === SIGN_IN ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }));
        return isNonNullType(step.type);
      }
      return walk(object[step.key], step.type, [...path, step.key], i + 1, () => (object[step.key] = null));
    };
    if (into(data, [], 0)) rootMustNull = true;
  }
  return { data: rootMustNull ? null : (strip(data) as Json), errors };
}

/** Removes the helper fields the access plan added. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) {
    value.forEach(strip);
    return value;
  }
  if (value && typeof value === 'object') {
    const object = value as Json;
    delete object[TYPENAME_ALIAS];
    delete object[PLACEHOLDER_ALIAS];
    for (const v of Object.values(object)) strip(v);
  }
  return value;
}
