import { Rng } from '../rng.ts';
import { addDays, addYears } from '../dates.ts';
import { STATES, GIVEN_NAMES, FAMILY_NAMES, SHOP_NAME_FIRST, SHOP_NAME_LAST, SCHOOL_SUFFIX, PROGRAM_NAMES } from './places.ts';

/**
 * The demo world: the shared entities every subgraph's seed starts from (states, ZIPs, schools,
 * programs, shops, people, guardianship, consents, apprenticeships). Deterministic: the same
 * scale gives the same world on every machine. Each partner seed adds its own records with its
 * own random stream (`world.rng('ase')`), so changing one partner's seed never shifts another's.
 */
export const WORLD_SEED = 20261125;
/** The demo data is written as of this day; tests fix "today" to it. */
export const SEED_DATE = '2026-09-01';

export type Discipline = 'AUTOMOTIVE' | 'COLLISION' | 'DIESEL';
export type ShopType = 'DEALER' | 'INDEPENDENT' | 'MSO' | 'FLEET';
export type SchoolKind = 'HIGH_SCHOOL' | 'COMMUNITY_COLLEGE' | 'TECHNICAL_INSTITUTE';
export type PersonRole = 'STUDENT' | 'APPRENTICE' | 'TECHNICIAN' | 'INSTRUCTOR' | 'GUARDIAN' | 'EMPLOYER';
export type ConsentPurpose = 'EMPLOYER_VISIBILITY' | 'RESEARCH' | 'MARKETING' | 'PUBLIC_PROFILE';

export interface WorldZip { zip: string; city: string; stateCode: string; lat: number; lon: number }
export interface WorldState { code: string; name: string }
export interface WorldSchool { id: string; name: string; kind: SchoolKind; city: string; zip: string; stateCode: string }
export interface WorldProgram { id: string; schoolId: string; discipline: Discipline; name: string }
export interface WorldShop { id: string; name: string; type: ShopType; industry: Discipline; city: string; zip: string; stateCode: string; openedOn: string }
export interface WorldConsentEvent { id: string; personId: string; purpose: ConsentPurpose; action: 'GRANTED' | 'WITHDRAWN'; at: string; actorId: string }
export interface WorldPerson {
  id: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string | null;
  birthDate: string;
  homeZip: string;
  stateCode: string;
  roles: PersonRole[];
  /** School studied or taught at. */
  schoolId: string | null;
  /** Program studied or taught. */
  programId: string | null;
  /** Shop employed at (technicians, apprentices, employers). */
  shopId: string | null;
  /** Line of work (technicians) or of study (students). */
  discipline: Discipline | null;
  /** Years of paid work in the trade. */
  experienceYears: number;
  /** Months of school training in the trade (ASE credits part of it as experience). */
  trainingMonths: number;
  createdOn: string;
}
export interface WorldGuardianship { guardianId: string; wardId: string }
export interface WorldEmployment { personId: string; shopId: string; since: string }
export interface WorldApprenticeship { id: string; apprenticeId: string; mentorId: string; shopId: string; socCode: string; startedOn: string }
export interface WorldOccupation { socCode: string; title: string; medianAnnualPayUsd: number; medianPayYear: number }

export interface World {
  scale: number;
  seedDate: string;
  states: WorldState[];
  zips: WorldZip[];
  schools: WorldSchool[];
  programs: WorldProgram[];
  shops: WorldShop[];
  people: WorldPerson[];
  guardianships: WorldGuardianship[];
  employments: WorldEmployment[];
  consentEvents: WorldConsentEvent[];
  apprenticeships: WorldApprenticeship[];
  occupations: WorldOccupation[];
  /** A random stream of a partner's own, independent of every other partner's. */
  rng(stream: string): Rng;
}

/** BLS figures (DOMAIN.md); 49-3031 is approximate. */
export const OCCUPATIONS: WorldOccupation[] = [
  { socCode: '49-3021', title: 'Automotive Body and Related Repairers', medianAnnualPayUsd: 43580, medianPayYear: 2019 },
  { socCode: '49-3023', title: 'Automotive Service Technicians and Mechanics', medianAnnualPayUsd: 49670, medianPayYear: 2024 },
  { socCode: '49-3031', title: 'Bus and Truck Mechanics and Diesel Engine Specialists', medianAnnualPayUsd: 60640, medianPayYear: 2024 },
];

export const SOC_BY_DISCIPLINE: Record<Discipline, string> = { COLLISION: '49-3021', AUTOMOTIVE: '49-3023', DIESEL: '49-3031' };

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Base counts at scale 1 (DOMAIN-sized: ≥ 50 schools in ≥ 10 states, ≥ 200 shops, ≥ 2,000 people). */
export const BASE_COUNTS = { schools: 60, shops: 240 };

