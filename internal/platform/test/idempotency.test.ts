import { expect } from 'chai';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createDataSource, migrate } from '../src/database.ts';
import { InputProblems } from '../src/errors.ts';
import { checkIdempotencyKey, IdempotencyKeyEntity, idempotencyKeyTable, requestFingerprint, runIdempotent } from '../src/idempotency.ts';
import { createTestDatabase, databaseKinds } from '../src/testing/index.ts';

class IdempotencyKeysOnly1767312000000 implements MigrationInterface {
  name = 'IdempotencyKeysOnly1767312000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(idempotencyKeyTable(), true);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_key', true);
  }
}

const AT = new Date('2026-09-01T12:00:00.000Z');
const hoursLater = (h: number) => new Date(AT.getTime() + h * 3600_000);

describe('idempotency key rules', () => {
  it('accepts 8–128 characters of letters, digits and . _ : -, and no key at all', () => {
    const problems = new InputProblems();
    for (const ok of [undefined, null, 'abcdefgh', '5b0e6c1e-6f51-4a53-9d61-9a0f0c1e2d3a', 'a.b_c:d-e', 'x'.repeat(128)]) checkIdempotencyKey(problems, ok);
    expect(problems.problems).to.deep.equal([]);
  });

  it('names idempotencyKey for a key too short, too long, with spaces or not a string', () => {
    const problems = new InputProblems();
    for (const bad of ['short', 'x'.repeat(129), 'has a space', 12345678]) checkIdempotencyKey(problems, bad);
    expect(problems.problems).to.deep.equal(Array.from({ length: 4 }, () => ({ field: 'idempotencyKey', message: 'must be 8–128 characters: letters, digits and . _ : -' })));
  });

  it('fingerprints a request by content, whatever the order of its fields', () => {
    expect(requestFingerprint({ a: 1, b: { c: [1, 2], d: null } })).to.equal(requestFingerprint({ b: { d: null, c: [1, 2] }, a: 1 }));
    expect(requestFingerprint({ a: 1 })).to.not.equal(requestFingerprint({ a: 2 }));
  });
});

for (const kind of databaseKinds()) {
  describe(`runIdempotent [${kind}]`, () => {
    let db: DataSource;
    let runs = 0;
    const work = async () => ({ run: ++runs });
    const call = (key: string | null, now: Date, request: unknown = { offerId: 'o1', quantity: 2 }) => ({ key, scope: 'per-00001', mutation: 'claimDonation', request, now });

    before(async () => {
      const created = await createTestDatabase(kind);
      db = createDataSource({ target: created.target('idem'), entities: [IdempotencyKeyEntity], migrations: [IdempotencyKeysOnly1767312000000] });
      await db.initialize();
      await migrate(db);
    });
    after(() => db.destroy());

    it('without a key, runs every time', async () => {
      runs = 0;
      expect([await runIdempotent(db, call(null, AT), work), await runIdempotent(db, call(null, AT), work)]).to.deep.equal([{ run: 1 }, { run: 2 }]);
    });

    it('within 24 hours, a retry returns the stored result; after 24 hours the key runs again', async () => {
      runs = 0;
      const answers = [
        await runIdempotent(db, call('key-expiry-1', AT), work),
        await runIdempotent(db, call('key-expiry-1', hoursLater(23.9), { quantity: 2, offerId: 'o1' }), work),
        await runIdempotent(db, call('key-expiry-1', hoursLater(24.1)), work),
      ];
      expect(answers).to.deep.equal([{ run: 1 }, { run: 1 }, { run: 2 }]);
      expect(await db.getRepository(IdempotencyKeyEntity).countBy({ key: 'key-expiry-1' })).to.equal(1);
    });

    it('a failed run stores nothing, so a retry with the key runs again', async () => {
      runs = 0;
      const failing = runIdempotent(db, call('key-failure-1', AT), async () => {
        throw new Error('the write failed');
      });
      await failing.then(
        () => expect.fail('should have failed'),
        (error: Error) => expect(error.message).to.equal('the write failed'),
      );
      expect(await db.getRepository(IdempotencyKeyEntity).countBy({ key: 'key-failure-1' })).to.equal(0);
      expect(await runIdempotent(db, call('key-failure-1', AT), work)).to.deep.equal({ run: 1 });
    });
  });
}
