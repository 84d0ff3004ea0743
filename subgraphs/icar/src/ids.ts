/**
 * Record ids. Enrollments and hour logs are named after what makes them unique (person + course,
 * apprenticeship + day), so a seed and a mutation derive the same id without a counter, and a
 * duplicate collides on the key as well as on the unique index.
 */
export const courseEnrollmentId = (personId: string, courseCode: string): string => `icar-cen-${personId}-${courseCode}`;
export const hourLogId = (apprenticeshipId: string, workedOn: string): string => `icar-hlog-${apprenticeshipId}-${workedOn}`;
export const credentialId = (n: number): string => `icar-cred-${String(n).padStart(6, '0')}`;
