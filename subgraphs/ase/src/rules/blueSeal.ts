import { isSmallCell } from '@talent-graph/platform';
import { BLUE_SEAL_MIN_CERTIFIED_SHARE } from './config.ts';
import { isInForce, sortCodes } from './certification.ts';

export interface TechnicianCertifications {
  technicianId: string;
  certifications: readonly { testCode: string; entryLevel: boolean; earnedOn: string; expiresOn: string }[];
}

export interface BlueSealStatus {
  qualified: boolean;
  technicianCount: number;
  /** Null when withheld (certificationCountsSuppressed). */
  certifiedTechnicianCount: number | null;
  certifiedShare: number | null;
  certificationCountsSuppressed: boolean;
  serviceAreas: string[];
  uncoveredServiceAreas: string[];
}

/** A technician and the codes of the professional tests they hold a certification in force for. */
export interface TechnicianHeldCodes {
  technicianId: string;
  heldCodes: readonly string[];
}

/**
 * Blue Seal of Excellence. A technician counts as certified when holding at least one current
 * professional (not Entry-Level) certification. The shop qualifies when it has technicians, at
 * least BLUE_SEAL_MIN_CERTIFIED_SHARE of them are certified, and every service area it offers
 * (an ASE test code) is covered by a technician with that certification current.
 */
export function blueSealStatus(input: { technicians: readonly TechnicianCertifications[]; serviceAreas: readonly string[]; today: string }): BlueSealStatus {
  return blueSealStanding({
    technicians: input.technicians.map((tech) => ({
      technicianId: tech.technicianId,
      heldCodes: tech.certifications.filter((cert) => !cert.entryLevel && isInForce({ startOn: cert.earnedOn, expiresOn: cert.expiresOn }, input.today)).map((cert) => cert.testCode),
    })),
    serviceAreas: input.serviceAreas,
  });
}

/**
 * blueSealStatus once each technician's current professional certifications are known (the
 * ase loader works them out in SQL for a whole call).
 */
export function blueSealStanding(input: { technicians: readonly TechnicianHeldCodes[]; serviceAreas: readonly string[] }): BlueSealStatus {
  // A technician listed twice is still one person.
  const byId = new Map<string, Set<string>>();
  for (const tech of input.technicians) {
    const held = byId.get(tech.technicianId) ?? new Set<string>();
    for (const code of tech.heldCodes) held.add(code);
    byId.set(tech.technicianId, held);
  }
  const technicianCount = byId.size;
  let certifiedTechnicianCount = 0;
  const covered = new Set<string>();
  for (const held of byId.values()) {
    if (held.size > 0) certifiedTechnicianCount += 1;
    for (const code of held) covered.add(code);
  }
  const serviceAreas = sortCodes(new Set(input.serviceAreas));
  const uncoveredServiceAreas = serviceAreas.filter((code) => !covered.has(code));
  const certifiedShare = technicianCount === 0 ? 0 : certifiedTechnicianCount / technicianCount;
  // Compare in integers so 3 of 4 is exactly 75% (no floating-point rounding at the threshold).
  const shareMet = certifiedTechnicianCount * 10_000 >= Math.round(BLUE_SEAL_MIN_CERTIFIED_SHARE * 10_000) * technicianCount;
  // Who holds a certification is private (a credential is public only with the person's consent),
  // and the technician count is public: the certified count is shown only when neither it nor
  // the uncertified count (technicians minus it) is a small cell. Blue Seal itself is ASE's
  // public designation and is always shown.
  const withheld = isSmallCell(certifiedTechnicianCount) || isSmallCell(technicianCount - certifiedTechnicianCount);
  return {
    qualified: technicianCount > 0 && shareMet && uncoveredServiceAreas.length === 0,
    technicianCount,
    certifiedTechnicianCount: withheld ? null : certifiedTechnicianCount,
    certifiedShare: withheld ? null : certifiedShare,
    certificationCountsSuppressed: withheld,
    serviceAreas,
    uncoveredServiceAreas,
  };
}
