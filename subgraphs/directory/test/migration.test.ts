import { expect } from 'chai';
import { databaseKinds } from '@talent-graph/platform/testing';
import { openMigrated } from './support.ts';

const TABLES = ['consent', 'consent_event', 'credential', 'employment', 'erasure_request', 'guardianship', 'occupation', 'person', 'program', 'school', 'shop', 'state'];

for (const kind of databaseKinds()) {
  describe(`directory migration [${kind}]`, function () {
    it('creates the directory\'s tables and its down steps drop them all again', async () => {
      const db = await openMigrated(kind);
      try {
        const present = async () => {
          const runner = db.createQueryRunner();
          try {
            const found: string[] = [];
            for (const table of TABLES) if (await runner.hasTable(table)) found.push(table);
            return found;
          } finally {
            await runner.release();
          }
        };
        const afterUp = await present();
        // Every migration's down step, newest first.
        while ((await db.query(`SELECT COUNT(*) AS n FROM migrations`))[0].n > 0) await db.undoLastMigration({ transaction: 'each' });
        expect([afterUp, await present()]).to.deep.equal([TABLES, []]);
      } finally {
        await db.destroy();
      }
    });
  });
}
