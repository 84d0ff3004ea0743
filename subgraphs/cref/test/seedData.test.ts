import { expect } from 'chai';
import { buildWorld } from '@talent-graph/platform/demo';
import { BENCHMARK_GRANT_MAX_USD } from '../src/rules/config.ts';
import { buildCrefData, type CrefData } from '../src/seedData.ts';

/** DOMAIN.md: Benchmark grant dollars by year. */
const DOMAIN_GRANT_TOTALS: Record<number, number> = { 2022: 436_000, 2023: 678_500, 2024: 536_000 };

describe('cref demo data (scale 1)', () => {
  let data: CrefData;
  before(() => {
    data = buildCrefData(buildWorld(1));
  });

  it('is deterministic: the same world gives the same data', () => {
    const again = buildCrefData(buildWorld(1));
    expect(again).to.deep.equal(data);
    expect(data.offers[0]).to.deep.equal(again.offers[0]);
  });

  it('yearly Benchmark grant totals are within ±15% of DOMAIN.md', () => {
    for (const [year, expected] of Object.entries(DOMAIN_GRANT_TOTALS)) {
      const total = data.grants.filter((g) => g.year === Number(year)).reduce((s, g) => s + g.amountUsd, 0);
      expect(Math.abs(total - expected) / expected, `${year}: ${total}`).to.be.at.most(0.15);
    }
  });

  it('every grant is from $1 to $25,000 and goes to a school CREF serves', () => {
    const served = new Set(data.schools.map((s) => s.id));
    const bad = data.grants.filter((g) => g.amountUsd <= 0 || g.amountUsd > BENCHMARK_GRANT_MAX_USD || !Number.isInteger(g.amountUsd) || !served.has(g.schoolId));
    expect(bad).to.deep.equal([]);
    expect(new Set(data.grants.map((g) => g.year))).to.deep.equal(new Set([2022, 2023, 2024, 2025]));
  });

  it('claims never exceed an offer; non-splittable offers are claimed whole by one school', () => {
    const problems: string[] = [];
    for (const offer of data.offers) {
      const claims = data.claims.filter((c) => c.offerId === offer.id);
      const units = claims.reduce((s, c) => s + c.quantity, 0);
      if (units !== offer.quantityClaimed || units > offer.quantity) problems.push(`${offer.id}: ${units}/${offer.quantity}`);
      if (!offer.splittable && claims.length > 0 && (claims.length !== 1 || claims[0]!.quantity !== offer.quantity)) problems.push(`${offer.id} split`);
    }
    expect(problems).to.deep.equal([]);
  });

  it('has fully claimed, split, partly claimed and open offers, with claims over 3+ years', () => {
    const full = data.offers.filter((o) => o.quantityClaimed === o.quantity).length;
    const partial = data.offers.filter((o) => o.quantityClaimed > 0 && o.quantityClaimed < o.quantity).length;
    const open = data.offers.filter((o) => o.quantityClaimed === 0).length;
    const split = data.offers.filter((o) => new Set(data.claims.filter((c) => c.offerId === o.id).map((c) => c.schoolId)).size > 1).length;
    expect({ full: full > 10, partial: partial > 5, open: open > 5, split: split > 5 }).to.deep.equal({ full: true, partial: true, open: true, split: true });
    expect(new Set(data.claims.map((c) => c.claimedOn.slice(0, 4))).size).to.be.at.least(3);
  });

  it('scholarships are $1,000–$5,000 to collision students; ~25 well-known donors', () => {
    expect(data.scholarships.filter((s) => s.amountUsd < 1_000 || s.amountUsd > 5_000)).to.deep.equal([]);
    expect(data.scholarships.length).to.be.greaterThan(50);
    expect(data.donors.length).to.equal(25);
    expect(data.donors.slice(0, 3).map((d) => d.name)).to.deep.equal(['Axalta Coating Systems', 'PPG Automotive Refinish', 'Sherwin-Williams Automotive Finishes']);
  });

  it('fulfilled requests each have the claim that met them', () => {
    const met = new Set(data.claims.map((c) => c.requestId).filter(Boolean));
    const fulfilled = data.requests.filter((r) => r.status === 'FULFILLED').map((r) => r.id);
    expect(fulfilled.length).to.be.greaterThan(0);
    expect([...met].sort()).to.deep.equal([...fulfilled].sort());
  });
});
