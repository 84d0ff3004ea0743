import cluster, { type Worker } from 'node:cluster';
import { ConfigError } from '@talent-graph/platform/core';
import { readGatewayConfig } from './config.ts';

/**
 * The gateway on every core: `node --import tsx gateway/src/cluster.ts` (same flags and variables
 * as main.ts). GATEWAY_WORKERS processes (one per core in production, `auto`) each run main.ts
 * and share one listening port through node:cluster; with one worker, main.ts runs in this very
 * process. Workers share rate limits, cached answers and query plans through Redis when
 * REDIS_URL is set (rateLimit.ts, responseCache.ts, plans/sharedPlans.ts); each warms its own
 * in-memory plan cache from the persisted operations at start-up.
 *
 * A worker that dies is replaced (at most once a second, so a crash loop cannot spin). SIGTERM
 * or SIGINT stops every worker the way main.ts stops (in-flight requests finish) and exits 0.
 */
const RESTART_DELAY_MS = 1_000;

async function primary(): Promise<void> {
  let workers: number;
  try {
    workers = readGatewayConfig().workers;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`gateway: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  if (workers === 1) {
    await import('./main.ts');
    return;
  }
  let stopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      // main.ts exits 0 only when told to stop (a signal to the whole process group, e.g. Ctrl-C).
      if (code === 0) {
        if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) process.exit(0);
        return;
      }
      // A configuration or supergraph error (exit 2) is the same in every worker: give up.
      if (code === 2) {
        console.error('gateway: a worker could not start (see above); stopping');
        void stop(2);
        return;
      }
      console.error(`gateway: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
      setTimeout(() => !stopping && fork(), RESTART_DELAY_MS);
    });
    return worker;
  };
  const stop = async (exitCode: number): Promise<void> => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(alive.map((w) => new Promise((resolve) => {
      w.once('exit', resolve);
      w.process.kill('SIGTERM');
    })));
    process.exit(exitCode);
  };
  for (let i = 0; i < workers; i += 1) fork();
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
}

if (cluster.isPrimary) await primary();
else await import('./main.ts');
