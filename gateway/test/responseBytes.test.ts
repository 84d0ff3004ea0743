import { expect } from 'chai';
import { Rng } from '@talent-graph/platform';
import { dataObjectRange, MAX_DEPTH } from '../src/plans/responseBytes.ts';

/** Finding a subgraph answer's `data` in its bytes, validating them as JSON (plans/responseBytes.ts). */
const bytes = (text: string) => Buffer.from(text, 'utf8');
/** The data text the scanner finds, or undefined. */
function dataText(text: string | Buffer, chunkSizes: number[] = []): string | undefined {
  const all = typeof text === 'string' ? bytes(text) : text;
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of chunkSizes) {
    chunks.push(all.subarray(at, at + size));
    at += size;
  }
  chunks.push(all.subarray(at));
  const range = dataObjectRange(chunks);
  return range && all.subarray(range.start, range.end).toString('utf8');
}

/** Random JSON text of every kind a subgraph may send: escapes, non-ASCII, astral characters, exponents. */
function randomValue(rng: Rng, depth: number): string {
  const kind = depth > 4 ? rng.int(0, 3) : rng.int(0, 5);
  const ws = () => rng.pick(['', '', '', ' ', '\n', '\t', '\r\n  ']);
  switch (kind) {
    case 0:
      return rng.pick(['true', 'false', 'null']);
    case 1:
      return rng.pick(['0', '-0', '7', '-12', '3.25', '-0.5e-3', '1E+9', '6.02e23', '12345678901234567890', '0.0']);
    case 2:
    case 3: {
      const pieces = ['a', 'Z', ' ', '\\"', '\\\\', '\\/', '\\n', '\\t', '\\u00e9', '\\uD83D\\uDE97', 'é', '—', '€', '🚗', '中', '\\b\\f\\r'];
      let s = '"';
      for (let i = rng.int(0, 8); i > 0; i--) s += rng.pick(pieces);
      return `${s}"`;
    }
    case 4: {
      const items = Array.from({ length: rng.int(0, 4) }, () => `${ws()}${randomValue(rng, depth + 1)}${ws()}`);
      return `[${items.join(',')}]`;
    }
    default: {
      const members = Array.from({ length: rng.int(0, 4) }, (_, i) => `${ws()}"k${i}${rng.pick(['', 'é', '\\n'])}"${ws()}:${ws()}${randomValue(rng, depth + 1)}`);
      return `{${members.join(',')}}`;
    }
  }
}

const validUtf8 = (buffer: Buffer) => {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
};

