import { goldClassOf } from '../rules/goldClass.ts';
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
   * back in one statement, one row per technician (plus the catalogue's revision once per request).
   */
  icarGoldClass: async (shop: ShopRef, _args: unknown, { loaders, clock }: Ctx) => {
    if (!shop.technicianIds || !shop.industry) throw new Error('Shop.icarGoldClass resolved without its required technicianIds and industry');
    const today = clock.today();
    if (shop.industry !== 'COLLISION') return goldClassOf(shop.industry, [], [], today);
    const [catalogue, byTechnician] = await Promise.all([loaders.catalogue(), loaders.completedCoursesByPerson.loadMany(shop.technicianIds)]);
    const technicians = byTechnician.map((training) => {
      if (training instanceof Error) throw training;
      return training;
    });
    return goldClassOf(shop.industry, technicians, catalogue, today);
  },
};
