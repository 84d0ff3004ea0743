import type { PageArgs } from '@talent-graph/platform';
import type { Context } from '../context.ts';
import { schoolConnection, shopConnection } from '../connections.ts';
import type { State as StateRow } from '../entities/State.ts';

export const State = {
  __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.stateByCode.load(ref.code),
  schools: (s: StateRow, args: { discipline?: string | null } & PageArgs, ctx: Context) => schoolConnection(ctx.db, { stateCode: s.code, discipline: args.discipline }, args),
  shops: (s: StateRow, args: { type?: string | null } & PageArgs, ctx: Context) => shopConnection(ctx.db, { stateCode: s.code, type: args.type }, args),
};
