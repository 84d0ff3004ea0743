import { createRequire } from 'node:module';
import { ERRORS, assert, isValidLeafValue, Variable, isSubtype, type Schema } from '@apollo/federation-internals';

/**
 * The last step of every federated query: ApolloGateway's `computeResponse` walks the merged
 * subgraph data against the client's operation and builds the response: fields in the client's
 * order, aliases, @skip/@include, fragments by __typename, null propagation through non-null
 * fields, invalid leaf values and __typenames reported as errors. Its semantics are right and
 * this file keeps them, line for line (a differential test runs both on the same inputs,
 * gateway/test/resultShaping.test.ts). What it changes is the cost: stock allocates, per field of
 * every object of the answer, an argument object, a result object, the arrays of @skip and
 * @include directives (`appliedDirectivesOf` filters), two default closures inside `isSubtype`,
 * and every output object with `Object.create(null)`, which V8 keeps in dictionary mode (several
 * times the size of an ordinary object). On the five-subgraph dashboard that was a third of all
 * the gateway allocated: the young generation filled faster, in-flight requests were promoted to
 * the old generation and the heap grew to several times what was live (bench/README.md, "Memory").
 *
 * Here what depends only on the operation is worked out once per selection set and kept (the
 * operation itself is memoised per parsed document, operationMemo.ts): response names, types,
 * @skip/@include as a constant or a variable name, type-condition answers per __typename. The
 * walk returns the value and leaves its two flags in module variables (it is synchronous), so a
 * field costs no allocation beyond its output. Output objects are ordinary objects unless some
 * response name of the operation is also a property of Object.prototype (`constructor`,
 * `toString`, …): then they have a null prototype as stock's do, so that name can never read an
 * inherited value.
 *
 * executeQueryPlan calls `computeResponse` through the resultShaping module object at call time,
 * so replacing that export is the one place to hook in (as operationMemo.ts does for operations).
 */

/* The federation-internals shapes this file reads (its classes are not all exported as types). */
interface NamedTypeLike {
  kind: string;
  name: string;
  value?(name: string): unknown;
}
interface WrapperTypeLike {
  kind: 'ListType' | 'NonNullType';
  ofType: TypeLike;
}
type TypeLike = NamedTypeLike | WrapperTypeLike;
interface DirectiveLike {
  arguments(): Record<string, unknown>;
}
interface ElementLike {
  appliedDirectivesOf(name: unknown): DirectiveLike[];
}
interface FieldElementLike extends ElementLike {
  name: string;
  responseName(): string;
  definition: { type: TypeLike; isSchemaIntrospectionField(): boolean };
}
interface FragmentElementLike extends ElementLike {
  typeCondition?: NamedTypeLike;
}
interface SelectionLike {
  kind: 'FieldSelection' | 'FragmentSelection';
  element: FieldElementLike | FragmentElementLike;
  selectionSet?: SelectionSetLike;
}
interface SelectionSetLike {
  selections(): readonly SelectionLike[];
}
interface OperationLike {
  schema(): Schema;
  selectionSet: SelectionSetLike;
  rootKind: string;
  collectDefaultedVariableValues(): Record<string, unknown>;
}
type IntrospectionHandling = (selection: unknown) => unknown;
export interface ComputeResponseArgs {
  operation: OperationLike;
  variables?: Record<string, unknown>;
  input: Record<string, unknown> | null | undefined;
  introspectionHandling: IntrospectionHandling;
}

/** One selection, with what stock recomputes on every object worked out once. */
interface CompiledSelection {
  selection: SelectionLike;
  /** @skip(if:) / @include(if:): absent, a constant, or the variable to read. */
  skip: Condition;
  include: Condition;
  field: boolean;
  responseName: string;
  isTypename: boolean;
  isIntrospection: boolean;
  type: TypeLike | undefined;
  selectionSet: SelectionSetLike | undefined;
  typeCondition: NamedTypeLike | undefined;
  /** Type-condition answers, per __typename seen and per parent type (the schema never changes under an operation). */
  byTypename: Map<string, boolean>;
  byParent: Map<NamedTypeLike, boolean>;
}
type Condition = { kind: 'none' } | { kind: 'constant'; value: unknown } | { kind: 'variable'; name: string; variable: string; directive: string };
type PresentCondition = Exclude<Condition, { kind: 'none' }>;

