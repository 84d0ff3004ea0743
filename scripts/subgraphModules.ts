import type { DataSource } from 'typeorm';
import type { CredentialIssued, DatabaseTarget, SeedResult, SqlCounter, SubgraphDefinition, SubgraphName } from '@talent-graph/platform';
import type { World } from '@talent-graph/platform/demo';
import * as directory from '@talent-graph/directory';
import * as ase from '@talent-graph/ase';
import * as icar from '@talent-graph/icar';
import * as cref from '@talent-graph/cref';
import * as wrenchway from '@talent-graph/wrenchway';

/** What each subgraph package exports from its public entry (src/server.ts). */
export interface SubgraphModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each subgraph has its own loaders type
  definition: SubgraphDefinition<any>;
  openDatabase(target: DatabaseTarget, counter?: SqlCounter): DataSource;
  seed(db: DataSource, world: World, credentialEvents?: CredentialIssued[]): Promise<SeedResult>;
}

export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule> = {
  directory: directory as SubgraphModule,
  ase: ase as SubgraphModule,
  icar: icar as SubgraphModule,
  cref: cref as SubgraphModule,
  wrenchway: wrenchway as SubgraphModule,
};