describe('subgraph answer bytes: the data object', () => {
  it('finds the data object of a plain answer, whatever the chunking', () => {
    const text = '{"data":{"jobs":[{"id":"1","pay":21.5,"title":"Técnico — 🚗","open":true,"note":null}]}}';
    const data = '{"jobs":[{"id":"1","pay":21.5,"title":"Técnico — 🚗","open":true,"note":null}]}';
    expect(dataText(text)).to.equal(data);
    // Every split point, including inside a multi-byte character and inside a number.
    for (let cut = 1; cut < bytes(text).length; cut++) expect(dataText(text, [cut]), `cut at ${cut}`).to.equal(data);
    expect(dataText(text, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1])).to.equal(data);
  });

  it('allows whitespace anywhere JSON does and an extensions member on either side', () => {
    expect(dataText(' \n{ "data" : { } , "extensions" : {"cost": [1, 2]} }\r\n')).to.equal('{ }');
    expect(dataText('{"extensions":{"a":"data"},"data":{"x":-0.5e-3}}')).to.equal('{"x":-0.5e-3}');
  });

  it('declines every answer the full path must handle', () => {
    const cases: Record<string, string> = {
      'an errors member after data': '{"data":{"a":1},"errors":[{"message":"boom"}]}',
      'an errors member before data': '{"errors":[],"data":{"a":1}}',
      'data null': '{"data":null}',
      'data not an object': '{"data":[1]}',
      'no data': '{"extensions":{}}',
      'an unknown member': '{"data":{"a":1},"debug":true}',
      'data twice': '{"data":{"a":1},"data":{"a":2}}',
      'an escaped member name': '{"d\\u0061ta":{"a":1}}',
      'a byte order mark': '\uFEFF{"data":{"a":1}}',
      'an array answer': '[{"data":{}}]',
      'trailing text': '{"data":{"a":1}} x',
      'two values': '{"data":{"a":1}}{}',
      'truncated': '{"data":{"a":1}',
      'a trailing comma': '{"data":{"a":1,}}',
      'a raw control character in a string': '{"data":{"a":"x\ty"}}',
      'a bad escape': '{"data":{"a":"\\x"}}',
      'a short unicode escape': '{"data":{"a":"\\u12"}}',
      'a leading zero': '{"data":{"a":01}}',
      'a bare point': '{"data":{"a":1.}}',
      'a bare exponent': '{"data":{"a":1e}}',
      'a plus sign': '{"data":{"a":+1}}',
      'a misspelt literal': '{"data":{"a":nul}}',
      'single quotes': "{'data':{}}",
      'a missing colon': '{"data" {"a":1}}',
      'a bracket mismatch': '{"data":{"a":[1}}}',
    };
    for (const [name, text] of Object.entries(cases)) expect(dataText(text), name).to.equal(undefined);
  });

  it('declines invalid UTF-8: stray continuation, overlong, surrogate, beyond U+10FFFF, cut short', () => {
    const wrap = (...inner: number[]) => Buffer.concat([bytes('{"data":{"a":"'), Buffer.from(inner), bytes('"}}')]);
    for (const sequence of [[0x80], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xff]]) {
      expect(dataText(wrap(...sequence)), sequence.map((b) => b.toString(16)).join(' ')).to.equal(undefined);
    }
    // The largest valid forms pass.
    expect(dataText(wrap(0xf4, 0x8f, 0xbf, 0xbf))).to.equal(`{"a":"${String.fromCodePoint(0x10ffff)}"}`);
    expect(dataText(wrap(0xed, 0x9f, 0xbf))).to.equal('{"a":"\uD7FF"}');
  });

  it(`declines nesting deeper than ${MAX_DEPTH} (left to JSON.parse)`, () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(dataText(`{"data":{"a":${nested(MAX_DEPTH - 3)}}}`)).to.equal(`{"a":${nested(MAX_DEPTH - 3)}}`);
    expect(dataText(`{"data":{"a":${nested(MAX_DEPTH)}}}`)).to.equal(undefined);
  });

  it('agrees with JSON.parse on random answers and on every one-byte corruption of them', () => {
    const rng = new Rng(20261203);
    let accepted = 0;
    let corruptedAccepted = 0;
    for (let round = 0; round < 400; round++) {
      let data = randomValue(rng, 0);
      while (!data.startsWith('{')) data = randomValue(rng, 0);
      const text = rng.chance(0.3) ? `{"extensions":{"n":${round}},"data":${data}}` : `{"data":${data}}`;
      const all = bytes(text);
      const cuts = Array.from({ length: rng.int(0, 3) }, () => rng.int(1, 5));
      expect(dataText(all, cuts), text).to.equal(data);
      accepted++;
      // Corrupt one byte: whatever the scanner accepts must be valid UTF-8 and JSON of the plain shape.
      const bad = Buffer.from(all);
      const at = rng.int(0, bad.length - 1);
      bad[at] = rng.pick([0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x30, 0x2d, 0x65, 0x2e, 0x20, 0x0a, 0x01, 0x80, 0xc3, 0xff, 0x74, 0x61]);
      const found = dataText(bad, cuts);
      let parsed: { data?: unknown } | undefined;
      try {
        parsed = validUtf8(bad) ? JSON.parse(bad.toString('utf8')) : undefined;
      } catch {
        parsed = undefined;
      }
      const plain = parsed !== undefined && parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).every((k) => k === 'data' || k === 'extensions') && typeof parsed.data === 'object' && parsed.data !== null && !Array.isArray(parsed.data);
      if (found !== undefined) {
        corruptedAccepted++;
        expect(plain, `accepted ${bad.toString('utf8')}`).to.equal(true);
        expect(JSON.parse(found), bad.toString('utf8')).to.deep.equal(parsed!.data);
      } else if (plain && !/"extensions"\s*:[^]*"extensions"|"data"\s*:[^]*"data"\s*:/.test(bad.toString('utf8'))) {
        // JSON.parse found the plain shape: the scanner must have too (unless a member repeats).
        expect.fail(`declined a plain answer: ${bad.toString('utf8')}`);
      }
    }
    expect(accepted).to.equal(400);
    expect(corruptedAccepted, 'some corruptions keep the answer valid (e.g. inside a string)').to.be.greaterThan(20);
  });
});
