import { InputProblems } from '@talent-graph/platform';
import { expect } from 'chai';
import { MIN_CELL_SIZE } from '../src/rules/config.ts';
import { credentialTier, nextTier, outlookIndustry } from '../src/rules/credentialTier.ts';
import { boundingBox, distanceMiles, withinRadius } from '../src/rules/distance.ts';
import { normalizeApplication, normalizeJobFilter, normalizePayQuery } from '../src/rules/inputs.ts';
import { matchScore } from '../src/rules/jobMatch.ts';
import { aggregatePay } from '../src/rules/payAggregate.ts';
import { percentile, roundCents } from '../src/rules/percentiles.ts';

const COLUMBUS = { lat: 39.96, lon: -83.0 };
const CLEVELAND = { lat: 41.5, lon: -81.69 };

describe('wrenchway rules: distance', () => {
  it('measures Columbus to Cleveland as 126.59 miles', () => {
    expect(distanceMiles(COLUMBUS, CLEVELAND)).to.be.closeTo(126.5924, 1e-4);
  });

  it('is zero for the same point and symmetric', () => {
    expect(distanceMiles(COLUMBUS, COLUMBUS)).to.equal(0);
    expect(distanceMiles(COLUMBUS, CLEVELAND)).to.equal(distanceMiles(CLEVELAND, COLUMBUS));
  });

  it('includes the radius edge and excludes just beyond it', () => {
    const d = distanceMiles(COLUMBUS, CLEVELAND);
    expect(withinRadius(COLUMBUS, CLEVELAND, d)).to.equal(true);
    expect(withinRadius(COLUMBUS, CLEVELAND, d - 0.01)).to.equal(false);
  });

  it('bounding box holds every point of the circle (corners are outside the circle, the box is a prefilter)', () => {
    const box = boundingBox(COLUMBUS, 50);
    expect(box.minLat).to.be.closeTo(39.2364, 1e-4);
    expect(box.maxLat).to.be.closeTo(40.6836, 1e-4);
    // Due east and due north at exactly 50 miles stay inside the box.
    for (let bearing = 0; bearing < 360; bearing += 5) {
      const b = (bearing * Math.PI) / 180;
      const delta = 50 / 3958.8;
      const lat1 = (COLUMBUS.lat * Math.PI) / 180;
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(delta) + Math.cos(lat1) * Math.sin(delta) * Math.cos(b));
      const lon2 = (COLUMBUS.lon * Math.PI) / 180 + Math.atan2(Math.sin(b) * Math.sin(delta) * Math.cos(lat1), Math.cos(delta) - Math.sin(lat1) * Math.sin(lat2));
      const p = { lat: (lat2 * 180) / Math.PI, lon: (lon2 * 180) / Math.PI };
      expect(p.lat >= box.minLat - 1e-9 && p.lat <= box.maxLat + 1e-9 && p.lon >= box.minLon - 1e-9 && p.lon <= box.maxLon + 1e-9, `bearing ${bearing}`).to.equal(true);
    }
  });

  it('bounding box spans all longitudes near a pole', () => {
    expect(boundingBox({ lat: 89.9, lon: 10 }, 100)).to.deep.equal({ minLat: 88.45269830471148, maxLat: 90, minLon: -180, maxLon: 180 });
  });
});

describe('wrenchway rules: percentiles', () => {
  it('interpolates linearly between closest ranks (type 7)', () => {
    const values = [10, 20, 30, 40];
    expect([percentile(values, 0.25), percentile(values, 0.5), percentile(values, 0.75)]).to.deep.equal([17.5, 25, 32.5]);
  });

  it('takes the middle value of an odd count and the ends at 0 and 1', () => {
    expect([percentile([1, 2, 3, 4, 5], 0.5), percentile([1, 2, 3, 4, 5], 0), percentile([1, 2, 3, 4, 5], 1)]).to.deep.equal([3, 1, 5]);
  });

  it('rounds to cents, half away from zero', () => {
    expect([roundCents(2.675), roundCents(10.004), roundCents(10.005), roundCents(-1.005)]).to.deep.equal([2.68, 10, 10.01, -1.01]);
    expect(percentile([20.01, 20.02], 0.5)).to.equal(20.02);
  });

  it('refuses an empty list and p outside [0, 1]', () => {
    expect(() => percentile([], 0.5)).to.throw(RangeError);
    expect(() => percentile([1], 1.5)).to.throw(RangeError);
  });
});

