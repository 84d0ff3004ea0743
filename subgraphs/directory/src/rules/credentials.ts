/** Whether a wallet credential is in force on a day. */
export type CredentialStatus = 'CURRENT' | 'EXPIRED';

/**
 * CURRENT until its expiry date; EXPIRED from the expiry date on ("the date it lapses"). A
 * credential without an expiry date is always CURRENT. Dates are ISO strings, so they compare as text.
 */
export function credentialStatus(expiresOn: string | null, today: string): CredentialStatus {
  return expiresOn === null || today < expiresOn ? 'CURRENT' : 'EXPIRED';
}

/** Wallet order: newest earned first; ties by id, descending, so the order is total. */
export function compareNewestFirst(a: { earnedOn: string; id: string }, b: { earnedOn: string; id: string }): number {
  if (a.earnedOn !== b.earnedOn) return a.earnedOn < b.earnedOn ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
