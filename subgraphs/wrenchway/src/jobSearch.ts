import { DEFAULT_MAX_PAGE_SIZE, InputProblems, paginate, type Connection, type PageArgs } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { JobPost } from './entities/JobPost.ts';
import { keysetPage, newestFirst, pageRequest } from './keyset.ts';
import type { Loaders } from './loaders.ts';
import { boundingBox, distanceMiles } from './rules/distance.ts';
import { collectProblems, normalizeJobFilter, ZIP_PATTERN, type JobFilterInput } from './rules/inputs.ts';

/**
 * Query.jobs: newest first (postedOn desc, id desc), keyset cursors.
 *
 * Without a ZIP it is the kit's `paginate` (a count and a page, both in SQL). With a ZIP the
 * radius is a circle, which SQL cannot check portably, so: statement 1 reads only
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

  const qb = db.getRepository(JobPost).createQueryBuilder('j');
  if (search.openOnly) qb.andWhere(`j.status = 'OPEN'`);
  if (search.stateCode) qb.andWhere('j.stateCode = :stateCode', { stateCode: search.stateCode });
  if (search.industry) qb.andWhere('j.industry = :industry', { industry: search.industry });
  if (search.shopType) qb.andWhere('j.shopType = :shopType', { shopType: search.shopType });
  if (!center) return paginate(qb, args, { column: 'j.postedOn', property: 'postedOn', direction: 'DESC' }, 'j.id', maxPageSize);

  const box = boundingBox(center, search.radiusMiles);
  qb.andWhere('j.lat BETWEEN :minLat AND :maxLat AND j.lon BETWEEN :minLon AND :maxLon', box);
  const candidates = await qb.clone().select(['j.id', 'j.postedOn', 'j.lat', 'j.lon']).getMany();
  const inCircle = candidates.filter((job) => distanceMiles(center, job) <= search.radiusMiles).sort(newestFirst);
  const connection = keysetPage(inCircle, page!);
  const ids = connection.edges.map((e) => e.node.id);
  const full = ids.length ? await db.getRepository(JobPost).findBy({ id: In(ids) }) : [];
  const byId = new Map(full.map((job) => [job.id, job]));
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: byId.get(edge.node.id)! })) };
}
