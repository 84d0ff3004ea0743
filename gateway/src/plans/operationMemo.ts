import { createRequire } from 'node:module';
import type { DocumentNode } from 'graphql';

/**
 * Stock @apollo/gateway turns the request's GraphQL document into a federation Operation twice
 * per request: once to plan (skipped on a plan-cache hit) and once more, unconditionally, inside
 * executeQueryPlan to shape the response — 0.2–0.4 ms for a typical operation, 3 ms for a
 * large analyst export of jobs. The second conversion gets the same operation definition object on
 * every request of a cached document (Apollo Server's document cache, and our executor passes
 * it on untouched unless access rules cut something), so its result is memoised per definition
 * node and API schema. The Operation is only read after it is built.
 *
 * executeQueryPlan calls `operationFromDocument` through the federation-internals module object
 * at call time, so replacing that export is the one place to hook in; only calls shaped like
 * executeQueryPlan's (validate: false, no operation name) are memoised, anything else passes
 * through.
 */
type OperationFromDocument = (schema: object, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => unknown;

const require = createRequire(import.meta.url);
const operations = require('@apollo/federation-internals/dist/operations.js') as { operationFromDocument: OperationFromDocument };

let installed = false;

export function installOperationMemo(): void {
  if (installed) return;
  installed = true;
  const original = operations.operationFromDocument;
  const memo = new WeakMap<object, WeakMap<object, unknown>>();
  operations.operationFromDocument = (schema, document, options) => {
    const definition = document.definitions[0];
    if (options?.validate !== false || options.operationName !== undefined || !definition) return original(schema, document, options);
    // Fragments travel with the definition: both come from one parsed document.
    let bySchema = memo.get(definition);
    if (!bySchema) memo.set(definition, (bySchema = new WeakMap()));
    let operation = bySchema.get(schema);
    if (operation === undefined) {
      operation = original(schema, document, options);
      bySchema.set(schema, operation);
    }
    return operation;
  };
}
