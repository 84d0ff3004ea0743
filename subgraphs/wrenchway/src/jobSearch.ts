import { DEFAULT_MAX_PAGE_SIZE, InputProblems, paginateRows, selectEntities, selectRows, type Connection, type PageArgs } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { JobPost } from './entities/JobPost.ts';
import { keysetPage, newestFirst, pageRequest } from './keyset.ts';
import type { Loaders } from './loaders.ts';
import { boundingBox, distanceMiles } from './rules/distance.ts';
import { collectProblems, normalizeJobFilter, ZIP_PATTERN, type JobFilterInput } from './rules/inputs.ts';

/**
 * Query.jobs: newest first (postedOn desc, id desc), keyset cursors.
 *
 * Without a ZIP it is the kit's `paginateRows` (a count and a page, both in SQL: `paginate`'s
 * statements, cursors and errors, with plain rows instead of TypeORM's query building and
 * hydration, which cost more than the statements on an analyst's page of thousands). With a ZIP
 * the radius is a circle, which SQL cannot check portably, so: statement 1 reads only
 * (id, postedOn, lat, lon) of the jobs in the circle's bounding box, the exact distance filter
 * runs in code, which gives an exact totalCount and the page's ids; statement 2 loads those rows.
 * Cursors are the same [postedOn, id] pairs either way.
 */
export async function searchJobs(db: DataSource, loaders: Loaders, filter: JobFilterInput | null | undefined, args: PageArgs, maxPageSize = DEFAULT_MAX_PAGE_SIZE): Promise<Connection<JobPost>> {
  const problems = new InputProblems();
  const search = normalizeJobFilter(filter, problems);
  const page = collectProblems(problems, () => pageRequest(args, maxPageSize));
  const zip = search.zip !== null && ZIP_PATTERN.test(search.zip) ? search.zip : null;
  const center = zip ? await loaders.zipByCode.load(zip) : null;
  if (zip && !center) problems.add('filter.zip', 'is not a known ZIP code');
  problems.throwIfAny();

  const conditions: string[] = [];
  const parameters: Record<string, unknown> = {};
  const where = (condition: string, name?: string, value?: unknown) => {
    conditions.push(condition);
    if (name) parameters[name] = value;
  };
  if (search.openOnly) where(`j.status = 'OPEN'`);
  if (search.stateCode) where('j.state_code = :stateCode', 'stateCode', search.stateCode);
  if (search.industry) where('j.industry = :industry', 'industry', search.industry);
  if (search.shopType) where('j.shop_type = :shopType', 'shopType', search.shopType);
  if (!center) return paginateRows(db, JobPost, 'j', conditions, parameters, args, { column: 'j.posted_on', property: 'postedOn', direction: 'DESC' }, 'j.id', maxPageSize);

  conditions.push('j.lat BETWEEN :minLat AND :maxLat AND j.lon BETWEEN :minLon AND :maxLon');
  const candidates = await selectRows<Pick<JobPost, 'id' | 'postedOn' | 'lat' | 'lon'>>(
    db,
    `SELECT j.id AS id, j.posted_on AS "postedOn", j.lat AS lat, j.lon AS lon FROM job_post j WHERE ${conditions.join(' AND ')}`,
    { ...parameters, ...boundingBox(center, search.radiusMiles) },
  );
  const inCircle = candidates.filter((job) => distanceMiles(center, job) <= search.radiusMiles).sort(newestFirst);
  const connection = keysetPage(inCircle, page!);
  const ids = connection.edges.map((e) => e.node.id);
  const full = ids.length ? await selectEntities(db, JobPost, 'WHERE id IN (:...ids)', { ids }) : [];
  const byId = new Map(full.map((job) => [job.id, job]));
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: byId.get(edge.node.id)! })) };
}