/** What one call of computeResponse shares down the walk. */
interface Walk {
  schema: Schema;
  variables: Record<string, unknown>;
  errors: unknown[];
  introspectionHandling: IntrospectionHandling;
  /** Output objects with a null prototype (see the file comment). */
  nullPrototype: boolean;
}

interface CompiledOperation {
  defaulted: Record<string, unknown>;
  nullPrototype: boolean;
}

const TYPENAME = '__typename';
const compiledSets = new WeakMap<SelectionSetLike, CompiledSelection[]>();
const compiledOperations = new WeakMap<OperationLike, CompiledOperation>();
const hasOwn = Object.prototype.hasOwnProperty;

function conditionOf(element: ElementLike, name: 'skip' | 'include'): Condition {
  const directive = element.appliedDirectivesOf(name)[0];
  if (!directive) return { kind: 'none' };
  const arg = directive.arguments().if;
  return arg instanceof Variable ? { kind: 'variable', name: arg.name, variable: String(arg), directive: String(directive) } : { kind: 'constant', value: arg };
}

function compile(selectionSet: SelectionSetLike): CompiledSelection[] {
  let compiled = compiledSets.get(selectionSet);
  if (compiled) return compiled;
  compiled = selectionSet.selections().map((selection) => {
    const field = selection.kind === 'FieldSelection';
    const element = selection.element;
    const fieldElement = field ? (element as FieldElementLike) : undefined;
    return {
      selection,
      skip: conditionOf(element, 'skip'),
      include: conditionOf(element, 'include'),
      field,
      responseName: fieldElement ? fieldElement.responseName() : '',
      isTypename: fieldElement ? fieldElement.name === TYPENAME : false,
      isIntrospection: fieldElement ? fieldElement.definition.isSchemaIntrospectionField() : false,
      type: fieldElement?.definition.type,
      selectionSet: selection.selectionSet,
      typeCondition: field ? undefined : (element as FragmentElementLike).typeCondition,
      byTypename: new Map(),
      byParent: new Map(),
    };
  });
  compiledSets.set(selectionSet, compiled);
  return compiled;
}

/** Whether any response name in the operation would read an inherited value on an ordinary object. */
function shadowsObjectPrototype(selectionSet: SelectionSetLike): boolean {
  for (const s of compile(selectionSet)) {
    if (s.field && s.responseName in Object.prototype) return true;
    if (s.selectionSet && shadowsObjectPrototype(s.selectionSet)) return true;
  }
  return false;
}

function compileOperation(operation: OperationLike): CompiledOperation {
  let compiled = compiledOperations.get(operation);
  if (!compiled) {
    compiled = { defaulted: operation.collectDefaultedVariableValues(), nullPrototype: shadowsObjectPrototype(operation.selectionSet) };
    compiledOperations.set(operation, compiled);
  }
  return compiled;
}

/** Stock's ifValue: a variable must hold a boolean, else the response is an error. */
function conditionValue(condition: PresentCondition, variables: Record<string, unknown>): unknown {
  if (condition.kind === 'constant') return condition.value;
  const value = variables[condition.name];
  if (!(value !== undefined && typeof value === 'boolean')) assert(false, `Unexpected value ${String(value)} for variable ${condition.variable} of ${condition.directive}`);
  return value;
}

function shouldSkip(s: CompiledSelection, variables: Record<string, unknown>): boolean {
  return Boolean((s.skip.kind !== 'none' && conditionValue(s.skip, variables)) || (s.include.kind !== 'none' && !conditionValue(s.include, variables)));
}

