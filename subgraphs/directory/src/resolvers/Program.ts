import type { Context } from '../context.ts';
import type { Program as ProgramRow } from '../entities/Program.ts';

export const Program = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.programById.load(ref.id),
  school: (p: ProgramRow, _: unknown, ctx: Context) => ctx.loaders.schoolById.load(p.schoolId),
};
