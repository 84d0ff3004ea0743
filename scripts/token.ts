/**
 * `npm run token -- --role R --sub ID [--partner P] [--school ID] [--shop ID] [--wards ID,ID]
 *  [--scopes a,b] [--ttl 12h]`: prints a development JWT the gateway accepts (HS256, the
 * gateway's JWT_SECRET or the development default). Refused when NODE_ENV=production.
 *
 *   curl -H "Authorization: Bearer $(npm run -s token -- --role student --sub per-01811)" …
 */
import { Command } from 'commander';
import { ConfigError, ROLES, type Role } from '@talent-graph/platform';
import { readGatewayConfig } from '../gateway/src/config.ts';
import { mintToken, parseTtl, PARTNERS } from '../gateway/src/tokens.ts';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
const program = new Command('token')
  .description('Mint a development JWT for the gateway.')
  .requiredOption('--role <roles>', `role(s), comma-separated: ${ROLES.join(', ')}`)
  .requiredOption('--sub <id>', 'the person id, e.g. per-01811')
  .option('--partner <name>', `for partner_admin: ${PARTNERS.join(', ')}`)
  .option('--school <id>', 'for instructor / school_admin: their school, e.g. sch-0001')
  .option('--shop <id>', 'for employer: their shop, e.g. shp-0002')
  .option('--wards <ids>', 'for guardian: person ids of their minors, comma-separated')
  .option('--scopes <scopes>', 'OAuth scopes, comma-separated')
  .option('--ttl <lifetime>', 'lifetime: 900, 15m, 12h, 7d', '12h')
  .parse();
const opts = program.opts<{ role: string; sub: string; partner?: string; school?: string; shop?: string; wards?: string; scopes?: string; ttl: string }>();

try {
  if (process.env.NODE_ENV === 'production') throw new Error('npm run token mints development tokens and is refused when NODE_ENV=production');
  const config = readGatewayConfig();
  if (config.auth.keys.kind !== 'secret') throw new Error('the gateway verifies tokens with a JWKS here: get tokens from your identity provider');
  const token = await mintToken(
    {
      sub: opts.sub,
      roles: list(opts.role) as Role[],
      partner: opts.partner,
      schoolId: opts.school,
      shopId: opts.shop,
      wards: opts.wards ? list(opts.wards) : undefined,
      scopes: opts.scopes ? list(opts.scopes) : undefined,
      ttlSeconds: parseTtl(opts.ttl),
    },
    { secret: config.auth.keys.secret, issuer: config.auth.issuer, audience: config.auth.audience },
  );
  console.log(token);
} catch (error) {
  console.error(`token: ${error instanceof ConfigError ? 'configuration error: ' : ''}${(error as Error).message}`);
  process.exit(2);
}
