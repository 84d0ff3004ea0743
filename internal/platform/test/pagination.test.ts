import { expect } from 'chai';
import { GraphQLError } from 'graphql';
import { connectionFromArray, decodeCursor, encodeCursor, pageSize } from '../src/pagination.ts';

describe('pagination', () => {
  const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

  it('round-trips cursors', () => {
    expect(decodeCursor(encodeCursor('2026-09-01', 'job-000042'))).to.deep.equal(['2026-09-01', 'job-000042']);
  });
  it('rejects a cursor it did not make with BAD_USER_INPUT naming the argument', () => {
    try {
      decodeCursor('not-a-cursor');
      expect.fail('should throw');
    } catch (error) {
      expect((error as GraphQLError).extensions).to.deep.equal({ code: 'BAD_USER_INPUT', fields: [{ field: 'after', message: 'is not a cursor returned by this field' }] });
    }
  });
  it('rejects page sizes outside 0..max', () => {
    expect(pageSize(100)).to.equal(100);
    expect(() => pageSize(101)).to.throw('first: must be an integer from 0 to 100');
    expect(() => pageSize(-1)).to.throw('first');
  });
  it('pages through an in-memory list without skipping or repeating', () => {
    const first = connectionFromArray(items, { first: 2 }, (i) => i.id);
    const second = connectionFromArray(items, { first: 2, after: first.pageInfo.endCursor }, (i) => i.id);
    const third = connectionFromArray(items, { first: 2, after: second.pageInfo.endCursor }, (i) => i.id);
    expect([first, second, third].map((c) => c.edges.map((e) => e.node.id))).to.deep.equal([['a', 'b'], ['c', 'd'], ['e']]);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage, third.pageInfo.hasNextPage]).to.deep.equal([true, true, false]);
    expect(third.totalCount).to.equal(5);
  });
});
