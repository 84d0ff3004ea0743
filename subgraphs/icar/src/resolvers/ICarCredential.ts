import type { Ctx } from './context.ts';

/** Public: credentials are in the wallet for anyone to verify; the directory adds title and dates. */
export const ICarCredential = {
  __resolveReference: (ref: { id: string }, { loaders }: Ctx) => loaders.credentialById.load(ref.id),
};
