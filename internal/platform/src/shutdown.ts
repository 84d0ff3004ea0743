import type { Logger } from './logging.ts';

/**
 * Graceful stop for every long-running process: on SIGTERM or SIGINT, run `stop` once (stop
 * accepting, finish in-flight requests up to their deadline — http.ts `close` — then close Redis
 * clients and pools) and exit 0. `deadlineMs` is the safety net above that: if `stop` has not
 * finished by then (a pool that never closes), the process exits 1 rather than hang.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>, deadlineMs = 10_000): void {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    setTimeout(() => {
      logger.error('did not stop in time; exiting', { deadlineMs });
      process.exit(1);
    }, deadlineMs).unref();
    try {
      await stop();
    } catch (error) {
      logger.error('stopping failed', { error: String((error as Error)?.stack ?? error) });
      process.exit(1);
    }
    logger.info('stopped', { signal });
    process.exit(0);
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}
