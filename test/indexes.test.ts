import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { SUBGRAPH_NAMES, type SubgraphName } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { operationCaller, ROOT, type Stack } from './support/stack.ts';
import { sharedStack } from './support/stacks.ts';

/**
 * Every filter the canonical operations use has an index (issue 5, item 6). Each canonical query
 * and mutation runs through the whole graph on PostgreSQL; every SELECT the subgraphs sent is
 * captured with its parameters and EXPLAINed with sequential scans priced out of reach
 * (`enable_seqscan = off`: the planner then scans a table in full only when no index can serve
 * the query at all, so the plan does not depend on how few rows the demo world has). A
 * sequential scan of a large table in a statement with a WHERE clause fails the test, naming the
 * statement. Small, fixed catalogues (states, test codes, courses) are read whole and need none.
 *
 * PostgreSQL only: it is the production database, and SQLite's planner differs (its indexes are
 * the same migrations).
 */
const OPERATIONS_DIR = `${ROOT}schema/operations/`;

/**
 * Statements are captured on the demo world at scale 1 (where the canonical variables name the
 * records they were written for) and EXPLAINed on a world ten times larger, where tables that
 * grow with it are large and catalogues (states, test codes, courses, ZIPs) stay small.
 */
const EXPLAIN_SCALE = 10;
/** Tables below this many rows at scale 10 are catalogues that do not grow with the world. */
const LARGE_TABLE_ROWS = 1000;

interface Captured {
  subgraph: SubgraphName;
  sql: string;
  parameters: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

/**
 * Nodes that read a whole large table for a filter. A sequential scan: with sequential scans
 * priced out, the planner only keeps one when no index applies at all. Or an index walked end to
 * end with the rows filtered one by one (no index condition), which is what the planner picks
 * instead when only an index's order helps — a missing index too, unless the filter keeps a
 * quarter of the table or more, where no index would pay (e.g. two of the three industries).
 */
function fullScans(node: PlanNode, tableRows: Map<string, number>): PlanNode[] {
  const type = node['Node Type'];
  const rows = tableRows.get(node['Relation Name'] ?? '') ?? 0;
  const large = rows >= LARGE_TABLE_ROWS;
  const walked = (type === 'Index Scan' || type === 'Index Only Scan') && !node['Index Cond'] && node.Filter !== undefined && node['Plan Rows'] < rows / 4;
  const full = large && (type === 'Seq Scan' || walked);
  return [...(full ? [node] : []), ...(node.Plans ?? []).flatMap((child) => fullScans(child, tableRows))];
}

// Queries only: the canonical mutations write once per record (test/mutations.test.ts makes
// them on the shared stack), and their reads are lookups by primary key.
const operations = readdirSync(OPERATIONS_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.slice(0, -'.graphql'.length))
  .filter((name) => /^\s*query\b/m.test(readFileSync(`${OPERATIONS_DIR}${name}.graphql`, 'utf8').replace(/#.*$/gm, '')))
  .sort();

if (databaseKinds().includes('postgres')) {
  describe('indexes: no full scan of a large table for a filtered statement (postgres)', () => {
    let stack: Stack;
    let large: Stack;
    /** Rows per table (PostgreSQL's estimate after ANALYZE), per subgraph. */
    const tableRows = new Map<SubgraphName, Map<string, number>>();
    const largeTables = (name: SubgraphName) => new Set([...tableRows.get(name)!].filter(([, n]) => n >= LARGE_TABLE_ROWS).map(([t]) => t));

    before(async function () {
      // Seeding scale 10 takes ~45 s on PostgreSQL (shared with test/nPlusOne.test.ts).
      this.timeout(300_000);
      [stack, large] = await Promise.all([sharedStack('postgres'), sharedStack('postgres', { scale: EXPLAIN_SCALE })]);
      for (const name of SUBGRAPH_NAMES) {
        // Fresh statistics, so EXPLAIN plans on what the tables hold now.
        await large.dbs[name].query('ANALYZE');
        const rows = (await large.dbs[name].query(`SELECT relname, reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [name])) as { relname: string; reltuples: number }[];
        tableRows.set(name, new Map(rows.map((r) => [r.relname, Number(r.reltuples)])));
      }
    });

    it('finds the tables that grow with the world', () => {
      expect({
        directory: largeTables('directory').has('person'),
        wrenchway: largeTables('wrenchway').has('job_post'),
        ase: largeTables('ase').has('certification'),
      }).to.deep.equal({ directory: true, wrenchway: true, ase: true });
    });

    for (const name of operations) {
      it(`${name}: every filtered statement reads large tables through an index`, async function () {
        this.timeout(60_000);
        const source = readFileSync(`${OPERATIONS_DIR}${name}.graphql`, 'utf8');
        const variablesFile = `${OPERATIONS_DIR}${name}.variables.json`;
        const variables = readdirSync(OPERATIONS_DIR).includes(`${name}.variables.json`) ? (JSON.parse(readFileSync(variablesFile, 'utf8')) as Record<string, unknown>) : {};
        const captured: Captured[] = [];
        for (const counter of Object.values(stack.counters)) counter.keep = true;
        try {
          for (const counter of Object.values(stack.counters)) counter.reset();
          const res = await stack.query(source, variables, operationCaller(source));
          expect(res.status, JSON.stringify(res.errors)).to.equal(200);
          for (const subgraph of SUBGRAPH_NAMES) {
            const counter = stack.counters[subgraph];
            counter.statements.forEach((sql, i) => captured.push({ subgraph, sql, parameters: counter.parameters[i] ?? [] }));
          }
        } finally {
          for (const counter of Object.values(stack.counters)) counter.keep = false;
        }
        const selects = captured.filter((c) => /^\s*(SELECT|WITH)\b/i.test(c.sql) && /\bWHERE\b/i.test(c.sql));
        expect(selects.length, 'filtered statements captured').to.be.greaterThan(0);
        const problems: string[] = [];
        for (const statement of selects) {
          const runner = large.dbs[statement.subgraph].createQueryRunner();
          try {
            await runner.startTransaction();
            await runner.query('SET LOCAL enable_seqscan = off');
            const [row] = (await runner.query(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.parameters)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
            for (const scan of fullScans(row!['QUERY PLAN'][0]!.Plan, tableRows.get(statement.subgraph)!)) {
              const how = scan['Index Name'] ? `${scan['Node Type']} of all of ${scan['Index Name']}` : scan['Node Type'];
              problems.push(`${statement.subgraph}: ${how} on ${scan['Relation Name']}${scan.Filter ? ` (Filter: ${scan.Filter})` : ''}\n    ${statement.sql}`);
            }
          } finally {
            await runner.rollbackTransaction();
            await runner.release();
          }
        }
        expect(problems, problems.join('\n')).to.deep.equal([]);
      });
    }
  });
}