function typeConditionApplies(s: CompiledSelection, schema: Schema, typename: string | undefined, parentType: NamedTypeLike): boolean {
  const condition = s.typeCondition;
  if (!condition) return true;
  if (typename) {
    let applies = s.byTypename.get(typename);
    if (applies === undefined) {
      const type = schema.type(typename);
      applies = !!type && isSubtype(condition as never, type as never);
      s.byTypename.set(typename, applies);
    }
    return applies;
  }
  let applies = s.byParent.get(parentType);
  if (applies === undefined) {
    applies = isSubtype(condition as never, parentType as never);
    s.byParent.set(parentType, applies);
  }
  return applies;
}

const isComposite = (type: TypeLike): boolean => type.kind === 'ObjectType' || type.kind === 'InterfaceType' || type.kind === 'UnionType';

function describeLast(path: (string | number)[], currentType: TypeLike, parentType: NamedTypeLike): string {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string' ? `field ${String(parentType)}.${element}` : `array element of type ${String(currentType)} at index ${element}`;
}

// The flags of the last updateOutputValue call (stock returns them in an object per call).
let lastInvalid = false;
let lastHasErrors = false;

/** Stock's applySelectionSet; true where stock returns NULL_BUBBLE_UP. */
function applySelectionSet(input: Record<string, unknown>, selectionSet: SelectionSetLike, output: Record<string, unknown>, walk: Walk, path: (string | number)[], parentType: NamedTypeLike): boolean {
  for (const s of compile(selectionSet)) {
    if (shouldSkip(s, walk.variables)) continue;
    if (s.field) {
      const responseName = s.responseName;
      const outputValue = output[responseName];
      if (s.isIntrospection) {
        if (outputValue === undefined) output[responseName] = walk.introspectionHandling(s.selection);
        continue;
      }
      let inputValue = (hasOwn.call(input, responseName) ? input[responseName] : undefined) ?? null;
      if (s.isTypename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== TYPENAME) inputValue = input[TYPENAME] ?? null;
          const type = inputValue !== null && typeof inputValue === 'string' ? ((walk.schema.type(inputValue) as NamedTypeLike | undefined) ?? parentType) : parentType;
          if (type.kind !== 'ObjectType') return true;
          output[responseName] = type.name;
        }
        continue;
      }
      path.push(responseName);
      const updated = updateOutputValue(outputValue, s.type!, inputValue, s.selectionSet, path, walk, parentType);
      const invalid = lastInvalid;
      output[responseName] = updated;
      path.pop();
      if (invalid) return true;
    } else {
      const typename = input[TYPENAME];
      if (typename && typeof typename !== 'string') assert(false, `Got unexpected value for __typename: ${String(typename)}`);
      if (typeConditionApplies(s, walk.schema, typename as string | undefined, parentType)) {
        if (applySelectionSet(input, s.selectionSet!, output, walk, path, s.typeCondition ?? parentType)) return true;
      }
    }
  }
  return false;
}

