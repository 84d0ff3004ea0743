import DataLoader from 'dataloader';

/**
 * DataLoader helpers. Every loader is created per request (never module-level: no user data
 * outlives a request) and turns N lookups into one SQL statement.
 */

/** One row per key, e.g. entity by id. Missing keys load as null. */
export function byKey<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const map = new Map<K, V>();
    for (const row of rows) map.set(keyOf(row), row);
    return keys.map((k) => map.get(k) ?? null);
  }, { maxBatchSize: MAX_BATCH });
}

/** Many rows per key, e.g. certifications by person. Missing keys load as []. Row order is kept. */
export function groupedByKey<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const map = new Map<K, V[]>();
    for (const row of rows) {
      const k = keyOf(row);
      const list = map.get(k);
      if (list) list.push(row);
      else map.set(k, [row]);
    }
    return keys.map((k) => map.get(k) ?? []);
  }, { maxBatchSize: MAX_BATCH });
}

/**
 * SQLite limits bound parameters per statement (32,766 here); PostgreSQL to 65,535. DataLoader
 * batches are capped well below both.
 */
export const MAX_BATCH = 1000;
