import { forbidden } from '@talent-graph/platform';
import { mayReadScholarships } from '../rules/access.ts';
import type { Context } from './context.ts';

/** Person is the directory's; cref adds the person's scholarships, which are private. */
export const Person = {
  __resolveReference: (ref: { id: string }) => ref,
  scholarships: (person: { id: string }, _args: unknown, ctx: Context) => {
    if (!mayReadScholarships(ctx.caller, person.id)) {
      throw forbidden('Scholarships are visible only to the student, their guardian and CREF');
    }
    return ctx.loaders.scholarshipsByPerson.load(person.id);
  },
};
