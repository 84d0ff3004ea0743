import { GraphQLError, Kind, isObjectType, parse, type DocumentNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';

/**
 * SUBGRAPH_UNAVAILABLE errors point at the fields a failed fetch would have filled. Some of those
 * fields are not in the client's operation: the query planner also fetches key and @requires
 * inputs (e.g. a shop's @inaccessible `technicianIds`). An error path must name what the client
 * asked for — and must never reveal an @inaccessible field — so each such path is cut back to its
 * longest prefix that is part of the operation, and errors left identical are merged.
 */
type Tree = Map<string, Tree>;

function addSelections(selectionSet: SelectionSetNode, document: DocumentNode, into: Tree, seen: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      let child = into.get(name);
      if (!child) {
        child = new Map();
        into.set(name, child);
      }
      if (selection.selectionSet) addSelections(selection.selectionSet, document, child, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      addSelections(selection.selectionSet, document, into, seen);
    } else if (!seen.has(selection.name.value)) {
      // A fragment spread twice at one level adds nothing new; this also stops a malformed cycle.
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) addSelections(fragment.selectionSet, document, into, new Set([...seen, selection.name.value]));
    }
  }
}

function operationTree(document: DocumentNode, operationName: string | null | undefined): Tree {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => o.kind === Kind.OPERATION_DEFINITION && (operationName ? o.name?.value === operationName : true));
  const tree: Tree = new Map();
  if (operation?.kind === Kind.OPERATION_DEFINITION) addSelections(operation.selectionSet, document, tree, new Set());
  return tree;
}

/** The longest prefix of `path` the operation selects (list indices pass through). */
function confine(path: readonly (string | number)[], tree: Tree): (string | number)[] {
  const kept: (string | number)[] = [];
  let node = tree;
  for (const element of path) {
    if (typeof element === 'number') {
      kept.push(element);
      continue;
    }
    const child = node.get(element);
    if (!child) break;
    kept.push(element);
    node = child;
  }
  return kept;
}

/**
 * Fields that `@requires` another field, by the required field's name (from the supergraph's
 * `@join__field(requires:)`): `aseCurrentTestCodes` → [`jobMatches`, `payOutlook`].
 */
const dependentsBySchema = new WeakMap<GraphQLSchema, Map<string, string[]>>();
function requiresDependents(supergraph: GraphQLSchema): Map<string, string[]> {
  let dependents = dependentsBySchema.get(supergraph);
  if (dependents) return dependents;
  dependents = new Map();
  for (const type of Object.values(supergraph.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      for (const directive of field.astNode?.directives ?? []) {
        if (directive.name.value !== 'join__field') continue;
        const requires = directive.arguments?.find((a) => a.name.value === 'requires')?.value;
        if (requires?.kind !== Kind.STRING) continue;
        const operation = parse(`{ ${requires.value} }`).definitions[0];
        if (operation?.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const selection of operation.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD) continue;
          const list = dependents.get(selection.name.value) ?? [];
          if (!list.includes(field.name)) list.push(field.name);
          dependents.set(selection.name.value, list);
        }
      }
    }
  }
  dependentsBySchema.set(supergraph, dependents);
  return dependents;
}

function objectAt(data: unknown, path: readonly (string | number)[]): Record<string, unknown> | undefined {
  let value = data;
  for (const element of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[element];
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * A failed fetch that supplied a `@requires` input (ASE's `aseCurrentTestCodes`) leaves the field
 * that needed it (WrenchWay's `jobMatches`) null without an error of its own: the planner never
 * asks for it. Each such null gets the failed subgraph's error too, at its own path.
 */
function withDependentErrors(errors: readonly GraphQLError[], data: unknown, supergraph: GraphQLSchema): GraphQLError[] {
  const dependents = requiresDependents(supergraph);
  const out = [...errors];
  for (const error of errors) {
    const path = error.path;
    const field = path?.[path.length - 1];
    if (error.extensions?.code !== 'SUBGRAPH_UNAVAILABLE' || typeof field !== 'string') continue;
    const parent = objectAt(data, path!.slice(0, -1));
    for (const dependent of dependents.get(field) ?? []) {
      if (parent && parent[dependent] === null) out.push(new GraphQLError(error.message, { path: [...path!.slice(0, -1), dependent], extensions: error.extensions }));
    }
  }
  return out;
}

export function confineUnavailableErrors(allErrors: readonly GraphQLError[], document: DocumentNode, operationName: string | null | undefined, data?: unknown, supergraph?: GraphQLSchema): GraphQLError[] {
  if (!allErrors.some((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')) return [...allErrors];
  const errors = supergraph ? withDependentErrors(allErrors, data, supergraph) : allErrors;
  const tree = operationTree(document, operationName);
  const seen = new Set<string>();
  const out: GraphQLError[] = [];
  for (const error of errors) {
    if (error.extensions?.code !== 'SUBGRAPH_UNAVAILABLE' || !error.path) {
      out.push(error);
      continue;
    }
    const path = confine(error.path, tree);
    const key = `${error.extensions.subgraph}\0${error.message}\0${JSON.stringify(path)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(path.length === error.path.length ? error : new GraphQLError(error.message, { path: path.length > 0 ? path : undefined, extensions: error.extensions, originalError: error.originalError ?? undefined }));
  }
  return out;
}
