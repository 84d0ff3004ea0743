/**
 * The five subgraphs and their default ports. One list, read by composition, `npm start`,
 * migrations, the seed and the tests, so a sixth subgraph is added in one place.
 */
export const SUBGRAPH_NAMES = ['directory', 'ase', 'icar', 'cref', 'wrenchway'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  directory: 4001,
  ase: 4002,
  icar: 4003,
  cref: 4004,
  wrenchway: 4005,
};

export function isSubgraphName(value: string): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(value);
}
