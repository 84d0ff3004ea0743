import { startStack, type Stack, type StackOptions } from './stack.ts';
import type { DatabaseKind } from '@talent-graph/platform/testing';

/**
 * Stacks shared by every cross-subgraph test file: seeding the whole graph takes seconds, so
 * each (database, scale, labels) combination is started once per run and stopped at the end.
 * Tests that write data only touch records the read-only tests do not assert on.
 */
const stacks = new Map<string, Promise<Stack>>();

export function sharedStack(kind: DatabaseKind, options: StackOptions = {}): Promise<Stack> {
  const key = JSON.stringify([kind, options.scale ?? 1, options.overrideLabels ?? {}]);
  let stack = stacks.get(key);
  if (!stack) {
    stack = startStack(kind, options);
    stacks.set(key, stack);
  }
  return stack;
}

// A root-level hook: runs once after every test file has finished.
after(async function () {
  this.timeout(60_000);
  for (const stack of stacks.values()) await (await stack).stop();
  stacks.clear();
});
