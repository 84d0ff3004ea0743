import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Kind, parse, type ConstValueNode } from 'graphql';
import type { Logger } from '@talent-graph/platform/core';

/**
 * Live supergraph reload: where a new supergraph comes from (a watched file, or a polled URL).
 * Validating and swapping it is buildGateway's `reload` (server.ts): a supergraph is only
 * offered here, never applied, so a broken one cannot reach the running gateway.
 *
 * A source calls `offer(sdl, origin)` whenever the content may have changed; offering the same
 * content again is cheap (the gateway compares hashes first).
 */
export type OfferSupergraph = (sdl: string, origin: string) => void;

export const supergraphId = (sdl: string): string => createHash('sha256').update(sdl).digest('hex');

/** Name and routing URL of each subgraph a supergraph joins (its `join__Graph` enum). */
export function subgraphsIn(supergraphSdl: string): { name: string; url: string }[] {
  const out: { name: string; url: string }[] = [];
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => graph?.arguments?.find((a) => a.name.value === name)?.value as ConstValueNode | undefined;
      const name = arg('name');
      const url = arg('url');
      if (name?.kind === Kind.STRING) out.push({ name: name.value, url: url?.kind === Kind.STRING ? url.value : '' });
    }
  }
  return out;
}

export interface FileWatchOptions {
  /** Quiet time after the last change event before the file is read (editors write in bursts). */
  debounceMs: number;
  /** A periodic mtime/size check besides fs.watch, which misses changes on some filesystems (NFS, some container mounts). */
  pollIntervalMs: number;
}

/**
 * Watches the supergraph file: fs.watch on its directory (an editor or `mv` replaces the file,
 * which would end a watch on the file itself), debounced, plus a periodic mtime/size check.
 * Returns a function that stops watching.
 */
export function watchSupergraphFile(path: string, options: FileWatchOptions, offer: OfferSupergraph, logger: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let lastSeen = '';
  let stopped = false;
  const read = async () => {
    if (stopped) return;
    try {
      const info = await stat(path);
      lastSeen = `${info.mtimeMs}:${info.size}`;
      offer(await readFile(path, 'utf8'), path);
    } catch (error) {
      // A file briefly missing while it is being replaced is normal; the next event or poll retries.
      logger.warn('supergraph file could not be read; keeping the current supergraph', { path, error: (error as Error).message });
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void read(), options.debounceMs);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), (_event, file) => {
      if (!file || file === basename(path)) schedule();
    });
    watcher.on('error', (error) => logger.warn('supergraph file watch failed; relying on the periodic check', { path, error: error.message }));
  } catch (error) {
    logger.warn('supergraph file cannot be watched; relying on the periodic check', { path, error: (error as Error).message });
  }
  void stat(path).then((info) => (lastSeen = `${info.mtimeMs}:${info.size}`), () => undefined);
  const poll = setInterval(() => {
    void stat(path).then(
      (info) => {
        if (`${info.mtimeMs}:${info.size}` !== lastSeen) schedule();
      },
      () => undefined,
    );
  }, options.pollIntervalMs);
  poll.unref();
  return () => {
    stopped = true;
    watcher?.close();
    clearInterval(poll);
    if (timer) clearTimeout(timer);
  };
}

/**
 * Polls a URL (SUPERGRAPH_URL) for the supergraph every `intervalMs`; a failed or non-200 fetch
 * is logged once per failure streak and the current supergraph keeps serving.
 */
export function pollSupergraphUrl(url: string, intervalMs: number, offer: OfferSupergraph, logger: Logger): () => void {
  let failing = false;
  const once = async () => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(Math.min(10_000, intervalMs)) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const sdl = await res.text();
      if (failing) logger.info('supergraph URL answers again', { url });
      failing = false;
      offer(sdl, url);
    } catch (error) {
      if (!failing) logger.warn('supergraph URL could not be fetched; keeping the current supergraph', { url, error: (error as Error).message });
      failing = true;
    }
  };
  const timer = setInterval(() => void once(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The first fetch of SUPERGRAPH_URL at start-up: without it there is nothing to serve. */
export async function fetchSupergraph(url: string, timeoutMs = 10_000): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
}
