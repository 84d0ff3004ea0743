import { expect } from 'chai';
import { accreditationExpiresOn, accreditationStatus } from '../src/rules/accreditation.ts';
import { blueSealStanding, blueSealStatus } from '../src/rules/blueSeal.ts';
import { ASE_TEST_CATALOGUE, credentialTitle } from '../src/rules/catalogue.ts';
import {
  certificationExpiresOn,
  certificationStatus,
  currentTestCodes,
  experienceMonthsCredited,
  experienceRequirementMet,
  monthsBetween,
  recertificationOpensOn,
} from '../src/rules/certification.ts';
import { masterStatuses } from '../src/rules/master.ts';

const PROFESSIONAL = { entryLevel: false };
const ENTRY_LEVEL = { entryLevel: true };

describe('ase rules: certification validity', () => {
  it('a professional certification is valid 5 years: current on the anniversary, lapses the day after', () => {
    const expiresOn = certificationExpiresOn('2021-09-01', 5);
    expect(expiresOn).to.equal('2026-09-02');
    expect([
      certificationStatus({ earnedOn: '2021-09-01', expiresOn }, '2021-09-01'),
      certificationStatus({ earnedOn: '2021-09-01', expiresOn }, '2026-08-31'),
      certificationStatus({ earnedOn: '2021-09-01', expiresOn }, '2026-09-01'),
      certificationStatus({ earnedOn: '2021-09-01', expiresOn }, '2026-09-02'),
    ]).to.deep.equal(['CURRENT', 'CURRENT', 'CURRENT', 'EXPIRED']);
  });

  it('an Entry-Level certification is valid 2 years', () => {
    const expiresOn = certificationExpiresOn('2025-03-10', 2);
    expect(expiresOn).to.equal('2027-03-11');
    expect([certificationStatus({ earnedOn: '2025-03-10', expiresOn }, '2027-03-10'), certificationStatus({ earnedOn: '2025-03-10', expiresOn }, '2027-03-11')]).to.deep.equal(['CURRENT', 'EXPIRED']);
  });

  it('the catalogue gives professional tests 5 years and Entry-Level tests 2 years', () => {
    const a5 = ASE_TEST_CATALOGUE.find((t) => t.code === 'A5');
    const elA5 = ASE_TEST_CATALOGUE.find((t) => t.code === 'EL-A5');
    expect({ a5, elA5 }).to.deep.equal({
      a5: { code: 'A5', name: 'Brakes', series: 'AUTOMOBILE', entryLevel: false, validityYears: 5 },
      elA5: { code: 'EL-A5', name: 'Brakes (Entry-Level)', series: 'ENTRY_LEVEL', entryLevel: true, validityYears: 2 },
    });
    expect(credentialTitle(a5!)).to.equal('ASE A5 Brakes');
  });

  it('a certification earned in the future is not current yet', () => {
    expect(certificationStatus({ earnedOn: '2026-09-02', expiresOn: '2031-09-02' }, '2026-09-01')).to.equal('EXPIRED');
  });

  it('recertification opens one year before the certification lapses', () => {
    expect(recertificationOpensOn(certificationExpiresOn('2021-09-01', 5))).to.equal('2025-09-02');
  });

  it('a leap-day certification is in force through 1 March five years on', () => {
    expect(certificationExpiresOn('2020-02-29', 5)).to.equal('2025-03-02');
  });
});

describe('ase rules: experience requirement', () => {
  it('24 months of work meet the requirement, 23 do not', () => {
    expect([
      experienceRequirementMet(PROFESSIONAL, experienceMonthsCredited({ workMonths: 23, trainingMonths: 0 })),
      experienceRequirementMet(PROFESSIONAL, experienceMonthsCredited({ workMonths: 24, trainingMonths: 0 })),
    ]).to.deep.equal([false, true]);
  });

  it('school training is credited up to 12 months only', () => {
    expect([
      experienceMonthsCredited({ workMonths: 12, trainingMonths: 11 }),
      experienceMonthsCredited({ workMonths: 12, trainingMonths: 12 }),
      experienceMonthsCredited({ workMonths: 12, trainingMonths: 30 }),
      experienceMonthsCredited({ workMonths: 0, trainingMonths: 48 }),
    ]).to.deep.equal([23, 24, 24, 12]);
  });

  it('11 months of work with any amount of training fall one month short', () => {
    const credited = experienceMonthsCredited({ workMonths: 11, trainingMonths: 36 });
    expect({ credited, met: experienceRequirementMet(PROFESSIONAL, credited) }).to.deep.equal({ credited: 23, met: false });
  });

  it('Entry-Level tests need no experience', () => {
    expect(experienceRequirementMet(ENTRY_LEVEL, 0)).to.equal(true);
  });

  it('counts whole calendar months between dates', () => {
    expect([monthsBetween('2024-09-01', '2026-09-01'), monthsBetween('2024-09-02', '2026-09-01'), monthsBetween('2026-09-01', '2024-09-01'), monthsBetween('2024-01-31', '2024-02-29')]).to.deep.equal([24, 23, 0, 0]);
  });
});

