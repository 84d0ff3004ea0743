import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, ERASED_ID, ROLES, type Caller, type Role } from '@talent-graph/platform/core';

/**
 * Authentication at the gateway: a JWT in `Authorization: Bearer …`, verified before anything
 * else happens. HS256 with a shared secret in development; RS256/ES256 keys from a JWKS URL (keys
 * cached, a new `kid` fetched on first sight, so keys rotate without a restart) or a JWKS file in
 * production. `exp`, `nbf`, `iss` and `aud` are always checked. No header means anonymous.
 */
export type AuthKeys = { kind: 'secret'; secret: string } | { kind: 'jwks-url'; url: string } | { kind: 'jwks-file'; path: string };

export interface AuthOptions {
  keys: AuthKeys;
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on exp/nbf. */
  clockToleranceSeconds?: number;
  /**
   * After fetching the JWKS, how long before an unknown kid may trigger another fetch (so random
   * kids cannot make the gateway hammer the identity provider). Default 5 s.
   */
  jwksCooldownMs?: number;
}

/** A token was presented and is not acceptable; the message says why (never echoes the token). */
export class AuthenticationError extends Error {}

export const DEV_JWT_SECRET = 'talent-graph-development-secret-not-for-production';
const ASYMMETRIC = ['RS256', 'ES256'];

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Caller>;
}

function keyResolver(keys: AuthKeys, cooldownMs: number): { key: Uint8Array | JWTVerifyGetKey; algorithms: string[] } {
  switch (keys.kind) {
    case 'secret':
      return { key: new TextEncoder().encode(keys.secret), algorithms: ['HS256'] };
    case 'jwks-url':
      return { key: createRemoteJWKSet(new URL(keys.url), { cacheMaxAge: 10 * 60_000, cooldownDuration: cooldownMs, timeoutDuration: 5_000 }), algorithms: ASYMMETRIC };
    case 'jwks-file': {
      // Re-read the file when a token names a kid it does not have: rotation by editing the file.
      let set = createLocalJWKSet(JSON.parse(readFileSync(keys.path, 'utf8')));
      const resolver: JWTVerifyGetKey = async (header, token) => {
        try {
          return await set(header, token);
        } catch (error) {
          if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
          set = createLocalJWKSet(JSON.parse(readFileSync(keys.path, 'utf8')));
          return set(header, token);
        }
      };
      return { key: resolver, algorithms: ASYMMETRIC };
    }
  }
}

/** Maps verified claims to the caller the subgraphs see. */
export function callerFromClaims(claims: JWTPayload): Caller {
  const rawRoles = Array.isArray(claims.roles) ? claims.roles : typeof claims.role === 'string' ? [claims.role] : [];
  const roles = rawRoles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  if (rawRoles.length !== roles.length) throw new AuthenticationError(`token names an unknown role (known: ${ROLES.join(', ')})`);
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  // Subgraphs put the literal 'erased' where an erased person's id was: nobody may be that person.
  if (claims.sub === ERASED_ID) throw new AuthenticationError('token subject is not a person');
  return {
    sub: str(claims.sub) ?? null,
    roles,
    partner: str(claims.partner),
    schoolId: str(claims.school_id),
    shopId: str(claims.shop_id),
    wards: Array.isArray(claims.wards) ? claims.wards.filter((w): w is string => typeof w === 'string') : undefined,
    scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
  };
}

function explain(error: unknown, options: AuthOptions): string {
  if (error instanceof errors.JWTExpired) return 'token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `token has no ${error.claim} claim`;
    switch (error.claim) {
      case 'nbf':
        return 'token is not valid yet (nbf is in the future)';
      case 'iss':
        return `token issuer is not ${options.issuer}`;
      case 'aud':
        return `token audience is not ${options.audience}`;
      default:
        return `token claim ${error.claim} is invalid`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not accepted';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token key (kid) is not known';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'signing keys could not be loaded; try again';
  if (error instanceof errors.JOSEError) return 'token is malformed';
  return 'token could not be verified';
}

/**
 * Refuses a token whose segments are not base64url exactly as an encoder writes them. The last
 * character of a segment may carry bits the decoder ignores (2 of the 6 in an HMAC-SHA256
 * signature's 43rd character), so several spellings decode to one signature: a token with its last
 * character changed could still verify. Each segment must re-encode to itself.
 */
function nonCanonical(token: string): string | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) return undefined; // jose names what is wrong with the shape
  const canonical = (segment: string) => Buffer.from(segment, 'base64url').toString('base64url') === segment;
  if (!canonical(segments[0]!) || !canonical(segments[1]!)) return 'token is malformed';
  if (!canonical(segments[2]!)) return 'token signature is invalid';
  return undefined;
}

export function createAuthenticator(options: AuthOptions): Authenticator {
  const { key, algorithms } = keyResolver(options.keys, options.jwksCooldownMs ?? 5_000);
  return {
    async authenticate(authorization) {
      if (authorization === undefined || authorization === '') return ANONYMOUS;
      const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization.trim());
      if (!match) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
      const refused = nonCanonical(match[1]!);
      if (refused) throw new AuthenticationError(refused);
      let claims: JWTPayload;
      try {
        const verified =
          typeof key === 'function'
            ? await jwtVerify(match[1]!, key, { algorithms, issuer: options.issuer, audience: options.audience, clockTolerance: options.clockToleranceSeconds ?? 30, requiredClaims: ['exp', 'sub'] })
            : await jwtVerify(match[1]!, key, { algorithms, issuer: options.issuer, audience: options.audience, clockTolerance: options.clockToleranceSeconds ?? 30, requiredClaims: ['exp', 'sub'] });
        claims = verified.payload;
      } catch (error) {
        throw new AuthenticationError(explain(error, options));
      }
      return callerFromClaims(claims);
    },
  };
}