describe('wrenchway rules: pay aggregate and suppression', () => {
  const tenFigures = [20, 22, 24, 26, 28, 30, 32, 34, 36, 38];

  it('MIN_CELL_SIZE is 10', () => {
    expect(MIN_CELL_SIZE).to.equal(10);
  });

  it('suppresses a cell of exactly 9 people: every figure and the sample size are null', () => {
    expect(aggregatePay(tenFigures.slice(0, 9))).to.deep.equal({ sampleSize: null, suppressed: true, p25HourlyUsd: null, medianHourlyUsd: null, p75HourlyUsd: null, medianAnnualUsd: null });
  });

  it('shows a cell of exactly 10 people, median × 2,080 rounded to dollars', () => {
    expect(aggregatePay([...tenFigures].reverse())).to.deep.equal({ sampleSize: 10, suppressed: false, p25HourlyUsd: 24.5, medianHourlyUsd: 29, p75HourlyUsd: 33.5, medianAnnualUsd: 60320 });
  });

  it('suppresses an empty cell', () => {
    expect(aggregatePay([]).suppressed).to.equal(true);
  });
});

describe('wrenchway rules: Pay Tool query validation', () => {
  const run = (input: Parameters<typeof normalizePayQuery>[0]) => {
    const problems = new InputProblems();
    const cell = normalizePayQuery(input, problems);
    return { cell, problems: problems.problems };
  };

  it('applies the defaults: nationwide, radius 50, years 0–60', () => {
    expect(run({ industry: 'DIESEL' })).to.deep.equal({ cell: { industry: 'DIESEL', shopType: null, zip: null, radiusMiles: 50, minYears: 0, maxYears: 60 }, problems: [] });
  });

  it('accepts the boundaries: radius 1 and 500, years 0 and 60', () => {
    expect(run({ industry: 'COLLISION', zip: '43215', radiusMiles: 1, minYearsExperience: 0, maxYearsExperience: 60 }).problems).to.deep.equal([]);
    expect(run({ industry: 'COLLISION', zip: '43215', radiusMiles: 500, minYearsExperience: 60, maxYearsExperience: 60 }).problems).to.deep.equal([]);
  });

  it('names every bad field: radius 0, years 61 and -1, malformed ZIP', () => {
    expect(run({ industry: 'COLLISION', zip: '4321', radiusMiles: 0, minYearsExperience: -1, maxYearsExperience: 61 }).problems).to.deep.equal([
      { field: 'query.zip', message: 'must be a 5-digit ZIP code' },
      { field: 'query.radiusMiles', message: 'must be a whole number of miles from 1 to 500' },
      { field: 'query.minYearsExperience', message: 'must be a whole number from 0 to 60' },
      { field: 'query.maxYearsExperience', message: 'must be a whole number from 0 to 60' },
    ]);
  });

  it('rejects min above max, radius 501, and a radius without a ZIP', () => {
    expect(run({ industry: 'AUTOMOTIVE', minYearsExperience: 10, maxYearsExperience: 9 }).problems).to.deep.equal([{ field: 'query.minYearsExperience', message: 'must not exceed query.maxYearsExperience' }]);
    expect(run({ industry: 'AUTOMOTIVE', radiusMiles: 501 }).problems).to.deep.equal([
      { field: 'query.radiusMiles', message: 'must be a whole number of miles from 1 to 500' },
      { field: 'query.radiusMiles', message: 'needs query.zip' },
    ]);
  });
});

describe('wrenchway rules: job filter and application validation', () => {
  it('job filter defaults: open only, radius 25', () => {
    const problems = new InputProblems();
    expect(normalizeJobFilter(null, problems)).to.deep.equal({ stateCode: null, zip: null, radiusMiles: 25, industry: null, shopType: null, openOnly: true });
    expect(problems.problems).to.deep.equal([]);
  });

  it('job filter names a lower-case state and a radius without a ZIP', () => {
    const problems = new InputProblems();
    normalizeJobFilter({ stateCode: 'oh', radiusMiles: 10 }, problems);
    expect(problems.problems).to.deep.equal([
      { field: 'filter.stateCode', message: 'must be a two-letter USPS code such as OH' },
      { field: 'filter.radiusMiles', message: 'needs filter.zip' },
    ]);
  });

  it('application: empty ids and a 2,001-character note are named; 2,000 is fine', () => {
    const bad = new InputProblems();
    normalizeApplication({ jobId: ' ', personId: '', note: 'x'.repeat(2001) }, bad);
    expect(bad.problems.map((p) => p.field)).to.deep.equal(['input.jobId', 'input.personId', 'input.note']);
    const good = new InputProblems();
    expect(normalizeApplication({ jobId: 'job-000001', personId: 'per-00001', note: 'y'.repeat(2000) }, good).note).to.have.length(2000);
    expect(good.problems).to.deep.equal([]);
  });
});

