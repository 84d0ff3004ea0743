import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { ENFORCED_SECURITY_FEATURES } from '../src/executor.ts';
import { computeResponse, stockComputeResponse, type ComputeResponseArgs } from '../src/plans/resultShaping.ts';

/**
 * Our computeResponse (plans/resultShaping.ts) must answer exactly as ApolloGateway's: the same
 * data, keys in the same order, the same errors with the same paths, the same thrown assertion.
 * Both run on the same operation and the same merged subgraph data, generated from the real API
 * schema: the canonical operations and random ones (aliases including `constructor`, inline and
 * named fragments on abstract types, @skip/@include by literal and variable, __typename with and
 * without alias, introspection fields), with data that is sometimes wrong the ways a subgraph can
 * be wrong (nulls in non-null fields, missing keys, wrong scalar types, unknown enum values, bad
 * or missing __typename, lists where objects belong). Seeded, so a failure names its case.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sdl = readFileSync(`${ROOT}schema/supergraph.graphql`, 'utf8');
const supportedFeatures = new Set([...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, ...ENFORCED_SECURITY_FEATURES]);
const fedSchema = Supergraph.build(sdl, { supportedFeatures }).apiSchema();
const schema: GraphQLSchema = fedSchema.toGraphQLJSSchema();

/** mulberry32: a small seeded generator, so every case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** A literal for a required argument, or undefined when none can be written simply. */
function literal(type: GraphQLInputType, rng: Rng, depth = 0): string | undefined {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) {
    const inner = literal(t.ofType, rng, depth + 1);
    return inner === undefined ? undefined : `[${inner}]`;
  }
  if (isEnumType(t)) return t.getValues()[0]!.name;
  if (isInputObjectType(t)) {
    if (depth > 2) return undefined;
    const parts: string[] = [];
    for (const f of Object.values(t.getFields())) {
      if (!isNonNullType(f.type) || f.defaultValue !== undefined) continue;
      const v = literal(f.type, rng, depth + 1);
      if (v === undefined) return undefined;
      parts.push(`${f.name}: ${v}`);
    }
    return `{${parts.join(', ')}}`;
  }
  if (isScalarType(t)) {
    if (t.name === 'Int') return '1';
    if (t.name === 'Float') return '1.5';
    if (t.name === 'Boolean') return 'true';
    return '"x"';
  }
  return undefined;
}

interface Generated {
  text: string;
  variables: Record<string, unknown>;
}

/** A random valid query over the API schema. */
function randomOperation(rng: Rng): Generated {
  const variables: Record<string, unknown> = {};
  const declared: string[] = [];
  const fragments: string[] = [];
  let names = 0;
  const condition = (): string => {
    const roll = rng();
    if (roll > 0.2) return '';
    const directive = rng() < 0.5 ? 'skip' : 'include';
    if (rng() < 0.4) return ` @${directive}(if: ${rng() < 0.5})`;
    const name = `v${declared.length}`;
    // A non-null variable, or a nullable one with a default (which stock folds in first).
    declared.push(rng() < 0.5 ? `$${name}: Boolean!` : `$${name}: Boolean = ${rng() < 0.5}`);
    const value = rng();
    // Mostly booleans; sometimes absent or null, which stock treats as an error (an assertion).
    if (value < 0.85) variables[name] = value < 0.42;
    else if (value < 0.93) variables[name] = null;
    return ` @${directive}(if: $${name})`;
  };
  const usedAliases = new Set<string>();
  const selection = (type: GraphQLNamedType, depth: number): string => {
    if (!isCompositeType(type)) return '';
    const parts: string[] = [];
    if (rng() < 0.4) parts.push(rng() < 0.5 ? `__typename${condition()}` : `kind${names++}: __typename`);
    if (isAbstractType(type)) {
      const possible = schema.getPossibleTypes(type);
      const count = 1 + Math.floor(rng() * Math.min(3, possible.length));
      for (let i = 0; i < count; i += 1) {
        const concrete = pick(rng, possible);
        const inner = selection(concrete, depth + 1);
        if (!inner) continue;
        if (rng() < 0.5) parts.push(`... on ${concrete.name}${condition()} { ${inner} }`);
        else {
          const name = `F${fragments.length}`;
          fragments.push(`fragment ${name} on ${concrete.name} { ${inner} }`);
          parts.push(`...${name}${condition()}`);
        }
      }
      if (!isObjectType(type) && rng() < 0.5 && 'getFields' in type) parts.push(...fieldsOf(type, depth));
    } else {
      parts.push(...fieldsOf(type, depth));
      // The same fields again through a fragment on the type itself: stock merges both passes.
      if (rng() < 0.25) {
        const inner = selection(type, depth + 1);
        if (inner) parts.push(`... on ${type.name}${condition()} { ${inner} }`);
      }
    }
    return parts.join(' ');
  };
  const fieldsOf = (type: GraphQLNamedType & { getFields(): Record<string, GraphQLField<unknown, unknown>> }, depth: number): string[] => {
    const out: string[] = [];
    const fields = Object.values(type.getFields());
    const count = 1 + Math.floor(rng() * 4);
    for (let i = 0; i < count; i += 1) {
      const field = pick(rng, fields);
      const named = getNamedType(field.type);
      if (isCompositeType(named) && depth >= 3) continue;
      const args: string[] = [];
      let ok = true;
      for (const arg of field.args) {
        if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) continue;
        const v = literal(arg.type, rng);
        if (v === undefined) ok = false;
        else args.push(`${arg.name}: ${v}`);
      }
      if (!ok) continue;
      // Aliases that collide with Object.prototype's properties must behave as any other name.
      const aliasRoll = rng();
      let alias = '';
      if (aliasRoll < 0.15) alias = pick(rng, ['constructor', 'toString', 'valueOf', 'hasOwnProperty']);
      else if (aliasRoll < 0.3) alias = `a${names++}`;
      if (alias && usedAliases.has(alias)) alias = `a${names++}`;
      if (alias) usedAliases.add(alias);
      const inner = isCompositeType(named) ? selection(named, depth + 1) : '';
      if (isCompositeType(named) && !inner) continue;
      out.push(`${alias ? `${alias}: ` : ''}${field.name}${args.length ? `(${args.join(', ')})` : ''}${condition()}${inner ? ` { ${inner} }` : ''}`);
    }
    return out;
  };
  let body = selection(schema.getQueryType()!, 0);
  if (rng() < 0.1) body += ' __schema { queryType { name } }';
  if (rng() < 0.1) body += ` t${names++}: __type(name: "Job") { name }`;
  const text = `query Q${declared.length ? `(${declared.join(', ')})` : ''} { ${body} } ${fragments.join(' ')}`;
  return { text, variables };
}

