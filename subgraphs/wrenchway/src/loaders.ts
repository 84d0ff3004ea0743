import DataLoader from 'dataloader';
import { byKey, groupedByKey, MAX_BATCH, selectEntities, selectRows, type Clock, type Connection } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { CollisionCareersJob } from './entities/CollisionCareersJob.ts';
import { JobApplication } from './entities/JobApplication.ts';
import { JobPost } from './entities/JobPost.ts';
import { SchoolAssistLink } from './entities/SchoolAssistLink.ts';
import { ZipLocation } from './entities/ZipLocation.ts';
import { keysetPage, newestFirst, type PageRequest } from './keyset.ts';
import { PAY_ZIP_PREFIX_LENGTH } from './rules/config.ts';
import { boundingBox, distanceMiles, type BoundingBox, type Point } from './rules/distance.ts';
import { regionCentroid, zipPrefix } from './rules/payBins.ts';
import { payReportsByIndustry } from './payReports.ts';
import type { PayReportRow } from './rules/payCell.ts';

/**
 * WrenchWay's DataLoaders, created per request. Each turns the lookups of one batch into ONE
 * SQL statement (two for connections: a count and a page), so an operation's statement count
 * does not grow with the number of people, shops, schools or states in it. Rows come back plain
 * (the kit's `selectEntities`): TypeORM's query building and hydration cost more CPU than the
 * statements on these hot paths (bench/README.md, "Subgraph levers").
 */

/** A page of one shop's or state's jobs; `group` is the shop id or the state code. */
export interface JobPageKey {
  group: string;
  industry: string | null;
  openOnly: boolean;
  page: PageRequest;
}

/** A point of interest within a radius, with its exact great-circle distance in miles. */
export interface Near<T> {
  row: T;
  distanceMiles: number;
}

/** What ranking a job for a person needs (rules/jobMatch.ts, keyset.ts newestFirst). */
export type JobCandidate = Pick<JobPost, 'id' | 'industry' | 'requiredAseTests' | 'lat' | 'lon' | 'postedOn'>;

/** Loader key for "everything within R miles of ZIP Z". */
export const nearKey = (zip: string, radiusMiles: number): string => `${zip}|${radiusMiles}`;

/** A ZIP prefix region: the ZIPs known in it and their centroid. */
export interface ZipRegion {
  zips: ReadonlySet<string>;
  centre: Point;
}

