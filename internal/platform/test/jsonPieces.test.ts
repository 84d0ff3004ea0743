import { expect } from 'chai';
import { jsonPieces } from '../src/jsonPieces.ts';
import { Rng } from '../src/rng.ts';

/** A large answer serialised in pieces (jsonPieces.ts) is JSON.stringify's text, exactly. */
describe('jsonPieces', () => {
  it('joins to exactly what JSON.stringify writes, for every kind of member JSON.stringify treats specially', () => {
    const nullProto = Object.assign(Object.create(null), { b: 2, a: [1, { c: null }] });
    const value = {
      list: [1, 'two', null, undefined, () => 3, Symbol('s'), [[]], {}, { x: undefined }, new Date(Date.UTC(2026, 11, 3))],
      skippedUndefined: undefined,
      skippedFunction: () => 1,
      date: new Date(Date.UTC(2026, 0, 1)),
      custom: { toJSON: () => ({ replaced: true }) },
      vanishing: { nested: { toJSON: () => undefined } },
      nullProto,
      text: 'Técnico — "quoted" \\ \n 🚗 \u2028',
      numbers: [0, -0, 1.5, 1e21, Number.NaN, Infinity],
      empty: { a: {}, b: [] },
    };
    // eslint-disable-next-line no-sparse-arrays -- a hole is written as null, as JSON.stringify does
    const sparse = [1, , 3];
    for (const v of [value, { data: { sparse } }, nullProto, {}, []]) {
      for (const size of [1, 7, 16_384]) expect(jsonPieces(v, size).join(''), `piece size ${size}`).to.equal(JSON.stringify(v));
    }
  });

  it('splits a large answer into pieces of about the given size', () => {
    const rng = new Rng(7);
    const edges = Array.from({ length: 3000 }, (_, i) => ({ node: { id: `job-${i}`, title: rng.pick(['Collision Technician', 'Técnico de colisión', 'Painter 🚗']), pay: rng.int(18, 48) + 0.5, tests: ['B2', 'B3'] } }));
    const answer = { data: { jobs: { totalCount: 3000, pageInfo: { hasNextPage: true, endCursor: 'Y3Vyc29y' }, edges } } };
    const pieces = jsonPieces(answer, 16_384);
    expect(pieces.join('')).to.equal(JSON.stringify(answer));
    expect(pieces.length).to.be.greaterThan(10);
    // Every piece but the last reached the size, and none is much larger (one list item more at most).
    for (const piece of pieces.slice(0, -1)) expect(piece.length).to.be.within(16_384, 16_384 + 200);
  });

  it('gives a scalar or an undefined value as JSON.stringify does', () => {
    expect(jsonPieces('x')).to.deep.equal(['"x"']);
    expect(jsonPieces(null)).to.deep.equal(['null']);
    expect(jsonPieces(undefined)).to.deep.equal([]);
  });
});
