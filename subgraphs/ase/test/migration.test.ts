import { expect } from 'chai';
import { migrate } from '@talent-graph/platform';
import { createTestDatabase, databaseKinds } from '@talent-graph/platform/testing';
import { openDatabase } from '../src/server.ts';

const TABLES = ['accreditation', 'ase_test', 'certification', 'data_revision', 'shop_service_area'];

for (const kind of databaseKinds()) {
  describe(`ase migrations [${kind}]`, () => {
    it('creates the four tables and the revisions of two, and down removes them again', async () => {
      const db = openDatabase((await createTestDatabase(kind)).target('ase'));
      await db.initialize();
      try {
        const present = async () => {
          const runner = db.createQueryRunner();
          try {
            const found = await Promise.all(TABLES.map((t) => runner.hasTable(t)));
            return TABLES.filter((_, i) => found[i]);
          } finally {
            await runner.release();
          }
        };
        const applied = await migrate(db);
        const afterUp = await present();
        const revisions = await db.query(`SELECT name, revision FROM data_revision ORDER BY name`);
        await db.undoLastMigration({ transaction: 'each' });
        const withoutRevisions = await present();
        await db.undoLastMigration({ transaction: 'each' });
        expect({ applied, afterUp, revisions, withoutRevisions, afterDown: await present() }).to.deep.equal({
          applied: ['InitialAse1767225600000', 'DataRevisions1796515200000'],
          afterUp: TABLES,
          revisions: [
            { name: 'accreditation', revision: 1 },
            { name: 'shop_service_area', revision: 1 },
          ],
          withoutRevisions: ['accreditation', 'ase_test', 'certification', 'shop_service_area'],
          afterDown: [],
        });
      } finally {
        await db.destroy();
      }
    });
  });
}
