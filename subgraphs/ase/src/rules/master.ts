import { MASTER_PROGRAMS, type MasterProgram } from './config.ts';
import { sortCodes } from './certification.ts';

export interface MasterStatus {
  program: MasterProgram;
  achieved: boolean;
  /** Required tests with no current certification (missing or expired), sorted. */
  missingTests: string[];
}

/** Progress toward every Master designation, in MASTER_PROGRAMS order (always one entry each). */
export function masterStatuses(currentCodes: Iterable<string>): MasterStatus[] {
  const held = new Set(currentCodes);
  return (Object.keys(MASTER_PROGRAMS) as MasterProgram[]).map((program) => {
    const missingTests = sortCodes(MASTER_PROGRAMS[program].filter((code) => !held.has(code)));
    return { program, achieved: missingTests.length === 0, missingTests };
  });
}
