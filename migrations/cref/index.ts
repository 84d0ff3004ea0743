import { InitialCref1764043200400 } from './1764043200400-InitialCref.ts';

/** cref's migrations, in order; `npm run migrate` applies them. */
export const migrations = [InitialCref1764043200400];
