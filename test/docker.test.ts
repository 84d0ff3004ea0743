import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import yaml from 'js-yaml';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '@talent-graph/platform';
import { BUILDS, GATEWAY_NODE_FLAGS } from '../scripts/build.ts';
import { ROOT } from './support/stack.ts';

/**
 * No Docker engine runs here, so the container files are checked against the code instead:
 * every command, path, port and environment variable they name must exist.
 */
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  build?: { context: string; dockerfile: string };
  image?: string;
}
const compose = yaml.load(readFileSync(`${ROOT}docker/compose.yaml`, 'utf8')) as { services: Record<string, ComposeService> };
const dockerfile = readFileSync(`${ROOT}docker/Dockerfile`, 'utf8');
const configSources = [readFileSync(`${ROOT}gateway/src/config.ts`, 'utf8'), readFileSync(`${ROOT}internal/platform/src/config.ts`, 'utf8')].join('\n');
const appServices = Object.entries(compose.services).filter(([, s]) => s.image === 'talent-graph:local');

/** An environment variable the code reads: literally, or through a per-subgraph template. */
function isReadByCode(name: string): boolean {
  if (configSources.includes(`env.${name}`) || configSources.includes(`'${name}'`)) return true;
  const perSubgraph = SUBGRAPH_NAMES.find((n) => name === `${n.toUpperCase()}_PORT` || name === `SUBGRAPH_URL_${n.toUpperCase()}`);
  if (perSubgraph) return configSources.includes('.toUpperCase()}_PORT') || configSources.includes('SUBGRAPH_URL_${name.toUpperCase()}');
  return false;
}

/**
 * `node <production's Node flags> gateway/dist/<x>.js …`: returns the TypeScript entry the build
 * compiles into that file (the build itself is not in the repository). The flags must be exactly
 * scripts/build.ts GATEWAY_NODE_FLAGS, the ones the bench measured.
 */
function builtFrom(command: string[], what: string): string {
  expect(command[0], what).to.equal('node');
  expect(command.slice(1, 1 + GATEWAY_NODE_FLAGS.length), `${what}: production's Node flags`).to.deep.equal(GATEWAY_NODE_FLAGS);
  const build = BUILDS.find((b) => b.outfile === command[1 + GATEWAY_NODE_FLAGS.length]);
  expect(build, `${what}: ${command.join(' ')} runs no file npm run build writes`).to.not.equal(undefined);
  return build!.entry;
}

describe('docker/compose.yaml', () => {
  it('brings up PostgreSQL, Redis, a one-shot migrate-and-seed, the five subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).to.deep.equal(['ase', 'cref', 'directory', 'gateway', 'icar', 'migrate-seed', 'postgres', 'redis', 'wrenchway']);
    expect(compose.services['migrate-seed']!.command).to.deep.equal(['node', '--import', 'tsx', 'scripts/seed.ts', '--if-empty']);
  });

  it('runs only files that exist in the repository, the gateway from its build', () => {
    for (const [name, service] of appServices) {
      const command = service.command ?? [];
      const script = name === 'gateway' ? builtFrom(command, name) : command[3]!;
      if (name !== 'gateway') expect(command.slice(0, 3), name).to.deep.equal(['node', '--import', 'tsx']);
      expect(existsSync(`${ROOT}${script}`), `${name}: ${script}`).to.equal(true);
      const supergraph = command.indexOf('--supergraph');
      if (supergraph >= 0) expect(existsSync(`${ROOT}${command[supergraph + 1]}`), `${name}: supergraph`).to.equal(true);
    }
  });

  it('starts each subgraph from its own index.ts on its default port', () => {
    for (const name of SUBGRAPH_NAMES) {
      const service = compose.services[name]!;
      expect(service.command).to.deep.equal(['node', '--import', 'tsx', `subgraphs/${name}/src/index.ts`]);
      expect(service.environment?.[`${name.toUpperCase()}_PORT`]).to.equal(String(DEFAULT_PORTS[name]));
      expect(service.ports).to.deep.equal([`${DEFAULT_PORTS[name]}:${DEFAULT_PORTS[name]}`]);
      expect(service.healthcheck?.test.join(' ')).to.include(`127.0.0.1:${DEFAULT_PORTS[name]}/health`);
    }
  });

  it('points the gateway at every subgraph by service name and port', () => {
    const gateway = compose.services.gateway!;
    expect(gateway.ports).to.deep.equal([`${DEFAULT_PORTS.gateway}:${DEFAULT_PORTS.gateway}`]);
    expect(gateway.command).to.include(String(DEFAULT_PORTS.gateway));
    for (const name of SUBGRAPH_NAMES) {
      expect(gateway.environment?.[`SUBGRAPH_URL_${name.toUpperCase()}`]).to.equal(`http://${name}:${DEFAULT_PORTS[name]}/graphql`);
      expect(gateway.depends_on?.[name]).to.deep.equal({ condition: 'service_healthy' });
    }
  });

  it('sets only environment variables the code reads', () => {
    for (const [name, service] of appServices) {
      for (const variable of Object.keys(service.environment ?? {})) {
        expect(isReadByCode(variable), `${name}: ${variable}`).to.equal(true);
      }
    }
  });

  it('gives every long-running service a health check', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'migrate-seed') continue;
      expect(service.healthcheck, name).to.not.equal(undefined);
    }
  });
});

describe('docker/Dockerfile', () => {
  it('is multi-stage, installs production dependencies only, and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).to.be.greaterThanOrEqual(2);
    expect(dockerfile).to.match(/npm ci --omit=dev/);
    expect(dockerfile).to.match(/^USER node$/m);
  });

  it('copies only paths that exist', () => {
    for (const match of dockerfile.matchAll(/^COPY (?!--from)(?:--chown=\S+ )?(.+) (\S+)$/gm)) {
      for (const source of match[1]!.split(' ')) {
        expect(existsSync(`${ROOT}${source}`), source).to.equal(true);
      }
    }
  });

  it('defaults to the built gateway', () => {
    const cmd = /^CMD (.+)$/m.exec(dockerfile)![1]!;
    const args = JSON.parse(cmd) as string[];
    expect(existsSync(`${ROOT}${builtFrom(args, 'CMD')}`)).to.equal(true);
  });

  it('builds the gateway in a stage of its own and copies only the build into the image', () => {
    expect(dockerfile).to.match(/^RUN npm run build$/m);
    expect(dockerfile).to.match(/^COPY --from=build --chown=node:node \/app\/gateway\/dist \.\/gateway\/dist$/m);
  });
});
