import type { Context } from '../context.ts';
import type { Credential as CredentialRow } from '../entities/Credential.ts';
import { credentialStatus } from '../rules/credentials.ts';

/** The GraphQL type implementing Credential for each issuer. */
export const TYPE_BY_ISSUER: Record<string, string> = { ASE: 'AseCertification', ICAR: 'ICarCredential' };

/** Fields every wallet credential computes the same way, whatever its issuer. */
const walletFields = {
  status: (c: CredentialRow, _: unknown, ctx: Context) => credentialStatus(c.expiresOn, ctx.clock.today()),
  /** Credentials are public, so is their holder reference (the holder's private fields keep their check). */
  holder: (c: CredentialRow, _: unknown, ctx: Context) => ctx.loaders.personById.load(c.personId),
};

/** Resolves a reference of one implementing type: an id of another issuer is not that type. */
const referenceOf = (issuer: string) => async (ref: { id: string }, ctx: Context) => {
  const credential = await ctx.loaders.credentialById.load(ref.id);
  return credential && credential.issuer === issuer ? credential : null;
};

export const Credential = {
  __resolveType: (c: CredentialRow) => TYPE_BY_ISSUER[c.issuer] ?? null,
  __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.credentialById.load(ref.id),
};

export const AseCertification = { __resolveReference: referenceOf('ASE'), ...walletFields };

export const ICarCredential = { __resolveReference: referenceOf('ICAR'), ...walletFields };
