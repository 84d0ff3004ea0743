import { CLAIM_MAX_QUANTITY } from './config.ts';

/**
 * Donation Exchange rules. A non-splittable offer is claimed whole, by one school; a splittable
 * offer may be shared between schools, never beyond its quantity. The claim mutation enforces the
 * same conditions in one conditional UPDATE (so they hold under concurrency); these functions
 * decide which error to report and keep the seed to the same rules.
 */
export interface OfferQuantities {
  quantity: number;
  quantityClaimed: number;
  splittable: boolean;
}

export type OfferStatus = 'OPEN' | 'CLAIMED';

export type ClaimViolationReason = 'ALREADY_CLAIMED' | 'NOT_SPLITTABLE' | 'EXCEEDS_REMAINING';

export interface ClaimViolation {
  reason: ClaimViolationReason;
  message: string;
  /** Units still available on the offer. */
  remaining: number;
}

export function remainingQuantity(offer: OfferQuantities): number {
  return Math.max(0, offer.quantity - offer.quantityClaimed);
}

export function offerStatus(offer: OfferQuantities): OfferStatus {
  return remainingQuantity(offer) === 0 ? 'CLAIMED' : 'OPEN';
}

/** Problem with a requested claim quantity as input (before looking at any offer), or null. */
export function claimQuantityProblem(quantity: number): string | null {
  if (!Number.isInteger(quantity)) return 'must be a whole number';
  if (quantity < 1) return 'must be at least 1';
  if (quantity > CLAIM_MAX_QUANTITY) return `must be at most ${CLAIM_MAX_QUANTITY}`;
  return null;
}

/** Why claiming `quantity` units of this offer now is not allowed, or null when it is. */
export function claimViolation(offer: OfferQuantities, quantity: number): ClaimViolation | null {
  const remaining = remainingQuantity(offer);
  if (remaining === 0) {
    return { reason: 'ALREADY_CLAIMED', message: 'This offer has already been claimed in full', remaining };
  }
  if (!offer.splittable && quantity !== offer.quantity) {
    return { reason: 'NOT_SPLITTABLE', message: `This offer is not splittable: claim all ${offer.quantity} unit(s) or none`, remaining };
  }
  if (quantity > remaining) {
    return { reason: 'EXCEEDS_REMAINING', message: `Only ${remaining} unit(s) remain on this offer`, remaining };
  }
  return null;
}

/** Value of a claim: quantity × unit value, in dollars and cents. */
export function claimValueUsd(unitValueUsd: number, quantity: number): number {
  return Math.round(unitValueUsd * quantity * 100) / 100;
}

export interface RequestCandidate {
  id: string;
  schoolId: string;
  category: string;
  quantity: number;
  requestedOn: string;
  status: 'OPEN' | 'FULFILLED';
}

export interface ClaimForRequest {
  schoolId: string;
  category: string;
  quantity: number;
  claimedOn: string;
}

/**
 * The request a claim fulfils: the school's oldest OPEN request in the offer's category, made on
 * or before the claim, that the claimed quantity meets in full (a claim of fewer units than asked
 * for leaves the request open). Null when none matches.
 */
export function requestToFulfil<R extends RequestCandidate>(requests: readonly R[], claim: ClaimForRequest): R | null {
  let best: R | null = null;
  for (const r of requests) {
    if (r.status !== 'OPEN' || r.schoolId !== claim.schoolId || r.category !== claim.category) continue;
    if (r.quantity > claim.quantity || r.requestedOn > claim.claimedOn) continue;
    if (!best || r.requestedOn < best.requestedOn || (r.requestedOn === best.requestedOn && r.id < best.id)) best = r;
  }
  return best;
}