describe('wrenchway rules: credential tier', () => {
  it('MASTER with all of A1–A8', () => {
    expect(credentialTier(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'])).to.equal('MASTER');
  });

  it('MASTER with all of B2–B5', () => {
    expect(credentialTier(['B5', 'B4', 'B3', 'B2', 'C1'])).to.equal('MASTER');
  });

  it('CERTIFIED with A1–A7 (one short of Master) or B2–B4', () => {
    expect(credentialTier(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'])).to.equal('CERTIFIED');
    expect(credentialTier(['B2', 'B3', 'B4'])).to.equal('CERTIFIED');
  });

  it('ENTRY with no codes or Entry-Level codes only', () => {
    expect(credentialTier([])).to.equal('ENTRY');
    expect(credentialTier(['EL-A5', 'EL-B3'])).to.equal('ENTRY');
  });

  it('next tier is one up, null at MASTER', () => {
    expect([nextTier('ENTRY'), nextTier('CERTIFIED'), nextTier('MASTER')]).to.deep.equal(['CERTIFIED', 'MASTER', null]);
  });

  it('outlook industry is COLLISION with any ProLevel ≥ 1, else AUTOMOTIVE', () => {
    expect(outlookIndustry([{ role: 'ESTIMATOR', level: 1 }])).to.equal('COLLISION');
    expect(outlookIndustry([{ role: 'ESTIMATOR', level: 0 }])).to.equal('AUTOMOTIVE');
    expect(outlookIndustry([])).to.equal('AUTOMOTIVE');
  });
});

describe('wrenchway rules: job match score', () => {
  const person = { aseCurrentTestCodes: ['B2', 'B3'], icarProLevels: [{ role: 'REFINISH_TECHNICIAN', level: 2 }] };

  it('scores 1 for a collision job at home whose tests and ProLevel the person holds', () => {
    expect(matchScore(person, { industry: 'COLLISION', requiredAseTests: ['B2', 'B3'] }, 0, 50)).to.deep.equal({ score: 1, missingAseTests: [] });
  });

  it('counts the share of required tests held and names the missing ones', () => {
    // ASE 2/4 = 0.5, ProLevel 1, distance 1 − 25/50 = 0.5: 0.5·0.5 + 0.2·1 + 0.3·0.5 = 0.6
    expect(matchScore(person, { industry: 'COLLISION', requiredAseTests: ['B2', 'B3', 'B4', 'B5'] }, 25, 50)).to.deep.equal({ score: 0.6, missingAseTests: ['B4', 'B5'] });
  });

  it('gives no ProLevel credit on a collision job without a ProLevel ≥ 1', () => {
    const noProLevel = { aseCurrentTestCodes: [], icarProLevels: [{ role: 'ESTIMATOR', level: 0 }] };
    // ASE 1 (none required), ProLevel 0, distance 1: 0.5 + 0 + 0.3 = 0.8
    expect(matchScore(noProLevel, { industry: 'COLLISION', requiredAseTests: [] }, 0, 50)).to.deep.equal({ score: 0.8, missingAseTests: [] });
  });

  it('leaves ProLevel out of non-collision jobs and rescales: (0.5·ASE + 0.3·distance) / 0.8', () => {
    // ASE 0/2, distance 1 − 10/40 = 0.75: 0.225 / 0.8 = 0.28125 → 0.281
    expect(matchScore(person, { industry: 'AUTOMOTIVE', requiredAseTests: ['A4', 'A5'] }, 10, 40)).to.deep.equal({ score: 0.281, missingAseTests: ['A4', 'A5'] });
  });

  it('distance fit is 0 at the edge of the radius', () => {
    expect(matchScore(person, { industry: 'DIESEL', requiredAseTests: [] }, 50, 50)).to.deep.equal({ score: 0.625, missingAseTests: [] });
  });
});
