import { paginate, type PageArgs } from '@talent-graph/platform';
import { CollisionCareersJob } from '../entities/CollisionCareersJob.ts';
import { Course } from '../entities/Course.ts';
import { visibleApprenticeship } from './Apprenticeship.ts';
import type { Ctx } from './context.ts';

interface CourseArgs extends PageArgs {
  role?: string | null;
  learningArea?: string | null;
  academy?: boolean | null;
}

export const Query = {
  /** The catalogue, filtered, by code. */
  icarCourses: (_root: unknown, args: CourseArgs, { db }: Ctx) => {
    const qb = db.getRepository(Course).createQueryBuilder('course');
    if (args.role) qb.andWhere('course.role = :role', { role: args.role });
    if (args.learningArea) qb.andWhere('course.learningArea = :area', { area: args.learningArea });
    if (args.academy != null) qb.andWhere('course.academy = :academy', { academy: args.academy });
    return paginate(qb, args, { column: 'course.code', property: 'code', direction: 'ASC' }, 'course.id');
  },

  apprenticeship: (_root: unknown, args: { id: string }, ctx: Ctx) => visibleApprenticeship(args.id, ctx),

  /** Newest first (postedOn, then id, descending), optionally in one state. */
  collisionCareersJobs: (_root: unknown, args: PageArgs & { stateCode?: string | null }, { db }: Ctx) => {
    const qb = db.getRepository(CollisionCareersJob).createQueryBuilder('job');
    if (args.stateCode) qb.andWhere('job.stateCode = :state', { state: args.stateCode });
    return paginate(qb, args, { column: 'job.postedOn', property: 'postedOn', direction: 'DESC' }, 'job.id');
  },
};
