import { expect } from 'chai';
import { MIN_CELL_SIZE, PAY_RADIUS_LADDER_MILES, PAY_YEARS_BANDS } from '../src/rules/config.ts';
import { latticeSizes, publishable, publishCell, type CellLattice, type PositionedReport } from '../src/rules/complementarySuppression.ts';
import { readPayCell, type PayReportRow } from '../src/rules/payCell.ts';
import { allYears, radiusLevel, regionCentroid, snapRadius, widenYears, yearsBand, zipPrefix } from '../src/rules/payBins.ts';

const SUPPRESSED = { sampleSize: null, suppressed: true, p25HourlyUsd: null, medianHourlyUsd: null, p75HourlyUsd: null, medianAnnualUsd: null };

describe('wrenchway rules: Pay Tool bins', () => {
  it('the ladder is 10, 25, 50, 100, 250, 500 miles and the bands 0–1, 2–4, 5–9, 10–19, 20–60', () => {
    expect(PAY_RADIUS_LADDER_MILES).to.deep.equal([10, 25, 50, 100, 250, 500]);
    expect(PAY_YEARS_BANDS).to.deep.equal([
      [0, 1],
      [2, 4],
      [5, 9],
      [10, 19],
      [20, 60],
    ]);
  });

  it('rounds a radius UP to the next rung, a rung to itself', () => {
    expect([1, 10, 11, 25, 26, 49, 50, 51, 100, 101, 250, 251, 499, 500].map((r) => snapRadius(r))).to.deep.equal([10, 10, 25, 25, 50, 50, 50, 100, 100, 250, 250, 500, 500, 500]);
  });

  it('refuses a radius above the last rung', () => {
    expect(() => snapRadius(501)).to.throw(RangeError, 'radius 501 is above the last rung 500');
  });

  it('puts years in bands at each boundary', () => {
    expect([0, 1, 2, 4, 5, 9, 10, 19, 20, 60].map((y) => yearsBand(y))).to.deep.equal([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(() => yearsBand(61)).to.throw(RangeError, 'years 61 is in no band');
  });

  it('widens a years range to whole bands: 0–9 stays, 0–10 becomes 0–19, 3–3 becomes 2–4', () => {
    expect(widenYears(0, 9)).to.deep.equal({ firstBand: 0, lastBand: 2, min: 0, max: 9 });
    expect(widenYears(0, 10)).to.deep.equal({ firstBand: 0, lastBand: 3, min: 0, max: 19 });
    expect(widenYears(3, 3)).to.deep.equal({ firstBand: 1, lastBand: 1, min: 2, max: 4 });
    expect(widenYears(0, 60)).to.deep.equal(allYears());
    expect(allYears()).to.deep.equal({ firstBand: 0, lastBand: 4, min: 0, max: 60 });
  });

  it('reads a ZIP at its 3-digit prefix region, centred on the mean of its ZIP centres', () => {
    expect(zipPrefix('43215')).to.equal('432');
    expect(regionCentroid([])).to.equal(null);
    const centre = regionCentroid([
      { zip: '43220', lat: 40, lon: -83 },
      { zip: '43215', lat: 39, lon: -82 },
    ]);
    expect(centre).to.deep.equal({ lat: 39.5, lon: -82.5 });
  });

  it('radius level: 0 within the rung, k at the k-th larger rung, past the last rung only nationwide', () => {
    // A cell at rung 25 (index 1): levels 25 → 0, 50 → 1, 100 → 2, 250 → 3, 500 → 4, nationwide → 5.
    expect([0, 25, 25.01, 50, 100, 250, 500, 500.01].map((d) => radiusLevel(d, 1))).to.deep.equal([0, 0, 1, 1, 2, 3, 4, 5]);
  });
});

describe('wrenchway rules: complementary suppression', () => {
  it('publishes a cell of MIN_CELL_SIZE with no containing cell, suppresses MIN_CELL_SIZE − 1', () => {
    expect(publishable(MIN_CELL_SIZE, [])).to.equal(true);
    expect(publishable(MIN_CELL_SIZE - 1, [])).to.equal(false);
  });

  it('suppresses a cell 1 to 9 people smaller than a containing cell; 0 or 10 more is fine', () => {
    expect([0, 1, 9, 10, 11].map((extra) => publishable(20, [20 + extra]))).to.deep.equal([true, false, false, true, true]);
  });

  it('checks every containing cell, not only the next coarser one', () => {
    // r10 = 20, r25 = 20 (difference 0), r50 = 25: r50 − r10 = 5 would isolate 5 people.
    expect(publishable(20, [20, 25])).to.equal(false);
  });

  it('honours a configured minimum cell size', () => {
    expect(publishable(5, [9], 5)).to.equal(false);
    expect(publishable(5, [10], 5)).to.equal(true);
  });

  const lattice: CellLattice = { geoLevels: 2, shopLevels: 2, tierLevels: 1, bandCount: 3, firstBand: 1, lastBand: 1 };
  const at = (geoLevel: number, shopLevel: number, band: number, n: number, hourlyUsd = 30): PositionedReport[] =>
    Array.from({ length: n }, () => ({ position: { geoLevel, shopLevel, tierLevel: 0, band }, hourlyUsd }));

  it('sizes the cell and every containing cell from the reports positions', () => {
    const reports = [...at(0, 0, 1, 12), ...at(1, 0, 1, 3), ...at(0, 1, 1, 20), ...at(0, 0, 0, 1), ...at(0, 0, 2, 10)];
    const { size, containing } = latticeSizes(
      reports.map((r) => r.position),
      lattice,
    );
    expect(size).to.equal(12);
    // Per (geo, shop): bands [1] [1..2] [0..1] [0..2]; (geo 0, shop 0, [1]) is the cell itself.
    expect(containing).to.deep.equal([22, 13, 23, 32, 42, 33, 43, 15, 25, 16, 26, 35, 45, 36, 46]);
  });

  it('a cell that a wider years range would complement by 1 person is suppressed; a clean one is shown', () => {
    const leaky = [...at(0, 0, 1, 12), ...at(0, 0, 0, 1)];
    expect(publishCell(leaky, { ...lattice, geoLevels: 1, shopLevels: 1 })).to.deep.equal(SUPPRESSED);
    const clean = [...at(0, 0, 1, 12), ...at(0, 0, 0, 10)];
    expect(publishCell(clean, { ...lattice, geoLevels: 1, shopLevels: 1 })).to.deep.equal({ sampleSize: 12, suppressed: false, p25HourlyUsd: 30, medianHourlyUsd: 30, p75HourlyUsd: 30, medianAnnualUsd: 62400 });
  });

  it('readPayCell: a shop type 1–9 people smaller than all shop types is suppressed and reports the bins used', () => {
    const row = (shopType: string, hourlyUsd: number): PayReportRow => ({ industry: 'DIESEL', shopType, stateCode: 'OH', lat: 40, lon: -83, yearsExperience: 6, credentialTier: 'CERTIFIED', hourlyUsd });
    const rows = [...Array.from({ length: 12 }, (_, i) => row('FLEET', 30 + i)), ...Array.from({ length: 2 }, () => row('DEALER', 50))];
    const cell = { industry: 'DIESEL' as const, credentialTier: null, geography: { kind: 'radius' as const, zipPrefix: '432', centre: { lat: 40, lon: -83 }, rungIndex: 0 }, years: widenYears(5, 9) };
    expect(readPayCell(rows, { ...cell, shopType: 'FLEET' })).to.deep.equal({ ...SUPPRESSED, radiusMilesUsed: 10, zipPrefixUsed: '432', yearsRangeUsed: { min: 5, max: 9 } });
    expect(readPayCell(rows, { ...cell, shopType: null })).to.deep.equal({
      sampleSize: 14,
      suppressed: false,
      p25HourlyUsd: 33.25,
      medianHourlyUsd: 36.5,
      p75HourlyUsd: 39.75,
      medianAnnualUsd: 75920,
      radiusMilesUsed: 10,
      zipPrefixUsed: '432',
      yearsRangeUsed: { min: 5, max: 9 },
    });
  });
});
