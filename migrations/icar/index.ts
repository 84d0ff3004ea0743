import { InitialIcar1767225600000 } from './1767225600000-InitialIcar.ts';

/** I-CAR's migrations, in order; `npm run migrate` applies them. */
export const migrations = [InitialIcar1767225600000];