describe('ase rules: current test codes and Master status', () => {
  const today = '2026-09-01';
  const cert = (testCode: string, earnedOn: string, years = 5) => ({ testCode, earnedOn, expiresOn: certificationExpiresOn(earnedOn, years) });

  it('lists each current code once, sorted, Entry-Level included', () => {
    expect(currentTestCodes([cert('A5', '2024-01-01'), cert('A5', '2019-01-01'), cert('EL-A4', '2025-06-01', 2), cert('A1', '2020-01-01'), cert('G1', '2024-01-01'), cert('B2', '2023-03-03')], today)).to.deep.equal([
      'A5',
      'B2',
      'EL-A4',
      'G1',
    ]);
  });

  it('Master Automobile Technician needs A1–A8 all current', () => {
    expect(masterStatuses(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'G1'])).to.deep.equal([
      { program: 'MASTER_AUTOMOBILE_TECHNICIAN', achieved: true, missingTests: [] },
      { program: 'MASTER_COLLISION_REPAIR_REFINISH', achieved: false, missingTests: ['B2', 'B3', 'B4', 'B5'] },
    ]);
  });

  it('one expired test breaks the Master and is listed as missing', () => {
    const certs = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'].map((code) => cert(code, code === 'A6' ? '2021-08-31' : '2023-05-05'));
    expect(masterStatuses(currentTestCodes(certs, today))[0]).to.deep.equal({ program: 'MASTER_AUTOMOBILE_TECHNICIAN', achieved: false, missingTests: ['A6'] });
  });

  it('Master Collision Repair/Refinish needs B2–B5; missing tests come sorted', () => {
    expect(masterStatuses(['B5', 'B3', 'EL-B2'])).to.deep.equal([
      { program: 'MASTER_AUTOMOBILE_TECHNICIAN', achieved: false, missingTests: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'] },
      { program: 'MASTER_COLLISION_REPAIR_REFINISH', achieved: false, missingTests: ['B2', 'B4'] },
    ]);
    expect(masterStatuses(['B2', 'B3', 'B4', 'B5'])[1]).to.deep.equal({ program: 'MASTER_COLLISION_REPAIR_REFINISH', achieved: true, missingTests: [] });
  });
});

