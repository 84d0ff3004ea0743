import type { Context } from '../context.ts';
import type { ConsentEvent as ConsentEventRow } from '../entities/ConsentEvent.ts';

export const ConsentEvent = {
  actor: (e: ConsentEventRow, _: unknown, ctx: Context) => ctx.loaders.personById.load(e.actorId),
};
