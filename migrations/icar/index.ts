import { InitialIcar1767225600000 } from './1767225600000-InitialIcar.ts';
import { IdempotencyKeys1767312000000 } from './1767312000000-IdempotencyKeys.ts';
import { CourseRevision1796428800000 } from './1796428800000-CourseRevision.ts';
import { CompletedCoursesIndex1796515200000 } from './1796515200000-CompletedCoursesIndex.ts';

/** I-CAR's migrations, in order; `npm run migrate` applies them. */
export const migrations = [InitialIcar1767225600000, IdempotencyKeys1767312000000, CourseRevision1796428800000, CompletedCoursesIndex1796515200000];
