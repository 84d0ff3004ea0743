import { InitialAse1767225600000 } from './1767225600000-InitialAse.ts';
import { DataRevisions1796515200000 } from './1796515200000-DataRevisions.ts';

/** The ase subgraph's migrations, oldest first (`npm run migrate` applies the pending ones). */
export const migrations = [InitialAse1767225600000, DataRevisions1796515200000];
