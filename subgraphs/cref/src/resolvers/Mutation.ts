import { randomUUID } from 'node:crypto';
import { checkIdempotencyKey, conflict, forbidden, InputProblems, notFound, runIdempotent, unauthenticated } from '@talent-graph/platform';
import type { EntityManager } from 'typeorm';
import { DonationClaim } from '../entities/DonationClaim.ts';
import { DonationOffer } from '../entities/DonationOffer.ts';
import { SchoolRef } from '../entities/SchoolRef.ts';
import { SchoolRequest } from '../entities/SchoolRequest.ts';
import { mayClaimFor } from '../rules/access.ts';
import { claimQuantityProblem, claimValueUsd, claimViolation, remainingQuantity, requestToFulfil, type ClaimViolation } from '../rules/donations.ts';
import type { Context } from './context.ts';
import type { ClaimAnswer } from './DonationClaim.ts';

interface ClaimDonationInput {
  offerId: string;
  schoolId: string;
  quantity: number;
}

const conflictFrom = (v: ClaimViolation) => conflict(v.message, { reason: v.reason, remaining: v.remaining });

/**
 * Takes `quantity` units of the offer in ONE conditional UPDATE: the row changes only if enough
 * units remain (and, for a non-splittable offer, only if nothing was claimed and the whole
 * quantity is asked for). The database applies the condition and the increment atomically:
 * PostgreSQL re-checks the WHERE on the newest row version after waiting for a concurrent
 * writer's lock; SQLite runs one writer at a time. Returns the number of rows changed (0 or 1).
 */
async function reserveUnits(manager: EntityManager, offer: DonationOffer, quantity: number): Promise<number> {
  const wholeOnly = offer.splittable ? '' : ' AND quantity_claimed = 0 AND quantity = :q';
  const sql = `UPDATE donation_offer SET quantity_claimed = quantity_claimed + :q WHERE id = :id AND quantity - quantity_claimed >= :q${wholeOnly}`;
  const [query, parameters] = manager.connection.driver.escapeQueryWithParameters(sql, { q: quantity, id: offer.id });
  const result = (await manager.queryRunner!.query(query, parameters, true)) as { affected?: number };
  return result.affected ?? 0;
}

/**
 * Marks the request this claim meets FULFILLED (rules/donations.ts `requestToFulfil`: the
 * school's oldest OPEN request in the category whose quantity the claim covers). The UPDATE
 * re-checks OPEN, so two concurrent claims never fulfil the same request twice.
 */
async function fulfilRequest(manager: EntityManager, claim: { schoolId: string; category: string; quantity: number; claimedOn: string }): Promise<string | null> {
  const open = await manager.find(SchoolRequest, { where: { schoolId: claim.schoolId, category: claim.category as SchoolRequest['category'], status: 'OPEN' } });
  const request = requestToFulfil(open, claim);
  if (!request) return null;
  const result = await manager
    .createQueryBuilder()
    .update(SchoolRequest)
    .set({ status: 'FULFILLED' })
    .where('id = :id AND status = :open', { id: request.id, open: 'OPEN' })
    .execute();
  return result.affected === 1 ? request.id : null;
}

export const Mutation = {
  /**
   * Errors, in the order they are checked: BAD_USER_INPUT (each bad field named),
   * UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (school, then offer), CONFLICT with `reason`
   * (ALREADY_CLAIMED, NOT_SPLITTABLE, EXCEEDS_REMAINING) and `remaining`. A partial claim of a
   * non-splittable offer is a CONFLICT, not BAD_USER_INPUT: the input is well formed, it is the
   * offer's state that refuses it. On any error nothing is written. With an idempotency key, a
   * retry returns the first claim (the offer may be fully claimed by then: no CONFLICT).
   */
  claimDonation: async (_root: unknown, { input, idempotencyKey }: { input: ClaimDonationInput; idempotencyKey?: string | null }, ctx: Context) => {
    const offerId = input.offerId.trim();
    const schoolId = input.schoolId.trim();
    const problems = new InputProblems();
    problems.check(offerId.length > 0 && offerId.length <= 40, 'input.offerId', 'must be a donation offer id');
    problems.check(schoolId.length > 0 && schoolId.length <= 40, 'input.schoolId', 'must be a school id');
    const quantityProblem = claimQuantityProblem(input.quantity);
    if (quantityProblem) problems.add('input.quantity', quantityProblem);
    checkIdempotencyKey(problems, idempotencyKey);
    problems.throwIfAny();

    if (!ctx.caller.sub) throw unauthenticated('Sign in to claim a donation');
    if (!mayClaimFor(ctx.caller, schoolId)) {
      throw forbidden('Only an admin or instructor of this school, or a CREF admin, may claim donations for it');
    }

    const claimedOn = ctx.clock.today();
    const call = { key: idempotencyKey, scope: ctx.caller.sub, mutation: 'claimDonation', request: input, now: ctx.clock.now() };
    const answer = await runIdempotent(ctx.db, call, async (manager) => {
      const school = await manager.findOne(SchoolRef, { where: { id: schoolId } });
      if (!school) throw notFound('School', schoolId);
      const offer = await manager.findOne(DonationOffer, { where: { id: offerId } });
      if (!offer) throw notFound('Donation offer', offerId);

      // Fails early with the precise reason when the offer already refuses the claim…
      const violation = claimViolation(offer, input.quantity);
      if (violation) throw conflictFrom(violation);
      // …and the conditional UPDATE is what actually guarantees it under concurrency.
      if ((await reserveUnits(manager, offer, input.quantity)) !== 1) {
        const now = await manager.findOneOrFail(DonationOffer, { where: { id: offerId } });
        throw conflictFrom(
          claimViolation(now, input.quantity) ?? { reason: 'EXCEEDS_REMAINING', message: 'Another claim took these units first', remaining: remainingQuantity(now) },
        );
      }

      const requestId = await fulfilRequest(manager, { schoolId, category: offer.category, quantity: input.quantity, claimedOn });
      const claim: DonationClaim = {
        id: `cref-claim-${randomUUID().replaceAll('-', '').slice(0, 24)}`,
        offerId,
        schoolId,
        stateCode: school.stateCode,
        quantity: input.quantity,
        valueUsd: claimValueUsd(offer.unitValueUsd, input.quantity),
        claimedOn,
        claimedBy: ctx.caller.sub,
        requestId,
      };
      await manager.insert(DonationClaim, claim);
      // The offer as this claim left it, read inside the transaction that holds its row lock: the
      // answer (and a retry's replay of it) shows this claim's effect, not later claims'.
      const offerAfter = await manager.findOneOrFail(DonationOffer, { where: { id: offerId } });
      return { ...claim, offerAsClaimed: { ...offerAfter } } satisfies ClaimAnswer;
    });
    // The claim counts in CREF totals: this request's later fields must see it (loaders.ts).
    ctx.loaders.forgetRevisions();
    return answer;
  },
};
