import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { createAuthenticator, DEV_JWT_SECRET, type AuthOptions } from '../src/plugins/auth.ts';
import { mintToken, parseTtl } from '../src/tokens.ts';
import { readAuthConfig } from '../src/config.ts';

const ISSUER = 'talent-graph';
const AUDIENCE = 'talent-graph-api';
const hs: AuthOptions = { keys: { kind: 'secret', secret: DEV_JWT_SECRET }, issuer: ISSUER, audience: AUDIENCE };
const secret = new TextEncoder().encode(DEV_JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

function hsToken(claims: Record<string, unknown>, edit: (jwt: SignJWT) => SignJWT = (j) => j): Promise<string> {
  return edit(new SignJWT({ roles: ['student'], ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('per-01811').setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime(now() + 600)).sign(secret);
}

describe('gateway authentication (JWT)', () => {
  const auth = createAuthenticator(hs);

  it('treats a request without Authorization as anonymous', async () => {
    expect(await auth.authenticate(undefined)).to.deep.equal({ sub: null, roles: [], scopes: [] });
  });

  it('maps a valid token to the caller the subgraphs see', async () => {
    const token = await mintToken({ sub: 'per-00001', roles: ['instructor'], schoolId: 'sch-0001', scopes: ['read:progress'], ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: ISSUER, audience: AUDIENCE });
    expect(await auth.authenticate(`Bearer ${token}`)).to.deep.equal({ sub: 'per-00001', roles: ['instructor'], partner: undefined, schoolId: 'sch-0001', shopId: undefined, wards: undefined, scopes: ['read:progress'] });
  });

  it('says what is wrong with a token, never accepting it', async () => {
    const [header, payload] = (await hsToken({})).split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['support'] })).toString('base64url')}.${(await hsToken({})).split('.')[2]}`;
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const results = {
      expired: await rejection(auth.authenticate(`Bearer ${await hsToken({}, (j) => j.setExpirationTime(now() - 3600))}`)),
      notYet: await rejection(auth.authenticate(`Bearer ${await hsToken({}, (j) => j.setNotBefore(now() + 3600))}`)),
      wrongAudience: await rejection(auth.authenticate(`Bearer ${await hsToken({}, (j) => j.setAudience('someone-else'))}`)),
      wrongIssuer: await rejection(auth.authenticate(`Bearer ${await hsToken({}, (j) => j.setIssuer('evil'))}`)),
      wrongKey: await rejection(auth.authenticate(`Bearer ${await new SignJWT({ roles: ['student'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(now() + 60).sign(new TextEncoder().encode('another-secret-another-secret-another'))}`)),
      tamperedClaims: await rejection(auth.authenticate(`Bearer ${tampered}`)),
      algNone: await rejection(auth.authenticate(`Bearer ${none}`)),
      noExpiry: await rejection(auth.authenticate(`Bearer ${await new SignJWT({ roles: ['student'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(ISSUER).setAudience(AUDIENCE).sign(secret)}`)),
      unknownRole: await rejection(auth.authenticate(`Bearer ${await hsToken({ roles: ['root'] })}`)),
      notBearer: await rejection(auth.authenticate('Basic dXNlcjpwYXNz')),
      garbage: await rejection(auth.authenticate('Bearer not.a.jwt')),
    };
    expect(results).to.deep.equal({
      expired: 'token has expired',
      notYet: 'token is not valid yet (nbf is in the future)',
      wrongAudience: 'token audience is not talent-graph-api',
      wrongIssuer: 'token issuer is not talent-graph',
      wrongKey: 'token signature is invalid',
      tamperedClaims: 'token signature is invalid',
      algNone: 'token algorithm is not accepted',
      noExpiry: 'token has no exp claim',
      unknownRole: 'token names an unknown role (known: student, guardian, instructor, school_admin, employer, partner_admin, analyst, support)',
      notBearer: 'Authorization header must be "Bearer <token>"',
      garbage: 'token is malformed',
    });
  });

  it('refuses a token whose signature is spelled differently but decodes the same (last-character malleability)', async () => {
    const token = await hsToken({});
    const signature = token.split('.')[2]!;
    // The 43rd character of an HMAC-SHA256 signature carries 4 signature bits and 2 ignored ones:
    // flip an ignored bit and the decoded signature is unchanged.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const respelled = `${token.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect({
      sameBytes: Buffer.from(respelled.split('.')[2]!, 'base64url').equals(Buffer.from(signature, 'base64url')),
      original: (await auth.authenticate(`Bearer ${token}`)).sub,
      respelled: await rejection(auth.authenticate(`Bearer ${respelled}`)),
    }).to.deep.equal({ sameBytes: true, original: 'per-01811', respelled: 'token signature is invalid' });
  });

  it('verifies RS256 tokens from a JWKS file and picks up a rotated key by kid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-jwks-'));
    const file = join(dir, 'jwks.json');
    const first = await generateKeyPair('RS256');
    const second = await generateKeyPair('RS256');
    const jwk = async (key: CryptoKey, kid: string): Promise<JWK> => ({ ...(await exportJWK(key)), kid, alg: 'RS256', use: 'sig' });
    writeFileSync(file, JSON.stringify({ keys: [await jwk(first.publicKey, 'k1')] }));
    const rs = createAuthenticator({ keys: { kind: 'jwks-file', path: file }, issuer: ISSUER, audience: AUDIENCE });
    const sign = (key: CryptoKey, kid: string) => new SignJWT({ roles: ['analyst'] }).setProtectedHeader({ alg: 'RS256', kid }).setSubject('per-00009').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(now() + 60).sign(key);
    expect((await rs.authenticate(`Bearer ${await sign(first.privateKey, 'k1')}`)).roles).to.deep.equal(['analyst']);
    expect(await rejection(rs.authenticate(`Bearer ${await sign(second.privateKey, 'k2')}`))).to.equal('token key (kid) is not known');
    writeFileSync(file, JSON.stringify({ keys: [await jwk(first.publicKey, 'k1'), await jwk(second.publicKey, 'k2')] }));
    expect((await rs.authenticate(`Bearer ${await sign(second.privateKey, 'k2')}`)).sub).to.equal('per-00009');
    // An HS256 token signed with the public key as a secret (algorithm confusion) is refused.
    expect(await rejection(rs.authenticate(`Bearer ${await hsToken({})}`))).to.equal('token algorithm is not accepted');
  });

  describe('ES256 tokens from a JWKS URL', () => {
    let server: Server;
    let keys: JWK[] = [];
    let fetches = 0;
    before(async () => {
      server = createServer((_req, res) => {
        fetches += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    });
    after(() => server.close());

    it('caches the keys and fetches again when a token names a new kid', async () => {
      const a = await generateKeyPair('ES256');
      const b = await generateKeyPair('ES256');
      keys = [{ ...(await exportJWK(a.publicKey)), kid: 'a', alg: 'ES256' }];
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
      const es = createAuthenticator({ keys: { kind: 'jwks-url', url }, issuer: ISSUER, audience: AUDIENCE, jwksCooldownMs: 0 });
      const sign = (key: CryptoKey, kid: string) => new SignJWT({ role: 'employer', shop_id: 'shp-0002' }).setProtectedHeader({ alg: 'ES256', kid }).setSubject('per-02000').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(now() + 60).sign(key);
      await es.authenticate(`Bearer ${await sign(a.privateKey, 'a')}`);
      await es.authenticate(`Bearer ${await sign(a.privateKey, 'a')}`);
      expect(fetches).to.equal(1);
      keys = [...keys, { ...(await exportJWK(b.publicKey)), kid: 'b', alg: 'ES256' }];
      const caller = await es.authenticate(`Bearer ${await sign(b.privateKey, 'b')}`);
      expect({ fetches, roles: caller.roles, shopId: caller.shopId }).to.deep.equal({ fetches: 2, roles: ['employer'], shopId: 'shp-0002' });
    });
  });

  it('refuses the development secret in production, and a short secret anywhere', () => {
    expect(() => readAuthConfig({}, true)).to.throw('the development JWT secret is refused when NODE_ENV=production');
    expect(() => readAuthConfig({ JWT_SECRET: 'short' }, false)).to.throw('JWT_SECRET must be at least 32 characters');
    expect(() => readAuthConfig({ JWKS_URL: 'https://idp.example/jwks', JWT_SECRET: 'x'.repeat(40) }, true)).to.throw('set only one of JWKS_URL, JWKS_FILE and JWT_SECRET');
    expect(readAuthConfig({ JWKS_URL: 'https://idp.example/jwks' }, true).keys).to.deep.equal({ kind: 'jwks-url', url: 'https://idp.example/jwks' });
  });

  it('parses token lifetimes', () => {
    expect([parseTtl('900'), parseTtl('15m'), parseTtl('12h'), parseTtl('7d')]).to.deep.equal([900, 900, 43200, 604800]);
    expect(() => parseTtl('forever')).to.throw('--ttl must look like 900, 15m, 12h or 7d');
  });
});
