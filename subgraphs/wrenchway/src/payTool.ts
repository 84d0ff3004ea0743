import { InputProblems } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { PayReport } from './entities/PayReport.ts';
import { nearKey, type Loaders } from './loaders.ts';
import { aggregatePay, type PayAggregate } from './rules/payAggregate.ts';
import { normalizePayQuery, ZIP_PATTERN, type PayCell, type PayQueryInput } from './rules/inputs.ts';

/**
 * Query.technicianPay: validates the cell, reads the hourly figures of the reports in it and
 * aggregates them (suppressed under MIN_CELL_SIZE people). Nationwide cells filter in SQL; ZIP +
 * radius cells read the reports in the bounding box (through the near loader) and keep those
 * within the exact radius.
 */
export async function technicianPay(db: DataSource, loaders: Loaders, input: PayQueryInput): Promise<PayAggregate> {
  const problems = new InputProblems();
  const cell = normalizePayQuery(input, problems);
  if (cell.zip !== null && ZIP_PATTERN.test(cell.zip) && (await loaders.zipByCode.load(cell.zip)) === null) {
    problems.add('query.zip', 'is not a known ZIP code');
  }
  problems.throwIfAny();
  return aggregatePay(await hourlyFigures(db, loaders, cell));
}

function inCell(report: Pick<PayReport, 'industry' | 'shopType' | 'yearsExperience'>, cell: PayCell): boolean {
  return (
    report.industry === cell.industry &&
    (cell.shopType === null || report.shopType === cell.shopType) &&
    report.yearsExperience >= cell.minYears &&
    report.yearsExperience <= cell.maxYears
  );
}

async function hourlyFigures(db: DataSource, loaders: Loaders, cell: PayCell): Promise<number[]> {
  if (cell.zip !== null) {
    const near = (await loaders.payReportsNear.load(nearKey(cell.zip, cell.radiusMiles))) ?? [];
    return near.filter((n) => inCell(n.row, cell)).map((n) => n.row.hourlyUsd);
  }
  const qb = db
    .getRepository(PayReport)
    .createQueryBuilder('r')
    .select('r.hourlyUsd', 'hourly')
    .where('r.industry = :industry', { industry: cell.industry })
    .andWhere('r.yearsExperience BETWEEN :minYears AND :maxYears', { minYears: cell.minYears, maxYears: cell.maxYears });
  if (cell.shopType) qb.andWhere('r.shopType = :shopType', { shopType: cell.shopType });
  const rows = await qb.getRawMany<{ hourly: number | string }>();
  return rows.map((r) => Number(r.hourly));
}
