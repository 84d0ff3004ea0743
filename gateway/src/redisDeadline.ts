/**
 * A Redis reply bounded in time: the rate limiter's token take (plugins/rateLimit.ts) and the
 * caches' GET/SET (redisTextStore.ts) must never wait on a Redis that hangs. node-redis's own
 * command timeout only covers a command still waiting to be written; one already sent to a frozen
 * or partitioned Redis would wait forever. This bound covers both.
 */
export function withinDeadline<T>(reply: Promise<T>, timeoutMs: number): Promise<T> {
  // A late reply or error of an abandoned command must not surface as an unhandled rejection.
  reply.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  // The timer fires in the event loop's timers phase, before the poll phase reads sockets: after a
  // long synchronous stretch (a cold process compiling, a big plan) an answer already waiting on
  // the socket would lose to it. setImmediate runs after that poll phase, so such an answer is
  // taken first.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => setImmediate(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`))), timeoutMs);
  });
  return Promise.race([reply, timeout]).finally(() => clearTimeout(timer));
}
