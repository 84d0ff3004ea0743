import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '@talent-graph/platform/core';

/**
 * The GraphQL explorer at GET /graphql: GraphiQL 4 (UMD build) with React 18, served from
 * node_modules, so it works with no internet access (Apollo's default landing page loads from
 * a CDN). Assets are read once and cached in memory.
 */
const require = createRequire(import.meta.url);

const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  '/explorer/react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  '/explorer/react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  '/explorer/graphiql.min.js': { pkg: 'graphiql', file: 'dist/index.umd.js', type: 'text/javascript' },
  '/explorer/graphiql.min.css': { pkg: 'graphiql', file: 'dist/style.css', type: 'text/css' },
};

/** A package's folder, found through its main entry: `exports` maps hide the UMD files from require. */
function packageDir(pkg: string): string {
  let dir = dirname(require.resolve(pkg));
  while (!dir.endsWith(`node_modules/${pkg}`) && dir !== dirname(dir)) dir = dirname(dir);
  return dir;
}

const cache = new Map<string, Buffer>();

function asset(path: string): Buffer {
  let body = cache.get(path);
  if (!body) {
    const { pkg, file } = ASSETS[path]!;
    body = readFileSync(join(packageDir(pkg), file));
    cache.set(path, body);
  }
  return body;
}

export function explorerAssetRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const path of Object.keys(ASSETS)) {
    routes[path] = (_req: IncomingMessage, res: ServerResponse) => {
      const body = asset(path);
      res.writeHead(200, { 'content-type': `${ASSETS[path]!.type}; charset=utf-8`, 'content-length': body.length, 'cache-control': 'public, max-age=86400' });
      res.end(body);
    };
  }
  return routes;
}

/** The query shown when the explorer opens: one answer drawn from all four partners. */
export const FIRST_QUERY = `# One request, five subgraphs: the directory, ASE, I-CAR, CREF and WrenchWay.
query OhioAtAGlance {
  state(code: "OH") {
    name
    schools(first: 3) {
      totalCount
      edges { node { name programs { name discipline aseAccreditation { status expiresOn } icarAcademy } crefTotals { grantsUsd } } }
    }
    crefTotals(year: 2024) { grantCount grantsUsd }
    icarAcademy { enrollmentCount averageActivePercent }
    jobs(first: 3) { totalCount edges { node { title payMinHourlyUsd payMaxHourlyUsd shop { name } } } }
    pay(industry: COLLISION) { medianHourlyUsd sampleSize suppressed }
  }
}
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Talent Graph explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.min.css" />
  <style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="explorer">Loading the explorer…</div>
  <script src="/explorer/react.production.min.js"></script>
  <script src="/explorer/react-dom.production.min.js"></script>
  <script src="/explorer/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: window.location.pathname, headers: { 'apollo-require-preflight': 'true' } });
    const root = ReactDOM.createRoot(document.getElementById('explorer'));
    root.render(React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(FIRST_QUERY)}, defaultEditorToolsVisibility: true }));
  </script>
</body>
</html>
`;

export const serveExplorer: Route = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(PAGE), 'cache-control': 'no-cache' });
  res.end(PAGE);
};
