import { byKey, groupedByKey, MAX_BATCH, type Clock } from '@talent-graph/platform';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
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
 * seen by the next): each turns a batch of lookups into one SQL statement.
 */
export function createLoaders(db: DataSource, _clock: Clock) {
  const ids = (keys: readonly string[]) => In([...keys]);
  return {
    personById: byKey<string, Person>((keys) => db.getRepository(Person).findBy({ id: ids(keys) }), (p) => p.id),
    schoolById: byKey<string, School>((keys) => db.getRepository(School).findBy({ id: ids(keys) }), (s) => s.id),
    programById: byKey<string, Program>((keys) => db.getRepository(Program).findBy({ id: ids(keys) }), (p) => p.id),
    programsBySchool: groupedByKey<string, Program>(
      (keys) => db.getRepository(Program).find({ where: { schoolId: ids(keys) }, order: { name: 'ASC', id: 'ASC' } }),
      (p) => p.schoolId,
    ),
    shopById: byKey<string, Shop>((keys) => db.getRepository(Shop).findBy({ id: ids(keys) }), (s) => s.id),
    /** Ids of the people employed at each shop as technicians or apprentices, sorted. */
    technicianIdsByShop: new DataLoader<string, string[]>(async (keys) => {
      const rows = await db
        .createQueryBuilder(Employment, 'employment')
        .innerJoin(Person, 'person', 'person.id = employment.personId')
        .select('employment.shopId', 'shopId')
        .addSelect('person.id', 'personId')
        .addSelect('person.roles', 'roles')
        .where('employment.shopId IN (:...keys)', { keys: [...keys] })
        .orderBy('person.id', 'ASC')
        .getRawMany<{ shopId: string; personId: string; roles: string }>();
      const byShop = new Map<string, string[]>();
      for (const row of rows) {
        if (!isTechnician(parseRoles(row.roles))) continue;
        byShop.set(row.shopId, [...(byShop.get(row.shopId) ?? []), row.personId]);
      }
      return keys.map((k) => byShop.get(k) ?? []);
    }, { maxBatchSize: MAX_BATCH }),
    stateByCode: byKey<string, State>((keys) => db.getRepository(State).findBy({ code: ids(keys) }), (s) => s.code),
    occupationBySocCode: byKey<string, Occupation>((keys) => db.getRepository(Occupation).findBy({ socCode: ids(keys) }), (o) => o.socCode),
    credentialById: byKey<string, Credential>((keys) => db.getRepository(Credential).findBy({ id: ids(keys) }), (c) => c.id),
    /** A person's wallet, newest earned first. */
    credentialsByPerson: groupedByKey<string, Credential>(
      (keys) => db.getRepository(Credential).find({ where: { personId: ids(keys) }, order: { earnedOn: 'DESC', id: 'DESC' } }),
      (c) => c.personId,
    ),
    guardiansByWard: groupedByKey<string, Guardianship>(
      (keys) => db.getRepository(Guardianship).find({ where: { wardId: ids(keys) }, order: { guardianId: 'ASC' } }),
      (g) => g.wardId,
    ),
    wardsByGuardian: groupedByKey<string, Guardianship>(
      (keys) => db.getRepository(Guardianship).find({ where: { guardianId: ids(keys) }, order: { wardId: 'ASC' } }),
      (g) => g.guardianId,
    ),
    employmentsByPerson: groupedByKey<string, Employment>(
      (keys) => db.getRepository(Employment).find({ where: { personId: ids(keys) }, order: { shopId: 'ASC' } }),
      (e) => e.personId,
    ),
    /** A person's consent log, newest first. */
    consentEventsByPerson: groupedByKey<string, ConsentEvent>(
      (keys) => db.getRepository(ConsentEvent).find({ where: { personId: ids(keys) }, order: { seq: 'DESC' } }),
      (e) => e.personId,
    ),
    /** The current state of each purpose a person has decided on. */
    consentsByPerson: groupedByKey<string, Consent>(
      (keys) => db.getRepository(Consent).find({ where: { personId: ids(keys) }, order: { purpose: 'ASC' } }),
      (c) => c.personId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
