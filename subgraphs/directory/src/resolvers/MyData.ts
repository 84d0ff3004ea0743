import { forbidden, hasRole, notFound, unauthenticated, type DataRecord } from '@talent-graph/platform';
import type { Context } from '../context.ts';

/**
 * Subject access: `myData` names whose records to list (the caller by default); each subgraph then
 * lists what it keeps about that person on the `MyData` entity. Who may ask is decided here, once,
 * with the guardianship table (a token's `wards` is only a hint): the person, a guardian of a minor,
 * or support staff. The other subgraphs check the caller again on their own fields.
 */
export async function resolveMyData(ctx: Context, personId: string | null | undefined): Promise<{ personId: string }> {
  const sub = ctx.caller.sub;
  if (!sub) throw unauthenticated('Sign in to see your data');
  const id = personId ?? sub;
  const person = await ctx.loaders.personById.load(id);
  if (id !== sub && !hasRole(ctx.caller, 'support')) {
    const guardians = person ? await ctx.loaders.guardiansByWard.load(id) : [];
    // A stranger learns nothing, not even whether the person exists.
    if (!guardians.some((g) => g.guardianId === sub)) throw forbidden('You may see only your own data, or a minor’s in your care');
  }
  if (!person) throw notFound('Person', id);
  return { personId: id };
}

export const MyData = {
  __resolveReference: (ref: { personId: string }) => ref,
  directory: async ({ personId }: { personId: string }, _: unknown, ctx: Context): Promise<DataRecord[]> => {
    const [person, guardians, wards, employments, consents, events, credentials] = await Promise.all([
      ctx.loaders.personById.load(personId),
      ctx.loaders.guardiansByWard.load(personId),
      ctx.loaders.wardsByGuardian.load(personId),
      ctx.loaders.employmentsByPerson.load(personId),
      ctx.loaders.consentsByPerson.load(personId),
      ctx.loaders.consentEventsByPerson.load(personId),
      ctx.loaders.credentialsByPerson.load(personId),
    ]);
    if (!person) return [];
    const record = (kind: string, id: string, summary: string, recordedAt: string | null = null): DataRecord => ({ subgraph: 'directory', kind, id, summary, recordedAt });
    return [
      record('Person', person.id, `Profile: ${person.givenName} ${person.familyName}, born ${person.birthDate}, ${person.email}${person.phone ? `, ${person.phone}` : ''}, ZIP ${person.homeZip}`, person.createdOn),
      ...guardians.map((g) => record('Guardianship', `${g.guardianId}:${g.wardId}`, `Guardian: ${g.guardianId}`)),
      ...wards.map((g) => record('Guardianship', `${g.guardianId}:${g.wardId}`, `Guardian of: ${g.wardId}`)),
      ...employments.map((e) => record('Employment', `${e.personId}:${e.shopId}`, `Works at shop ${e.shopId}`, e.since)),
      ...consents.map((c) => record('Consent', `${c.personId}:${c.purpose}`, `${c.purpose}: ${c.granted ? 'granted' : 'withdrawn'}`, c.updatedAt)),
      ...events.map((e) => record('ConsentEvent', e.id, `${e.purpose} ${e.action} by ${e.actorId}`, e.at)),
      ...credentials.map((c) => record('Credential', c.id, `${c.title} (${c.issuer}), earned ${c.earnedOn}`, c.earnedOn)),
    ];
  },
};
