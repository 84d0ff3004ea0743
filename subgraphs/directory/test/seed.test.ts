import { expect } from 'chai';
import { fixedClock, type CredentialIssued } from '@talent-graph/platform';
import { buildWorld, SEED_DATE } from '@talent-graph/platform/demo';
import { databaseKinds } from '@talent-graph/platform/testing';
import { Consent } from '../src/entities/Consent.ts';
import { ConsentEvent } from '../src/entities/ConsentEvent.ts';
import { Credential } from '../src/entities/Credential.ts';
import { Person } from '../src/entities/Person.ts';
import { seed } from '../src/server.ts';
import { openHarness, openMigrated, type Harness } from './support.ts';

/** One wallet event per person, as ase would send them. */
function walletEvents(personIds: string[]): CredentialIssued[] {
  return personIds.map((personId, i) => ({ id: `ase-cert-${String(i + 1).padStart(6, '0')}`, personId, issuer: 'ASE', title: 'ASE A5 Brakes', earnedOn: '2024-01-15', expiresOn: '2029-01-15' }));
}

for (const kind of databaseKinds()) {
  describe(`directory seed at scale 1 [${kind}]`, function () {
    const world = buildWorld(1);
    const events = walletEvents(world.people.filter((p) => p.roles.includes('TECHNICIAN')).slice(0, 25).map((p) => p.id));
    let first: Harness;
    let second: Harness;

    before(async function () {
      first = await openHarness(kind, world, events, fixedClock(SEED_DATE));
      // The same world built again, seeded into a second database.
      second = await openHarness(kind, buildWorld(1), events, fixedClock(SEED_DATE));
    });
    after(async () => {
      await first.close();
      await second.close();
    });

    it('writes the world\'s 12 states, 60 schools, 240 shops and every person, guardianship, employment and consent event', () => {
      expect(first.seeded.counts).to.deep.equal({
        state: 12,
        occupation: 3,
        school: 60,
        program: world.programs.length,
        shop: 240,
        person: world.people.length,
        guardianship: world.guardianships.length,
        employment: world.employments.length,
        consent_event: world.consentEvents.length,
        consent: new Set(world.consentEvents.map((e) => `${e.personId}|${e.purpose}`)).size,
        credential: 25,
      });
      expect(world.people.length).to.be.within(3000, 3800);
    });

    it('has in its tables exactly the rows it reports', async () => {
      // Every table but the record of erasure requests and the idempotency keys, which the seed never writes (checked empty).
      const tables = Object.fromEntries(await Promise.all(first.db.entityMetadatas.map(async (m) => [m.tableName, await first.db.getRepository(m.target).count()] as const)));
      const { erasure_request: erasures, idempotency_key: keys, ...seeded } = tables;
      expect([seeded, erasures, keys]).to.deep.equal([first.seeded.counts, 0, 0]);
    });

    it('gives the same rows from the same world', async () => {
      const snapshot = async (h: Harness) => ({
        counts: h.seeded.counts,
        people: await h.db.getRepository(Person).find({ order: { id: 'ASC' }, take: 3 }),
        lastEvents: await h.db.getRepository(ConsentEvent).find({ order: { id: 'DESC' }, take: 3 }),
        granted: await h.db.getRepository(Consent).count({ where: { granted: true } }),
        wallet: await h.db.getRepository(Credential).find({ order: { id: 'ASC' }, take: 2 }),
      });
      const [a, b] = await Promise.all([snapshot(first), snapshot(second)]);
      expect(a).to.deep.equal(b);
      expect(a.people.map((p) => [p.id, p.givenName, p.birthDate])).to.deep.equal(world.people.slice(0, 3).map((p) => [p.id, p.givenName, p.birthDate]));
    });

    it('numbers each person\'s consent log from 1 and points every current state at its latest event', async () => {
      const personId = world.consentEvents[0]!.personId;
      const log = await first.db.getRepository(ConsentEvent).find({ where: { personId }, order: { seq: 'ASC' } });
      const current = await first.db.getRepository(Consent).find({ where: { personId }, order: { purpose: 'ASC' } });
      const latestByPurpose = new Map(log.map((e) => [e.purpose, e]));
      expect(log.map((e) => e.seq)).to.deep.equal(log.map((_, i) => i + 1));
      expect(current.map((c) => [c.purpose, c.eventId, c.granted])).to.deep.equal(
        [...latestByPurpose.values()].sort((x, y) => (x.purpose < y.purpose ? -1 : 1)).map((e) => [e.purpose, e.id, e.action === 'GRANTED']),
      );
    });

    it('refuses a credential event for a person not in the world, writing nothing', async () => {
      const db = await openMigrated(kind);
      try {
        let message = '';
        try {
          await seed(db, buildWorld(0.05), [{ id: 'ase-cert-x', personId: 'per-99999', issuer: 'ASE', title: 'ASE A1', earnedOn: '2024-01-01', expiresOn: null }]);
        } catch (error) {
          message = (error as Error).message;
        }
        expect([message, await db.getRepository(Person).count()]).to.deep.equal(['CredentialIssued ase-cert-x names person per-99999, who is not in the world', 0]);
      } finally {
        await db.destroy();
      }
    });
  });
}
