import { InitialWrenchway1764000000000 } from './1764000000000-InitialWrenchway.ts';

/** WrenchWay's migrations, oldest first. */
export const migrations = [InitialWrenchway1764000000000];
