import { addDays, addYears, type CredentialIssued, type Rng, type SeedResult, insertInChunks } from '@talent-graph/platform';
import type { Discipline, World, WorldPerson } from '@talent-graph/platform/demo';
import type { DataSource } from 'typeorm';
import { AccreditationEntity } from './entities/AccreditationEntity.ts';
import { AseTestEntity } from './entities/AseTestEntity.ts';
import { CertificationEntity } from './entities/CertificationEntity.ts';
import { ShopServiceAreaEntity } from './entities/ShopServiceAreaEntity.ts';
import { accreditationExpiresOn } from './rules/accreditation.ts';
import { ASE_TEST_CATALOGUE, credentialTitle, type CatalogueTest } from './rules/catalogue.ts';
import { certificationExpiresOn, experienceMonthsCredited, experienceRequirementMet, lapsesOn, monthsBetween } from './rules/certification.ts';
import { ACCREDITATION_VALIDITY_YEARS, MASTER_PROGRAMS, REQUIRED_EXPERIENCE_MONTHS } from './rules/config.ts';

/**
 * Demo data for ase, derived only from the world and ASE's own random stream, so the same world
 * always gives the same rows. The odds below shape the demo, not the rules (rules/config.ts).
 */
export const SEED_ODDS = {
  /** Experienced automotive technicians who hold A1–A8 all current (Master Automobile Technician). */
  masterAutomobile: 0.18,
  /** Experienced collision technicians who hold B2–B5 all current. */
  masterCollision: 0.15,
  /** Master Automobile Technicians who also hold L1 Advanced Engine Performance. */
  advancedForMasters: 0.3,
  /** A certification that reaches its expiry is renewed (else it stays EXPIRED). */
  renewal: 0.7,
  /** Students in a program who earned Entry-Level certifications. */
  studentEntryLevel: 0.4,
  /** Programs ever accredited, and accreditations renewed at the end of their 5 years. */
  programAccredited: 0.6,
  accreditationRenewal: 0.6,
} as const;

