import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse } from '@apollo/server';
import {
  getNamedType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  Kind,
  parse,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { encodeCaller, RawJson, type Caller, type Logger } from '@talent-graph/platform/core';
import type { AccessRules } from './access.ts';
import { RedisTextStore } from '../redisTextStore.ts';

/**
 * Cache hints and the response cache (docs/response-cache.md).
 *
 * Hints are Apollo's `@cacheControl(maxAge, scope, inheritMaxAge)`, declared in a subgraph's SDL
 * and carried into the supergraph by `@composeDirective`. The gateway works out an operation's
 * policy from them once per parsed document, with Apollo Server's rules: a root field, or a field
 * returning an object, interface or union, is uncacheable (maxAge 0) unless it or its type has a
 * hint; a scalar field without a hint does not restrict; the operation's maxAge is the smallest
 * over its fields and its scope is PRIVATE if any field's is. Two rules are stricter than
 * Apollo's, because what a caller sees depends on who they are: a field or type behind
 * @authenticated, @requiresScopes or @policy makes the operation PRIVATE, and a field selected
 * through an interface or union takes the strictest hint of every type it may resolve to. Hints
 * set by resolvers at run time are not read (subgraphs do not compute policies; see
 * internal/platform/src/subgraphServer.ts).
 *
 * The policy goes out as Apollo's `Cache-Control` header on responses without errors. With the
 * cache on (RESPONSE_CACHE=on) a query with a policy is answered from the store while fresh:
 * PUBLIC entries are shared by every caller; PRIVATE ones are keyed by the caller's whole
 * identity (subject, roles, scopes, partner, everything the subgraphs are told), and never
 * stored for an anonymous caller. Mutations, responses with errors and answers larger than
 * `maxEntryBytes` are never stored. The store is Redis (REDIS_URL, keys `tg:rc:`) shared by every
 * gateway process, or an in-memory LRU in this process; a store that fails or is slow costs a
 * miss, never the request.
 */

export type CacheScope = 'PUBLIC' | 'PRIVATE';

export interface CacheHint {
  maxAge?: number;
  scope?: CacheScope;
  inheritMaxAge?: boolean;
}

export interface CacheHints {
  /** By `Type.field`. */
  fields: Map<string, CacheHint>;
  /** By type name (objects, interfaces, unions). */
  types: Map<string, CacheHint>;
}

export interface CachePolicy {
  maxAge: number;
  scope: CacheScope;
}

/** The name partners declare hints with (docs/response-cache.md, "Declaring hints"). */
const DIRECTIVE = 'cacheControl';

function hintOf(directives: readonly DirectiveNode[] | undefined): CacheHint | undefined {
  const directive = directives?.find((d) => d.name.value === DIRECTIVE);
  if (!directive) return undefined;
  const hint: CacheHint = {};
  for (const arg of directive.arguments ?? []) {
    const value = arg.value;
    if (arg.name.value === 'maxAge' && value.kind === Kind.INT) hint.maxAge = Number(value.value);
    if (arg.name.value === 'scope' && value.kind === Kind.ENUM && (value.value === 'PUBLIC' || value.value === 'PRIVATE')) hint.scope = value.value;
    if (arg.name.value === 'inheritMaxAge' && value.kind === Kind.BOOLEAN) hint.inheritMaxAge = value.value;
  }
  return hint;
}

/** Every @cacheControl in a supergraph SDL. */
export function readCacheHints(supergraphSdl: string): CacheHints {
  const hints: CacheHints = { fields: new Map(), types: new Map() };
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION && def.kind !== Kind.UNION_TYPE_DEFINITION) continue;
    const typeHint = hintOf(def.directives);
    if (typeHint) hints.types.set(def.name.value, typeHint);
    if (def.kind === Kind.UNION_TYPE_DEFINITION) continue;
    for (const field of def.fields ?? []) {
      const hint = hintOf(field.directives);
      if (hint) hints.fields.set(`${def.name.value}.${field.name.value}`, hint);
    }
  }
  return hints;
}

export const hasCacheHints = (hints: CacheHints): boolean => hints.fields.size > 0 || hints.types.size > 0;

/**
 * The cache policy of one operation, or undefined when it is uncacheable (a mutation, a maxAge of
 * 0, a field not in the schema).
 */
