import { InitialAse1767225600000 } from './1767225600000-InitialAse.ts';

/** The ase subgraph's migrations, oldest first (`npm run migrate` applies the pending ones). */
export const migrations = [InitialAse1767225600000];
