import { addDays, type Rng } from '@talent-graph/platform';
import type { World, WorldSchool } from '@talent-graph/platform/demo';
import type { BenchmarkGrant } from './entities/BenchmarkGrant.ts';
import type { DonationClaim } from './entities/DonationClaim.ts';
import type { DonationCategory, DonationOffer } from './entities/DonationOffer.ts';
import type { Donor, DonorKind } from './entities/Donor.ts';
import type { Scholarship } from './entities/Scholarship.ts';
import type { SchoolRef } from './entities/SchoolRef.ts';
import type { SchoolRequest } from './entities/SchoolRequest.ts';
import { BENCHMARK_GRANT_TYPICAL_USD, BENCHMARK_YEARLY_TOTALS_USD, SCHOLARSHIP_USD } from './rules/config.ts';
import { claimValueUsd, requestToFulfil } from './rules/donations.ts';
import { assertGrantAmount } from './rules/grants.ts';

/**
 * CREF's demo data, computed from the world alone (pure, no I/O) so tests can check it without a
 * database and seed.ts only writes it. Uses only `world.rng('cref')` and `world.seedDate`.
 */
export interface CrefData {
  schools: SchoolRef[];
  donors: Donor[];
  offers: DonationOffer[];
  claims: DonationClaim[];
  requests: SchoolRequest[];
  grants: BenchmarkGrant[];
  scholarships: Scholarship[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Donors, with the categories each typically gives. */
const DONORS: readonly { name: string; kind: DonorKind; gives: DonationCategory[] }[] = [
  { name: 'Axalta Coating Systems', kind: 'MANUFACTURER', gives: ['PAINT', 'SUPPLIES', 'EQUIPMENT'] },
  { name: 'PPG Automotive Refinish', kind: 'MANUFACTURER', gives: ['PAINT', 'SUPPLIES'] },
  { name: 'Sherwin-Williams Automotive Finishes', kind: 'MANUFACTURER', gives: ['PAINT', 'SUPPLIES'] },
  { name: 'BASF Automotive Refinish', kind: 'MANUFACTURER', gives: ['PAINT', 'SUPPLIES'] },
  { name: '3M', kind: 'MANUFACTURER', gives: ['SUPPLIES', 'TOOLS', 'PAINT'] },
  { name: 'Snap-on', kind: 'MANUFACTURER', gives: ['TOOLS', 'EQUIPMENT'] },
  { name: 'Car-O-Liner', kind: 'MANUFACTURER', gives: ['EQUIPMENT'] },
  { name: 'Chief Automotive', kind: 'MANUFACTURER', gives: ['EQUIPMENT'] },
  { name: 'Pro Spot International', kind: 'MANUFACTURER', gives: ['EQUIPMENT', 'TOOLS'] },
  { name: 'Miller Electric', kind: 'MANUFACTURER', gives: ['EQUIPMENT'] },
  { name: 'Toyota Motor North America', kind: 'MANUFACTURER', gives: ['VEHICLE'] },
  { name: 'General Motors', kind: 'MANUFACTURER', gives: ['VEHICLE', 'TOOLS'] },
  { name: 'American Honda Motor Co.', kind: 'MANUFACTURER', gives: ['VEHICLE'] },
  { name: 'FinishMaster', kind: 'DISTRIBUTOR', gives: ['PAINT', 'SUPPLIES'] },
  { name: 'LKQ Corporation', kind: 'DISTRIBUTOR', gives: ['SUPPLIES', 'VEHICLE'] },
  { name: 'Matrix Automotive Finishes', kind: 'DISTRIBUTOR', gives: ['PAINT'] },
  { name: 'State Farm', kind: 'INSURER', gives: ['VEHICLE'] },
  { name: 'Allstate', kind: 'INSURER', gives: ['VEHICLE'] },
  { name: 'Progressive', kind: 'INSURER', gives: ['VEHICLE'] },
  { name: 'Caliber Collision', kind: 'REPAIRER', gives: ['TOOLS', 'EQUIPMENT', 'SUPPLIES'] },
  { name: 'Gerber Collision & Glass', kind: 'REPAIRER', gives: ['TOOLS', 'EQUIPMENT'] },
  { name: 'Crash Champions', kind: 'REPAIRER', gives: ['TOOLS', 'SUPPLIES'] },
  { name: 'CARSTAR', kind: 'REPAIRER', gives: ['TOOLS', 'SUPPLIES'] },
  { name: 'Enterprise Mobility Foundation', kind: 'FOUNDATION', gives: ['VEHICLE', 'TOOLS'] },
  { name: 'Collision Industry Foundation', kind: 'FOUNDATION', gives: ['TOOLS', 'SUPPLIES'] },
];

interface CatalogItem {
  title: string;
  unitUsd: [number, number];
  /** Dollars the unit value is rounded to. */
  roundTo: number;
  quantity: [number, number];
  splittable: boolean;
}

/** What each category's offers look like, with realistic unit values. */
const CATALOG: Record<DonationCategory, CatalogItem[]> = {
  EQUIPMENT: [
    { title: 'Frame straightening and anchoring system', unitUsd: [30_000, 60_000], roundTo: 500, quantity: [1, 1], splittable: false },
    { title: 'Downdraft paint spray booth', unitUsd: [45_000, 120_000], roundTo: 1000, quantity: [1, 1], splittable: false },
    { title: 'Electronic 3D measuring system', unitUsd: [15_000, 40_000], roundTo: 500, quantity: [1, 1], splittable: false },
    { title: 'Squeeze-type resistance spot welder', unitUsd: [12_000, 25_000], roundTo: 250, quantity: [1, 2], splittable: true },
    { title: 'Pulse MIG welder (steel and aluminum)', unitUsd: [3_500, 9_000], roundTo: 50, quantity: [1, 4], splittable: true },
    { title: 'Aluminum dent repair station', unitUsd: [2_000, 6_000], roundTo: 50, quantity: [1, 3], splittable: true },
    { title: 'Infrared paint curing lamp', unitUsd: [1_800, 4_500], roundTo: 50, quantity: [1, 4], splittable: true },
  ],
  TOOLS: [
    { title: 'Collision technician hand tool set', unitUsd: [1_500, 4_000], roundTo: 10, quantity: [5, 20], splittable: true },
    { title: 'Cordless tool kit (drill, cut-off, sander)', unitUsd: [600, 1_500], roundTo: 10, quantity: [4, 12], splittable: true },
    { title: 'Body hammer and dolly set', unitUsd: [150, 400], roundTo: 5, quantity: [10, 30], splittable: true },
    { title: 'Plastic bumper repair welder kit', unitUsd: [500, 1_500], roundTo: 10, quantity: [2, 10], splittable: true },
    { title: 'Diagnostic scan tool with ADAS calibration software', unitUsd: [3_000, 8_000], roundTo: 50, quantity: [1, 5], splittable: true },
  ],
  PAINT: [
    { title: 'Waterborne basecoat starter kit', unitUsd: [2_000, 6_000], roundTo: 25, quantity: [2, 10], splittable: true },
    { title: 'Primer and clearcoat case', unitUsd: [300, 900], roundTo: 5, quantity: [10, 40], splittable: true },
    { title: 'HVLP spray gun set', unitUsd: [400, 1_200], roundTo: 5, quantity: [4, 12], splittable: true },
    { title: 'Paint mixing system with scale and software', unitUsd: [6_000, 15_000], roundTo: 100, quantity: [1, 1], splittable: false },
  ],
  VEHICLE: [
    { title: 'Late-model sedan with front-end damage (training vehicle)', unitUsd: [8_000, 22_000], roundTo: 100, quantity: [1, 1], splittable: false },
    { title: 'Late-model SUV with structural damage (training vehicle)', unitUsd: [12_000, 30_000], roundTo: 100, quantity: [1, 1], splittable: false },
    { title: 'Hail-damaged pickup truck (training vehicle)', unitUsd: [9_000, 25_000], roundTo: 100, quantity: [1, 1], splittable: false },
    { title: 'Salvage doors, hoods and fenders (training panels)', unitUsd: [80, 300], roundTo: 5, quantity: [10, 40], splittable: true },
  ],
  SUPPLIES: [
    { title: 'Abrasives case (sanding discs and pads)', unitUsd: [100, 400], roundTo: 5, quantity: [20, 100], splittable: true },
    { title: 'Respirator and paint suit PPE kit', unitUsd: [50, 200], roundTo: 5, quantity: [20, 60], splittable: true },
    { title: 'Masking paper, film and tape pallet', unitUsd: [300, 800], roundTo: 10, quantity: [5, 20], splittable: true },
    { title: 'Body filler and seam sealer case', unitUsd: [150, 450], roundTo: 5, quantity: [10, 40], splittable: true },
  ],
};

const REQUEST_NEEDS: Record<DonationCategory, { description: string; quantity: [number, number] }[]> = {
  EQUIPMENT: [
    { description: 'Our frame machine is 25 years old; students need a modern pulling and measuring system.', quantity: [1, 1] },
    { description: 'Spot welder for the structural repair course.', quantity: [1, 1] },
    { description: 'MIG welders so each welding booth has one.', quantity: [1, 3] },
  ],
  TOOLS: [
    { description: 'Hand tool sets for incoming students who cannot afford their own.', quantity: [2, 10] },
    { description: 'Cordless tools for the non-structural lab.', quantity: [2, 6] },
    { description: 'Hammer and dolly sets for the metal-finishing unit.', quantity: [5, 15] },
  ],
  PAINT: [
    { description: 'Waterborne paint to move the refinish lab off solvent.', quantity: [1, 4] },
    { description: 'Primer and clear for student projects this semester.', quantity: [5, 20] },
    { description: 'Spray guns for the refinish course.', quantity: [2, 6] },
  ],
  VEHICLE: [
    { description: 'A late-model vehicle with real damage for estimating and repair practice.', quantity: [1, 1] },
    { description: 'Salvage panels for dent repair practice.', quantity: [5, 20] },
  ],
  SUPPLIES: [
    { description: 'Abrasives for the sanding and prep unit.', quantity: [10, 40] },
    { description: 'PPE for every student in the paint booth.', quantity: [10, 30] },
    { description: 'Masking supplies for refinish projects.', quantity: [2, 10] },
  ],
};

const GRANT_PURPOSES = [
  'Replace the paint booth filters and lighting',
  'Buy a frame measuring system for structural training',
  'Purchase resistance spot welders for the structural lab',
  'Fund I-CAR training and online courses for students',
  'Buy personal protective equipment for all students',
  'Upgrade the refinish lab to waterborne paint',
  'Buy aluminum repair tooling and a dedicated clean room',
  'Purchase ADAS calibration targets and a scan tool',
  'Replace worn hand and air tools',
  'Fund instructor training and certification',
  'Buy a paint mixing system and scale',
  'Equip a second welding booth',
];

const CATEGORY_WEIGHTS: readonly (readonly [DonationCategory, number])[] = [
  ['TOOLS', 5],
  ['SUPPLIES', 4],
  ['PAINT', 4],
  ['EQUIPMENT', 3],
  ['VEHICLE', 2],
];

/** Offers per year at scale 1; scale multiplies it. */
const OFFERS_PER_YEAR = 36;
const OFFER_YEARS = [2022, 2023, 2024, 2025, 2026];
const FIRST_SCHOLARSHIP_YEAR = 2023;

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);
const dateIn = (rng: Rng, year: number, lastDay: string) => {
  const first = `${year}-01-02`;
  const days = Math.max(0, Math.floor((Date.parse(lastDay < `${year}-12-30` ? lastDay : `${year}-12-30`) - Date.parse(first)) / 86_400_000));
  return addDays(first, rng.int(0, days));
};
const minDate = (a: string, b: string) => (a < b ? a : b);

/** Splits `total` units into `parts` positive parts (parts ≤ total). */
function split(rng: Rng, total: number, parts: number): number[] {
  const cuts = rng.sample(Array.from({ length: total - 1 }, (_, i) => i + 1), parts - 1).sort((a, b) => a - b);
  const out: number[] = [];
  let last = 0;
  for (const cut of [...cuts, total]) {
    out.push(cut - last);
    last = cut;
  }
  return out;
}

export function buildCrefData(world: World): CrefData {
  const rng = world.rng('cref');
  const today = world.seedDate;
  const lastOfferDay = addDays(today, -1);

  // CREF serves schools with a collision program.
  const collisionSchoolIds = new Set(world.programs.filter((p) => p.discipline === 'COLLISION').map((p) => p.schoolId));
  const collisionSchools: WorldSchool[] = world.schools.filter((s) => collisionSchoolIds.has(s.id));
  const schools: SchoolRef[] = collisionSchools.map((s) => ({ id: s.id, name: s.name, stateCode: s.stateCode }));
  const schoolById = new Map(collisionSchools.map((s) => [s.id, s]));
  const instructorOf = new Map<string, string>();
  const collisionProgramIds = new Set(world.programs.filter((p) => p.discipline === 'COLLISION').map((p) => p.id));
  for (const p of world.people) {
    if (p.roles.includes('INSTRUCTOR') && p.programId && collisionProgramIds.has(p.programId) && p.schoolId && !instructorOf.has(p.schoolId)) instructorOf.set(p.schoolId, p.id);
  }

  const donors: Donor[] = DONORS.map((d, i) => ({ id: `cref-donor-${pad(i + 1, 3)}`, name: d.name, kind: d.kind }));

  // School requests: what each school asked the Exchange for, oldest first.
  const requestDrafts: Omit<SchoolRequest, 'id'>[] = [];
  for (const school of collisionSchools) {
    const count = rng.int(1, 4);
    for (let k = 0; k < count; k++) {
      const category = rng.weighted(CATEGORY_WEIGHTS);
      const need = rng.pick(REQUEST_NEEDS[category]);
      requestDrafts.push({
        schoolId: school.id,
        category,
        description: need.description,
        quantity: rng.int(need.quantity[0], need.quantity[1]),
        requestedOn: dateIn(rng, rng.pick(OFFER_YEARS), addDays(today, -7)),
        status: 'OPEN',
      });
    }
  }
  requestDrafts.sort((a, b) => a.requestedOn.localeCompare(b.requestedOn) || a.schoolId.localeCompare(b.schoolId));
  const requests: SchoolRequest[] = requestDrafts.map((r, i) => ({ id: `cref-req-${pad(i + 1, 5)}`, ...r }));

  // Offers, and what happened to each: claimed whole, shared between schools, or still open.
  const offerDrafts: Omit<DonationOffer, 'id' | 'quantityClaimed'>[] = [];
  for (const year of OFFER_YEARS) {
    // The current year is only partly over at the seed date.
    const share = year === Number(today.slice(0, 4)) ? (Date.parse(today) - Date.parse(`${year}-01-01`)) / (365 * 86_400_000) : 1;
    const count = Math.max(1, Math.round(OFFERS_PER_YEAR * world.scale * share));
    for (let k = 0; k < count; k++) {
      const donorIndex = rng.int(0, DONORS.length - 1);
      const category = rng.pick(DONORS[donorIndex]!.gives);
      const item = rng.pick(CATALOG[category]);
      offerDrafts.push({
        donorId: donors[donorIndex]!.id,
        title: item.title,
        category,
        unitValueUsd: roundTo(rng.int(item.unitUsd[0], item.unitUsd[1]), item.roundTo),
        quantity: rng.int(item.quantity[0], item.quantity[1]),
        splittable: item.splittable,
        offeredOn: dateIn(rng, year, lastOfferDay),
      });
    }
  }
  offerDrafts.sort((a, b) => a.offeredOn.localeCompare(b.offeredOn) || a.title.localeCompare(b.title));
  const offers: DonationOffer[] = offerDrafts.map((o, i) => ({ id: `cref-offer-${pad(i + 1, 5)}`, quantityClaimed: 0, ...o }));

  // A school with an open request in the category is the likelier claimant.
  const pickSchool = (category: DonationCategory, exclude: Set<string>): WorldSchool => {
    const asking = requests.filter((r) => r.category === category && !exclude.has(r.schoolId)).map((r) => r.schoolId);
    if (asking.length > 0 && rng.chance(0.6)) return schoolById.get(rng.pick(asking))!;
    const others = collisionSchools.filter((s) => !exclude.has(s.id));
    return rng.pick(others.length > 0 ? others : collisionSchools);
  };
  const claimDrafts: Omit<DonationClaim, 'id' | 'requestId'>[] = [];
  for (const offer of offers) {
    const recent = offer.offeredOn > addDays(today, -60);
    const fate = rng.weighted<'open' | 'full' | 'partial'>(
      offer.splittable && offer.quantity > 1 ? [['open', recent ? 6 : 2], ['full', 5], ['partial', 3]] : [['open', recent ? 6 : 2], ['full', 7]],
    );
    if (fate === 'open' || collisionSchools.length === 0) continue;
    let units = offer.quantity;
    if (fate === 'partial') units = rng.int(1, offer.quantity - 1);
    const parts = offer.splittable ? split(rng, units, Math.min(units, rng.int(1, 3))) : [units];
    const taken = new Set<string>();
    for (const quantity of parts) {
      const school = pickSchool(offer.category, taken);
      taken.add(school.id);
      claimDrafts.push({
        offerId: offer.id,
        schoolId: school.id,
        stateCode: school.stateCode,
        quantity,
        valueUsd: claimValueUsd(offer.unitValueUsd, quantity),
        claimedOn: minDate(addDays(offer.offeredOn, rng.int(2, 75)), today),
        claimedBy: instructorOf.get(school.id) ?? null,
      });
      offer.quantityClaimed += quantity;
    }
  }
  // Claims in the order they happened; each fulfils a request by the same rule as claimDonation.
  claimDrafts.sort((a, b) => a.claimedOn.localeCompare(b.claimedOn) || a.offerId.localeCompare(b.offerId) || a.schoolId.localeCompare(b.schoolId));
  const offerById = new Map(offers.map((o) => [o.id, o]));
  const claims: DonationClaim[] = claimDrafts.map((c, i) => {
    const request = requestToFulfil(requests, { schoolId: c.schoolId, category: offerById.get(c.offerId)!.category, quantity: c.quantity, claimedOn: c.claimedOn });
    if (request) request.status = 'FULFILLED';
    return { id: `cref-claim-${pad(i + 1, 6)}`, ...c, requestId: request?.id ?? null };
  });

  // Benchmark grants: each year's dollars (× scale) spent in typical grant sizes, one school after another.
  const grants: BenchmarkGrant[] = [];
  const { min, max, step } = BENCHMARK_GRANT_TYPICAL_USD;
  const sizes: [number, number][] = [];
  for (let amount = min; amount <= max; amount += step * 5) sizes.push([amount, amount <= 15_000 ? 3 : 2]);
  for (const [yearText, total] of Object.entries(BENCHMARK_YEARLY_TOTALS_USD)) {
    const year = Number(yearText);
    let budget = Math.round(total * world.scale);
    let order: WorldSchool[] = [];
    while (budget >= min && collisionSchools.length > 0) {
      if (order.length === 0) order = rng.sample(collisionSchools, collisionSchools.length);
      const school = order.pop()!;
      let amount = rng.weighted(sizes);
      // The last grant of the year takes what is left (rounded down to the step), if it is a typical size.
      if (budget - amount < min) amount = Math.floor(budget / step) * step;
      budget -= amount;
      grants.push({
        id: '',
        schoolId: school.id,
        stateCode: school.stateCode,
        year,
        amountUsd: assertGrantAmount(amount),
        awardedOn: addDays(`${year}-03-01`, rng.int(0, 150)),
        purpose: rng.pick(GRANT_PURPOSES),
      });
    }
  }
  grants.sort((a, b) => a.awardedOn.localeCompare(b.awardedOn) || a.schoolId.localeCompare(b.schoolId));
  grants.forEach((g, i) => (g.id = `cref-grant-${pad(i + 1, 5)}`));

  // Scholarships to students of collision programs, at most one per student.
  const scholarships: Scholarship[] = [];
  const lastYear = Number(today.slice(0, 4));
  for (const student of world.people) {
    if (!student.roles.includes('STUDENT') || !student.programId || !collisionProgramIds.has(student.programId) || !student.schoolId) continue;
    if (!rng.chance(0.2)) continue;
    const school = schoolById.get(student.schoolId)!;
    scholarships.push({
      id: `cref-schol-${pad(scholarships.length + 1, 5)}`,
      personId: student.id,
      schoolId: school.id,
      stateCode: school.stateCode,
      year: rng.int(FIRST_SCHOLARSHIP_YEAR, lastYear),
      amountUsd: SCHOLARSHIP_USD.min + SCHOLARSHIP_USD.step * rng.int(0, (SCHOLARSHIP_USD.max - SCHOLARSHIP_USD.min) / SCHOLARSHIP_USD.step),
    });
  }

  return { schools, donors, offers, claims, requests, grants, scholarships };
}
