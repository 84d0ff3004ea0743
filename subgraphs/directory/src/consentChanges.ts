import { randomUUID } from 'node:crypto';
import { checkIdempotencyKey, conflict, forbidden, InputProblems, isUniqueViolation, notFound, runIdempotent, selectEntities, selectRows, unauthenticated } from '@talent-graph/platform';
import type { EntityManager } from 'typeorm';
import type { Context } from './context.ts';
import { Consent } from './entities/Consent.ts';
import { ConsentEvent } from './entities/ConsentEvent.ts';
import { canViewPerson, personFacts } from './personAccess.ts';
import { CONSENT_PURPOSES, CONSENT_WRITE_ATTEMPTS, type ConsentPurpose } from './rules/config.ts';
import { consentChangeNeeded, type ConsentAction } from './rules/consent.ts';
import { consentPermission } from './rules/visibility.ts';

export interface ConsentInput {
  personId: string;
  purpose: string;
}

export interface ConsentPayload {
  consent: Consent;
  event: ConsentEvent;
  changed: boolean;
}

/**
 * grantConsent and withdrawConsent. Order of checks: input, then a signed-in caller, then that
 * the person exists and is visible to the caller (NOT_FOUND otherwise, so the mutation never
 * confirms that a hidden person exists), then that the caller is the person or their guardian per
 * the guardianship table (FORBIDDEN). The event and the current-state row are written in one
 * transaction; a request that changes nothing writes nothing and returns the event that set the
 * current state. With an idempotency key, a retry returns the first payload (`changed` as it was
 * then) and writes no second log entry.
 */
export async function changeConsent(ctx: Context, input: ConsentInput, action: ConsentAction, idempotencyKey?: string | null): Promise<ConsentPayload> {
  const problems = new InputProblems();
  const personId = typeof input.personId === 'string' ? input.personId.trim() : '';
  problems.check(personId.length > 0, 'input.personId', 'must not be empty');
  problems.check(personId.length <= 40, 'input.personId', 'must be at most 40 characters');
  // GraphQL validates the enum already; this keeps the function safe for any other caller.
  problems.check((CONSENT_PURPOSES as readonly string[]).includes(input.purpose), 'input.purpose', `must be one of ${CONSENT_PURPOSES.join(', ')}`);
  checkIdempotencyKey(problems, idempotencyKey);
  problems.throwIfAny();
  const purpose = input.purpose as ConsentPurpose;

  const actorId = ctx.caller.sub;
  if (actorId === null) throw unauthenticated('Sign in to change consents');

  const person = await ctx.loaders.personById.load(personId);
  if (!person || !(await canViewPerson(ctx, person))) throw notFound('Person', personId);
  const permission = consentPermission(ctx.caller, await personFacts(ctx, person, false));
  if (permission === 'NOT_SELF_OR_GUARDIAN') throw forbidden('Only the person or their guardian may change their consents');
  if (permission === 'GUARDIAN_REQUIRED') throw forbidden('A guardian decides the consents of a person under 13');

  for (let attempt = 1; ; attempt++) {
    try {
      const call = { key: idempotencyKey, scope: actorId, mutation: action === 'GRANTED' ? 'grantConsent' : 'withdrawConsent', request: input, now: ctx.clock.now() };
      const payload = await runIdempotent(ctx.db, call, (manager) => applyChange(manager, { personId, purpose, action, actorId, at: ctx.clock.now().toISOString() }));
      // Later reads in this request see the new state.
      ctx.loaders.consentsByPerson.clear(personId);
      ctx.loaders.consentEventsByPerson.clear(personId);
      return payload;
    } catch (error) {
      // A concurrent change took the same log step (or created the same current-state row):
      // run again on the state it left, which may make this request a no-op.
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= CONSENT_WRITE_ATTEMPTS) throw conflict('The consent was changed at the same time by another request; try again');
    }
  }
}

interface Change {
  personId: string;
  purpose: ConsentPurpose;
  action: ConsentAction;
  actorId: string;
  at: string;
}

/**
 * The reads go through plainRows (SQL built once per entity, rows as the driver returns them), not
 * TypeORM's findOneBy: building the find's query cost more CPU than the statements did, and every
 * call runs them — most grants change nothing and end after the first two.
 */
async function applyChange(manager: EntityManager, change: Change): Promise<ConsentPayload> {
  const [current] = await selectEntities(manager, Consent, 'WHERE person_id = :personId AND purpose = :purpose', { personId: change.personId, purpose: change.purpose });
  const latestAction = current ? (current.granted ? 'GRANTED' : 'WITHDRAWN') : null;
  if (current && !consentChangeNeeded(latestAction, change.action)) {
    const [event] = await selectEntities(manager, ConsentEvent, 'WHERE id = :id', { id: current.eventId });
    // The foreign key guarantees the row; its absence would be a corrupt database.
    if (!event) throw new Error(`consent ${change.personId}/${change.purpose} names a missing event ${current.eventId}`);
    return { consent: current, event, changed: false };
  }
  const [last] = await selectRows<{ seq: number | string | null }>(manager, 'SELECT MAX(seq) AS seq FROM consent_event WHERE person_id = :personId', { personId: change.personId });
  const event: ConsentEvent = Object.assign(new ConsentEvent(), {
    id: `cev-${randomUUID()}`,
    personId: change.personId,
    seq: Number(last?.seq ?? 0) + 1,
    purpose: change.purpose,
    action: change.action,
    at: change.at,
    actorId: change.actorId,
  });
  await manager.insert(ConsentEvent, event);
  const consent: Consent = Object.assign(new Consent(), {
    personId: change.personId,
    purpose: change.purpose,
    granted: change.action === 'GRANTED',
    updatedAt: change.at,
    updatedBy: change.actorId,
    eventId: event.id,
  });
  if (current) await manager.update(Consent, { personId: change.personId, purpose: change.purpose }, { granted: consent.granted, updatedAt: consent.updatedAt, updatedBy: consent.updatedBy, eventId: consent.eventId });
  else await manager.insert(Consent, consent);
  return { consent, event, changed: true };
}

