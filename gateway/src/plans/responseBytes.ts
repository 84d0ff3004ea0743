/**
 * Reads a subgraph's GraphQL response as it came off the wire, without parsing it into objects:
 * finds the byte range of its `data` object, validating the whole text as JSON (RFC 8259) in
 * UTF-8 on the way. The single-fetch passthrough (passthrough.ts) then sends those bytes to the
 * client as they are: for an analyst's 1.1 MB page of jobs, parsing it and serialising it again
 * was most of the gateway's work (bench/README.md).
 *
 * A range comes back only for the plain case: one JSON object whose members are `data` (an
 * object) and optionally `extensions` (the gateway never forwards a subgraph's extensions, as
 * stock @apollo/gateway does not). Anything else — an `errors` member, `data: null`, another or
 * a repeated member, an escape in a member name, a BOM, invalid JSON or invalid UTF-8, nesting
 * deeper than MAX_DEPTH — returns undefined, and the caller parses the text the usual way, so
 * every such answer is handled exactly as before.
 */
export interface ByteRange {
  start: number;
  end: number;
}

/** Deeper answers are left to JSON.parse (the stack below is a fixed array). */
export const MAX_DEPTH = 512;

// Scanner states.
const VALUE = 0; // a value is due
const FIRST_MEMBER = 1; // just after `{`: a member name or `}`
const MEMBER = 2; // after `,` in an object: a member name
const COLON = 3;
const FIRST_ELEMENT = 4; // just after `[`: a value or `]`
const AFTER_VALUE = 5; // `,`, a closing bracket, or the end
const DONE = 6; // only whitespace may follow
const STRING = 7;
const ESCAPE = 8; // after a backslash
const HEX = 9; // inside \uXXXX
const UTF8 = 10; // inside a multi-byte UTF-8 sequence
const MINUS = 11; // number: after `-`
const ZERO = 12; // number: a leading 0
const INTEGER = 13;
const POINT = 14; // number: after `.`
const FRACTION = 15;
const EXPONENT = 16; // number: after e/E
const EXPONENT_SIGN = 17;
const EXPONENT_DIGITS = 18;
const LITERAL = 19; // inside true, false or null

const OBJECT = 1;
const ARRAY = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const LITERALS: Record<number, string> = { 0x74: 'rue', 0x66: 'alse', 0x6e: 'ull' };

/** The bytes [start, end) of the chunks, as latin1 text (only for short member names). */
function textAt(chunks: readonly Uint8Array[], start: number, end: number): string {
  let text = '';
  let base = 0;
  for (const chunk of chunks) {
    for (let i = Math.max(start - base, 0); i < chunk.length && base + i < end; i++) text += String.fromCharCode(chunk[i]!);
    base += chunk.length;
    if (base >= end) break;
  }
  return text;
}

