import type { Stack } from './stack.ts';

/**
 * Records made for one test, cloned from seeded ones with new ids and placed where no canonical
 * operation looks (state AZ, no school/shop the canonical queries read), so writes made by the
 * reliability tests never change what other test files assert. Entities are named by their class
 * name: the cross-subgraph tests reach subgraphs only through their public entry.
 */
export const FIXTURE_STATE = 'AZ';

async function clone(stack: Stack, subgraph: keyof Stack['dbs'], entity: string, fromId: string, overrides: Record<string, unknown>): Promise<void> {
  const repo = stack.dbs[subgraph].getRepository<Record<string, unknown>>(entity);
  const source = await repo.findOneByOrFail({ id: fromId });
  await repo.insert({ ...source, ...overrides });
}

/** A school in the fixture state (directory and CREF's copy); claims for it touch no canonical total. */
export async function fixtureSchool(stack: Stack, id: string): Promise<void> {
  const name = `Reliability test school ${id}`;
  await clone(stack, 'directory', 'School', 'sch-0001', { id, name, city: 'Phoenix', zip: '85004', stateCode: FIXTURE_STATE });
  await stack.dbs.cref.getRepository<Record<string, unknown>>('SchoolRef').insert({ id, name, stateCode: FIXTURE_STATE });
}

const offersMade = new Map<Stack, string[]>();
const jobsMade = new Map<Stack, string[]>();

/**
 * An open offer. The Donation Exchange lists and counts every open offer, so a test that makes
 * offers removes them (and their claims) in an `after` hook with removeFixtures.
 */
export async function fixtureOffer(stack: Stack, id: string, quantity: number, splittable = true): Promise<void> {
  await clone(stack, 'cref', 'DonationOffer', 'cref-offer-00001', { id, title: `Reliability test offer ${id}`, quantity, quantityClaimed: 0, splittable });
  offersMade.set(stack, [...(offersMade.get(stack) ?? []), id]);
}

/** Removes the offers and jobs the fixtures made on this stack (and their claims and applications). */
export async function removeFixtures(stack: Stack): Promise<void> {
  const offers = offersMade.get(stack) ?? [];
  const jobs = jobsMade.get(stack) ?? [];
  offersMade.delete(stack);
  jobsMade.delete(stack);
  if (offers.length > 0) {
    await stack.dbs.cref.createQueryBuilder().delete().from('DonationClaim').where('offer_id IN (:...ids)', { ids: offers }).execute();
    await stack.dbs.cref.createQueryBuilder().delete().from('DonationOffer').where('id IN (:...ids)', { ids: offers }).execute();
  }
  if (jobs.length > 0) {
    await stack.dbs.wrenchway.createQueryBuilder().delete().from('JobApplication').where('job_id IN (:...ids)', { ids: jobs }).execute();
    await stack.dbs.wrenchway.createQueryBuilder().delete().from('JobPost').where('id IN (:...ids)', { ids: jobs }).execute();
  }
}

/** An adult person (a copy of per-01811) attached to no school, program or shop. */
export async function fixturePerson(stack: Stack, id: string): Promise<void> {
  await clone(stack, 'directory', 'Person', 'per-01811', { id, email: `${id}@reliability.example`, stateCode: FIXTURE_STATE, schoolId: null, programId: null, shopId: null });
}

/** An open job far from every canonical job search (Phoenix, AZ), at a shop no canonical query reads. */
export async function fixtureJob(stack: Stack, id: string): Promise<void> {
  await clone(stack, 'wrenchway', 'JobPost', 'job-000006', { id, shopId: 'shp-rel-0001', status: 'OPEN', stateCode: FIXTURE_STATE, zip: '85004', city: 'Phoenix', lat: 33.45, lon: -112.07 });
  // Open jobs are counted by the analysts' export: removed by removeFixtures like the offers.
  jobsMade.set(stack, [...(jobsMade.get(stack) ?? []), id]);
}

export async function fixtureCourse(stack: Stack, id: string, code: string): Promise<void> {
  await clone(stack, 'icar', 'Course', 'icar-crs-REF01', { id, code });
}

/** An apprenticeship of `apprenticeId` at a shop no canonical query reads. */
export async function fixtureApprenticeship(stack: Stack, id: string, apprenticeId: string): Promise<void> {
  await clone(stack, 'icar', 'Apprenticeship', 'apr-0001', { id, apprenticeId, mentorId: 'per-rel-mentor', shopId: 'shp-rel-0001' });
}

/** Rows of `entity` matching `where`: what the tests count to prove something was written once. */
export function countRows(stack: Stack, subgraph: keyof Stack['dbs'], entity: string, where: Record<string, unknown>): Promise<number> {
  return stack.dbs[subgraph].getRepository<Record<string, unknown>>(entity).countBy(where as never);
}
