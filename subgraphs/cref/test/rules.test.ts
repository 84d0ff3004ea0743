import { expect } from 'chai';
import { ANONYMOUS, type Caller } from '@talent-graph/platform';
import { mayClaimFor, mayReadScholarships } from '../src/rules/access.ts';
import { BENCHMARK_GRANT_MAX_USD } from '../src/rules/config.ts';
import { claimQuantityProblem, claimValueUsd, claimViolation, offerStatus, remainingQuantity, requestToFulfil, type RequestCandidate } from '../src/rules/donations.ts';
import { assertGrantAmount, grantAmountViolation } from '../src/rules/grants.ts';
import { sumTotals, yearsPresent, type TotalsRow } from '../src/rules/totals.ts';

describe('cref rules: Benchmark grant cap', () => {
  it('allows $1 up to exactly $25,000', () => {
    expect(BENCHMARK_GRANT_MAX_USD).to.equal(25_000);
    expect([1, 2_500, 24_999, 25_000].map((a) => grantAmountViolation(a))).to.deep.equal([null, null, null, null]);
  });
  it('refuses $25,001, $0, negative and fractional amounts', () => {
    expect([25_001, 0, -500, 2_500.5].map((a) => grantAmountViolation(a))).to.deep.equal(['OVER_CAP', 'NOT_POSITIVE', 'NOT_POSITIVE', 'NOT_INTEGER']);
  });
  it('the guard throws on a bad amount and passes a good one through', () => {
    expect(assertGrantAmount(25_000)).to.equal(25_000);
    expect(() => assertGrantAmount(25_001)).to.throw(RangeError, 'OVER_CAP');
  });
});

describe('cref rules: claims', () => {
  const whole = { quantity: 1, quantityClaimed: 0, splittable: false };
  const kits = { quantity: 10, quantityClaimed: 4, splittable: true };

  it('a non-splittable offer is claimed whole', () => {
    expect(claimViolation(whole, 1)).to.equal(null);
    expect(claimViolation({ quantity: 3, quantityClaimed: 0, splittable: false }, 3)).to.equal(null);
  });
  it('a part of a non-splittable offer is refused with what remains', () => {
    expect(claimViolation({ quantity: 3, quantityClaimed: 0, splittable: false }, 2)).to.deep.equal({
      reason: 'NOT_SPLITTABLE',
      message: 'This offer is not splittable: claim all 3 unit(s) or none',
      remaining: 3,
    });
  });
  it('a splittable offer may be split up to exactly what remains', () => {
    expect(claimViolation(kits, 1)).to.equal(null);
    expect(claimViolation(kits, 6)).to.equal(null);
  });
  it('one unit more than remains is an over-claim', () => {
    expect(claimViolation(kits, 7)).to.deep.equal({ reason: 'EXCEEDS_REMAINING', message: 'Only 6 unit(s) remain on this offer', remaining: 6 });
  });
  it('an exhausted offer is already claimed, splittable or not', () => {
    expect(claimViolation({ quantity: 10, quantityClaimed: 10, splittable: true }, 1)).to.deep.equal({ reason: 'ALREADY_CLAIMED', message: 'This offer has already been claimed in full', remaining: 0 });
    expect(claimViolation({ quantity: 1, quantityClaimed: 1, splittable: false }, 1)?.reason).to.equal('ALREADY_CLAIMED');
  });
  it('remaining and status follow the claimed quantity', () => {
    expect([remainingQuantity(kits), offerStatus(kits)]).to.deep.equal([6, 'OPEN']);
    expect([remainingQuantity({ ...kits, quantityClaimed: 10 }), offerStatus({ ...kits, quantityClaimed: 10 })]).to.deep.equal([0, 'CLAIMED']);
  });
  it('quantity must be a whole number of at least 1', () => {
    expect([1, 0, -3, 1.5, 100_001].map(claimQuantityProblem)).to.deep.equal([null, 'must be at least 1', 'must be at least 1', 'must be a whole number', 'must be at most 100000']);
  });
  it('value is quantity × unit value, in cents', () => {
    expect([claimValueUsd(1234.5, 3), claimValueUsd(0.1, 3), claimValueUsd(45_000, 1)]).to.deep.equal([3703.5, 0.3, 45_000]);
  });
});

