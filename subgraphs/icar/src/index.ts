import { runSubgraphMain } from '@talent-graph/platform';
import { definition, openDatabase } from './server.ts';

await runSubgraphMain('icar', definition, openDatabase);
