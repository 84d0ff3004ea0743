import { forbidden, inTransaction, isSelfOrGuardian, ERASED_ID, type ErasureOutcome, type ErasureReceiptRef } from '@talent-graph/platform';
import { In } from 'typeorm';
import { AcademyEnrollment } from '../entities/AcademyEnrollment.ts';
import { Apprenticeship } from '../entities/Apprenticeship.ts';
import { ApprenticeshipHourLog } from '../entities/ApprenticeshipHourLog.ts';
import { CourseEnrollment } from '../entities/CourseEnrollment.ts';
import { Credential } from '../entities/Credential.ts';
import type { Ctx } from './context.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Erasure: the directory records the request; the gateway then resolves `icar` on the receipt, in
 * the same request, which erases I-CAR's records about the person — exactly those MyData.icar lists:
 * - deleted (they concern only the person): course enrollments, Academy enrollments, ProLevel
 *   credentials, the apprenticeships where they are the apprentice and every day logged in them;
 * - anonymised (the apprentice's Registered Apprenticeship relies on them): the apprenticeships
 *   they mentor (mentor_id) and the days they confirmed as mentor in someone else's apprenticeship
 *   (confirmed_by, so the day still counts as confirmed). The id becomes the literal 'erased'.
 * One transaction; a second request finds nothing left and reports zeros.
 */
export const ErasureReceipt = {
  __resolveReference: (ref: ErasureReceiptRef) => ref,
  icar: async ({ personId }: ErasureReceiptRef, _args: unknown, { db, caller }: Ctx): Promise<ErasureOutcome> => {
    // The person or a guardian; support and admins may not erase. 'erased' is nobody.
    if (personId === ERASED_ID || !isSelfOrGuardian(caller, personId)) throw forbidden('You may erase only your own data, or a minor’s in your care');
    return inTransaction(db, async (manager) => {
      // As apprentice: the apprenticeship and all its days go (the logs first: they reference it).
      const own = (await manager.find(Apprenticeship, { select: { id: true }, where: { apprenticeId: personId } })).map((a) => a.id);
      let erased = 0;
      if (own.length > 0) erased += (await manager.delete(ApprenticeshipHourLog, { apprenticeshipId: In(own) })).affected ?? 0;
      erased += (await manager.delete(Apprenticeship, { apprenticeId: personId })).affected ?? 0;
      erased += (await manager.delete(CourseEnrollment, { personId })).affected ?? 0;
      erased += (await manager.delete(AcademyEnrollment, { personId })).affected ?? 0;
      erased += (await manager.delete(Credential, { personId })).affected ?? 0;

      // As mentor: the apprentice's record survives without the mentor's identity.
      const mentored = (await manager.update(Apprenticeship, { mentorId: personId }, { mentorId: ERASED_ID })).affected ?? 0;
      const confirmed = (await manager.update(ApprenticeshipHourLog, { confirmedBy: personId }, { confirmedBy: ERASED_ID })).affected ?? 0;

      const kept: string[] = [];
      if (mentored > 0) {
        kept.push(`${plural(mentored, 'apprenticeship', 'apprenticeships')} you mentored, with the mentor replaced by '${ERASED_ID}': the apprentice's Registered Apprenticeship record and hours depend on it`);
      }
      if (confirmed > 0) {
        kept.push(`${plural(confirmed, 'logged day', 'logged days')} you confirmed as mentor, with the confirmer replaced by '${ERASED_ID}': they still count as confirmed hours toward the apprentice's apprenticeship`);
      }
      return { subgraph: 'icar', erased, anonymised: mentored + confirmed, kept };
    });
  },
};
