import { bulkPageSizeFor, paginate, type PageArgs } from '@talent-graph/platform';
import type { Context } from './context.ts';
import { CollisionCareersJob } from '../entities/CollisionCareersJob.ts';
import { searchJobs } from '../jobSearch.ts';
import { technicianPay } from '../payTool.ts';
import type { JobFilterInput, PayQueryInput } from '../rules/inputs.ts';

export const Query = {
  // Analysts and partner admins may export up to BULK_MAX_PAGE_SIZE jobs per page.
  jobs: (_root: unknown, args: PageArgs & { filter?: JobFilterInput | null }, ctx: Context) => searchJobs(ctx.db, ctx.loaders, args.filter, args, bulkPageSizeFor(ctx.caller)),
  job: (_root: unknown, args: { id: string }, ctx: Context) => ctx.loaders.jobById.load(args.id),
  technicianPay: (_root: unknown, args: { query: PayQueryInput }, ctx: Context) => technicianPay(ctx.loaders, args.query),
  /**
   * Same order, filter and cursors as icar's field ([postedOn, id], newest first), because the
   * gateway moves this field from icar to WrenchWay progressively (@override percent(25)):
   * a client must not tell the two apart, even when paging across both.
   */
  collisionCareersJobs: (_root: unknown, args: PageArgs & { stateCode?: string | null }, ctx: Context) => {
    const qb = ctx.db.getRepository(CollisionCareersJob).createQueryBuilder('c');
    if (args.stateCode) qb.where('c.stateCode = :stateCode', { stateCode: args.stateCode });
    return paginate(qb, args, { column: 'c.postedOn', property: 'postedOn', direction: 'DESC' }, 'c.id');
  },
};