/** Merged subgraph data for an operation: what executeQueryPlan hands to computeResponse. */
function randomInput(document: DocumentNode, rng: Rng, corruption: number): Record<string, unknown> {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  const corrupt = () => rng() < corruption;
  // Every field node that could land on an object of `typeName` (type conditions ignored: extra
  // data does no harm and reaches stock's fragment checks both ways).
  const collect = (selections: readonly SelectionNode[], into: FieldNode[]) => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) into.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet.selections, into);
      else collect(fragments.get(s.name.value)!.selectionSet.selections, into);
    }
    return into;
  };
  const leaf = (type: GraphQLNamedType): unknown => {
    if (corrupt()) return pick(rng, [42, 1.5, 'not-a-value', true, {}, []]);
    if (isEnumType(type)) return pick(rng, type.getValues()).value;
    switch (type.name) {
      case 'Int':
        return Math.floor(rng() * 100);
      case 'Float':
        return rng() * 100;
      case 'Boolean':
        return rng() < 0.5;
      case 'ID':
        return rng() < 0.5 ? `id-${Math.floor(rng() * 1000)}` : Math.floor(rng() * 1000);
      default:
        return `s${Math.floor(rng() * 1000)}`;
    }
  };
  const value = (type: GraphQLOutputType, nodes: FieldNode[]): unknown => {
    if (rng() < corruption) return null;
    const nullable = getNullableType(type) as GraphQLOutputType;
    if (isListType(nullable)) {
      if (corrupt()) return {};
      return Array.from({ length: Math.floor(rng() * 4) }, () => value(nullable.ofType, nodes));
    }
    if (isCompositeType(nullable)) {
      if (corrupt()) return pick(rng, ['text', []]);
      const concrete = isAbstractType(nullable) ? pick(rng, schema.getPossibleTypes(nullable)) : nullable;
      return object(concrete, nodes.flatMap((n) => collect(n.selectionSet?.selections ?? [], [])), isAbstractType(nullable));
    }
    return leaf(nullable as GraphQLNamedType);
  };
  const object = (type: GraphQLNamedType & { getFields(): Record<string, GraphQLField<unknown, unknown>> }, nodes: FieldNode[], abstract: boolean): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (abstract || rng() < 0.5) out.__typename = corrupt() ? pick(rng, ['Nope', 'String', 'Query', 42, '']) : type.name;
    const byName = new Map<string, FieldNode[]>();
    for (const n of nodes) {
      const key = n.alias?.value ?? n.name.value;
      byName.set(key, [...(byName.get(key) ?? []), n]);
    }
    for (const [key, group] of byName) {
      if (corrupt()) continue;
      const fieldName = group[0]!.name.value;
      if (fieldName === '__typename') {
        if (rng() < 0.5) out[key] = type.name;
        continue;
      }
      if (fieldName.startsWith('__')) continue;
      const def = type.getFields()[fieldName];
      if (!def) continue;
      out[key] = value(def.type, group);
    }
    // Keys the planner fetched for its own use (entity keys): present in real merged data.
    if (rng() < 0.3) out.__key = 'k';
    return out;
  };
  return object(schema.getQueryType()!, collect(operation.selectionSet.selections, []), false);
}

