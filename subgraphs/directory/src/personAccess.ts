import { forbidden, hasRole } from '@talent-graph/platform';
import type { Context } from './context.ts';
import type { Person } from './entities/Person.ts';
import { isMinor, isUnderCoppaAge } from './rules/age.ts';
import { mayReadPrivate, mayViewPerson, type PersonFacts } from './rules/visibility.ts';

/**
 * Loads what the visibility rules need about a person, through the request's loaders (so a page
 * of people costs one statement per kind of fact, not one per person). Facts a decision cannot
 * depend on are not loaded: guardians only matter for a signed-in caller other than the person
 * while the person is a minor; PUBLIC_PROFILE only for an adult, and only when asked for.
 */
export async function personFacts(ctx: Context, person: Person, needPublicProfile = true): Promise<PersonFacts & { underCoppaAge: boolean }> {
  const today = ctx.clock.today();
  const minor = isMinor(person.birthDate, today);
  const sub = ctx.caller.sub;
  const guardianIds = sub !== null && sub !== person.id && minor ? (await ctx.loaders.guardiansByWard.load(person.id)).map((g) => g.guardianId) : [];
  const publicProfile = needPublicProfile && !minor && (await ctx.loaders.consentsByPerson.load(person.id)).some((c) => c.purpose === 'PUBLIC_PROFILE' && c.granted);
  return { personId: person.id, isMinor: minor, guardianIds, publicProfile, underCoppaAge: isUnderCoppaAge(person.birthDate, today) };
}

/** May the caller see this person at all (Query.person, Query.me, Query.credential)? */
export async function canViewPerson(ctx: Context, person: Person): Promise<boolean> {
  return mayViewPerson(ctx.caller, await personFacts(ctx, person));
}

/**
 * Guards a private field: resolves when the caller is the person, their guardian or support;
 * otherwise throws FORBIDDEN, which costs the caller that field only.
 */
export async function assertMayReadPrivate(ctx: Context, person: Person, field: string): Promise<void> {
  // Support and the person themself need no lookup.
  if (hasRole(ctx.caller, 'support') || ctx.caller.sub === person.id) return;
  if (mayReadPrivate(ctx.caller, await personFacts(ctx, person, false))) return;
  throw forbidden(`Only the person, their guardian or support may see ${field}`);
}
