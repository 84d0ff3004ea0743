import { SignJWT } from 'jose';
import { ROLES, type Role } from '@talent-graph/platform/core';

/**
 * Development tokens (`npm run token`): HS256, signed with the gateway's development secret, with
 * the same claims a production identity provider issues. Never used in production: the gateway
 * refuses the development secret when NODE_ENV=production, and so does `npm run token`.
 */
export interface TokenRequest {
  sub: string;
  roles: Role[];
  partner?: string;
  schoolId?: string;
  shopId?: string;
  wards?: string[];
  scopes?: string[];
  /** Lifetime in seconds. */
  ttlSeconds: number;
}

export const PARTNERS = ['ase', 'icar', 'cref', 'wrenchway'] as const;

/** Parses a lifetime like 900, 15m, 12h or 7d into seconds. */
export function parseTtl(raw: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(raw.trim());
  if (!match) throw new Error(`--ttl must look like 900, 15m, 12h or 7d, got "${raw}"`);
  const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (seconds < 1 || seconds > 30 * 86400) throw new Error('--ttl must be between 1 second and 30 days');
  return seconds;
}

export function validateTokenRequest(request: TokenRequest): void {
  for (const role of request.roles) if (!(ROLES as readonly string[]).includes(role)) throw new Error(`unknown role "${role}" (known: ${ROLES.join(', ')})`);
  if (request.roles.includes('partner_admin') && !(PARTNERS as readonly string[]).includes(request.partner ?? '')) {
    throw new Error(`a partner_admin needs --partner (one of ${PARTNERS.join(', ')})`);
  }
  if (!request.sub) throw new Error('--sub is required (the person id, e.g. per-01811)');
}

export async function mintToken(request: TokenRequest, signing: { secret: string; issuer: string; audience: string }, now = new Date()): Promise<string> {
  validateTokenRequest(request);
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = { roles: request.roles };
  if (request.partner) claims.partner = request.partner;
  if (request.schoolId) claims.school_id = request.schoolId;
  if (request.shopId) claims.shop_id = request.shopId;
  if (request.wards?.length) claims.wards = request.wards;
  if (request.scopes?.length) claims.scope = request.scopes.join(' ');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(signing.issuer)
    .setAudience(signing.audience)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + request.ttlSeconds)
    .sign(new TextEncoder().encode(signing.secret));
}
