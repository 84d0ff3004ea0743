/**
 * One subgraph as its own process for the benchmark: the subgraph's real definition and
 * serveSubgraph (as `npm start` runs it), plus what only the bench needs — SQL statements,
 * GraphQL requests and CPU time counted and read by the parent over the IPC channel, so no debug endpoint
 * exists in the subgraphs themselves.
 *
 *   argv: <subgraph name> <port>; env: SUBGRAPH_SIGNING_SECRET; then the IPC message
 *   { type: 'open', target } once the bench has seeded the database it names.
 */
import { createLogger, fixedClock, serveSubgraph, SqlCounter, type DatabaseTarget, type SubgraphName } from '@talent-graph/platform';
import { SEED_DATE } from '@talent-graph/platform/demo';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphModules.ts';

export type ToSubgraph = { type: 'open'; target: DatabaseTarget } | { type: 'counts' } | { type: 'reset' };
export type FromSubgraph = { type: 'ready'; url: string } | { type: 'counts'; statements: number; requests: number; cpuMs: number };

const name = process.argv[2] as SubgraphName;
const port = Number(process.argv[3]);
const module = SUBGRAPH_MODULES[name];
if (!module || !process.send || !Number.isInteger(port)) {
  console.error(`bench subgraph: unknown subgraph "${name}", no port or no IPC channel`);
  process.exit(2);
}
// The code is loaded by now; the database is opened once the bench has seeded it.
const target = await new Promise<DatabaseTarget>((resolve) => {
  const onOpen = (message: ToSubgraph) => {
    if (message.type !== 'open') return;
    process.off('message', onOpen);
    resolve(message.target);
  };
  process.on('message', onOpen);
});
const counter = new SqlCounter();
const db = module.openDatabase(target, counter);
await db.initialize();
// "Today" is the seed date, as in the tests, so the data the operations select never drifts.
const server = await serveSubgraph(module.definition, { db, clock: fixedClock(SEED_DATE), logger: createLogger(name, 'warn'), signingSecret: process.env.SUBGRAPH_SIGNING_SECRET, production: true }, port);
let requests = 0;
let cpuSince = process.cpuUsage();
server.server.on('request', (req) => {
  if (req.method === 'POST') requests += 1;
});
const send = (message: FromSubgraph) => process.send!(message);
process.on('message', (message: ToSubgraph) => {
  if (message.type === 'open') return;
  if (message.type === 'reset') {
    counter.reset();
    requests = 0;
    cpuSince = process.cpuUsage();
  }
  const cpu = process.cpuUsage(cpuSince);
  send({ type: 'counts', statements: counter.count, requests, cpuMs: (cpu.user + cpu.system) / 1000 });
});
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
async function stop(): Promise<void> {
  await server.close();
  await db.destroy();
  process.exit(0);
}
send({ type: 'ready', url: server.url });
