import { ERASED_ID, forbidden, paginate, type PageArgs } from '@talent-graph/platform';
import type { Apprenticeship as ApprenticeshipRow } from '../entities/Apprenticeship.ts';
import { ApprenticeshipHourLog } from '../entities/ApprenticeshipHourLog.ts';
import { canSeeApprenticeship } from '../rules/access.ts';
import { percentComplete } from '../rules/apprenticeship.ts';
import { personRef, shopRef, type Ctx } from './context.ts';

/** Loads an apprenticeship the caller may see: null when it does not exist, FORBIDDEN when not theirs. */
export async function visibleApprenticeship(id: string, { loaders, caller }: Ctx): Promise<ApprenticeshipRow | null> {
  const row = await loaders.apprenticeshipById.load(id);
  if (row && !canSeeApprenticeship(caller, row)) throw forbidden('Only the apprentice, the mentor, guardians, I-CAR admins and support may see an apprenticeship');
  return row;
}

export const Apprenticeship = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => visibleApprenticeship(ref.id, ctx),
  apprentice: (row: ApprenticeshipRow) => personRef(row.apprenticeId),
  // An erased mentor's id was replaced by ERASED_ID (erasure.ts): no person to reference, and
  // the directory would answer null for it anyway; mentorErased says why it is null.
  mentor: (row: ApprenticeshipRow) => (row.mentorId === ERASED_ID ? null : personRef(row.mentorId)),
  mentorErased: (row: ApprenticeshipRow) => row.mentorId === ERASED_ID,
  shop: (row: ApprenticeshipRow) => shopRef(row.shopId),
  occupation: (row: ApprenticeshipRow) => ({ __typename: 'Occupation', socCode: row.socCode }),
  hoursLogged: async (row: ApprenticeshipRow, _args: unknown, { loaders }: Ctx) => (await loaders.hoursLoggedByApprenticeship.load(row.id))?.total ?? 0,
  percentComplete: async (row: ApprenticeshipRow, _args: unknown, { loaders }: Ctx) =>
    percentComplete((await loaders.hoursLoggedByApprenticeship.load(row.id))?.total ?? 0, row.requiredHours),
  /** Newest day first; keyset pages on (workedOn, id). */
  hourLogs: (row: ApprenticeshipRow, args: PageArgs, { db }: Ctx) =>
    paginate(
      db.getRepository(ApprenticeshipHourLog).createQueryBuilder('log').where('log.apprenticeshipId = :id', { id: row.id }),
      args,
      { column: 'log.workedOn', property: 'workedOn', direction: 'DESC' },
      'log.id',
    ),
};

export const ApprenticeshipHourLogResolvers = {
  hours: (log: ApprenticeshipHourLog) => Number(log.hours),
  confirmedBy: (log: ApprenticeshipHourLog) => (log.confirmedBy && log.confirmedBy !== ERASED_ID ? personRef(log.confirmedBy) : null),
  confirmedByErased: (log: ApprenticeshipHourLog) => log.confirmedBy === ERASED_ID,
};
