import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '@talent-graph/platform/core';
import type { GatewayConfig } from './config.ts';

/** Command-line flags of `npm run gateway`; they override the environment (config.ts). */
export function parseArgs(argv: string[], config: GatewayConfig): GatewayConfig {
  const program = new Command('gateway')
    .description('Serve a Federation 2 supergraph: POST /graphql, GET /health, GET /graphql (explorer).')
    .option('--supergraph <file>', 'supergraph SDL file to serve', config.supergraphPath)
    .option('--port <n>', 'port to listen on (0 picks a free one)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0–65535');
      return n;
    }, config.port)
    .option('--host <host>', 'address to listen on', config.host)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    const e = error as { code?: string; message: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') process.exit(0);
    throw new ConfigError(e.message);
  }
  const opts = program.opts<{ supergraph: string; port: number; host: string }>();
  return { ...config, supergraphPath: resolve(opts.supergraph), port: opts.port, host: opts.host };
}
