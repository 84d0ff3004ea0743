import type { BenchmarkGrant as GrantRow } from '../entities/BenchmarkGrant.ts';
import { schoolRef } from './context.ts';

export const BenchmarkGrant = {
  school: (grant: GrantRow) => schoolRef(grant.schoolId),
};
