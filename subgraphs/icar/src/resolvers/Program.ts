import type { Ctx } from './context.ts';

export const Program = {
  __resolveReference: (ref: { id: string }) => ref,
  icarAcademy: async (program: { id: string }, _args: unknown, { loaders }: Ctx) => (await loaders.academyProgramById.load(program.id)) !== null,
};
