import type { Logger } from './logging.ts';

/**
 * Graceful stop for every long-running process: on SIGTERM or SIGINT, run `stop` (stop accepting,
 * finish in-flight requests, close pools) once, then exit 0 — or exit 1 if it takes longer than
 * the deadline.
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
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}
