import { createDataSource, type DatabaseTarget, type SqlCounter } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/ase/index.ts';
import { AccreditationEntity } from './entities/AccreditationEntity.ts';
import { AseTestEntity } from './entities/AseTestEntity.ts';
import { CertificationEntity } from './entities/CertificationEntity.ts';
import { ShopServiceAreaEntity } from './entities/ShopServiceAreaEntity.ts';

export const entities = [AseTestEntity, CertificationEntity, ShopServiceAreaEntity, AccreditationEntity];

/** The ase data source (not yet initialised); `counter` counts statements for N+1 checks. */
export function openDatabase(target: DatabaseTarget, counter?: SqlCounter): DataSource {
  return createDataSource({ target, entities, migrations, counter });
}