/** The range of the response's `data` object, or undefined when the answer is not the plain case (see above). */
export function dataObjectRange(chunks: readonly Uint8Array[]): ByteRange | undefined {
  const stack = new Uint8Array(MAX_DEPTH);
  let depth = 0;
  let state = VALUE;
  let stringIsName = false;
  let nameStart = 0;
  let nameEscaped = false;
  let member = ''; // the top-level member whose value is due or being read
  let hexLeft = 0;
  let utf8Left = 0; // continuation bytes still due
  let utf8Low = 0x80; // bounds of the next continuation byte (tighter after E0, ED, F0, F4)
  let utf8High = 0xbf;
  let literal = '';
  let literalAt = 0;
  let data: ByteRange | undefined;
  let dataOpen = false;
  let base = 0;
  for (const chunk of chunks) {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const c = chunk[i]!;
      switch (state) {
        case STRING: {
          // The bulk of any answer: plain ASCII inside strings.
          let j = i;
          let b = c;
          while (b !== QUOTE && b !== BACKSLASH && b >= 0x20 && b < 0x80) {
            if (++j === n) break;
            b = chunk[j]!;
          }
          i = j;
          if (i === n) continue;
          if (b === QUOTE) {
            if (stringIsName) {
              if (depth === 1) {
                const name = nameEscaped ? '' : textAt(chunks, nameStart, base + i);
                if (name === 'data') {
                  if (data || dataOpen) return undefined;
                } else if (name !== 'extensions') return undefined;
                member = name;
              }
              state = COLON;
            } else state = AFTER_VALUE;
          } else if (b === BACKSLASH) {
            if (stringIsName) nameEscaped = true;
            state = ESCAPE;
          } else if (b < 0x20) return undefined;
          else {
            // A UTF-8 lead byte: how many continuation bytes follow, and the bounds of the first.
            utf8Low = 0x80;
            utf8High = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) utf8Left = 1;
            else if (b >= 0xe0 && b <= 0xef) {
              utf8Left = 2;
              if (b === 0xe0) utf8Low = 0xa0; // no overlong forms
              if (b === 0xed) utf8High = 0x9f; // no surrogates
            } else if (b >= 0xf0 && b <= 0xf4) {
              utf8Left = 3;
              if (b === 0xf0) utf8Low = 0x90;
              if (b === 0xf4) utf8High = 0x8f; // nothing above U+10FFFF
            } else return undefined;
            state = UTF8;
          }
          i++;
          continue;
        }
        case UTF8:
          if (c < utf8Low || c > utf8High) return undefined;
          utf8Low = 0x80;
          utf8High = 0xbf;
          if (--utf8Left === 0) state = STRING;
          i++;
          continue;
        case ESCAPE:
          if (c === 0x75) {
            state = HEX;
            hexLeft = 4;
          } else if (c === QUOTE || c === BACKSLASH || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74) state = STRING;
          else return undefined;
          i++;
          continue;
        case HEX:
          if (!isHex(c)) return undefined;
          if (--hexLeft === 0) state = STRING;
          i++;
          continue;
        case VALUE:
        case FIRST_ELEMENT:
        case FIRST_MEMBER:
        case MEMBER:
        case COLON:
        case AFTER_VALUE:
        case DONE:
          if (isSpace(c)) {
            i++;
            continue;
          }
          break;
        case MINUS:
          if (c === 0x30) state = ZERO;
          else if (c >= 0x31 && c <= 0x39) state = INTEGER;
          else return undefined;
          i++;
          continue;
        case INTEGER:
        case ZERO:
        case FRACTION:
        case EXPONENT_DIGITS:
          if (isDigit(c) && state !== ZERO) {
            i++;
            continue;
          }
          if (c === 0x2e && (state === INTEGER || state === ZERO)) state = POINT;
          else if ((c === 0x65 || c === 0x45) && state !== EXPONENT_DIGITS) state = EXPONENT;
          else {
            // The number has ended: this byte belongs to what follows it.
            state = AFTER_VALUE;
            continue;
          }
          i++;
          continue;
        case POINT:
          if (!isDigit(c)) return undefined;
          state = FRACTION;
          i++;
          continue;
        case EXPONENT:
          if (c === 0x2b || c === 0x2d) state = EXPONENT_SIGN;
          else if (isDigit(c)) state = EXPONENT_DIGITS;
          else return undefined;
          i++;
          continue;
        case EXPONENT_SIGN:
          if (!isDigit(c)) return undefined;
          state = EXPONENT_DIGITS;
          i++;
          continue;
        case LITERAL:
          if (c !== literal.charCodeAt(literalAt)) return undefined;
          if (++literalAt === literal.length) state = AFTER_VALUE;
          i++;
          continue;
      }
      // Structure: `c` is not whitespace, in one of the structural states.
      const at = base + i;
      let closes = false;
      if (state === FIRST_MEMBER || state === MEMBER) {
        if (c === QUOTE) {
          stringIsName = true;
          nameStart = at + 1;
          nameEscaped = false;
          state = STRING;
        } else if (c === 0x7d && state === FIRST_MEMBER) closes = true;
        else return undefined;
      } else if (state === COLON) {
        if (c !== 0x3a) return undefined;
        state = VALUE;
      } else if (state === AFTER_VALUE) {
        const container = stack[depth - 1];
        if (c === 0x2c) state = container === OBJECT ? MEMBER : VALUE;
        else if ((c === 0x7d && container === OBJECT) || (c === 0x5d && container === ARRAY)) closes = true;
        else return undefined;
      } else if (state === DONE) return undefined;
      else if (c === 0x5d && state === FIRST_ELEMENT) closes = true;
      else {
        // A value begins (VALUE, or FIRST_ELEMENT with something other than `]`).
        if (depth === 0 && c !== 0x7b) return undefined; // an answer is an object
        if (depth === 1 && member === 'data') {
          if (c !== 0x7b) return undefined; // data: null (or not an object) is the full path's business
          data = { start: at, end: -1 };
          dataOpen = true;
        }
        if (c === 0x7b || c === 0x5b) {
          if (depth === MAX_DEPTH) return undefined;
          stack[depth++] = c === 0x7b ? OBJECT : ARRAY;
          state = c === 0x7b ? FIRST_MEMBER : FIRST_ELEMENT;
        } else if (c === QUOTE) {
          stringIsName = false;
          state = STRING;
        } else if (c === 0x2d) state = MINUS;
        else if (c === 0x30) state = ZERO;
        else if (c >= 0x31 && c <= 0x39) state = INTEGER;
        else if (LITERALS[c] !== undefined) {
          literal = LITERALS[c]!;
          literalAt = 0;
          state = LITERAL;
        } else return undefined;
      }
      if (closes) {
        depth--;
        if (depth === 0) state = DONE;
        else {
          state = AFTER_VALUE;
          if (depth === 1 && dataOpen) {
            dataOpen = false;
            data!.end = at + 1;
          }
        }
      }
      i++;
    }
    base += n;
  }
  if (state !== DONE || !data || dataOpen) return undefined;
  return data;
}