describe('cref rules: which request a claim fulfils', () => {
  const base = { schoolId: 'sch-0001', category: 'TOOLS', status: 'OPEN' as const };
  const requests: RequestCandidate[] = [
    { ...base, id: 'r3', quantity: 2, requestedOn: '2024-05-01' },
    { ...base, id: 'r1', quantity: 8, requestedOn: '2023-01-01' },
    { ...base, id: 'r2', quantity: 1, requestedOn: '2024-02-01' },
    { ...base, id: 'r0', quantity: 1, requestedOn: '2022-01-01', status: 'FULFILLED' },
    { ...base, id: 'rx', quantity: 1, requestedOn: '2022-01-01', category: 'PAINT' },
    { ...base, id: 'ry', quantity: 1, requestedOn: '2022-01-01', schoolId: 'sch-0002' },
  ];
  it('takes the oldest open request of the school and category that the quantity covers', () => {
    expect(requestToFulfil(requests, { schoolId: 'sch-0001', category: 'TOOLS', quantity: 2, claimedOn: '2025-01-01' })?.id).to.equal('r2');
    expect(requestToFulfil(requests, { schoolId: 'sch-0001', category: 'TOOLS', quantity: 8, claimedOn: '2025-01-01' })?.id).to.equal('r1');
  });
  it('ignores requests made after the claim, and returns null when nothing matches', () => {
    expect(requestToFulfil(requests, { schoolId: 'sch-0001', category: 'TOOLS', quantity: 5, claimedOn: '2024-03-01' })?.id).to.equal('r2');
    expect(requestToFulfil(requests, { schoolId: 'sch-0001', category: 'VEHICLE', quantity: 5, claimedOn: '2025-01-01' })).to.equal(null);
  });
});

describe('cref rules: totals', () => {
  const rows: TotalsRow[] = [
    { key: 'OH', year: 2022, kind: 'grant', count: 2, sum: 30_000 },
    { key: 'OH', year: 2023, kind: 'grant', count: 1, sum: 25_000 },
    { key: 'OH', year: 2023, kind: 'claim', count: 3, sum: 1234.1 },
    { key: 'OH', year: 2023, kind: 'claim', count: 1, sum: 0.2 },
    { key: 'OH', year: 2024, kind: 'scholarship', count: 2, sum: 4_500 },
  ];
  it('sums one year', () => {
    expect(sumTotals(rows, 2023)).to.deep.equal({ year: 2023, grantCount: 1, grantsUsd: 25_000, donationClaimCount: 4, donationValueUsd: 1234.3, scholarshipCount: 0, scholarshipsUsd: 0 });
  });
  it('sums all years when the year is null, and a year without data is all zeros', () => {
    expect(sumTotals(rows, null)).to.deep.equal({ year: null, grantCount: 3, grantsUsd: 55_000, donationClaimCount: 4, donationValueUsd: 1234.3, scholarshipCount: 2, scholarshipsUsd: 4_500 });
    expect(sumTotals(rows, 2030)).to.deep.equal({ year: 2030, grantCount: 0, grantsUsd: 0, donationClaimCount: 0, donationValueUsd: 0, scholarshipCount: 0, scholarshipsUsd: 0 });
  });
  it('lists the years present, ascending', () => {
    expect(yearsPresent([...rows].reverse())).to.deep.equal([2022, 2023, 2024]);
  });
});

describe('cref rules: access', () => {
  const who = (over: Partial<Caller>): Caller => ({ sub: 'per-00001', roles: [], scopes: [], ...over });
  it('a school admin or instructor claims for their own school only', () => {
    expect(mayClaimFor(who({ roles: ['school_admin'], schoolId: 'sch-0001' }), 'sch-0001')).to.equal(true);
    expect(mayClaimFor(who({ roles: ['instructor'], schoolId: 'sch-0001' }), 'sch-0001')).to.equal(true);
    expect(mayClaimFor(who({ roles: ['instructor'], schoolId: 'sch-0001' }), 'sch-0003')).to.equal(false);
    expect(mayClaimFor(who({ roles: ['student'], schoolId: 'sch-0001' }), 'sch-0001')).to.equal(false);
  });
  it('a CREF admin claims for any school; another partner\'s admin does not', () => {
    expect(mayClaimFor(who({ roles: ['partner_admin'], partner: 'cref' }), 'sch-0003')).to.equal(true);
    expect(mayClaimFor(who({ roles: ['partner_admin'], partner: 'icar' }), 'sch-0003')).to.equal(false);
  });
  it('scholarships: the student, a guardian, support and CREF admins', () => {
    expect(mayReadScholarships(who({ sub: 'per-00010' }), 'per-00010')).to.equal(true);
    expect(mayReadScholarships(who({ sub: 'per-00011', wards: ['per-00010'] }), 'per-00010')).to.equal(true);
    expect(mayReadScholarships(who({ roles: ['support'] }), 'per-00010')).to.equal(true);
    expect(mayReadScholarships(who({ roles: ['partner_admin'], partner: 'cref' }), 'per-00010')).to.equal(true);
    expect(mayReadScholarships(who({ roles: ['partner_admin'], partner: 'ase' }), 'per-00010')).to.equal(false);
    expect(mayReadScholarships(ANONYMOUS, 'per-00010')).to.equal(false);
  });
});
