import type { CredentialIssued, SeedResult } from '@talent-graph/platform';
import type { World } from '@talent-graph/platform/demo';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { Consent } from './entities/Consent.ts';
import { ConsentEvent } from './entities/ConsentEvent.ts';
import { Credential } from './entities/Credential.ts';
import { Employment } from './entities/Employment.ts';
import { Guardianship } from './entities/Guardianship.ts';
import { Occupation } from './entities/Occupation.ts';
import { Person } from './entities/Person.ts';
import { Program } from './entities/Program.ts';
import { School } from './entities/School.ts';
import { Shop } from './entities/Shop.ts';
import { State } from './entities/State.ts';
import { currentConsents } from './rules/consent.ts';
import { joinRoles } from './rules/roles.ts';
import { inTransaction, insertInChunks } from '@talent-graph/platform';

/** Rows per INSERT: well under both databases' bound-parameter limits at 13 columns. */
/**
 * The directory's rows for a world, in insert order (a table before those referencing it).
 * Pure and deterministic: the same world and events give the same rows.
 */
export function directoryRows(world: World, credentialEvents: readonly CredentialIssued[]) {
  const personIds = new Set(world.people.map((p) => p.id));

  // The log is numbered per person in time order (ties by id); the current state of each
  // purpose is its last event (rules/consent.ts).
  const events = [...world.consentEvents].sort((a, b) => (a.personId !== b.personId ? cmp(a.personId, b.personId) : a.at !== b.at ? cmp(a.at, b.at) : cmp(a.id, b.id)));
  const consentEvents: ConsentEvent[] = [];
  const consents: Consent[] = [];
  for (let start = 0; start < events.length; ) {
    let end = start;
    while (end < events.length && events[end]!.personId === events[start]!.personId) end++;
    const log = events.slice(start, end).map((e, i) => row(ConsentEvent, { id: e.id, personId: e.personId, seq: i + 1, purpose: e.purpose, action: e.action, at: e.at, actorId: e.actorId }));
    consentEvents.push(...log);
    for (const [purpose, e] of currentConsents(log)) {
      consents.push(row(Consent, { personId: e.personId, purpose, granted: e.action === 'GRANTED', updatedAt: e.at, updatedBy: e.actorId, eventId: e.id }));
    }
    start = end;
  }

  // An issuer may send an event again (a correction): the last one for an id wins.
  const wallet = new Map<string, Credential>();
  for (const c of credentialEvents) {
    if (!personIds.has(c.personId)) throw new Error(`CredentialIssued ${c.id} names person ${c.personId}, who is not in the world`);
    wallet.set(c.id, row(Credential, { id: c.id, personId: c.personId, issuer: c.issuer, title: c.title, earnedOn: c.earnedOn, expiresOn: c.expiresOn }));
  }

  return {
    state: world.states.map((s) => row(State, { code: s.code, name: s.name })),
    occupation: world.occupations.map((o) => row(Occupation, { socCode: o.socCode, title: o.title, medianAnnualPayUsd: o.medianAnnualPayUsd, medianPayYear: o.medianPayYear })),
    school: world.schools.map((s) => row(School, { id: s.id, name: s.name, kind: s.kind, city: s.city, zip: s.zip, stateCode: s.stateCode })),
    program: world.programs.map((p) => row(Program, { id: p.id, schoolId: p.schoolId, discipline: p.discipline, name: p.name })),
    shop: world.shops.map((s) => row(Shop, { id: s.id, name: s.name, type: s.type, industry: s.industry, city: s.city, zip: s.zip, stateCode: s.stateCode, openedOn: s.openedOn })),
    person: world.people.map((p) =>
      row(Person, {
        id: p.id,
        givenName: p.givenName,
        familyName: p.familyName,
        email: p.email,
        phone: p.phone,
        birthDate: p.birthDate,
        homeZip: p.homeZip,
        stateCode: p.stateCode,
        roles: joinRoles(p.roles),
        schoolId: p.schoolId,
        programId: p.programId,
        shopId: p.shopId,
        createdOn: p.createdOn,
      }),
    ),
    guardianship: world.guardianships.map((g) => row(Guardianship, { guardianId: g.guardianId, wardId: g.wardId })),
    employment: world.employments.map((e) => row(Employment, { personId: e.personId, shopId: e.shopId, since: e.since })),
    consent_event: consentEvents,
    consent: consents,
    credential: [...wallet.values()],
  };
}

/**
 * Writes the directory's demo data: everything the world holds (states, occupations, schools,
 * programs, shops, people, guardianships, employments, the consent log and its current state) and
 * the credential wallet from the issuers' events. One transaction, chunked bulk inserts.
 */
export async function seed(db: DataSource, world: World, credentialEvents: CredentialIssued[] = []): Promise<SeedResult> {
  const rows = directoryRows(world, credentialEvents);
  const targets: { [K in keyof typeof rows]: EntityTarget<ObjectLiteral> } = {
    state: State,
    occupation: Occupation,
    school: School,
    program: Program,
    shop: Shop,
    person: Person,
    guardianship: Guardianship,
    employment: Employment,
    consent_event: ConsentEvent,
    consent: Consent,
    credential: Credential,
  };
  await inTransaction(db, async (manager) => {
    for (const table of Object.keys(rows) as (keyof typeof rows)[]) await insertInChunks<ObjectLiteral>(manager, targets[table], rows[table] as ObjectLiteral[]);
  });
  const counts: Record<string, number> = {};
  for (const table of Object.keys(rows) as (keyof typeof rows)[]) counts[table] = rows[table].length;
  return { counts };
}


function row<T extends object>(cls: new () => T, values: T): T {
  return Object.assign(new cls(), values);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