describe('ase rules: Blue Seal of Excellence', () => {
  const today = '2026-09-01';
  const current = (testCode: string, entryLevel = false) => ({ testCode, entryLevel, earnedOn: '2024-01-01', expiresOn: entryLevel ? '2026-01-01' : '2029-01-01' });
  const technicians = (certified: number, total: number, codes = ['A5']) =>
    Array.from({ length: total }, (_, i) => ({ technicianId: `t${i}`, certifications: i < certified ? codes.map((c) => current(c)) : [] }));

  it('exactly 75% certified with every area covered qualifies', () => {
    expect(blueSealStatus({ technicians: technicians(3, 4), serviceAreas: ['A5'], today })).to.deep.equal({
      qualified: true,
      technicianCount: 4,
      // 3 certified and 1 not: both small groups, so the counts are withheld (the rule still ran on them).
      certifiedTechnicianCount: null,
      certifiedShare: null,
      certificationCountsSuppressed: true,
      serviceAreas: ['A5'],
      uncoveredServiceAreas: [],
    });
  });

  it('74% certified does not qualify', () => {
    expect(blueSealStatus({ technicians: technicians(37, 50), serviceAreas: ['A5'], today })).to.deep.equal({
      qualified: false,
      technicianCount: 50,
      certifiedTechnicianCount: 37,
      certifiedShare: 0.74,
      certificationCountsSuppressed: false,
      serviceAreas: ['A5'],
      uncoveredServiceAreas: [],
    });
  });

  it('an uncovered service area keeps a fully certified shop from qualifying', () => {
    expect(blueSealStatus({ technicians: technicians(2, 2, ['A4', 'A5']), serviceAreas: ['A8', 'A5', 'A4'], today })).to.deep.equal({
      qualified: false,
      technicianCount: 2,
      certifiedTechnicianCount: null,
      certifiedShare: null,
      certificationCountsSuppressed: true,
      serviceAreas: ['A4', 'A5', 'A8'],
      uncoveredServiceAreas: ['A8'],
    });
  });

  it('withholds the certified count when the uncertified technicians (technicians minus it) are 1–9', () => {
    const status = blueSealStatus({ technicians: technicians(40, 45), serviceAreas: ['A5'], today });
    expect([status.qualified, status.technicianCount, status.certifiedTechnicianCount, status.certifiedShare, status.certificationCountsSuppressed]).to.deep.equal([true, 45, null, null, true]);
  });

  it('a shop with no technicians does not qualify', () => {
    expect(blueSealStatus({ technicians: [], serviceAreas: [], today })).to.deep.equal({
      qualified: false,
      technicianCount: 0,
      certifiedTechnicianCount: 0,
      certifiedShare: 0,
      certificationCountsSuppressed: false,
      serviceAreas: [],
      uncoveredServiceAreas: [],
    });
  });

  it('Entry-Level and expired certifications neither count a technician nor cover an area', () => {
    const status = blueSealStatus({
      technicians: [
        { technicianId: 'student', certifications: [current('EL-A5', true)] },
        { technicianId: 'lapsed', certifications: [{ testCode: 'A5', entryLevel: false, earnedOn: '2021-08-31', expiresOn: '2026-09-01' }] },
        { technicianId: 'pro', certifications: [current('A4')] },
        { technicianId: 'pro', certifications: [] },
        // Ten more certified technicians (A4), so the counts are big enough to be shown.
        ...technicians(10, 10, ['A4']).map((t) => ({ ...t, technicianId: `more-${t.technicianId}` })),
        // And ten with nothing, so the uncertified are not a small group either.
        ...technicians(0, 10).map((t) => ({ ...t, technicianId: `none-${t.technicianId}` })),
      ],
      serviceAreas: ['A4', 'A5'],
      today,
    });
    // Certified: 'pro' and the ten; not: 'student', 'lapsed' and the ten without any.
    expect(status).to.deep.equal({
      qualified: false,
      technicianCount: 23,
      certifiedTechnicianCount: 11,
      certifiedShare: 11 / 23,
      certificationCountsSuppressed: false,
      serviceAreas: ['A4', 'A5'],
      uncoveredServiceAreas: ['A5'],
    });
  });

  it('from what each technician holds: one listed twice is one person, holding what both entries hold', () => {
    const status = blueSealStanding({
      technicians: [
        { technicianId: 'twice', heldCodes: ['A5'] },
        { technicianId: 'twice', heldCodes: ['A4'] },
        { technicianId: 'none', heldCodes: [] },
      ],
      serviceAreas: ['A5', 'A4', 'A5'],
    });
    // 1 of 2 certified: under 75%, and both counts are small groups (withheld).
    expect(status).to.deep.equal({
      qualified: false,
      technicianCount: 2,
      certifiedTechnicianCount: null,
      certifiedShare: null,
      certificationCountsSuppressed: true,
      serviceAreas: ['A4', 'A5'],
      uncoveredServiceAreas: [],
    });
  });
});

describe('ase rules: program accreditation', () => {
  it('lasts 5 years: current on the anniversary, expired the day after', () => {
    const expiresOn = accreditationExpiresOn('2021-09-01');
    expect({ expiresOn, onAnniversary: accreditationStatus({ accreditedOn: '2021-09-01', expiresOn }, '2026-09-01'), dayAfter: accreditationStatus({ accreditedOn: '2021-09-01', expiresOn }, '2026-09-02') }).to.deep.equal({
      expiresOn: '2026-09-02',
      onAnniversary: 'CURRENT',
      dayAfter: 'EXPIRED',
    });
  });
});
