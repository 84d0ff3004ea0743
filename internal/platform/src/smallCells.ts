/**
 * Small-cell suppression for every aggregate about people that analysts or the public see
 * (DESIGN.md, DOMAIN.md: "cells under 10 people suppressed"). The threshold is this one constant;
 * every subgraph reads it from here.
 */
export const MIN_CELL_SIZE = 10;

/** 1 to MIN_CELL_SIZE − 1 people: too few to show. 0 people describes nobody and is shown. */
export const isSmallCell = (people: number, minCellSize = MIN_CELL_SIZE): boolean => people > 0 && people < minCellSize;

/** A count of people, or null when it is a small cell. */
export const suppressSmall = (people: number, minCellSize = MIN_CELL_SIZE): number | null => (isSmallCell(people, minCellSize) ? null : people);

/**
 * A table of aggregate cells that add up: each cell's people, and each way a cell splits into
 * disjoint sub-cells whose figures add up to its own (a state's year = its schools' years; a
 * school's all-years = its years). Cells not listed in `people` hold nobody.
 */
export interface CellTable {
  people: ReadonlyMap<string, ReadonlySet<string>>;
  decompositions: ReadonlyMap<string, readonly (readonly string[])[]>;
}

/**
 * Which cells to suppress so that no published figure, minus published figures nested inside it,
 * describes 1 to MIN_CELL_SIZE − 1 people.
 *
 * Primary suppression hides every small cell. That is not enough: a published state total minus
 * its published schools leaves the hidden schools, which may be 1–9 people. So for each published
 * cell and each way it splits, the people an attacker cannot subtract away are worked out — a
 * hidden part counts as unknown, unless it splits further into published parts (then those are
 * subtracted too, the attacker's best choice) — and when they number 1–9, the smallest published
 * part the attack used is hidden as well (complementary suppression), until nothing changes.
 * Cells are only ever added, so this ends. The result depends only on the data, never on the
 * question asked, so two queries cannot be played against each other.
 *
 * What it does not cover: combinations that are not nesting (the crossed geography × year table
 * leaves sums of rows and columns of hidden cells, each at least MIN_CELL_SIZE people, which do not
 * isolate a smaller group), and differences over time (a total before and after one new record).
 */
export function suppressCells(table: CellTable, minCellSize = MIN_CELL_SIZE): Set<string> {
  const peopleOf = (cell: string): ReadonlySet<string> => table.people.get(cell) ?? EMPTY;
  const size = (cell: string) => peopleOf(cell).size;
  const suppressed = new Set([...table.people.keys()].filter((cell) => isSmallCell(size(cell), minCellSize)));
  type Unknown = { people: Set<string>; used: string[] };
  // What stays unknown of a hidden cell: all of it, or, through one of its splits, only its hidden
  // parts' unknowns (the attacker picks the split that leaves least).
  const unknownOf = (cell: string): Unknown => {
    let best: Unknown = { people: new Set(peopleOf(cell)), used: [] };
    for (const parts of table.decompositions.get(cell) ?? []) {
      const rest = remainder(parts);
      if (rest.people.size < best.people.size) best = rest;
    }
    return best;
  };
  const remainder = (parts: readonly string[]): Unknown => {
    const people = new Set<string>();
    const used: string[] = [];
    for (const part of parts) {
      if (size(part) === 0) continue;
      if (!suppressed.has(part)) {
        used.push(part);
        continue;
      }
      const unknown = unknownOf(part);
      for (const person of unknown.people) people.add(person);
      used.push(...unknown.used);
    }
    return { people, used };
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const [cell, splits] of table.decompositions) {
      for (const parts of splits) {
        if (suppressed.has(cell) || size(cell) === 0) break;
        const rest = remainder(parts);
        if (!isSmallCell(rest.people.size, minCellSize)) continue;
        const victim = rest.used.filter((c) => size(c) > 0).sort((a, b) => size(a) - size(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
        suppressed.add(victim ?? cell);
        changed = true;
      }
    }
  }
  return suppressed;
}

const EMPTY: ReadonlySet<string> = new Set();
