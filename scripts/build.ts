/**
 * `npm run build`: the gateway compiled for production, gateway/dist/main.js and
 * gateway/dist/cluster.js (plus source maps). Run them with plain `node`, no tsx.
 *
 * Why a build when tsx runs the sources: tsx keeps its TypeScript transformer and a resolver
 * hook on every import in the process for its whole life. Measured on the idle gateway: 206 MB
 * under tsx, 146 MB from the build (docs/operations.md, "Memory"), on a process whose target is
 * under 200 MB at 100 connections.
 *
 * The workspace packages (the platform kit) are bundled in, written as TypeScript; every package
 * from node_modules stays an ordinary import, resolved at run time from the node_modules beside
 * the build, so `npm ci --omit=dev` is what production installs.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What is built: entry (from the repository root) and output file. */
export const BUILDS = [
  { entry: 'gateway/src/main.ts', outfile: 'gateway/dist/main.js' },
  { entry: 'gateway/src/cluster.ts', outfile: 'gateway/dist/cluster.js' },
] as const;

/**
 * The Node flags production runs the built gateway with: docker/Dockerfile's CMD, the compose
 * file's gateway (cluster.js hands them on to its workers) and the bench's "ours"; test/docker.test.ts
 * keeps the first two in step with this list.
 *
 * Why: V8 sizes the old generation's next collection point as what was live after the last full
 * collection times a growing factor it derives from how fast the program allocates against how
 * fast it marks. Under load that factor sits at its maximum, which depends on the heap's size
 * limit: 4× for a limit of 2 GB or more (Node's default on any machine with 8 GB or more), scaling
 * down to 1.3× for 256 MB. With about 60 MB live, the gateway under 100 connections after the
 * whole bench workload sat at 330–365 MB resident with Node's defaults. A 1 GB limit (maximum
 * factor 1.6×) and an 8 MB semi-space (a young generation of 16 MB instead of 32) keep it under
 * 200 MB at a small CPU price, where the fixed 1.5× and 4 MB of LOW_MEMORY_NODE_FLAGS below cost
 * more and push the fast operations' p99 above stock's (bench/README.md, "Memory";
 * docs/operations.md). 1 GB is also the most the gateway's heap may hold: room for 100
 * concurrent 5,000-job exports (about 5 MB each in flight) many times over. In a container with
 * less memory than about 1.5 GB, lower it (docs/operations.md).
 *
 * `--v8-pool-size=1`: one V8 background thread instead of four. A gateway process is meant to
 * have one core (the container's CPU share, or one cluster worker per core): there, V8's
 * concurrent-marking and sweeping threads do not run beside the event loop but take its core in
 * scheduler slices, and with four of them runnable the event loop stood still 30–78 ms at a time
 * under load, holding every request in flight (bench/README.md, "Night"). With one: 16–30 ms,
 * and RSS at 100 connections 190 MB. A single gateway process given several idle cores loses
 * some parallel collection by it (docs/operations.md).
 */
export const GATEWAY_NODE_FLAGS = ['--max-old-space-size=1024', '--max-semi-space-size=8', '--v8-pool-size=1'];

/**
 * Node flags for a gateway that must stay small, at a price in CPU: opt-in, not the default.
 * V8 by default lets the heap grow to several times what is live before collecting (a young
 * generation of up to 3 × 16 MB, an old generation limit up to 4× the live size): under 100
 * connections, after the whole bench workload, the built gateway sat at 330–365 MB resident. With
 * a 4 MB semi-space and a 1.5× growing factor it stays at 180–192 MB, but collects far more often:
 * its CPU per request rose 10–40% and the fast operations' p99 went above stock's
 * (docs/operations.md, "Memory"; bench/README.md). gateway/test/build.test.ts runs the build
 * with them; `npm run bench -- --ours-node <these, comma-separated>` measures them.
 */
export const LOW_MEMORY_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];

/** Packages from node_modules stay external; our own workspace packages are compiled in. */
const nodeModulesExternal: Plugin = {
  name: 'node-modules-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@talent-graph/') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * For a bundle that only ever runs inside this checkout (the bench's subgraph process):
 * `import.meta.url` in our own sources keeps naming the source file, so each subgraph still reads
 * the schema.graphql beside its server.ts. The production gateway bundle does not use it: it is
 * built to be copied elsewhere.
 */
const importMetaUrlOfSource: Plugin = {
  name: 'import-meta-url-of-source',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

/**
 * Compiles `entry` (a path from the repository root) into `outfile`; both relative to ROOT.
 * `inPlace`: the bundle runs only from this checkout (see importMetaUrlOfSource).
 */
export async function bundle(entry: string, outfile: string, { inPlace = false } = {}): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // No keepNames: it wraps every named function and class in a call that redefines its `name`,
    // including the closures created per request on the hot path (plugins, subgraph calls), which
    // costs CPU on every request. Nothing reads function names; the bundle is not minified, so
    // stack traces keep the source names anyway except where esbuild renames a clash.
    logLevel: 'warning',
    plugins: inPlace ? [nodeModulesExternal, importMetaUrlOfSource] : [nodeModulesExternal],
  });
}

export async function buildAll(): Promise<void> {
  rmSync(`${ROOT}gateway/dist`, { recursive: true, force: true });
  for (const b of BUILDS) await bundle(b.entry, b.outfile);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  await buildAll();
  console.log(`built ${BUILDS.map((b) => b.outfile).join(', ')} in ${Date.now() - started} ms`);
}
