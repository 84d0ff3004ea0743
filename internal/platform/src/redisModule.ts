import { createRequire } from 'node:module';
import type * as NodeRedis from 'redis';

const requireHere = createRequire(import.meta.url);

/**
 * node-redis, loaded the first time a Redis URL is used: only a process configured with one pays
 * for it. Why not a plain import: the package is about 600 modules, which cost an idle gateway 6 MB
 * resident and 3 MB of heap, and under load V8 lets the old generation grow to a multiple of what
 * is live (bench/README.md, "Memory"; the gateway's target is under 200 MB at 100 connections).
 * Node caches the module, so every caller after the first gets the same one at no cost.
 */
export function nodeRedis(): typeof NodeRedis {
  return requireHere('redis') as typeof NodeRedis;
}
