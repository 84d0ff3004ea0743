import { databaseTarget, readSubgraphConfig, type SubgraphName } from '@talent-graph/platform';
import type { Targets } from './dataOps.ts';

/**
 * Where the tools (`migrate`, `seed`, `start`) find each subgraph's database: the same
 * DATABASE_URL / DATA_DIR rules as the subgraph processes (platform config).
 */
export function toolTargets(env: NodeJS.ProcessEnv = process.env): Targets {
  return (name: SubgraphName) => {
    const config = readSubgraphConfig(name, env);
    return databaseTarget(name, config.databaseUrl, config.dataDir);
  };
}

export function describeTarget(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL;
  if (url && url.startsWith('postgres')) return `PostgreSQL ${url.replace(/\/\/[^@/]*@/, '//***@')} (one schema per subgraph)`;
  return `SQLite files in ${url?.startsWith('sqlite:') ? url.slice(7) : env.DATA_DIR ?? 'data'}/<subgraph>.sqlite`;
}
