import { InitialCref1764043200400 } from './1764043200400-InitialCref.ts';
import { IdempotencyKeys1767312000000 } from './1767312000000-IdempotencyKeys.ts';
import { Indexes1795564800000 } from './1795564800000-Indexes.ts';
import { DataRevisions1796270400000 } from './1796270400000-DataRevisions.ts';

/** cref's migrations, in order; `npm run migrate` applies them. */
export const migrations = [InitialCref1764043200400, IdempotencyKeys1767312000000, Indexes1795564800000, DataRevisions1796270400000];
