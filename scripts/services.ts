/**
 * Starting the subgraphs and the gateway as real processes: shared by `npm start`, `npm run soak`
 * and the tests that stop and start them (test/postgresRestart.test.ts), so every one of them
 * runs the processes exactly as production does (the same `index.ts`/`main.ts` entry points).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SubgraphName } from '@talent-graph/platform';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The entry point each service runs (`npm start` and the soak run the same files). */
export function serviceScript(name: SubgraphName | 'gateway'): string {
  return name === 'gateway' ? 'gateway/src/main.ts' : `subgraphs/${name}/src/index.ts`;
}

/** The environment variable that sets a service's port. */
export const portVariable = (name: SubgraphName | 'gateway'): string => `${name.toUpperCase()}_PORT`;

/** Spawns `node --import tsx <script>` from the repository root with `env` added to ours. */
export function spawnService(script: string, env: Record<string, string>, stdio: StdioOptions = ['ignore', 'inherit', 'inherit']): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio });
}

/** Resolves once GET /health answers 200; rejects after timeoutMs or when `child` exits first. */
export async function waitHealthy(name: string, port: number, options: { timeoutMs?: number; child?: ChildProcess; aborted?: () => boolean } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (options.aborted?.()) return;
    if (options.child && (options.child.exitCode !== null || options.child.signalCode !== null)) {
      throw new Error(`${name} exited (${options.child.signalCode ?? `code ${options.child.exitCode}`}) before it became healthy`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become healthy on port ${port} within ${timeoutMs / 1000} s`);
}

/**
 * Resolves when the child has exited (at once if it already has), with its code or signal. Waits
 * for 'close', not 'exit': piped output can still arrive after 'exit'.
 */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

export const isRunning = (child: ChildProcess | undefined): boolean => child !== undefined && child.exitCode === null && child.signalCode === null;

/** SIGTERM, then SIGKILL after graceMs for a child that does not stop. */
export async function stopService(child: ChildProcess, graceMs = 12_000): Promise<void> {
  if (!isRunning(child)) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}