/** Stock's updateOutputValue: returns `updated`, leaves isInvalid/hasErrors in lastInvalid/lastHasErrors. */
function updateOutputValue(outputValue: unknown, type: TypeLike, inputValue: unknown, selectionSet: SelectionSetLike | undefined, path: (string | number)[], walk: Walk, parentType: NamedTypeLike): unknown {
  if (inputValue === undefined) assert(false, 'Should not pass undefined for `inputValue` to this method');
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) return done(outputValue, false, false);
  if (type.kind === 'NonNullType') {
    const ofType = (type as WrapperTypeLike).ofType;
    const updated = updateOutputValue(outputValue, ofType, inputValue, selectionSet, path, walk, parentType);
    if (updated === null) {
      if (!lastHasErrors) walk.errors.push(ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describeLast(path, ofType, parentType)}.`, { path: Array.from(path) }));
      return done(null, true, true);
    }
    return done(updated, false, false);
  }
  if (inputValue === null) return done(null, false, false);
  if (type.kind === 'ListType') {
    if (!Array.isArray(inputValue)) assert(false, `Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${String(type)}`);
    if (!(outputValue === undefined || Array.isArray(outputValue))) assert(false, `Invalid non-list value ${String(outputValue)} returned by subgraph for list type ${String(type)}`);
    const inputList = inputValue as unknown[];
    const outputList = outputValue as unknown[] | undefined;
    if (outputList !== undefined && inputList.length !== outputList.length) assert(false, `[${String(inputList)}].length (${inputList.length}) !== [${String(outputList)}].length (${outputList.length})`);
    const ofType = (type as WrapperTypeLike).ofType;
    let nullify = false;
    let hasErrors = false;
    const updated: unknown[] = [];
    for (let index = 0; index < inputList.length; index += 1) {
      path.push(index);
      updated.push(updateOutputValue(outputList === undefined ? undefined : outputList[index], ofType, inputList[index], selectionSet, path, walk, parentType));
      path.pop();
      nullify ||= lastInvalid;
      hasErrors ||= lastHasErrors;
    }
    return done(nullify ? null : updated, false, hasErrors);
  }
  if (isComposite(type)) {
    if (!selectionSet) assert(false, `Invalid empty selection set for composite type ${String(type)}`);
    if (typeof inputValue !== 'object') assert(false, `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(type)}`);
    if (!(outputValue === undefined || typeof outputValue === 'object')) assert(false, `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(type)}`);
    const input = inputValue as Record<string, unknown>;
    const inputTypename = input[TYPENAME];
    if (!(inputTypename === undefined || typeof inputTypename === 'string')) assert(false, `Invalid non-string value ${String(inputTypename)} for __typename at ${String(path)}`);
    let objectType = type as NamedTypeLike;
    if (inputTypename) {
      const typenameType = walk.schema.type(inputTypename as string) as NamedTypeLike | undefined;
      if (!typenameType || !isComposite(typenameType)) {
        walk.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describeLast(path, type, parentType)}.`, { path: Array.from(path) }));
        return done(null, false, true);
      }
      objectType = typenameType;
    }
    const outputObject = (outputValue as Record<string, unknown> | undefined) ?? (walk.nullPrototype ? Object.create(null) : {});
    const bubbled = applySelectionSet(input, selectionSet!, outputObject, walk, path, objectType);
    return done(bubbled ? null : outputObject, false, bubbled);
  }
  if (outputValue !== undefined) assert(false, `Excepted output to be undefined but got ${String(type)} for type ${String(type)}`);
  const valid = isValidLeafValue(walk.schema, inputValue, type as never);
  if (!valid) walk.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(path, type, parentType)}.`, { path: Array.from(path) }));
  return done(valid ? inputValue : null, false, !valid);
}

function done(updated: unknown, invalid: boolean, hasErrors: boolean): unknown {
  lastInvalid = invalid;
  lastHasErrors = hasErrors;
  return updated;
}

/** Drop-in replacement for @apollo/gateway's computeResponse (same arguments, same result). */
export function computeResponse({ operation, variables, input, introspectionHandling }: ComputeResponseArgs): { data: Record<string, unknown> | null | undefined; errors: unknown[] } {
  if (!input) return { data: input, errors: [] };
  const compiled = compileOperation(operation);
  const schema = operation.schema();
  const walk: Walk = {
    schema,
    variables: { __proto__: null, ...compiled.defaulted, ...variables } as Record<string, unknown>,
    errors: [],
    introspectionHandling,
    nullPrototype: compiled.nullPrototype,
  };
  const data: Record<string, unknown> = compiled.nullPrototype ? Object.create(null) : {};
  const rootType = (schema.schemaDefinition as unknown as { rootType(kind: string): NamedTypeLike }).rootType(operation.rootKind);
  const bubbled = applySelectionSet(input, operation.selectionSet, data, walk, [], rootType);
  return { data: bubbled ? null : data, errors: walk.errors };
}

const require = createRequire(import.meta.url);
const stockModule = require('@apollo/gateway/dist/resultShaping.js') as { computeResponse: typeof computeResponse };
/** ApolloGateway's own computeResponse, as loaded (for the differential test). */
export const stockComputeResponse = stockModule.computeResponse;
let installed = false;

/** Makes ApolloGateway's executeQueryPlan shape responses with computeResponse above. */
export function installResultShaping(): void {
  if (installed) return;
  installed = true;
  stockModule.computeResponse = computeResponse;
}
