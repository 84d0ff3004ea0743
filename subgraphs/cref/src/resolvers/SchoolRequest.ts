import type { SchoolRequest as RequestRow } from '../entities/SchoolRequest.ts';
import { schoolRef } from './context.ts';

export const SchoolRequest = {
  school: (request: RequestRow) => schoolRef(request.schoolId),
};
