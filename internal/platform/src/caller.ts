/**
 * The caller identity the gateway forwards to every subgraph in the `x-talent-graph-caller`
 * header (base64url JSON). The gateway is the only place that decides who the caller is;
 * subgraphs apply row-level rules on it.
 */
export const CALLER_HEADER = 'x-talent-graph-caller';

export const ROLES = ['student', 'guardian', 'instructor', 'school_admin', 'employer', 'partner_admin', 'analyst', 'support'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  /** Person id of the caller; null when anonymous. */
  sub: string | null;
  roles: Role[];
  /** For partner_admin: which partner (ase, icar, cref, wrenchway). */
  partner?: string;
  /** For instructor and school_admin: their school. For employer: their shop. */
  schoolId?: string;
  shopId?: string;
  /** Person ids of the minors the caller is guardian of (from the token). */
  wards?: string[];
  scopes: string[];
}

/** What subgraphs write in place of an erased person's id; never a caller's identity. */
export const ERASED_ID = 'erased';

export const ANONYMOUS: Caller = Object.freeze({ sub: null, roles: [], scopes: [] }) as Caller;

export function encodeCaller(caller: Caller): string {
  return Buffer.from(JSON.stringify(caller)).toString('base64url');
}

/** Parses the header; anything malformed is treated as anonymous, never as a partial identity. */
export function decodeCaller(header: string | undefined | null): Caller {
  if (!header) return ANONYMOUS;
  try {
    const raw = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Partial<Caller>;
    const roles = Array.isArray(raw.roles) ? raw.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string)) : [];
    return {
      sub: typeof raw.sub === 'string' && raw.sub.length > 0 ? raw.sub : null,
      roles,
      partner: typeof raw.partner === 'string' ? raw.partner : undefined,
      schoolId: typeof raw.schoolId === 'string' ? raw.schoolId : undefined,
      shopId: typeof raw.shopId === 'string' ? raw.shopId : undefined,
      wards: Array.isArray(raw.wards) ? raw.wards.filter((w): w is string => typeof w === 'string') : undefined,
      scopes: Array.isArray(raw.scopes) ? raw.scopes.filter((s): s is string => typeof s === 'string') : [],
    };
  } catch {
    return ANONYMOUS;
  }
}

export const hasRole = (caller: Caller, role: Role): boolean => caller.roles.includes(role);
export const isPartnerAdmin = (caller: Caller, partner: string): boolean => hasRole(caller, 'partner_admin') && caller.partner === partner;

/** The caller is this person, or their guardian. */
export function isSelfOrGuardian(caller: Caller, personId: string): boolean {
  return caller.sub === personId || (caller.wards ?? []).includes(personId);
}

/**
 * May the caller read this person's private records (applications, enrollments, scores)? The
 * person, their guardian, support staff (read only) and the owning partner's admins.
 */
export function canReadPrivate(caller: Caller, personId: string, partner?: string): boolean {
  return isSelfOrGuardian(caller, personId) || hasRole(caller, 'support') || (partner !== undefined && isPartnerAdmin(caller, partner));
}
