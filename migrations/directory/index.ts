import { InitialDirectory1764028800000 } from './1764028800000-InitialDirectory.ts';

/** The directory's migrations, oldest first. */
export const migrations = [InitialDirectory1764028800000];
