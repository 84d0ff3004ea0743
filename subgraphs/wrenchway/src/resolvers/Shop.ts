import type { Context } from './context.ts';
import { pageRequest } from '../keyset.ts';

interface PageFieldArgs {
  openOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

/** The directory owns shops; WrenchWay adds their jobs and School Assist links. */
export const Shop = {
  __resolveReference: (ref: { id: string }) => ref,
  jobs: (shop: { id: string }, args: PageFieldArgs, ctx: Context) =>
    ctx.loaders.jobPagesByShop.load(JSON.stringify({ group: shop.id, industry: null, openOnly: args.openOnly ?? true, page: pageRequest(args) })),
  schoolAssistLinks: (shop: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.linksByShop.load(shop.id),
};
