import { expect } from 'chai';
import { Rng } from '../src/rng.ts';

describe('Rng', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect([a.next(), a.next(), a.int(1, 6)]).to.deep.equal([b.next(), b.next(), b.int(1, 6)]);
  });
  it('keeps int() within bounds', () => {
    const r = new Rng(7);
    const values = Array.from({ length: 1000 }, () => r.int(3, 5));
    expect(new Set(values)).to.deep.equal(new Set([3, 4, 5]));
  });
});
