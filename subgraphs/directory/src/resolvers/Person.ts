import { hasRole } from '@talent-graph/platform';
import type { Context } from '../context.ts';
import type { Person as PersonRow } from '../entities/Person.ts';
import { assertMayReadPrivate } from '../personAccess.ts';
import { ageBand, isMinor } from '../rules/age.ts';
import { credentialStatus } from '../rules/credentials.ts';
import { displayName } from '../rules/names.ts';
import { parseRoles } from '../rules/roles.ts';
import { hiddenFromEmployer } from '../rules/visibility.ts';

/** Loads people by id, dropping ids whose row is gone (never the case with foreign keys). */
async function people(ctx: Context, ids: string[]): Promise<PersonRow[]> {
  const rows = await ctx.loaders.personById.loadMany(ids);
  return rows.filter((p): p is PersonRow => p !== null && !(p instanceof Error));
}

/**
 * A person as a reference from another subgraph resolves for this caller: null when unknown, and
 * for an employer null when a minor without a guardian's EMPLOYER_VISIBILITY consent. Every path
 * to a person from elsewhere goes through here (references, an employer's applicant list).
 */
export async function personFor(id: string, ctx: Context): Promise<PersonRow | null> {
  const person = await ctx.loaders.personById.load(id);
  if (!person || !hasRole(ctx.caller, 'employer') || !isMinor(person.birthDate, ctx.clock.today())) return person;
  const [consents, guardians] = await Promise.all([ctx.loaders.consentsByPerson.load(person.id), ctx.loaders.guardiansByWard.load(person.id)]);
  const employerVisibility = consents.some((c) => c.purpose === 'EMPLOYER_VISIBILITY' && c.granted);
  return hiddenFromEmployer(ctx.caller, { personId: person.id, isMinor: true, employerVisibility, guardianIds: guardians.map((g) => g.guardianId) }) ? null : person;
}

export const Person = {
  /**
   * Other subgraphs' references are already scoped by them, so a reference resolves without the
   * visibility check of `Query.person` (private fields keep their own check) — except that a
   * minor without a guardian's EMPLOYER_VISIBILITY consent never resolves for an employer, on any
   * path (rules/visibility.ts). Consent is read per request: a withdrawal holds on the next one.
   */
  __resolveReference: (ref: { id: string }, ctx: Context) => personFor(ref.id, ctx),
  displayName: (p: PersonRow) => displayName(p.givenName, p.familyName),
  givenName: async (p: PersonRow, _: unknown, ctx: Context) => {
    await assertMayReadPrivate(ctx, p, 'the given name');
    return p.givenName;
  },
  familyName: async (p: PersonRow, _: unknown, ctx: Context) => {
    await assertMayReadPrivate(ctx, p, 'the family name');
    return p.familyName;
  },
  contact: async (p: PersonRow, _: unknown, ctx: Context) => {
    await assertMayReadPrivate(ctx, p, 'contact details');
    return { email: p.email, phone: p.phone };
  },
  ageBand: (p: PersonRow, _: unknown, ctx: Context) => ageBand(p.birthDate, ctx.clock.today()),
  isMinor: (p: PersonRow, _: unknown, ctx: Context) => isMinor(p.birthDate, ctx.clock.today()),
  homeState: (p: PersonRow, _: unknown, ctx: Context) => ctx.loaders.stateByCode.load(p.stateCode),
  roles: (p: PersonRow) => parseRoles(p.roles),
  school: (p: PersonRow, _: unknown, ctx: Context) => (p.schoolId ? ctx.loaders.schoolById.load(p.schoolId) : null),
  program: (p: PersonRow, _: unknown, ctx: Context) => (p.programId ? ctx.loaders.programById.load(p.programId) : null),
  employer: (p: PersonRow, _: unknown, ctx: Context) => (p.shopId ? ctx.loaders.shopById.load(p.shopId) : null),
  /** Guardian rights end at 18: an adult has no guardians listed. */
  guardians: async (p: PersonRow, _: unknown, ctx: Context) => {
    await assertMayReadPrivate(ctx, p, 'guardians');
    if (!isMinor(p.birthDate, ctx.clock.today())) return [];
    return people(ctx, (await ctx.loaders.guardiansByWard.load(p.id)).map((g) => g.guardianId));
  },
  /** Only wards who are still minors. */
  wards: async (p: PersonRow, _: unknown, ctx: Context) => {
    await assertMayReadPrivate(ctx, p, 'wards');
    const today = ctx.clock.today();
    const wards = await people(ctx, (await ctx.loaders.wardsByGuardian.load(p.id)).map((g) => g.wardId));
    return wards.filter((w) => isMinor(w.birthDate, today));
  },
  consents: async (p: PersonRow, _: unknown, ctx: Context) => {
    await assertMayReadPrivate(ctx, p, 'consents');
    return ctx.loaders.consentsByPerson.load(p.id);
  },
  consentHistory: async (p: PersonRow, _: unknown, ctx: Context) => {
    await assertMayReadPrivate(ctx, p, 'the consent history');
    return ctx.loaders.consentEventsByPerson.load(p.id);
  },
  credentials: async (p: PersonRow, args: { includeExpired?: boolean | null }, ctx: Context) => {
    const wallet = await ctx.loaders.credentialsByPerson.load(p.id);
    if (args.includeExpired !== false) return wallet;
    const today = ctx.clock.today();
    return wallet.filter((c) => credentialStatus(c.expiresOn, today) === 'CURRENT');
  },
};