export function createLoaders(db: DataSource, _clock: Clock) {
  const zipByCode = byKey<string, ZipLocation>((keys) => selectEntities(db, ZipLocation, 'WHERE zip IN (:...keys)', { keys: [...keys] }), (z) => z.zip);

  /**
   * Open jobs inside any of the boxes around the keys' ZIPs, in one statement (the boxes ORed),
   * then split per key by exact distance. Unknown ZIPs load as null. Only what ranking needs is
   * read (a radius holds hundreds of jobs; the caller loads the few it keeps through jobById).
   */
  function openJobsNearLoader() {
    return new DataLoader<string, Near<JobCandidate>[] | null>(
      async (keys) => {
        const parsed = keys.map((key) => {
          const [zip, radius] = key.split('|');
          return { zip: zip!, radius: Number(radius) };
        });
        const centers = await zipByCode.loadMany(parsed.map((p) => p.zip));
        const boxes: { box: BoundingBox; index: number }[] = [];
        parsed.forEach((p, index) => {
          const center = centers[index];
          if (center && !(center instanceof Error)) boxes.push({ box: boundingBox(center, p.radius), index });
        });
        if (boxes.length === 0) return keys.map(() => null);
        const parameters: Record<string, number> = {};
        const inAnyBox = boxes
          .map(({ box }, i) => {
            Object.assign(parameters, { [`minLat${i}`]: box.minLat, [`maxLat${i}`]: box.maxLat, [`minLon${i}`]: box.minLon, [`maxLon${i}`]: box.maxLon });
            // The status in every box, not once outside them: then each box is its own range of the
            // (status, lat, …) index (SQLite's multi-index OR, PostgreSQL's BitmapOr) instead of one
            // walk over every open job — 0.11 → 0.04 ms for three boxes on the demo data.
            return `(status = 'OPEN' AND lat BETWEEN :minLat${i} AND :maxLat${i} AND lon BETWEEN :minLon${i} AND :maxLon${i})`;
          })
          .join(' OR ');
        const rows = await selectRows<JobCandidate>(
          db,
          `SELECT id, industry, required_ase_tests AS "requiredAseTests", lat, lon, posted_on AS "postedOn" FROM job_post WHERE ${inAnyBox}`,
          parameters,
        );
        return parsed.map((p, index) => {
          const center = centers[index];
          if (!center || center instanceof Error) return null;
          const near: Near<JobCandidate>[] = [];
          for (const row of rows) {
            const d = distanceMiles(center, row);
            if (d <= p.radius) near.push({ row, distanceMiles: d });
          }
          return near;
        });
      },
      // Each key adds four bound parameters; stay far below SQLite's and PostgreSQL's limits.
      { maxBatchSize: MAX_BATCH },
    );
  }

  /**
   * Pages of jobs for many shops or states at once: one COUNT … GROUP BY and one page statement
   * per batch. The page statement is a UNION ALL of one newest-first LIMIT per group, so each
   * group reads its index (state_code or shop_id, posted_on) only as far as its page: a
   * ROW_NUMBER() window over the same rows read and numbered every job of every group first
   * (3 ms for one large state at scale 4; bench/README.md, "Subgraph levers"). A batch is at most
   * 200 groups, under SQLite's 500 terms per compound SELECT. Keys naming the same group twice
   * (e.g. two `jobs` fields with different filters on one shop) go to a second round, so pages
   * never mix requests.
   */
  function jobPagesBy(column: 'shop_id' | 'state_code') {
    const escape = (name: string) => db.driver.escape(name);
    const meta = db.getMetadata(JobPost);
    return new DataLoader<string, Connection<JobPost>>(
      async (rawKeys) => {
        const keys = rawKeys.map((k) => JSON.parse(k) as JobPageKey);
        const results: Connection<JobPost>[] = new Array(keys.length);
        const rounds: number[][] = [];
        keys.forEach((key, index) => {
          let round = rounds.find((r) => r.every((i) => keys[i]!.group !== key.group));
          if (!round) rounds.push((round = []));
          round.push(index);
        });
        for (const round of rounds) {
          const params: Record<string, unknown> = {};
          const groupCondition = (index: number, withCursor: boolean) => {
            const key = keys[index]!;
            const parts = [`${escape(column)} = :g${index}`];
            params[`g${index}`] = key.group;
            if (key.openOnly) parts.push(`status = 'OPEN'`);
            if (key.industry) {
              parts.push(`industry = :ind${index}`);
              params[`ind${index}`] = key.industry;
            }
            if (withCursor && key.page.after) {
              parts.push(`(posted_on < :cv${index} OR (posted_on = :cv${index} AND id < :cid${index}))`);
              params[`cv${index}`] = key.page.after.postedOn;
              params[`cid${index}`] = key.page.after.id;
            }
            return `(${parts.join(' AND ')})`;
          };
          const condition = (withCursor: boolean) => round.map((index) => groupCondition(index, withCursor)).join(' OR ');
          const run = (sql: string) => selectRows<Record<string, unknown>>(db, sql, params);
          const counts = await run(`SELECT ${escape(column)} AS g, COUNT(*) AS n FROM job_post WHERE ${condition(false)} GROUP BY ${escape(column)}`);
          const countByGroup = new Map(counts.map((r) => [String(r.g), Number(r.n)]));
          const limit = Math.max(...round.map((i) => keys[i]!.page.size)) + 1;
          const columns = meta.columns.map((c) => escape(c.databaseName)).join(', ');
          const rows =
            limit <= 1
              ? []
              : await run(
                  round
                    .map((index, k) => `SELECT * FROM (SELECT ${columns} FROM job_post WHERE ${groupCondition(index, true)} ORDER BY posted_on DESC, id DESC LIMIT ${keys[index]!.page.size + 1}) p${k}`)
                    .join(' UNION ALL '),
                );
          const byGroup = new Map<string, JobPost[]>();
          for (const raw of rows) {
            const job = toEntity(meta.create() as JobPost, meta.columns, raw);
            const list = byGroup.get(String(raw[column]));
            if (list) list.push(job);
            else byGroup.set(String(raw[column]), [job]);
          }
          for (const index of round) {
            const key = keys[index]!;
            // Rows are already past the cursor (in SQL); keysetPage sorts out the page and hasNextPage.
            const sorted = (byGroup.get(key.group) ?? []).sort(newestFirst);
            results[index] = keysetPage(sorted, { size: key.page.size, after: null }, countByGroup.get(key.group) ?? 0);
          }
        }
        return results;
      },
      { maxBatchSize: 200 },
    );
  }

  return {
    zipByCode,
    jobById: byKey<string, JobPost>((keys) => selectEntities(db, JobPost, 'WHERE id IN (:...keys)', { keys: [...keys] }), (j) => j.id),
    collisionCareersJobById: byKey<string, CollisionCareersJob>((keys) => selectEntities(db, CollisionCareersJob, 'WHERE id IN (:...keys)', { keys: [...keys] }), (j) => j.id),
    applicationsByPerson: groupedByKey<string, JobApplication>(
      (keys) => selectEntities(db, JobApplication, 'WHERE person_id IN (:...keys) ORDER BY applied_on DESC, id DESC', { keys: [...keys] }),
      (a) => a.personId,
    ),
    /** A job's applications, newest first: an employer's applicant list and its applicant ids. */
    applicationsByJob: groupedByKey<string, JobApplication>(
      (keys) => selectEntities(db, JobApplication, 'WHERE job_id IN (:...keys) ORDER BY applied_on DESC, id DESC', { keys: [...keys] }),
      (a) => a.jobId,
    ),
    linksBySchool: groupedByKey<string, SchoolAssistLink>((keys) => selectEntities(db, SchoolAssistLink, 'WHERE school_id IN (:...keys) ORDER BY since DESC, id ASC', { keys: [...keys] }), (l) => l.schoolId),
    linksByShop: groupedByKey<string, SchoolAssistLink>((keys) => selectEntities(db, SchoolAssistLink, 'WHERE shop_id IN (:...keys) ORDER BY since DESC, id ASC', { keys: [...keys] }), (l) => l.shopId),
    jobPagesByShop: jobPagesBy('shop_id'),
    jobPagesByState: jobPagesBy('state_code'),
    /** Open jobs within a radius of a ZIP (key: nearKey). */
    openJobsNear: openJobsNearLoader(),
    /**
     * Known ZIPs of a ZIP prefix region (key: the prefix) and the region's centroid: the centre
     * of every Pay Tool radius cell (rules/payBins.ts). One statement per batch of prefixes.
     */
    zipRegion: new DataLoader<string, ZipRegion | null>(
      async (prefixes) => {
        const rows = await selectEntities(db, ZipLocation, `WHERE SUBSTR(zip, 1, ${PAY_ZIP_PREFIX_LENGTH}) IN (:...prefixes)`, { prefixes: [...prefixes] });
        return prefixes.map((prefix) => {
          const inRegion = rows.filter((z) => zipPrefix(z.zip) === prefix);
          const centre = regionCentroid(inRegion);
          return centre ? { zips: new Set(inRegion.map((z) => z.zip)), centre } : null;
        });
      },
      { maxBatchSize: MAX_BATCH },
    ),
    /**
     * Every pay report of a line of work, nationwide (key: industry): complementary suppression
     * compares a cell with every cell containing it, up to the nationwide one, so each cell needs
     * them all. Kept in memory per process and checked against their revision on every batch
     * (payReports.ts): one small statement per batch, however many cells, people or states ask.
     */
    payReportsByIndustry: new DataLoader<string, PayReportRow[]>((industries) => payReportsByIndustry(db, industries), { maxBatchSize: MAX_BATCH }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Copies a raw row (column names) onto an entity (property names). */
function toEntity<T extends object>(entity: T, columns: readonly { propertyName: string; databaseName: string }[], raw: Record<string, unknown>): T {
  const target = entity as Record<string, unknown>;
  for (const column of columns) target[column.propertyName] = raw[column.databaseName];
  return entity;
}
