import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { GraphQLError } from 'graphql';
import { ERROR_CODES, InputProblems, badInput, clientError, isClientError } from '../src/errors.ts';

describe('error codes', () => {
  it('are documented, each with the same HTTP status, in docs/errors.md', () => {
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d+) \| ([\d.]+) \|/gm)].map((m) => [m[1], Number(m[2]), m[3]]);
    expect(rows).to.deep.equal(Object.entries(ERROR_CODES).map(([code, e]) => [code, e.http, e.since]));
  });

  it('name every bad field at once', () => {
    const problems = new InputProblems();
    problems.check(false, 'input.quantity', 'must be at least 1');
    problems.check(true, 'input.offerId', 'is required');
    problems.check(false, 'input.schoolId', 'is required');
    let thrown: GraphQLError | undefined;
    try {
      problems.throwIfAny();
    } catch (error) {
      thrown = error as GraphQLError;
    }
    expect(thrown?.message).to.equal('Invalid input — input.quantity: must be at least 1; input.schoolId: is required');
    expect(thrown?.extensions).to.deep.equal({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.quantity', message: 'must be at least 1' },
        { field: 'input.schoolId', message: 'is required' },
      ],
    });
  });

  it('tell client errors from internal ones', () => {
    expect(isClientError(badInput([{ field: 'x', message: 'y' }]))).to.equal(true);
    expect(isClientError(clientError('CONFLICT', 'taken'))).to.equal(true);
    expect(isClientError(new GraphQLError('boom'))).to.equal(false);
    expect(isClientError(new Error('SQLITE_ERROR: no such table'))).to.equal(false);
    expect(isClientError(clientError('INTERNAL_SERVER_ERROR', 'x'))).to.equal(false);
  });
});
