import { randomUUID } from 'node:crypto';
import { checkIdempotencyKey, forbidden, InputProblems, notFound, runIdempotent, storedResult, unauthenticated, type ErasureOutcome } from '@talent-graph/platform';
import type { Context } from './context.ts';
import { Consent } from './entities/Consent.ts';
import { Credential } from './entities/Credential.ts';
import { Employment } from './entities/Employment.ts';
import { ErasureRequest } from './entities/ErasureRequest.ts';
import { Guardianship } from './entities/Guardianship.ts';
import { Person } from './entities/Person.ts';

/**
 * An erasure request, as the directory carries it out. The person row stays — other subgraphs
 * and the consent log refer to its id — but everything that identifies the person is replaced;
 * the wallet, guardianship, employment and current consents are deleted; the consent log is kept
 * (the evidence of what was consented, now about an anonymous id). The request itself is recorded.
 * The other subgraphs erase their own records when the gateway resolves their fields of the
 * returned ErasureReceipt, in the same request.
 */

/** What replaces an erased person's birth date (the column is required). */
export const ERASED_BIRTH_DATE = '1900-01-01';

/** The directory's part of an erasure receipt; the partners add theirs through the gateway. */
export interface ErasureReceiptResult {
  id: string;
  personId: string;
  requestedAt: string;
  directory: ErasureOutcome;
}

/**
 * With an idempotency key, a retry returns the directory's first receipt (same id, same
 * `requestedAt`) and records no second request; the partners' parts are resolved again on it and
 * find nothing left to erase.
 */
export async function requestErasure(ctx: Context, personId: string | null | undefined, idempotencyKey?: string | null) {
  const problems = new InputProblems();
  checkIdempotencyKey(problems, idempotencyKey);
  problems.throwIfAny();
  const sub = ctx.caller.sub;
  if (!sub) throw unauthenticated('Sign in to request erasure');
  const call = { key: idempotencyKey, scope: sub, mutation: 'requestErasure', request: { personId: personId ?? null }, now: ctx.clock.now() };
  // Answered before the guardianship check: the erasure deleted the guardianship that allowed it.
  const stored = await storedResult<ErasureReceiptResult>(ctx.db, call);
  if (stored) return stored;
  const id = personId ?? sub;
  const person = await ctx.loaders.personById.load(id);
  if (id !== sub) {
    // Only a guardian, for a minor in their care (checked in the guardianship table); support reads, never erases.
    const guardians = person ? await ctx.loaders.guardiansByWard.load(id) : [];
    if (!guardians.some((g) => g.guardianId === sub)) throw forbidden('You may erase only your own data, or a minor’s in your care');
  }
  if (!person) throw notFound('Person', id);
  const requestedAt = ctx.clock.now().toISOString();
  const receiptId = `era-${randomUUID()}`;
  return runIdempotent(ctx.db, call, async (manager): Promise<ErasureReceiptResult> => {
    let erased = 0;
    erased += (await manager.delete(Credential, { personId: id })).affected ?? 0;
    erased += (await manager.delete(Guardianship, { wardId: id })).affected ?? 0;
    erased += (await manager.delete(Guardianship, { guardianId: id })).affected ?? 0;
    erased += (await manager.delete(Employment, { personId: id })).affected ?? 0;
    erased += (await manager.delete(Consent, { personId: id })).affected ?? 0;
    await manager.update(Person, { id }, {
      givenName: 'Erased',
      familyName: 'Person',
      email: `erased+${id}@invalid.example`,
      phone: null,
      birthDate: ERASED_BIRTH_DATE,
      homeZip: '00000',
      schoolId: null,
      programId: null,
      shopId: null,
    });
    await manager.insert(ErasureRequest, { id: receiptId, personId: id, requestedBy: sub, requestedAt });
    const directory: ErasureOutcome = {
      subgraph: 'directory',
      erased,
      anonymised: 1,
      kept: ['The person record, with every identifying field replaced: other records refer to its id.', 'The consent log, as evidence of what was consented, now about that anonymous id.', 'The record of this erasure request.'],
    };
    return { id: receiptId, personId: id, requestedAt, directory };
  });
}