/** What a caller of computeResponse can observe, thrown assertions included. */
function observe(shape: typeof computeResponse, args: Omit<ComputeResponseArgs, 'introspectionHandling'>) {
  const introspected: string[] = [];
  const introspectionHandling = (selection: unknown) => {
    const name = (selection as { element: { responseName(): string } }).element.responseName();
    introspected.push(name);
    return { introspected: name };
  };
  try {
    const { data, errors } = shape({ ...args, introspectionHandling });
    return {
      data: data === null ? 'null' : JSON.stringify(data),
      errors: (errors as { message: string; path?: unknown; extensions?: unknown }[]).map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })),
      introspected,
    };
  } catch (error) {
    return { threw: (error as Error).message, introspected };
  }
}

function compare(text: string, variables: Record<string, unknown>, input: Record<string, unknown> | null, label: string) {
  const operation = operationFromDocument(fedSchema, parse(text), { validate: false }) as unknown as ComputeResponseArgs['operation'];
  const ours = observe(computeResponse, { operation, variables, input });
  const stock = observe(stockComputeResponse, { operation, variables, input });
  expect(ours, `${label}\n${text}\n${JSON.stringify(input)}`).to.deep.equal(stock);
  return stock;
}

describe('result shaping (ours against ApolloGateway computeResponse)', () => {
  it('answers every canonical query exactly as stock, on clean and on faulty subgraph data', () => {
    const queries = readdirSync(`${ROOT}schema/operations`).filter((f) => f.endsWith('.graphql'));
    let compared = 0;
    for (const file of queries) {
      const text = readFileSync(`${ROOT}schema/operations/${file}`, 'utf8');
      const document = parse(text);
      if (document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== 'query')) continue;
      const variables = JSON.parse(readFileSync(`${ROOT}schema/operations/${file.replace('.graphql', '.variables.json')}`, 'utf8')) as Record<string, unknown>;
      for (let seed = 1; seed <= 40; seed += 1) {
        const rng = random(seed);
        compare(text, variables, randomInput(document, rng, seed <= 10 ? 0 : 0.04), `${file} seed ${seed}`);
        compared += 1;
      }
    }
    expect(compared).to.be.greaterThan(200);
  });

  it('answers random operations exactly as stock (aliases, fragments, @skip/@include, __typename, introspection)', () => {
    let valid = 0;
    const outcomes = { data: 0, errors: 0, threw: 0, nulled: 0 };
    for (let seed = 1; seed <= 600; seed += 1) {
      const rng = random(seed * 7919);
      const generated = randomOperation(rng);
      const document = parse(generated.text);
      if (validate(schema, document).length > 0) continue;
      valid += 1;
      for (let k = 0; k < 3; k += 1) {
        const stock = compare(generated.text, generated.variables, randomInput(document, rng, k === 0 ? 0 : 0.05), `operation seed ${seed * 7919}, input ${k}`);
        if ('threw' in stock) outcomes.threw += 1;
        else if (stock.data === 'null') outcomes.nulled += 1;
        else if (stock.errors.length > 0) outcomes.errors += 1;
        else outcomes.data += 1;
      }
    }
    // The generator must keep exercising every outcome, or the comparison proves little.
    expect({ enoughValid: valid > 400, data: outcomes.data > 100, errors: outcomes.errors > 50, threw: outcomes.threw > 10, nulled: outcomes.nulled > 10 }, JSON.stringify({ valid, outcomes })).to.deep.equal({
      enoughValid: true,
      data: true,
      errors: true,
      threw: true,
      nulled: true,
    });
  });

  it('never lets a response name read an inherited property (a skipped `constructor` alias stays absent)', () => {
    const text = 'query Q($s: Boolean) { constructor: states @skip(if: $s) { code } toString: states { code } }';
    const input = { toString: [{ code: 'OH' }] };
    const stock = compare(text, { s: true }, input, 'prototype names');
    expect(stock).to.deep.equal({ data: '{"toString":[{"code":"OH"}]}', errors: [], introspected: [] });
  });

  it('answers null input and a null root the way stock does', () => {
    expect(compare('{ states { code } }', {}, null, 'null input')).to.deep.equal({ data: 'null', errors: [], introspected: [] });
    const stock = compare('{ states { code } }', {}, { states: [{ code: null }] }, 'null in non-null');
    expect(stock.errors.map((e) => e.message)).to.deep.equal(['Cannot return null for non-nullable field State.code.']);
  });
});
