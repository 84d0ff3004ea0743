import { expect } from 'chai';
import { isSmallCell, MIN_CELL_SIZE, suppressCells, suppressSmall, type CellTable } from '../src/smallCells.ts';

/** `n` distinct people named after a cell. */
const people = (cell: string, n: number) => new Set(Array.from({ length: n }, (_, i) => `${cell}-${i}`));
const union = (...sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));

describe('small cells', () => {
  it('hides 1 to 9 people, shows 0 and 10 or more', () => {
    expect([MIN_CELL_SIZE, [0, 1, 9, 10].map((n) => isSmallCell(n)), [0, 1, 9, 10].map((n) => suppressSmall(n))]).to.deep.equal([10, [false, true, true, false], [0, null, null, 10]]);
  });

  it('hides a published sibling when a total minus it would leave 1–9 people', () => {
    // A state of 15: one school of 12 (big enough alone) and one of 3. Showing the state and the
    // big school gives the small one away (15 − 12 = 3), so the big school is hidden too.
    const [big, small] = [people('big', 12), people('small', 3)];
    const table: CellTable = { people: new Map([['state', union(big, small)], ['big', big], ['small', small]]), decompositions: new Map([['state', [['big', 'small']]]]) };
    expect([...suppressCells(table)].sort()).to.deep.equal(['big', 'small']);
  });

  it('looks through hidden totals into their published parts', () => {
    // all = A + B; A = a1 + a2. a2 (2) and B (5) are small. Hiding them alone leaves all − A = B,
    // and A − a1 = a2: both A and a1 must go, and then nothing published subtracts to 1–9.
    const [a1, a2, b] = [people('a1', 10), people('a2', 2), people('b', 5)];
    const table: CellTable = {
      people: new Map([['all', union(a1, a2, b)], ['A', union(a1, a2)], ['B', b], ['a1', a1], ['a2', a2]]),
      decompositions: new Map([['all', [['A', 'B']]], ['A', [['a1', 'a2']]]]),
    };
    expect([...suppressCells(table)].sort()).to.deep.equal(['A', 'B', 'a1', 'a2']);
  });

  it('counts people, not rows: one person in two hidden years is one person', () => {
    // A school's total over two years: 2024 has 20 people, 2023 has 4 — the same 4 also in 2024.
    // Total − 2024 is 2023's figure: 4 people, so 2024 must be hidden as well.
    const y2024 = people('p', 20);
    const y2023 = people('p', 4);
    const table: CellTable = { people: new Map([['all', union(y2024, y2023)], ['2024', y2024], ['2023', y2023]]), decompositions: new Map([['all', [['2023', '2024']]]]) };
    expect([...suppressCells(table)].sort()).to.deep.equal(['2023', '2024']);
  });

  it('leaves a table with no small cells alone', () => {
    const [a, b] = [people('a', 10), people('b', 11)];
    const table: CellTable = { people: new Map([['all', union(a, b)], ['a', a], ['b', b]]), decompositions: new Map([['all', [['a', 'b']]]]) };
    expect([...suppressCells(table)]).to.deep.equal([]);
  });
});
