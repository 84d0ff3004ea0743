import { canReadPrivate, forbidden, isSelfOrGuardian, type DataRecord } from '@talent-graph/platform';
import type { Context } from './context.ts';

/**
 * Subject access: the directory owns MyData and decides who may ask; WrenchWay adds what it keeps
 * about the person — their job applications. Pay Tool reports are anonymous (no person id is
 * stored), so there is nothing of theirs to list there.
 */
export const MyData = {
  __resolveReference: (ref: { personId: string }) => ref,
  wrenchway: async ({ personId }: { personId: string }, _args: unknown, ctx: Context): Promise<DataRecord[]> => {
    // Defence in depth: the gateway only reaches here through myData, but check the caller again.
    if (!canReadPrivate(ctx.caller, personId, 'wrenchway') && !isSelfOrGuardian(ctx.caller, personId)) {
      throw forbidden('You may see only your own data, or a minor’s in your care');
    }
    const applications = await ctx.loaders.applicationsByPerson.load(personId);
    const jobs = await Promise.all(applications.map((a) => ctx.loaders.jobById.load(a.jobId)));
    return applications.map((a, i) => ({
      subgraph: 'wrenchway',
      kind: 'JobApplication',
      id: a.id,
      summary: `Applied to “${jobs[i]?.title ?? a.jobId}” at ${jobs[i]?.shopName ?? 'a shop'} (job ${a.jobId}), ${a.status}${a.note ? `, with a note` : ''}`,
      recordedAt: a.appliedOn,
    }));
  },
};