/** Tests each line of work certifies in: the core set, and occasional extras with their odds. */
const PROFESSIONAL_POOLS: Record<Discipline, { core: readonly string[]; extras: readonly (readonly [string, number])[] }> = {
  AUTOMOTIVE: { core: MASTER_PROGRAMS.MASTER_AUTOMOBILE_TECHNICIAN, extras: [['G1', 0.25], ['A9', 0.1], ['C1', 0.1]] },
  COLLISION: { core: MASTER_PROGRAMS.MASTER_COLLISION_REPAIR_REFINISH, extras: [['B6', 0.3]] },
  DIESEL: { core: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8'], extras: [['A9', 0.15]] },
};

const ENTRY_LEVEL_POOLS: Record<Discipline, readonly string[]> = {
  AUTOMOTIVE: ['EL-A1', 'EL-A2', 'EL-A3', 'EL-A4', 'EL-A5', 'EL-A6', 'EL-A7', 'EL-A8', 'EL-G1'],
  COLLISION: ['EL-B2', 'EL-B3', 'EL-B4', 'EL-B5'],
  DIESEL: ['EL-T2', 'EL-T4', 'EL-T5', 'EL-T6', 'EL-T8'],
};

/** Service areas by shop industry: the ones every such shop offers, and optional ones. */
const SERVICE_AREAS: Record<Discipline, { always: readonly string[]; optional: readonly string[] }> = {
  AUTOMOTIVE: { always: ['A4', 'A5', 'A8'], optional: ['A1', 'A2', 'A3', 'A6', 'A7'] },
  COLLISION: { always: ['B2', 'B3'], optional: ['B4', 'B5'] },
  DIESEL: { always: ['T4', 'T8'], optional: ['T2', 'T5', 'T6'] },
};

const CERTIFIED_ROLES = new Set(['TECHNICIAN', 'APPRENTICE', 'EMPLOYER', 'INSTRUCTOR']);

export interface AseSeedPlan {
  tests: AseTestEntity[];
  certifications: CertificationEntity[];
  serviceAreas: ShopServiceAreaEntity[];
  accreditations: AccreditationEntity[];
  credentialEvents: CredentialIssued[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Dates a certification (or accreditation) chain was granted on: the first, then each renewal
 * inside the final year before the previous one lapsed, until one is still in force today or
 * the holder lets it lapse.
 */
function renewalChain(rng: Rng, firstOn: string, validityYears: number, today: string, renewOdds: number): string[] {
  const dates = [firstOn];
  for (;;) {
    const lapses = lapsesOn(dates[dates.length - 1]!, validityYears);
    if (lapses > today || !rng.chance(renewOdds)) return dates;
    dates.push(addDays(lapses, -rng.int(1, 365)));
  }
}

/** Everything the seed writes, computed without I/O (tests inspect it directly). */
export function planAseSeed(world: World): AseSeedPlan {
  const rng = world.rng('ase');
  const today = world.seedDate;
  const testByCode = new Map<string, CatalogueTest>(ASE_TEST_CATALOGUE.map((t) => [t.code, t]));
  const tests = ASE_TEST_CATALOGUE.map((t, i): AseTestEntity => ({ ...t, position: i + 1 }));

  const certifications: CertificationEntity[] = [];
  const credentialEvents: CredentialIssued[] = [];
  let candidateNumber = rng.int(1_000_000, 3_000_000);
  const candidateIds = new Map<string, string>();
  const candidateIdOf = (personId: string): string => {
    let id = candidateIds.get(personId);
    if (!id) {
      candidateNumber += rng.int(1, 97);
      id = `ASE-${pad(candidateNumber, 8)}`;
      candidateIds.set(personId, id);
    }
    return id;
  };

  /** Issues one chain of certifications of a test; renewals point at the one they renew. */
  const issueChain = (person: WorldPerson, code: string, dates: string[], creditedOn: (day: string) => number): void => {
    const test = testByCode.get(code)!;
    let previous: string | null = null;
    for (const earnedOn of dates) {
      const credited = creditedOn(earnedOn);
      // The experience rule decides; a chain never starts before it is met.
      if (!experienceRequirementMet(test, credited)) continue;
      const cert: CertificationEntity = {
        id: `ase-cert-${pad(certifications.length + 1, 6)}`,
        personId: person.id,
        testCode: code,
        earnedOn,
        expiresOn: certificationExpiresOn(earnedOn, test.validityYears),
        experienceMonthsCredited: credited,
        candidateId: candidateIdOf(person.id),
        renewalOf: previous,
      };
      certifications.push(cert);
      credentialEvents.push({ id: cert.id, personId: person.id, issuer: 'ASE', title: credentialTitle(test), earnedOn: cert.earnedOn, expiresOn: cert.expiresOn });
      previous = cert.id;
    }
  };

  for (const person of world.people) {
    if (!person.discipline) continue;
    if (person.roles.some((r) => CERTIFIED_ROLES.has(r)) && person.experienceYears > 0) {
      // Paid work started experienceYears (and up to half a year) ago; training came before it.
      const careerStart = addDays(addYears(today, -person.experienceYears), -rng.int(0, 180));
      const creditedOn = (day: string) => experienceMonthsCredited({ workMonths: monthsBetween(careerStart, day), trainingMonths: person.trainingMonths });
      // Jump close to the day the rule is first met, then walk day by day to it exactly.
      const monthsShort = REQUIRED_EXPERIENCE_MONTHS - experienceMonthsCredited({ workMonths: 0, trainingMonths: person.trainingMonths });
      let eligibleOn = addDays(careerStart, Math.max(0, monthsShort * 30 - 31));
      while (eligibleOn <= today && !experienceRequirementMet({ entryLevel: false }, creditedOn(eligibleOn))) eligibleOn = addDays(eligibleOn, 1);
      if (eligibleOn > today) continue;
      const window = daysBetween(eligibleOn, today);
      const pool = PROFESSIONAL_POOLS[person.discipline];
      const masterOdds = person.discipline === 'AUTOMOTIVE' ? SEED_ODDS.masterAutomobile : person.discipline === 'COLLISION' ? SEED_ODDS.masterCollision : 0;
      const master = rng.chance(masterOdds);
      // More experience, more tests. A non-Master never holds the whole core set, so Masters
      // are exactly the people chosen here.
      const maxCore = masterOdds > 0 ? pool.core.length - 1 : pool.core.length;
      const count = Math.max(1, Math.min(maxCore, Math.round(1 + person.experienceYears / 3) + rng.int(-1, 1)));
      const core = master ? [...pool.core] : rng.sample(pool.core, count).sort();
      const extras = pool.extras.filter(([, odds]) => rng.chance(odds)).map(([code]) => code);
      if (master && person.discipline === 'AUTOMOTIVE' && rng.chance(SEED_ODDS.advancedForMasters)) extras.push('L1');
      for (const code of [...core, ...extras]) {
        const firstOn = addDays(eligibleOn, rng.int(0, window));
        const keepCurrent = master && core.includes(code);
        issueChain(person, code, renewalChain(rng, firstOn, testByCode.get(code)!.validityYears, today, keepCurrent ? 1 : SEED_ODDS.renewal), creditedOn);
      }
    } else if (person.roles.includes('STUDENT') && person.programId && rng.chance(SEED_ODDS.studentEntryLevel)) {
      const codes = rng.sample(ENTRY_LEVEL_POOLS[person.discipline], rng.int(1, 3)).sort();
      for (const code of codes) {
        const earnedOn = addDays(today, -rng.int(0, person.trainingMonths * 30));
        // Students have no paid work; their training so far is what is credited.
        const creditedOn = (day: string) => experienceMonthsCredited({ workMonths: 0, trainingMonths: person.trainingMonths - monthsBetween(day, today) });
        issueChain(person, code, [earnedOn], creditedOn);
      }
    }
  }

  const serviceAreas: ShopServiceAreaEntity[] = [];
  for (const shop of world.shops) {
    const areas = SERVICE_AREAS[shop.industry];
    const optional = rng.sample(areas.optional, rng.int(0, Math.min(3, areas.optional.length)));
    for (const testCode of [...areas.always, ...optional].sort()) serviceAreas.push({ shopId: shop.id, testCode });
  }

  const accreditations: AccreditationEntity[] = [];
  const stateOfSchool = new Map(world.schools.map((s) => [s.id, s.stateCode]));
  for (const program of world.programs) {
    if (!rng.chance(SEED_ODDS.programAccredited)) continue;
    const firstOn = addDays(today, -rng.int(30, 12 * 365));
    for (const accreditedOn of renewalChain(rng, firstOn, ACCREDITATION_VALIDITY_YEARS, today, SEED_ODDS.accreditationRenewal)) {
      accreditations.push({
        id: `ase-acc-${pad(accreditations.length + 1, 6)}`,
        programId: program.id,
        stateCode: stateOfSchool.get(program.schoolId)!,
        accreditedOn,
        expiresOn: accreditationExpiresOn(accreditedOn),
      });
    }
  }

  return { tests, certifications, serviceAreas, accreditations, credentialEvents };
}


/** Writes the demo data in one transaction; returns row counts and the wallet's CredentialIssued events. */
export async function seed(db: DataSource, world: World): Promise<SeedResult> {
  const plan = planAseSeed(world);
  await db.transaction(async (manager) => {
    await insertInChunks(manager, AseTestEntity, plan.tests);
    await insertInChunks(manager, CertificationEntity, plan.certifications);
    await insertInChunks(manager, ShopServiceAreaEntity, plan.serviceAreas);
    await insertInChunks(manager, AccreditationEntity, plan.accreditations);
  });
  return {
    counts: {
      ase_test: plan.tests.length,
      certification: plan.certifications.length,
      shop_service_area: plan.serviceAreas.length,
      accreditation: plan.accreditations.length,
    },
    credentialEvents: plan.credentialEvents,
  };
}
