import { byKey, groupedByKey, type Clock } from '@talent-graph/platform';
import { In, type DataSource } from 'typeorm';
import { AccreditationEntity } from './entities/AccreditationEntity.ts';
import { AseTestEntity } from './entities/AseTestEntity.ts';
import { CertificationEntity } from './entities/CertificationEntity.ts';
import { ShopServiceAreaEntity } from './entities/ShopServiceAreaEntity.ts';

/**
 * Per-request DataLoaders: each turns every lookup made while resolving one operation into one
 * SQL statement per batch (`IN (…)`), however many people, shops or programs the gateway asks for.
 */
export function createLoaders(db: DataSource, _clock: Clock) {
  return {
    testByCode: byKey<string, AseTestEntity>((codes) => db.getRepository(AseTestEntity).findBy({ code: In([...codes]) }), (t) => t.code),

    certificationById: byKey<string, CertificationEntity>((ids) => db.getRepository(CertificationEntity).findBy({ id: In([...ids]) }), (c) => c.id),

    /** A person's certifications, newest first (current and expired). */
    certificationsByPerson: groupedByKey<string, CertificationEntity>(
      (personIds) => db.getRepository(CertificationEntity).find({ where: { personId: In([...personIds]) }, order: { earnedOn: 'DESC', id: 'DESC' } }),
      (c) => c.personId,
    ),

    serviceAreasByShop: groupedByKey<string, ShopServiceAreaEntity>(
      (shopIds) => db.getRepository(ShopServiceAreaEntity).find({ where: { shopId: In([...shopIds]) }, order: { testCode: 'ASC' } }),
      (a) => a.shopId,
    ),

    /** A program's accreditations, latest first. */
    accreditationsByProgram: groupedByKey<string, AccreditationEntity>(
      (programIds) => db.getRepository(AccreditationEntity).find({ where: { programId: In([...programIds]) }, order: { accreditedOn: 'DESC', id: 'DESC' } }),
      (a) => a.programId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
