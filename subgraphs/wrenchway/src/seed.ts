import { addDays, ageOn, type SeedResult, insertInChunks } from '@talent-graph/platform';
import { collisionCareersJobs, distanceMiles, SOC_BY_DISCIPLINE, type Discipline, type ShopType, type World, type WorldShop } from '@talent-graph/platform/demo';
import type { Rng } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { CollisionCareersJob } from './entities/CollisionCareersJob.ts';
import { JobApplication } from './entities/JobApplication.ts';
import { JobPost } from './entities/JobPost.ts';
import { PayReport } from './entities/PayReport.ts';
import { SchoolAssistLink } from './entities/SchoolAssistLink.ts';
import { ZipLocation } from './entities/ZipLocation.ts';
import { SCHOOL_ASSIST_MIN_ANNUAL_FEE_USD } from './rules/config.ts';
import type { CredentialTier } from './rules/credentialTier.ts';
import { roundCents } from './rules/percentiles.ts';

/**
 * WrenchWay's demo data, from the shared world and WrenchWay's own random stream only, as of
 * world.seedDate: job posts (about 4–5 per shop), the Collision Careers copy (also as job posts),
 * applications from adult technicians and students, School Assist links to nearby shops in the
 * same state, and anonymous pay reports — one per experienced technician or employer in the
 * world plus synthetic reports around every city, so that statewide and 50-mile cells by
 * industry are mostly shown while narrow cells are often suppressed.
 */

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const halfDollars = (usd: number) => Math.round(usd * 2) / 2;

/** Job titles per line of work; level 0 entry, 1 experienced, 2 senior. */
const JOB_TITLES: Record<Discipline, readonly (readonly [string, 0 | 1 | 2])[]> = {
  COLLISION: [
    ['Entry-Level Body Technician', 0],
    ['Paint Prep Technician', 0],
    ['Collision Repair Technician', 1],
    ['Refinish Technician (Painter)', 1],
    ['Estimator', 1],
    ['Structural Technician', 2],
    ['Lead Collision Technician', 2],
  ],
  AUTOMOTIVE: [
    ['Lube and Maintenance Technician', 0],
    ['Apprentice Automotive Technician', 0],
    ['Automotive Service Technician', 1],
    ['Brake and Alignment Technician', 1],
    ['Drivability Technician', 2],
    ['Master Automotive Technician', 2],
  ],
  DIESEL: [
    ['Diesel Technician Trainee', 0],
    ['Diesel Technician', 1],
    ['Fleet Maintenance Technician', 1],
    ['Heavy Truck Mechanic', 1],
    ['Diesel Engine Specialist', 2],
  ],
};

const ASE_BY_INDUSTRY: Record<Discipline, readonly string[]> = {
  COLLISION: ['B2', 'B3', 'B4', 'B5'],
  AUTOMOTIVE: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'],
  DIESEL: ['T2', 'T3', 'T4', 'T5', 'T6', 'T8'],
};

/** Hourly pay bands of job posts (DOMAIN.md: plausible pay). */
const JOB_PAY_BAND: Record<Discipline, { low: number; high: number }> = {
  COLLISION: { low: 18, high: 45 },
  AUTOMOTIVE: { low: 18, high: 45 },
  DIESEL: { low: 22, high: 50 },
};

/** Pay model of the reports: base + per year (first 25) + tier + shop type + noise. */
const PAY_BASE: Record<Discipline, number> = { COLLISION: 19, AUTOMOTIVE: 18.5, DIESEL: 23 };
const PAY_PER_YEAR = 0.55;
const TIER_BONUS: Record<CredentialTier, number> = { ENTRY: 0, CERTIFIED: 3, MASTER: 7 };
const SHOP_BONUS: Record<ShopType, number> = { DEALER: 1.5, INDEPENDENT: 0, MSO: 0.75, FLEET: 1 };

/** Synthetic anonymous reports per city and industry at scale 1 (and at least that below it). */
const SYNTHETIC_PER_CITY = { min: 11, max: 18 };

function reportedHourly(rng: Rng, industry: Discipline, shopType: ShopType, years: number, tier: CredentialTier): number {
  const value = PAY_BASE[industry] + PAY_PER_YEAR * Math.min(years, 25) + TIER_BONUS[tier] + SHOP_BONUS[shopType] + rng.normal(0, 2.2);
  return roundCents(Math.min(65, Math.max(15, value)));
}

/** Tier a reporter claims: nobody under 2 years is certified (ASE's experience rule). */
function tierForYears(rng: Rng, years: number): CredentialTier {
  if (years < 2) return 'ENTRY';
  if (rng.chance(Math.min(0.35, years * 0.02))) return 'MASTER';
  return rng.chance(0.6) ? 'CERTIFIED' : 'ENTRY';
}