export function buildWorld(scale = 1): World {
  if (!(scale > 0) || scale > 1000) throw new Error(`scale must be > 0 and ≤ 1000, got ${scale}`);
  const rng = new Rng(WORLD_SEED);
  const states: WorldState[] = STATES.map((s) => ({ code: s.code, name: s.name }));

  // Five ZIPs around each city: its downtown ZIP and four neighbours a few miles out.
  const zips: WorldZip[] = [];
  for (const s of STATES) {
    for (const c of s.cities) {
      zips.push({ zip: c.zip, city: c.city, stateCode: s.code, lat: c.lat, lon: c.lon });
      for (let i = 1; i <= 4; i++) {
        const zip = pad(Number(c.zip) + i * 2, 5);
        zips.push({ zip, city: c.city, stateCode: s.code, lat: +(c.lat + rng.normal(0, 0.08)).toFixed(4), lon: +(c.lon + rng.normal(0, 0.08)).toFixed(4) });
      }
    }
  }
  const zipsByCity = new Map<string, WorldZip[]>();
  for (const z of zips) {
    const key = `${z.stateCode}:${z.city}`;
    zipsByCity.set(key, [...(zipsByCity.get(key) ?? []), z]);
  }
  const pickPlace = () => {
    const s = rng.pick(STATES);
    const c = rng.pick(s.cities);
    return { stateCode: s.code, city: c.city, zip: rng.pick(zipsByCity.get(`${s.code}:${c.city}`)!).zip };
  };
  const nearbyZip = (stateCode: string, city: string) => rng.pick(zipsByCity.get(`${stateCode}:${city}`)!).zip;

  // Schools and their programs.
  const schools: WorldSchool[] = [];
  const programs: WorldProgram[] = [];
  const schoolCount = Math.max(1, Math.round(BASE_COUNTS.schools * scale));
  const usedSchoolNames = new Set<string>();
  for (let i = 1; i <= schoolCount; i++) {
    // Spread schools over every state first, then at random.
    const place = i <= STATES.length ? (() => { const s = STATES[i - 1]!; const c = rng.pick(s.cities); return { stateCode: s.code, city: c.city, zip: nearbyZip(s.code, c.city) }; })() : pickPlace();
    const kind = rng.weighted<SchoolKind>([['HIGH_SCHOOL', 5], ['COMMUNITY_COLLEGE', 3], ['TECHNICAL_INSTITUTE', 2]]);
    let name = `${place.city} ${rng.pick(SCHOOL_SUFFIX[kind]!)}`;
    for (let n = 2; usedSchoolNames.has(name); n++) name = `${place.city} ${rng.pick(SCHOOL_SUFFIX[kind]!)} ${n}`;
    usedSchoolNames.add(name);
    const school: WorldSchool = { id: `sch-${pad(i, 4)}`, name, kind, ...place };
    schools.push(school);
    const disciplines = rng.sample<Discipline>(['COLLISION', 'AUTOMOTIVE', 'DIESEL'], rng.weighted([[1, 4], [2, 4], [3, 1]]));
    if (i % 2 === 1 && !disciplines.includes('COLLISION')) disciplines[0] = 'COLLISION';
    for (const discipline of disciplines) {
      programs.push({ id: `prg-${pad(programs.length + 1, 4)}`, schoolId: school.id, discipline, name: rng.pick(PROGRAM_NAMES[discipline]!) });
    }
  }

  // Shops.
  const shops: WorldShop[] = [];
  const shopCount = Math.max(1, Math.round(BASE_COUNTS.shops * scale));
  for (let i = 1; i <= shopCount; i++) {
    const place = pickPlace();
    const industry = rng.weighted<Discipline>([['COLLISION', 5], ['AUTOMOTIVE', 4], ['DIESEL', 1]]);
    const type = industry === 'DIESEL' ? rng.weighted<ShopType>([['FLEET', 3], ['INDEPENDENT', 2], ['DEALER', 1]]) : rng.weighted<ShopType>([['INDEPENDENT', 4], ['DEALER', 3], ['MSO', 3], ['FLEET', 1]]);
    const name = `${rng.pick(SHOP_NAME_FIRST)} ${rng.pick(SHOP_NAME_LAST[industry]!)}${type === 'MSO' ? ` #${rng.int(2, 60)}` : ''}`;
    shops.push({ id: `shp-${pad(i, 4)}`, name, type, industry, ...place, openedOn: addDays('1985-01-01', rng.int(0, 13000)) });
  }

  // People.
  const people: WorldPerson[] = [];
  const guardianships: WorldGuardianship[] = [];
  const employments: WorldEmployment[] = [];
  const newPerson = (p: Omit<WorldPerson, 'id' | 'givenName' | 'familyName' | 'email' | 'phone' | 'createdOn'> & { familyName?: string }): WorldPerson => {
    const n = people.length + 1;
    const givenName = rng.pick(GIVEN_NAMES);
    const familyName = p.familyName ?? rng.pick(FAMILY_NAMES);
    const person: WorldPerson = {
      ...p,
      id: `per-${pad(n, 5)}`,
      givenName,
      familyName,
      email: `${givenName}.${familyName}.${n}@example.com`.toLowerCase(),
      phone: rng.chance(0.8) ? `+1555${pad(rng.int(0, 9999999), 7)}` : null,
      createdOn: addDays('2021-01-01', rng.int(0, 1950)),
    };
    people.push(person);
    return person;
  };
  const birthDateForAge = (age: number) => addDays(addYears(SEED_DATE, -age - 1), rng.int(1, 364));

  // Instructors: one per program.
  for (const program of programs) {
    const school = schools.find((s) => s.id === program.schoolId)!;
    newPerson({ birthDate: birthDateForAge(rng.int(30, 62)), homeZip: nearbyZip(school.stateCode, school.city), stateCode: school.stateCode, roles: ['INSTRUCTOR'], schoolId: school.id, programId: program.id, shopId: null, discipline: program.discipline, experienceYears: rng.int(8, 30), trainingMonths: 24 });
  }
  // Students: 8–16 per program; high-school students are minors with a guardian.
  for (const program of programs) {
    const school = schools.find((s) => s.id === program.schoolId)!;
    const count = rng.int(8, 16);
    for (let k = 0; k < count; k++) {
      const age = school.kind === 'HIGH_SCHOOL' ? rng.int(15, 18) : rng.int(18, 24);
      const homeZip = nearbyZip(school.stateCode, school.city);
      const student = newPerson({ birthDate: birthDateForAge(age), homeZip, stateCode: school.stateCode, roles: ['STUDENT'], schoolId: school.id, programId: program.id, shopId: null, discipline: program.discipline, experienceYears: 0, trainingMonths: rng.int(3, 20) });
      if (age < 18) {
        const guardian = newPerson({ familyName: student.familyName, birthDate: birthDateForAge(rng.int(34, 58)), homeZip, stateCode: school.stateCode, roles: ['GUARDIAN'], schoolId: null, programId: null, shopId: null, discipline: null, experienceYears: 0, trainingMonths: 0 });
        guardianships.push({ guardianId: guardian.id, wardId: student.id });
      }
    }
  }
  // Technicians: 2–10 per shop; one employer contact per shop.
  for (const shop of shops) {
    const count = rng.int(2, 10);
    for (let k = 0; k < count; k++) {
      const experienceYears = Math.max(0, Math.min(40, Math.round(rng.normal(9, 7))));
      const age = Math.min(64, 19 + experienceYears + rng.int(0, 6));
      const tech = newPerson({ birthDate: birthDateForAge(age), homeZip: nearbyZip(shop.stateCode, shop.city), stateCode: shop.stateCode, roles: ['TECHNICIAN'], schoolId: null, programId: null, shopId: shop.id, discipline: shop.industry, experienceYears, trainingMonths: rng.chance(0.6) ? rng.int(6, 24) : 0 });
      employments.push({ personId: tech.id, shopId: shop.id, since: addYears(SEED_DATE, -Math.min(experienceYears, rng.int(0, 12))) });
    }
    const employer = newPerson({ birthDate: birthDateForAge(rng.int(30, 64)), homeZip: nearbyZip(shop.stateCode, shop.city), stateCode: shop.stateCode, roles: ['EMPLOYER'], schoolId: null, programId: null, shopId: shop.id, discipline: shop.industry, experienceYears: rng.int(5, 30), trainingMonths: 0 });
    employments.push({ personId: employer.id, shopId: shop.id, since: shop.openedOn > '2010-01-01' ? shop.openedOn : addYears(SEED_DATE, -rng.int(2, 15)) });
  }

  // Registered Apprenticeships: young technicians at collision and automotive shops, mentored by
  // the most experienced technician of the same shop.
  const apprenticeships: WorldApprenticeship[] = [];
  const techsByShop = new Map<string, WorldPerson[]>();
  for (const p of people) if (p.roles.includes('TECHNICIAN') && p.shopId) techsByShop.set(p.shopId, [...(techsByShop.get(p.shopId) ?? []), p]);
  for (const shop of shops) {
    const techs = techsByShop.get(shop.id) ?? [];
    const mentor = [...techs].sort((a, b) => b.experienceYears - a.experienceYears)[0];
    if (!mentor || mentor.experienceYears < 5) continue;
    for (const apprentice of techs) {
      if (apprentice === mentor || apprentice.experienceYears > 1 || !rng.chance(0.7)) continue;
      apprentice.roles = ['APPRENTICE', ...apprentice.roles];
      apprenticeships.push({
        id: `apr-${pad(apprenticeships.length + 1, 4)}`,
        apprenticeId: apprentice.id,
        mentorId: mentor.id,
        shopId: shop.id,
        socCode: SOC_BY_DISCIPLINE[shop.industry],
        startedOn: addDays(SEED_DATE, -rng.int(60, 600)),
      });
    }
  }

  // Consents, as an append-only event log. Adults decide for themselves; a guardian decides
  // for a minor (and only some guardians let employers see their child).
  const consentEvents: WorldConsentEvent[] = [];
  const guardianOf = new Map(guardianships.map((g) => [g.wardId, g.guardianId]));
  const minorCutoff = addYears(SEED_DATE, -18);
  for (const p of people) {
    const minor = p.birthDate > minorCutoff;
    const actorId = minor ? guardianOf.get(p.id) ?? p.id : p.id;
    const odds: Record<ConsentPurpose, number> = minor
      ? { EMPLOYER_VISIBILITY: 0.35, RESEARCH: 0.3, MARKETING: 0.05, PUBLIC_PROFILE: 0.1 }
      : { EMPLOYER_VISIBILITY: p.roles.includes('TECHNICIAN') || p.roles.includes('STUDENT') ? 0.75 : 0.2, RESEARCH: 0.45, MARKETING: 0.2, PUBLIC_PROFILE: p.roles.includes('TECHNICIAN') ? 0.6 : 0.3 };
    for (const purpose of Object.keys(odds) as ConsentPurpose[]) {
      if (!rng.chance(odds[purpose])) continue;
      const at = `${addDays(p.createdOn, rng.int(0, 30))}T${pad(rng.int(8, 20), 2)}:${pad(rng.int(0, 59), 2)}:00.000Z`;
      consentEvents.push({ id: `cev-${pad(consentEvents.length + 1, 6)}`, personId: p.id, purpose, action: 'GRANTED', at, actorId });
      // A few change their mind later: the log keeps both entries.
      if (rng.chance(0.08)) {
        const withdrawnOn = addDays(at.slice(0, 10), rng.int(30, 300));
        // Never after the seed date: the demo data describes the world as of that day.
        const day = withdrawnOn < SEED_DATE ? withdrawnOn : addDays(SEED_DATE, -1);
        consentEvents.push({ id: `cev-${pad(consentEvents.length + 1, 6)}`, personId: p.id, purpose, action: 'WITHDRAWN', at: `${day}T10:00:00.000Z`, actorId });
      }
    }
  }

  return {
    scale,
    seedDate: SEED_DATE,
    states,
    zips,
    schools,
    programs,
    shops,
    people,
    guardianships,
    employments,
    consentEvents,
    apprenticeships,
    occupations: OCCUPATIONS,
    rng: (stream: string) => new Rng(WORLD_SEED ^ hashString(stream)),
  };
}

