import type { IncomingMessage } from 'node:http';
import { ANONYMOUS, ERASED_ID, ROLES, type Caller, type Role } from '@talent-graph/platform/core';

/**
 * Who is calling. Until JWT authentication lands (the security issue), development callers are
 * named with x-dev-* headers; the gateway refuses them in production (config.ts), so a
 * production caller is anonymous unless authenticated.
 *
 *   x-dev-user: per-00042          the person id (sub)
 *   x-dev-roles: student,guardian  roles
 *   x-dev-school / x-dev-shop / x-dev-partner / x-dev-wards (comma-separated person ids)
 */
export class IdentityError extends Error {}

export function callerFromDevHeaders(req: IncomingMessage): Caller {
  const header = (name: string): string | undefined => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const sub = header('x-dev-user');
  const rolesRaw = header('x-dev-roles');
  if (!sub && !rolesRaw) return ANONYMOUS;
  if (sub === ERASED_ID) throw new IdentityError('x-dev-user: not a person');
  const roles = (rolesRaw ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  for (const role of roles) {
    if (!(ROLES as readonly string[]).includes(role)) throw new IdentityError(`x-dev-roles: unknown role "${role}" (known: ${ROLES.join(', ')})`);
  }
  const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  return {
    sub: sub ?? null,
    roles: roles as Role[],
    schoolId: header('x-dev-school'),
    shopId: header('x-dev-shop'),
    partner: header('x-dev-partner'),
    wards: list(header('x-dev-wards')),
    scopes: [],
  };
}
