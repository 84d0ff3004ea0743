import type { ConsentPurpose } from './config.ts';

export type ConsentAction = 'GRANTED' | 'WITHDRAWN';

export interface ConsentEventLike {
  purpose: string;
  action: string;
  seq: number;
}

/**
 * Does a request change anything? A grant of a purpose already granted, or a withdrawal of one
 * already withdrawn, writes nothing (the log records changes, not clicks). A withdrawal of a
 * purpose never decided is recorded: an explicit "no" is a decision worth keeping.
 */
export function consentChangeNeeded(latestAction: string | null, requested: ConsentAction): boolean {
  return latestAction !== requested;
}

/**
 * Log order, newest first: by the person's log step. Steps follow append order, which is the
 * order decisions were made even when clocks disagree (the seed numbers the demo log by time).
 */
export function compareEventsNewestFirst(a: ConsentEventLike, b: ConsentEventLike): number {
  return b.seq - a.seq;
}

/**
 * The current state per purpose from a person's log: the latest event of each purpose decides.
 * Purposes never decided are absent.
 */
export function currentConsents<E extends ConsentEventLike>(events: readonly E[]): Map<ConsentPurpose, E> {
  const latest = new Map<ConsentPurpose, E>();
  for (const e of events) {
    const purpose = e.purpose as ConsentPurpose;
    const seen = latest.get(purpose);
    if (!seen || compareEventsNewestFirst(e, seen) < 0) latest.set(purpose, e);
  }
  return latest;
}
