import type { Context } from '../context.ts';
import type { Shop as ShopRow } from '../entities/Shop.ts';

export const Shop = {
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.shopById.load(ref.id),
  state: (s: ShopRow, _: unknown, ctx: Context) => ctx.loaders.stateByCode.load(s.stateCode),
  /** People employed at the shop as technicians or apprentices, by id (ase and icar @require it). */
  technicianIds: (s: ShopRow, _: unknown, ctx: Context) => ctx.loaders.technicianIdsByShop.load(s.id),
  technicianCount: async (s: ShopRow, _: unknown, ctx: Context) => (await ctx.loaders.technicianIdsByShop.load(s.id)).length,
};
