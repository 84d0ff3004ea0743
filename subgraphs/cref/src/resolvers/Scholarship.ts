import type { Scholarship as ScholarshipRow } from '../entities/Scholarship.ts';
import { schoolRef } from './context.ts';

export const Scholarship = {
  school: (scholarship: ScholarshipRow) => schoolRef(scholarship.schoolId),
};
