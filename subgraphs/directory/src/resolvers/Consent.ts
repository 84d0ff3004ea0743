import type { Context } from '../context.ts';
import type { Consent as ConsentRow } from '../entities/Consent.ts';

export const Consent = {
  updatedBy: (c: ConsentRow, _: unknown, ctx: Context) => ctx.loaders.personById.load(c.updatedBy),
};
