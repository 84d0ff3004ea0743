import { expect } from 'chai';
import { SignatureVerifier, signRequest } from '../src/signing.ts';

describe('gateway-to-subgraph signatures', () => {
  const secret = 'a'.repeat(64);
  const caller = 'eyJzdWIiOiJwZXItMDE4MTEifQ';
  const body = '{"query":"{ _service { sdl } }"}';
  let now = 1_800_000_000_000;
  const verifier = () => new SignatureVerifier(secret, 60_000, () => now);

  it('accepts a request signed by the gateway', () => {
    expect(verifier().verify(signRequest(secret, caller, body, now, 'n1'), caller, body)).to.deep.equal({ ok: true });
  });

  it('refuses a missing, malformed, forged, tampered, expired or replayed signature', () => {
    const v = verifier();
    const good = signRequest(secret, caller, body, now, 'n2');
    const results = {
      missing: v.verify(undefined, caller, body).reason,
      malformed: v.verify('t=1,n=x', caller, body).reason,
      wrongSecret: v.verify(signRequest('b'.repeat(64), caller, body, now, 'n3'), caller, body).reason,
      otherCaller: v.verify(good, 'eyJzdWIiOiJwZXItMDAwMDEifQ', body).reason,
      otherBody: v.verify(good, caller, '{"query":"mutation { evil }"}').reason,
      expired: v.verify(signRequest(secret, caller, body, now - 61_000, 'n4'), caller, body).reason,
      first: v.verify(good, caller, body).ok,
      replayed: v.verify(good, caller, body).reason,
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

  it('forgets nonces once their signatures could no longer be replayed', () => {
    const v = verifier();
    expect(v.verify(signRequest(secret, caller, body, now, 'n5'), caller, body).ok).to.equal(true);
    now += 120_000;
    // The old signature is refused as expired, not remembered forever.
    expect(v.verify(signRequest(secret, caller, body, now - 120_000, 'n5'), caller, body).reason).to.equal('gateway signature has expired');
  });
});