/** Great-circle distance in miles between two points. */
export function distanceMiles(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 3958.8 * 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A Collision Careers job: held by icar (legacy board) and by wrenchway (migrated copy) alike. */
export interface WorldCollisionCareersJob { id: string; title: string; shopId: string; shopName: string; stateCode: string; city: string; zip: string; postedOn: string }

const CC_TITLES = ['Collision Repair Technician', 'Refinish Technician (Painter)', 'Estimator', 'Entry-Level Body Technician', 'Structural Technician', 'Paint Prep Technician'];

/**
 * The jobs on I-CAR's Collision Careers board, which are moving to WrenchWay. Both subgraphs
 * seed them from this one list, so either can serve `collisionCareersJobs` during the move.
 */
export function collisionCareersJobs(world: World): WorldCollisionCareersJob[] {
  const rng = world.rng('collision-careers');
  const jobs: WorldCollisionCareersJob[] = [];
  for (const shop of world.shops) {
    if (shop.industry !== 'COLLISION' || !rng.chance(0.5)) continue;
    const count = rng.int(1, 2);
    for (let k = 0; k < count; k++) {
      jobs.push({
        id: `ccj-${pad(jobs.length + 1, 4)}`,
        title: rng.pick(CC_TITLES),
        shopId: shop.id,
        shopName: shop.name,
        stateCode: shop.stateCode,
        city: shop.city,
        zip: shop.zip,
        postedOn: addDays(world.seedDate, -rng.int(1, 120)),
      });
    }
  }
  return jobs;
}
