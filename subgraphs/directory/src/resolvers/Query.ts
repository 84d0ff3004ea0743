import type { PageArgs } from '@talent-graph/platform';
import type { Context } from '../context.ts';
import { normalizeStateCode, schoolConnection, shopConnection } from '../connections.ts';
import { State } from '../entities/State.ts';
import { canViewPerson } from '../personAccess.ts';
import { resolveMyData } from './MyData.ts';
import type { Person } from '../entities/Person.ts';
import type { Credential } from '../entities/Credential.ts';

/** A person when visible to the caller (rules/visibility.ts), else null: hidden looks like absent. */
async function visiblePerson(ctx: Context, id: string): Promise<Person | null> {
  const person = await ctx.loaders.personById.load(id);
  return person && (await canViewPerson(ctx, person)) ? person : null;
}

export const Query = {
  person: (_: unknown, args: { id: string }, ctx: Context) => visiblePerson(ctx, args.id),
  myData: (_: unknown, args: { personId?: string | null }, ctx: Context) => resolveMyData(ctx, args.personId),
  me: (_: unknown, _args: unknown, ctx: Context) => (ctx.caller.sub === null ? null : visiblePerson(ctx, ctx.caller.sub)),
  school: (_: unknown, args: { id: string }, ctx: Context) => ctx.loaders.schoolById.load(args.id),
  schools: (_: unknown, args: { stateCode?: string | null; discipline?: string | null } & PageArgs, ctx: Context) =>
    schoolConnection(ctx.db, { stateCode: normalizeStateCode(args.stateCode), discipline: args.discipline }, args),
  program: (_: unknown, args: { id: string }, ctx: Context) => ctx.loaders.programById.load(args.id),
  shop: (_: unknown, args: { id: string }, ctx: Context) => ctx.loaders.shopById.load(args.id),
  shops: (_: unknown, args: { stateCode?: string | null; type?: string | null } & PageArgs, ctx: Context) =>
    shopConnection(ctx.db, { stateCode: normalizeStateCode(args.stateCode), type: args.type }, args),
  state: (_: unknown, args: { code: string }, ctx: Context) => ctx.loaders.stateByCode.load(normalizeStateCode(args.code) ?? ''),
  states: (_: unknown, _args: unknown, ctx: Context) => ctx.db.getRepository(State).find({ order: { code: 'ASC' } }),
  occupation: (_: unknown, args: { socCode: string }, ctx: Context) => ctx.loaders.occupationBySocCode.load(args.socCode.trim()),
  /** A credential follows its holder: visible exactly when `person(holder)` would be. */
  credential: async (_: unknown, args: { id: string }, ctx: Context): Promise<Credential | null> => {
    const credential = await ctx.loaders.credentialById.load(args.id);
    if (!credential) return null;
    return (await visiblePerson(ctx, credential.personId)) ? credential : null;
  },
};
