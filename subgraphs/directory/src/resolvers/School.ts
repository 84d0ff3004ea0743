import type { Context } from '../context.ts';
import type { School as SchoolRow } from '../entities/School.ts';

export const School = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.schoolById.load(ref.id),
  state: (s: SchoolRow, _: unknown, ctx: Context) => ctx.loaders.stateByCode.load(s.stateCode),
  programs: (s: SchoolRow, _: unknown, ctx: Context) => ctx.loaders.programsBySchool.load(s.id),
};
