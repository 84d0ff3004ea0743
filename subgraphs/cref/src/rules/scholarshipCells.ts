import { suppressCells, type CellTable } from '@talent-graph/platform';

/**
 * Scholarships go to people, so the scholarship figures of CREF totals (count and dollars) are
 * cells about people: a school's scholarships in one year can be one student's award. Grants and
 * donation claims go to schools and are not suppressed.
 *
 * The cells are every (area, period) a client can ask for — a school, a state or all of CREF; one
 * year or all years — and they nest: a school's all-years total is its years; a state's year is
 * its schools' years; a state's all-years total is its years, and also its schools' all-years
 * totals; all of CREF likewise by year and by state. suppressCells (the platform kit) hides small
 * cells and, complementarily, enough others that no published total minus published totals nested
 * in it isolates 1–9 students.
 */
export interface ScholarshipRow {
  personId: string;
  schoolId: string;
  stateCode: string;
  year: number;
}

/** The cell key of a total: its area (`school:<id>`, `state:<code>` or `all`) and year (`*` for all years). */
export const scholarshipCell = (area: string, year: number | null): string => `${area}:${year ?? '*'}`;

export function scholarshipCellTable(rows: readonly ScholarshipRow[]): CellTable {
  const people = new Map<string, Set<string>>();
  const add = (cell: string, person: string) => {
    let set = people.get(cell);
    if (!set) people.set(cell, (set = new Set()));
    set.add(person);
  };
  const yearsOf = new Map<string, Set<number>>();
  const schoolsOf = new Map<string, Set<string>>();
  const statesOf = new Set<string>();
  const allYears = new Set<number>();
  for (const r of rows) {
    const school = `school:${r.schoolId}`;
    const state = `state:${r.stateCode}`;
    for (const area of [school, state, 'all']) {
      add(scholarshipCell(area, r.year), r.personId);
      add(scholarshipCell(area, null), r.personId);
      let years = yearsOf.get(area);
      if (!years) yearsOf.set(area, (years = new Set()));
      years.add(r.year);
    }
    let schools = schoolsOf.get(state);
    if (!schools) schoolsOf.set(state, (schools = new Set()));
    schools.add(school);
    statesOf.add(state);
    allYears.add(r.year);
  }
  const decompositions = new Map<string, string[][]>();
  const split = (cell: string, parts: string[]) => decompositions.set(cell, [...(decompositions.get(cell) ?? []), parts]);
  // By year: every area's all-years total is the sum of its years.
  for (const [area, years] of yearsOf) split(scholarshipCell(area, null), [...years].map((y) => scholarshipCell(area, y)));
  // By geography: a state is its schools, all of CREF its states; for one year and for all years.
  for (const [state, schools] of schoolsOf) {
    for (const year of [...allYears, null]) split(scholarshipCell(state, year), [...schools].map((s) => scholarshipCell(s, year)));
  }
  for (const year of [...allYears, null]) split(scholarshipCell('all', year), [...statesOf].map((s) => scholarshipCell(s, year)));
  return { people, decompositions };
}

/** The scholarship cells whose figures are withheld. */
export const suppressedScholarshipCells = (rows: readonly ScholarshipRow[]): Set<string> => suppressCells(scholarshipCellTable(rows));
