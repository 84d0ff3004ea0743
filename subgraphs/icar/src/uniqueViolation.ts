/**
 * True when a write failed on a unique index or primary key, on PostgreSQL (SQLSTATE 23505) or
 * SQLite (better-sqlite3's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY). TypeORM wraps the driver's
 * error in QueryFailedError and keeps the original as `driverError`.
 */
export function isUniqueViolation(error: unknown): boolean {
  const codes = [error, (error as { driverError?: unknown } | null)?.driverError].map((e) => (e as { code?: unknown } | null | undefined)?.code);
  return codes.some((code) => code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}
