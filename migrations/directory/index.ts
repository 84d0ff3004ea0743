import { InitialDirectory1764028800000 } from './1764028800000-InitialDirectory.ts';
import { ErasureRequests1764633600000 } from './1764633600000-ErasureRequests.ts';
import { IdempotencyKeys1767312000000 } from './1767312000000-IdempotencyKeys.ts';

/** The directory's migrations, oldest first. */
export const migrations = [InitialDirectory1764028800000, ErasureRequests1764633600000, IdempotencyKeys1767312000000];
