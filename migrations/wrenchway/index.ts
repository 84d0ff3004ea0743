import { InitialWrenchway1764000000000 } from './1764000000000-InitialWrenchway.ts';
import { IdempotencyKeys1767312000000 } from './1767312000000-IdempotencyKeys.ts';
import { PayReportRevision1796256000000 } from './1796256000000-PayReportRevision.ts';
import { JobGeoIndex1796342400000 } from './1796342400000-JobGeoIndex.ts';
import { JobStateStatusIndex1796601600000 } from './1796601600000-JobStateStatusIndex.ts';

/** WrenchWay's migrations, oldest first. */
export const migrations = [InitialWrenchway1764000000000, IdempotencyKeys1767312000000, PayReportRevision1796256000000, JobGeoIndex1796342400000, JobStateStatusIndex1796601600000];