function shopTypeFor(rng: Rng, industry: Discipline): ShopType {
  return industry === 'DIESEL'
    ? rng.weighted<ShopType>([['FLEET', 3], ['INDEPENDENT', 2], ['DEALER', 1]])
    : rng.weighted<ShopType>([['INDEPENDENT', 4], ['DEALER', 3], ['MSO', 3], ['FLEET', 1]]);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}


export async function seed(db: DataSource, world: World): Promise<SeedResult> {
  const rng = world.rng('wrenchway');
  const today = world.seedDate;
  const zipByCode = new Map(world.zips.map((z) => [z.zip, z]));
  const shopById = new Map(world.shops.map((s) => [s.id, s]));
  const place = (zip: string) => {
    const z = zipByCode.get(zip);
    if (!z) throw new Error(`seed: ZIP ${zip} is not in the world`);
    return z;
  };

  const zipRows: ZipLocation[] = world.zips.map((z) => ({ zip: z.zip, city: z.city, stateCode: z.stateCode, lat: z.lat, lon: z.lon }));

  // Job posts: 4–5 per shop, then the Collision Careers board's jobs as migrated posts.
  const jobs: JobPost[] = [];
  const newJob = (shop: WorldShop, title: string, level: 0 | 1 | 2, postedOn: string, status: 'OPEN' | 'CLOSED', source: 'WRENCHWAY' | 'COLLISION_CAREERS', zip = shop.zip): JobPost => {
    const band = JOB_PAY_BAND[shop.industry];
    const experienceYearsMin = level === 0 ? rng.pick([0, 0, 1]) : level === 1 ? rng.pick([1, 2, 2, 3]) : rng.pick([4, 5, 6, 8]);
    const required =
      level === 0
        ? shop.industry === 'AUTOMOTIVE' && rng.chance(0.3) ? ['G1'] : []
        : rng.sample(ASE_BY_INDUSTRY[shop.industry], level === 1 ? rng.int(0, 2) : rng.int(2, 4)).sort();
    const payMin = Math.min(band.high - 3, halfDollars(band.low + level * 4 + experienceYearsMin * 0.8 + SHOP_BONUS[shop.type] + rng.next() * 4));
    const payMax = Math.min(band.high, halfDollars(payMin + rng.int(3, 10)));
    const z = place(zip);
    const job: JobPost = {
      id: `job-${pad(jobs.length + 1, 6)}`,
      shopId: shop.id,
      shopName: shop.name,
      shopType: shop.type,
      title,
      industry: shop.industry,
      socCode: SOC_BY_DISCIPLINE[shop.industry],
      payMinHourlyUsd: payMin,
      payMaxHourlyUsd: payMax,
      experienceYearsMin,
      requiredAseTests: required.join(','),
      city: z.city,
      zip: z.zip,
      stateCode: z.stateCode,
      lat: z.lat,
      lon: z.lon,
      postedOn,
      status,
      source,
    };
    jobs.push(job);
    return job;
  };
  for (const shop of world.shops) {
    const count = rng.int(4, 5);
    for (let k = 0; k < count; k++) {
      const [title, level] = rng.pick(JOB_TITLES[shop.industry]);
      newJob(shop, title, level, addDays(today, -rng.int(0, 179)), rng.chance(0.8) ? 'OPEN' : 'CLOSED', 'WRENCHWAY');
    }
  }
  const ccJobs: CollisionCareersJob[] = collisionCareersJobs(world).map((j) => ({ ...j }));
  for (const cc of ccJobs) {
    const shop = shopById.get(cc.shopId)!;
    const level = /Entry-Level|Prep/.test(cc.title) ? 0 : cc.title === 'Structural Technician' ? 2 : 1;
    newJob({ ...shop, name: cc.shopName }, cc.title, level, cc.postedOn, 'OPEN', 'COLLISION_CAREERS', cc.zip);
  }

  // Applications: about a quarter of adult technicians and students apply to 1–3 jobs in their state.
  const jobsByState = new Map<string, JobPost[]>();
  for (const job of jobs) {
    const list = jobsByState.get(job.stateCode);
    if (list) list.push(job);
    else jobsByState.set(job.stateCode, [job]);
  }
  const applications: JobApplication[] = [];
  const notes = ['Available to start in two weeks.', 'I have my own tools.', 'Finishing my program this spring.', 'Looking for a shop with mentoring.', 'Happy to work Saturdays.'];
  for (const person of world.people) {
    const seeker = person.roles.includes('TECHNICIAN') || person.roles.includes('STUDENT');
    if (!seeker || ageOn(person.birthDate, today) < 18 || !rng.chance(0.25)) continue;
    const candidates = jobsByState.get(person.stateCode) ?? [];
    for (const job of rng.sample(candidates, rng.int(1, 3))) {
      applications.push({
        id: `app-${pad(applications.length + 1, 6)}`,
        jobId: job.id,
        personId: person.id,
        appliedOn: addDays(job.postedOn, rng.int(0, daysBetween(job.postedOn, today))),
        status: rng.weighted([['SUBMITTED', 5], ['IN_REVIEW', 3], ['DECLINED', 2], ['HIRED', 1]]),
        note: rng.chance(0.4) ? rng.pick(notes) : null,
      });
    }
  }

  // School Assist: each school links to 0–3 of its 5 nearest shops in the same state.
  const links: SchoolAssistLink[] = [];
  for (const school of world.schools) {
    const at = place(school.zip);
    const nearest = world.shops
      .filter((s) => s.stateCode === school.stateCode)
      .map((s) => ({ shop: s, miles: distanceMiles(at, place(s.zip)) }))
      .sort((a, b) => a.miles - b.miles || (a.shop.id < b.shop.id ? -1 : 1))
      .slice(0, 5);
    const k = rng.weighted([[0, 2], [1, 3], [2, 3], [3, 2]]);
    for (const { shop } of rng.sample(nearest, k)) {
      links.push({
        id: `sal-${pad(links.length + 1, 6)}`,
        schoolId: school.id,
        shopId: shop.id,
        since: addDays(today, -rng.int(30, 1500)),
        annualFeeUsd: rng.weighted([[SCHOOL_ASSIST_MIN_ANNUAL_FEE_USD, 5], [1000, 3], [1500, 2], [2500, 1]]),
      });
    }
  }

  // Pay reports: one per experienced technician or employer in the world, anonymous…
  const reports: PayReport[] = [];
  const addReport = (industry: Discipline, shopType: ShopType, zip: string, years: number, tier: CredentialTier) => {
    const z = place(zip);
    reports.push({
      id: `pay-${pad(reports.length + 1, 6)}`,
      industry,
      shopType,
      zip: z.zip,
      lat: z.lat,
      lon: z.lon,
      stateCode: z.stateCode,
      yearsExperience: years,
      credentialTier: tier,
      hourlyUsd: reportedHourly(rng, industry, shopType, years, tier),
      reportedOn: addDays(today, -rng.int(0, 720)),
    });
  };
  for (const person of world.people) {
    const works = person.roles.includes('TECHNICIAN') || person.roles.includes('EMPLOYER');
    const shop = person.shopId ? shopById.get(person.shopId) : undefined;
    if (!works || !shop || person.experienceYears < 1) continue;
    addReport(shop.industry, shop.type, person.homeZip, person.experienceYears, tierForYears(rng, person.experienceYears));
  }
  // …plus synthetic anonymous reports around every city, in every line of work.
  const zipsByCity = new Map<string, string[]>();
  for (const z of world.zips) zipsByCity.set(`${z.stateCode}:${z.city}`, [...(zipsByCity.get(`${z.stateCode}:${z.city}`) ?? []), z.zip]);
  const perCityScale = Math.max(1, world.scale);
  for (const cityZips of zipsByCity.values()) {
    for (const industry of ['COLLISION', 'AUTOMOTIVE', 'DIESEL'] as const) {
      const count = Math.round(rng.int(SYNTHETIC_PER_CITY.min, SYNTHETIC_PER_CITY.max) * perCityScale);
      for (let k = 0; k < count; k++) {
        const years = Math.max(0, Math.min(45, Math.round(rng.normal(9, 7))));
        addReport(industry, shopTypeFor(rng, industry), rng.pick(cityZips), years, tierForYears(rng, years));
      }
    }
  }

  await db.transaction(async (manager) => {
    await insertInChunks(manager, ZipLocation, zipRows);
    await insertInChunks(manager, JobPost, jobs);
    await insertInChunks(manager, JobApplication, applications);
    await insertInChunks(manager, SchoolAssistLink, links);
    await insertInChunks(manager, PayReport, reports);
    await insertInChunks(manager, CollisionCareersJob, ccJobs);
  });

  return {
    counts: {
      zip_location: zipRows.length,
      job_post: jobs.length,
      job_application: applications.length,
      school_assist_link: links.length,
      pay_report: reports.length,
      collision_careers_job: ccJobs.length,
    },
  };
}
