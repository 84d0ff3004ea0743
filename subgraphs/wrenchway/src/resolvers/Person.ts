import { canReadPrivate, forbidden, InputProblems, pageSize } from '@talent-graph/platform';
import type { Context } from './context.ts';
import { requiredAseTests } from './JobPost.ts';
import { newestFirst } from '../keyset.ts';
import { nearKey, type JobCandidate } from '../loaders.ts';
import { MATCH_DEFAULT_RADIUS_MILES, MAX_MATCHES, PAY_DEFAULT_RADIUS_MILES } from '../rules/config.ts';
import { credentialTier, nextTier, outlookIndustry, type ProLevel } from '../rules/credentialTier.ts';
import { checkRadius, collectProblems, ZIP_PATTERN, type Discipline } from '../rules/inputs.ts';
import { matchScore } from '../rules/jobMatch.ts';
import { SUPPRESSED } from '../rules/payAggregate.ts';
import { allYears, snapRadius } from '../rules/payBins.ts';
import { readCell } from '../payTool.ts';

const allYearsRange = () => {
  const { min, max } = allYears();
  return { min, max };
};

/**
 * A person reference as the gateway sends it, with the @requires fields: home ZIP from the
 * directory, current ASE codes from ase, ProLevels from icar.
 */
interface PersonRef {
  id: string;
  homeZip?: string | null;
  aseCurrentTestCodes?: string[] | null;
  icarProLevels?: ProLevel[] | null;
}

interface RankedMatch {
  job: JobCandidate;
  score: number;
  missingAseTests: string[];
  exactMiles: number;
}

/** Best fit first; among equals the nearer, then the newer job. */
function byFit(a: RankedMatch, b: RankedMatch): number {
  return b.score - a.score || a.exactMiles - b.exactMiles || newestFirst(a.job, b.job);
}

export const Person = {
  __resolveReference: (ref: PersonRef) => ref,

  /**
   * Open jobs within the radius of the home ZIP, ranked by rules/jobMatch.ts. The candidates come
   * from the openJobsNear loader (only what ranking needs), the kept few whole from jobById: two
   * statements for every person in the batch, however many the gateway sends. An unknown home
   * ZIP matches nothing.
   */
  jobMatches: async (person: PersonRef, args: { first?: number | null; radiusMiles?: number | null }, ctx: Context) => {
    const problems = new InputProblems();
    const radius = args.radiusMiles ?? MATCH_DEFAULT_RADIUS_MILES;
    checkRadius(radius, 'radiusMiles', problems);
    const first = collectProblems(problems, () => pageSize(args.first, MAX_MATCHES, 10));
    problems.throwIfAny();
    if (!person.homeZip) return [];
    const near = (await ctx.loaders.openJobsNear.load(nearKey(person.homeZip, radius))) ?? [];
    const who = { aseCurrentTestCodes: person.aseCurrentTestCodes ?? [], icarProLevels: person.icarProLevels ?? [] };
    const ranked: RankedMatch[] = near.map(({ row: job, distanceMiles }) => ({
      job,
      ...matchScore(who, { industry: job.industry as Discipline, requiredAseTests: requiredAseTests(job) }, distanceMiles, radius),
      exactMiles: distanceMiles,
    }));
    const kept = ranked.sort(byFit).slice(0, first!);
    // The whole rows of the kept few only: one statement for every person of the batch.
    const jobs = await ctx.loaders.jobById.loadMany(kept.map((m) => m.job.id));
    return kept.flatMap(({ score, missingAseTests, exactMiles }, i) => {
      const job = jobs[i];
      if (job instanceof Error) throw job;
      // A job deleted between the two statements is no longer a match.
      return job ? [{ job, score, missingAseTests, distanceMiles: Math.round(exactMiles * 10) / 10 }] : [];
    });
  },

  /**
   * Pay within PAY_DEFAULT_RADIUS_MILES of home for the person's credential tier and one tier
   * up, in collision when they hold a ProLevel, else automotive. Read through the Pay Tool's one
   * path (payTool.ts: ZIP3 centroid, radius rung, complementary suppression with the tier as one
   * more dimension), two statements per batch of people. No or an unknown home ZIP gives
   * suppressed cells.
   */
  payOutlook: async (person: PersonRef, _args: unknown, ctx: Context) => {
    const industry = outlookIndustry(person.icarProLevels ?? []);
    const tier = credentialTier(person.aseCurrentTestCodes ?? []);
    const up = nextTier(tier);
    const homeZip = person.homeZip && ZIP_PATTERN.test(person.homeZip) ? person.homeZip : null;
    const cell = async (t: string) =>
      homeZip === null
        ? { ...SUPPRESSED, radiusMilesUsed: null, zipPrefixUsed: null, yearsRangeUsed: allYearsRange() }
        : readCell(ctx.loaders, { industry, shopType: null, credentialTier: t, where: { zip: homeZip, radiusMiles: PAY_DEFAULT_RADIUS_MILES }, years: allYears() });
    const [current, next] = await Promise.all([cell(tier), up ? cell(up) : null]);
    return { industry, radiusMiles: snapRadius(PAY_DEFAULT_RADIUS_MILES), credentialTier: tier, current, nextTier: next };
  },

  /** Private (nullable in the SDL): the person, their guardian, support, WrenchWay's partner admins. */
  jobApplications: (person: PersonRef, _args: unknown, ctx: Context) => {
    if (!canReadPrivate(ctx.caller, person.id, 'wrenchway')) throw forbidden('Only the applicant, their guardian or support may see their applications');
    return ctx.loaders.applicationsByPerson.load(person.id);
  },
};