export function cachePolicyOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, hints: CacheHints, access: AccessRules): CachePolicy | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return undefined;
  const root = schema.getQueryType();
  if (!root) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let maxAge = Infinity;
  let scope: CacheScope = 'PUBLIC';
  let unknown = false;
  const restrict = (hint: CacheHint) => {
    if (hint.maxAge !== undefined) maxAge = Math.min(maxAge, hint.maxAge);
    if (hint.scope === 'PRIVATE') scope = 'PRIVATE';
  };
  const guarded = (key: string, typeName: string) => access.fields.has(key) || access.types.has(typeName);
  // The object types a selection on `type` may meet at run time.
  const possible = (type: GraphQLCompositeType) => (isAbstractType(type) ? [type, ...schema.getPossibleTypes(type)] : [type]);
  const visitedFragments = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, isRoot: boolean) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!on || !isCompositeType(on)) unknown = true;
        else walk(selection.selectionSet, on, isRoot);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const on = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !on || !isCompositeType(on)) unknown = true;
        // A fragment spread twice adds nothing the first walk did not.
        else if (!visitedFragments.has(`${fragment.name.value}@${parent.name}`)) {
          visitedFragments.add(`${fragment.name.value}@${parent.name}`);
          walk(fragment.selectionSet, on, isRoot);
        }
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue;
      // Introspection answers depend on who asks (introspection.ts): never cached.
      if (name.startsWith('__')) {
        maxAge = 0;
        continue;
      }
      // The field as each type that may answer it declares it (interfaces: every implementation).
      const definitions: { owner: string; field: GraphQLField<unknown, unknown> }[] = [];
      for (const type of possible(parent)) {
        if (!('getFields' in type)) continue;
        const field = (type as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[name];
        if (field) definitions.push({ owner: type.name, field });
      }
      if (definitions.length === 0) {
        unknown = true;
        continue;
      }
      const target = getNamedType(definitions[0]!.field.type);
      const composite = isCompositeType(target);
      for (const { owner, field } of definitions) {
        const key = `${owner}.${field.name}`;
        if (guarded(key, owner) || access.types.has(target.name)) scope = 'PRIVATE';
        // Apollo's rule: the return type's hint first, the field's own hint over it.
        const typeHint = composite ? hints.types.get(target.name) : undefined;
        const fieldHint = hints.fields.get(key);
        let fieldMaxAge = typeHint?.inheritMaxAge ? undefined : typeHint?.maxAge;
        let inherits = typeHint?.inheritMaxAge ?? false;
        if (fieldHint?.inheritMaxAge && fieldMaxAge === undefined) inherits = true;
        else if (fieldHint?.maxAge !== undefined) fieldMaxAge = fieldHint.maxAge;
        if (fieldHint?.scope) restrict({ scope: fieldHint.scope });
        if (typeHint?.scope) restrict({ scope: typeHint.scope });
        if (fieldMaxAge === undefined && ((composite && !inherits) || isRoot)) fieldMaxAge = 0;
        if (fieldMaxAge !== undefined) restrict({ maxAge: fieldMaxAge });
      }
      // An interface or union may resolve to any of its object types: each one's hint and access
      // rule applies too (Apollo reads only the declared type's).
      if (composite && isAbstractType(target)) {
        for (const type of schema.getPossibleTypes(target)) {
          const hint = hints.types.get(type.name);
          if (hint) restrict({ maxAge: hint.inheritMaxAge ? undefined : hint.maxAge, scope: hint.scope });
          if (access.types.has(type.name)) scope = 'PRIVATE';
        }
      }
      if (selection.selectionSet && composite) walk(selection.selectionSet, target, false);
    }
  };
  walk(operation.selectionSet, root, true);
  if (unknown || maxAge === Infinity || maxAge <= 0) return undefined;
  return { maxAge, scope };
}

// ---------------------------------------------------------------------------------------------
// Stores

export interface ResponseStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  close(): Promise<void>;
}

export const KEY_PREFIX = 'tg:rc:';

/** This process's own store: least recently used entries go first, bounded by count and bytes. */
export class MemoryResponseStore implements ResponseStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.value.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.value.length;
    }
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    this.bytes += value.length;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.value.length;
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// The plugin

