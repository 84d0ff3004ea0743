import { goldClass } from '../rules/goldClass.ts';
import type { Ctx } from './context.ts';

/** A Shop reference; technicianIds and industry arrive from the directory through @requires. */
interface ShopRef {
  id: string;
  technicianIds?: string[];
  industry?: string;
}

export const Shop = {
  __resolveReference: (ref: ShopRef) => ref,

  /**
   * Every shop of a page asks the same loader, so all their technicians' completed courses come
   * back in one statement (plus the catalogue's revision once per request).
   */
  icarGoldClass: async (shop: ShopRef, _args: unknown, { loaders, clock }: Ctx) => {
    if (!shop.technicianIds || !shop.industry) throw new Error('Shop.icarGoldClass resolved without its required technicianIds and industry');
    const today = clock.today();
    if (shop.industry !== 'COLLISION') return goldClass(shop.industry, [], [], today);
    const [catalogue, byTechnician] = await Promise.all([loaders.catalogue(), loaders.completionsByPerson.loadMany(shop.technicianIds)]);
    const technicians = byTechnician.map((rows) => {
      if (rows instanceof Error) throw rows;
      return rows;
    });
    return goldClass(shop.industry, technicians, catalogue, today);
  },
};
