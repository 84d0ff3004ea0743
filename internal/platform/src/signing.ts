import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Gateway-to-subgraph trust. The gateway signs every subgraph request — `_entities` and
 * `_service` included — with an HMAC over the caller identity header, the body's digest, a
 * timestamp and a nonce, under a secret only the gateway and the subgraphs share
 * (SUBGRAPH_SIGNING_SECRET). A subgraph answers 401 to a request whose signature is missing,
 * forged, older than the allowed skew, or replayed, so nobody reaches a subgraph around the
 * gateway with someone else's identity.
 *
 *   x-talent-graph-signature: t=<unix ms>,n=<nonce>,s=<hex HMAC-SHA256>
 *   signed text: `${t}.${n}.${callerHeader}.${sha256hex(body)}`
 */
export const SIGNATURE_HEADER = 'x-talent-graph-signature';
export const MIN_SECRET_LENGTH = 32;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

export function signRequest(secret: string, callerHeader: string, body: string, now = Date.now(), nonce: string = randomUUID()): string {
  return `t=${now},n=${nonce},s=${hmac(secret, `${now}.${nonce}.${callerHeader}.${sha256(body)}`)}`;
}

export interface SignatureCheck {
  ok: boolean;
  /** Why it was refused (for the 401 body and the log). */
  reason?: string;
}

export class SignatureVerifier {
  /** Nonces seen, with the time after which they can no longer be replayed anyway. */
  private readonly seen = new Map<string, number>();
  private lastPrune = 0;

  constructor(
    private readonly secret: string,
    /** Largest accepted difference between the signer's clock and ours. */
    private readonly maxSkewMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  verify(header: string | undefined, callerHeader: string, body: string): SignatureCheck {
    if (!header) return { ok: false, reason: 'missing gateway signature' };
    const parts = Object.fromEntries(header.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    const t = Number(parts.t);
    const n = parts.n;
    const s = parts.s;
    if (!Number.isInteger(t) || !n || !s || !/^[0-9a-f]{64}$/.test(s)) return { ok: false, reason: 'malformed gateway signature' };
    const expected = Buffer.from(hmac(this.secret, `${t}.${n}.${callerHeader}.${sha256(body)}`), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(s, 'hex'))) return { ok: false, reason: 'gateway signature does not match' };
    const now = this.clock();
    if (Math.abs(now - t) > this.maxSkewMs) return { ok: false, reason: 'gateway signature has expired' };
    this.prune(now);
    if (this.seen.has(n)) return { ok: false, reason: 'gateway signature was already used (replay)' };
    this.seen.set(n, t + this.maxSkewMs);
    return { ok: true };
  }

  /** Forgets nonces whose signatures would be refused as expired anyway. */
  private prune(now: number): void {
    if (now - this.lastPrune < 1_000) return;
    this.lastPrune = now;
    for (const [nonce, until] of this.seen) if (until < now) this.seen.delete(nonce);
  }
}