/** RESPONSE_CACHE* and REDIS_URL (config.ts). */
export interface ResponseCacheConfig {
  /** RESPONSE_CACHE=on|off: serve and store answers (off: Cache-Control headers only). */
  enabled: boolean;
  /** Shared entries in this Redis; this process's memory when absent. */
  redisUrl: string | undefined;
  /** RESPONSE_CACHE_MAX_ENTRIES / RESPONSE_CACHE_MAX_MB: bounds of the in-memory store. */
  maxEntries: number;
  maxBytes: number;
  /** RESPONSE_CACHE_MAX_ENTRY_KB: answers larger than this are not stored. */
  maxEntryBytes: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheConfig = { enabled: false, redisUrl: undefined, maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 1024 * 1024 };

export function createResponseStore(config: ResponseCacheConfig, logger: Logger): ResponseStore | undefined {
  if (!config.enabled) return undefined;
  return config.redisUrl ? new RedisTextStore(config.redisUrl, logger, 'response cache') : new MemoryResponseStore(config.maxEntries, config.maxBytes);
}

export interface ResponseCacheOptions {
  /** Where entries live; undefined computes policies and Cache-Control headers only. */
  store: ResponseStore | undefined;
  /** Answers larger than this (bytes of JSON) are not stored. */
  maxEntryBytes: number;
}

/** What the plugin needs of the supergraph being served; it changes with every reload. */
export interface CacheSupergraph {
  /** Entries of another supergraph are never served. */
  id: string;
  cacheHints: CacheHints;
  access: AccessRules;
}

interface Stored {
  /** When the answer was stored (ms since the epoch): the Age header of a hit. */
  at: number;
  data: unknown;
}

/** Canonical JSON: object keys sorted, so equal variables give one key whatever their order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The store key of one request's answer, or undefined when it must not be stored for this caller. */
export function responseKey(supergraphId: string, policy: CachePolicy, caller: Caller, queryHash: string, operationName: string | undefined, variables: Record<string, unknown> | undefined): string | undefined {
  if (policy.scope === 'PRIVATE' && caller.sub == null) return undefined;
  const who = policy.scope === 'PUBLIC' ? 'public' : `private:${sha256(encodeCaller(caller))}`;
  return `${KEY_PREFIX}${supergraphId.slice(0, 16)}:${who}:${sha256(`${queryHash}\n${operationName ?? ''}\n${canonicalJson(variables ?? {})}`)}`;
}

export function responseCachePlugin<TContext extends { caller: Caller }>(options: ResponseCacheOptions, supergraph: () => CacheSupergraph): ApolloServerPlugin<TContext> {
  // Policies by parsed document (Apollo keeps one DocumentNode per query text) and operation
  // name, for the hints of one supergraph: a reload brings new hints and a fresh memo.
  let memoFor: CacheHints | undefined;
  let memo = new WeakMap<DocumentNode, Map<string, CachePolicy | null>>();
  const policyOf = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, current: CacheSupergraph): CachePolicy | undefined => {
    if (memoFor !== current.cacheHints) {
      memoFor = current.cacheHints;
      memo = new WeakMap();
    }
    let byName = memo.get(document);
    if (!byName) memo.set(document, (byName = new Map()));
    let policy = byName.get(operationName ?? '');
    if (policy === undefined) {
      policy = hasCacheHints(current.cacheHints) ? (cachePolicyOf(schema, document, operationName, current.cacheHints, current.access) ?? null) : null;
      byName.set(operationName ?? '', policy);
    }
    return policy ?? undefined;
  };
  const { store } = options;
  return {
    async requestDidStart() {
      let key: string | undefined;
      let policy: CachePolicy | undefined;
      let hitAt: number | undefined;
      return {
        async responseForOperation(rc: GraphQLRequestContext<TContext>): Promise<GraphQLResponse | null> {
          if (!rc.document || rc.operation?.operation !== 'query') return null;
          const current = supergraph();
          policy = policyOf(rc.schema, rc.document, rc.operationName ?? undefined, current);
          if (!policy) return null;
          // Apollo's cache-control plugin turns this into the Cache-Control header (no errors only).
          rc.overallCachePolicy.restrict(policy);
          if (!store) return null;
          key = responseKey(current.id, policy, rc.contextValue.caller, rc.queryHash!, rc.operationName ?? undefined, rc.request.variables);
          if (!key) return null;
          const text = await store.get(key);
          if (text === undefined) return null;
          let stored: Stored;
          try {
            stored = JSON.parse(text) as Stored;
          } catch {
            return null;
          }
          hitAt = stored.at;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: stored.data as Record<string, unknown> } } };
        },
        async willSendResponse(rc: GraphQLRequestContext<TContext>): Promise<void> {
          if (!key || !policy || !store) return;
          if (hitAt !== undefined) {
            rc.response.http.headers.set('age', String(Math.max(0, Math.floor((Date.now() - hitAt) / 1000))));
            return;
          }
          const body = rc.response.body;
          if (body?.kind !== 'single') return;
          const { errors, data } = body.singleResult;
          if (errors?.length || !data) return;
          // The passthrough's data may still be the subgraph's bytes (rawJson.ts): stored as that text.
          if (data instanceof RawJson && data.byteLength > options.maxEntryBytes) return;
          const text = data instanceof RawJson ? `{"at":${Date.now()},"data":${data.text()}}` : JSON.stringify({ at: Date.now(), data } satisfies Stored);
          if (text.length > options.maxEntryBytes) return;
          // Not awaited: storing never delays the answer (a failure is logged by the store).
          void store.set(key, text, policy.maxAge);
        },
      };
    },
  };
}
