/**
 * Events issuers send to the directory's credential wallet. An issuer never writes another
 * subgraph's tables: ase and icar emit CredentialIssued, and the directory records it.
 * Today the seed delivers them (scripts/seed.ts passes ase's and icar's events to the
 * directory's seed); a runtime relay will deliver them the same way.
 */
export interface CredentialIssued {
  /** Issuer's record id, also the wallet id (e.g. ase-cert-000123). */
  id: string;
  personId: string;
  issuer: 'ASE' | 'ICAR';
  title: string;
  earnedOn: string;
  /** null when the credential does not expire. */
  expiresOn: string | null;
}

/** What a subgraph's seed returns. */
export interface SeedResult {
  /** Rows written, by table, for the seed's summary line. */
  counts: Record<string, number>;
  /** Credentials issued, for the directory's wallet. */
  credentialEvents?: CredentialIssued[];
}
