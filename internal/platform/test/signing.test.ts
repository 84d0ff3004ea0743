import { expect } from 'chai';
import { createClient } from 'redis';
import { createLogger } from '../src/logging.ts';
import { MemoryNonceStore, NONCE_KEY_PREFIX, redisNonceStore, SignatureVerifier, signRequest, type RedisNonceStore } from '../src/signing.ts';
import { startRedis, type RedisServer } from '../src/testing/redis.ts';

describe('gateway-to-subgraph signatures', () => {
  const secret = 'a'.repeat(64);
  const caller = 'eyJzdWIiOiJwZXItMDE4MTEifQ';
  const body = '{"query":"{ _service { sdl } }"}';
  let now = 1_800_000_000_000;
  const verifier = () => new SignatureVerifier(secret, 60_000, () => now);

  it('accepts a request signed by the gateway', async () => {
    expect(await verifier().verify(signRequest(secret, caller, body, now, 'n1'), caller, body)).to.deep.equal({ ok: true });
  });

  it('refuses a missing, malformed, forged, tampered, expired or replayed signature', async () => {
    const v = verifier();
    const good = signRequest(secret, caller, body, now, 'n2');
    const results = {
      missing: (await v.verify(undefined, caller, body)).reason,
      malformed: (await v.verify('t=1,n=x', caller, body)).reason,
      wrongSecret: (await v.verify(signRequest('b'.repeat(64), caller, body, now, 'n3'), caller, body)).reason,
      otherCaller: (await v.verify(good, 'eyJzdWIiOiJwZXItMDAwMDEifQ', body)).reason,
      otherBody: (await v.verify(good, caller, '{"query":"mutation { evil }"}')).reason,
      expired: (await v.verify(signRequest(secret, caller, body, now - 61_000, 'n4'), caller, body)).reason,
      first: (await v.verify(good, caller, body)).ok,
      replayed: (await v.verify(good, caller, body)).reason,
    };
    expect(results).to.deep.equal({
      missing: 'missing gateway signature',
      malformed: 'malformed gateway signature',
      wrongSecret: 'gateway signature does not match',
      otherCaller: 'gateway signature does not match',
      otherBody: 'gateway signature does not match',
      expired: 'gateway signature has expired',
      first: true,
      replayed: 'gateway signature was already used (replay)',
    });
  });

  it('forgets nonces once their signatures could no longer be replayed', async () => {
    const v = verifier();
    expect((await v.verify(signRequest(secret, caller, body, now, 'n5'), caller, body)).ok).to.equal(true);
    now += 180_000;
    // The old signature is refused as expired, not remembered forever.
    expect((await v.verify(signRequest(secret, caller, body, now - 180_000, 'n5'), caller, body)).reason).to.equal('gateway signature has expired');
  });

  it('drops expired nonces as time passes, keeps live ones, and refuses a live one again', async () => {
    const store = new MemoryNonceStore();
    // 3,000 signatures a second for 10 s, each remembered for 120 s (t + 2 × 60 s skew).
    for (let k = 0; k < 30_000; k++) expect(store.claimNow(`a${k}`, 1_000 + Math.floor(k / 3) + 120_000, 1_000 + Math.floor(k / 3))).to.equal(true);
    const before = store.size;
    // 5 s after the first of them expired: the first 5 s of them (15,000) are gone, plus b1 now.
    const later = 1_000 + 5_000 + 120_000;
    const replays = { live: store.claimNow('a29999', later + 120_000, later), fresh: store.claimNow('b1', later + 120_000, later) };
    expect({ before, after: store.size, replays }).to.deep.equal({ before: 30_000, after: 15_001, replays: { live: false, fresh: true } });
  });

  it('keeps a nonce that arrived behind a later one until that one expires (never drops one early)', async () => {
    const store = new MemoryNonceStore();
    store.claimNow('late-signer', 500_000, 0);
    store.claimNow('on-time', 100_000, 1);
    expect({ atOnTimeExpiry: store.claimNow('on-time', 0, 200_000), size: store.size, afterBoth: store.claimNow('on-time', 700_000, 600_000) }).to.deep.equal({ atOnTimeExpiry: false, size: 2, afterBoth: true });
  });

  it('without Redis, a replay to another process is not detected (why REDIS_URL matters)', async () => {
    const good = signRequest(secret, caller, body, now, 'n6');
    expect([(await verifier().verify(good, caller, body)).ok, (await verifier().verify(good, caller, body)).ok]).to.deep.equal([true, true]);
  });

  describe('with REDIS_URL: nonces shared by every process of a subgraph', function () {
    this.timeout(30_000);
    let redis: RedisServer;
    const stores: RedisNonceStore[] = [];
    const logger = createLogger('signing-test', 'silent');
    // Two verifiers, each with its own Redis connection: two processes of one subgraph.
    const process = async () => {
      const store = redisNonceStore(redis.url, logger);
      stores.push(store);
      await store.connected;
      return new SignatureVerifier(secret, 60_000, Date.now, store);
    };
    let nonce = 0;
    const fresh = () => signRequest(secret, caller, body, Date.now(), `redis-n${++nonce}`);

    before(async () => {
      redis = await startRedis();
    });
    after(async () => {
      for (const store of stores) await store.close();
      await redis.stop();
    });

    it('refuses a signature replayed to a second process, either way round', async () => {
      const [a, b] = [await process(), await process()];
      const first = fresh();
      const second = fresh();
      expect([
        (await a.verify(first, caller, body)).ok,
        (await b.verify(first, caller, body)).reason,
        (await b.verify(second, caller, body)).ok,
        (await a.verify(second, caller, body)).reason,
      ]).to.deep.equal([true, 'gateway signature was already used (replay)', true, 'gateway signature was already used (replay)']);
    });

    it('accepts a signature sent to two processes at the same moment exactly once', async () => {
      const [a, b] = [await process(), await process()];
      const outcomes = [];
      for (let i = 0; i < 20; i++) {
        const signature = fresh();
        const both = await Promise.all([a.verify(signature, caller, body), b.verify(signature, caller, body)]);
        outcomes.push(both.filter((r) => r.ok).length);
      }
      expect(outcomes).to.deep.equal(Array(20).fill(1));
    });

    it('keeps a nonce in Redis only for the signature’s validity window (key expiry)', async () => {
      const a = await process();
      const t = Date.now() - 30_000;
      const signature = signRequest(secret, caller, body, t, 'redis-window');
      expect((await a.verify(signature, caller, body)).ok).to.equal(true);
      const client = createClient({ url: redis.url });
      await client.connect();
      const ttl = Number(await client.sendCommand(['PTTL', `${NONCE_KEY_PREFIX}redis-window`]));
      client.destroy();
      // Accepted until t + 60 s by this process's clock, kept until t + 120 s for processes whose
      // clocks are up to 60 s behind: about 90 s from now.
      expect(ttl).to.be.within(85_000, 90_000);
    });

    it('while Redis is down, still refuses replays to the same process and serves fresh signatures', async () => {
      const a = await process();
      await redis.stop();
      const signature = fresh();
      const results = [(await a.verify(signature, caller, body)).ok, (await a.verify(signature, caller, body)).reason];
      await redis.start();
      expect(results).to.deep.equal([true, 'gateway signature was already used (replay)']);
    });
  });
});
