import { byKey, groupedByKey, MAX_BATCH, selectEntities, selectRows, type Clock } from '@talent-graph/platform';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
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
import { isTechnician, parseRoles } from './rules/roles.ts';

/**
 * The directory's DataLoaders, new for every request (so a consent withdrawn in one request is
 * seen by the next): each turns a batch of lookups into one SQL statement. They read plain rows
 * (plainRows.ts): these are the statements of the hottest calls.
 */
export function createLoaders(db: DataSource, _clock: Clock) {
  // The `:...keys` of the statements below.
  const ids = (keys: readonly string[]) => ({ keys: [...keys] });
  return {
    personById: byKey<string, Person>((keys) => selectEntities(db, Person, 'WHERE id IN (:...keys)', ids(keys)), (p) => p.id),
    schoolById: byKey<string, School>((keys) => selectEntities(db, School, 'WHERE id IN (:...keys)', ids(keys)), (s) => s.id),
    programById: byKey<string, Program>((keys) => selectEntities(db, Program, 'WHERE id IN (:...keys)', ids(keys)), (p) => p.id),
    programsBySchool: groupedByKey<string, Program>(
      (keys) => selectEntities(db, Program, 'WHERE school_id IN (:...keys) ORDER BY name ASC, id ASC', ids(keys)),
      (p) => p.schoolId,
    ),
    shopById: byKey<string, Shop>((keys) => selectEntities(db, Shop, 'WHERE id IN (:...keys)', ids(keys)), (s) => s.id),
    /** Ids of the people employed at each shop as technicians or apprentices, sorted. */
    technicianIdsByShop: new DataLoader<string, string[]>(async (keys) => {
      const rows = await selectRows<{ shopId: string; personId: string; roles: string }>(
        db,
        `SELECT employment.shop_id AS "shopId", person.id AS "personId", person.roles AS roles FROM "employment" employment ` +
          `INNER JOIN "person" person ON person.id = employment.person_id WHERE employment.shop_id IN (:...keys) ORDER BY person.id ASC`,
        ids(keys),
      );
      const byShop = new Map<string, string[]>();
      for (const row of rows) {
        if (!isTechnician(parseRoles(row.roles))) continue;
        const list = byShop.get(row.shopId);
        if (list) list.push(row.personId);
        else byShop.set(row.shopId, [row.personId]);
      }
      return keys.map((k) => byShop.get(k) ?? []);
    }, { maxBatchSize: MAX_BATCH }),
    stateByCode: byKey<string, State>((keys) => selectEntities(db, State, 'WHERE code IN (:...keys)', ids(keys)), (s) => s.code),
    occupationBySocCode: byKey<string, Occupation>((keys) => selectEntities(db, Occupation, 'WHERE soc_code IN (:...keys)', ids(keys)), (o) => o.socCode),
    credentialById: byKey<string, Credential>((keys) => selectEntities(db, Credential, 'WHERE id IN (:...keys)', ids(keys)), (c) => c.id),
    /** A person's wallet, newest earned first. */
    credentialsByPerson: groupedByKey<string, Credential>(
      (keys) => selectEntities(db, Credential, 'WHERE person_id IN (:...keys) ORDER BY earned_on DESC, id DESC', ids(keys)),
      (c) => c.personId,
    ),
    guardiansByWard: groupedByKey<string, Guardianship>(
      (keys) => selectEntities(db, Guardianship, 'WHERE ward_id IN (:...keys) ORDER BY guardian_id ASC', ids(keys)),
      (g) => g.wardId,
    ),
    wardsByGuardian: groupedByKey<string, Guardianship>(
      (keys) => selectEntities(db, Guardianship, 'WHERE guardian_id IN (:...keys) ORDER BY ward_id ASC', ids(keys)),
      (g) => g.guardianId,
    ),
    employmentsByPerson: groupedByKey<string, Employment>(
      (keys) => selectEntities(db, Employment, 'WHERE person_id IN (:...keys) ORDER BY shop_id ASC', ids(keys)),
      (e) => e.personId,
    ),
    /** A person's consent log, newest first. */
    consentEventsByPerson: groupedByKey<string, ConsentEvent>(
      (keys) => selectEntities(db, ConsentEvent, 'WHERE person_id IN (:...keys) ORDER BY seq DESC', ids(keys)),
      (e) => e.personId,
    ),
    /** The current state of each purpose a person has decided on. */
    consentsByPerson: groupedByKey<string, Consent>(
      (keys) => selectEntities(db, Consent, 'WHERE person_id IN (:...keys) ORDER BY purpose ASC', ids(keys)),
      (c) => c.personId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
