import type { CrefTotals as Totals } from '../rules/totals.ts';
import type { Context } from './context.ts';

/** Totals as School/State/Query resolve them: the figures and their scholarship cell (rules/scholarshipCells.ts). */
type Resolved = Totals & { cell: string };

const withheld = async (totals: Resolved, ctx: Context) => (await ctx.loaders.suppressedScholarshipCells()).has(totals.cell);

/** Grants and claims go to schools and are shown as they are; scholarship figures describe students. */
export const CrefTotals = {
  scholarshipCount: async (totals: Resolved, _args: unknown, ctx: Context) => ((await withheld(totals, ctx)) ? null : totals.scholarshipCount),
  scholarshipsUsd: async (totals: Resolved, _args: unknown, ctx: Context) => ((await withheld(totals, ctx)) ? null : totals.scholarshipsUsd),
  scholarshipsSuppressed: (totals: Resolved, _args: unknown, ctx: Context) => withheld(totals, ctx),
};
