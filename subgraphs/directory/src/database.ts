import { createDataSource, IdempotencyKeyEntity, type DatabaseTarget, type SqlCounter } from '@talent-graph/platform';
import type { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/directory/index.ts';
import { Consent } from './entities/Consent.ts';
import { ConsentEvent } from './entities/ConsentEvent.ts';
import { Credential } from './entities/Credential.ts';
import { ErasureRequest } from './entities/ErasureRequest.ts';
import { Employment } from './entities/Employment.ts';
import { Guardianship } from './entities/Guardianship.ts';
import { Occupation } from './entities/Occupation.ts';
import { Person } from './entities/Person.ts';
import { Program } from './entities/Program.ts';
import { School } from './entities/School.ts';
import { Shop } from './entities/Shop.ts';
import { State } from './entities/State.ts';

export const entities = [State, Occupation, School, Program, Shop, Person, Guardianship, Employment, ConsentEvent, Consent, Credential, ErasureRequest, IdempotencyKeyEntity];

export function openDatabase(target: DatabaseTarget, counter?: SqlCounter): DataSource {
  return createDataSource({ target, entities, migrations, counter });
}
