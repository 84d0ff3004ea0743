/**
 * JSON.stringify's text, as a list of pieces of a few tens of kilobytes instead of one string.
 *
 * Why: one JSON.stringify of a large answer (WrenchWay's 1.1 MB export page) yields a string
 * made of many parts, which Node must first flatten into one fresh string of 1–2 MB (V8 keeps it
 * in its large-object space: new memory every time) and then encode into a fresh buffer of the
 * same size. Touching that much new memory costs about 3 ms per megabyte in page faults on the
 * machines we measured, about 16 ms per export page — a third of the subgraph's work for it
 * (bench/README.md). Pieces this size are flattened and encoded in the young generation and in
 * malloc's reused arena instead.
 *
 * The split follows the value: plain objects and arrays are walked, and each element of an
 * array (a list's items: usually small records) is stringified whole. The pieces joined are
 * exactly JSON.stringify(value) for every value it accepts (no replacer, no indentation):
 * toJSON, undefined members and elements, and non-plain objects are left to JSON.stringify itself.
 */
export const JSON_PIECE_CHARS = 16_384;

/** Arrays and plain objects (also null-prototype ones, as graphql-js builds results) without a toJSON of their own. */
function walkable(node: unknown): node is Record<string, unknown> | unknown[] {
  if (node === null || typeof node !== 'object' || typeof (node as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(node)) return true;
  const proto = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}

export function jsonPieces(value: unknown, pieceChars = JSON_PIECE_CHARS): string[] {
  const pieces: string[] = [];
  let current = '';
  const emit = (text: string) => {
    current += text;
    if (current.length >= pieceChars) {
      pieces.push(current);
      current = '';
    }
  };
  const walk = (node: Record<string, unknown> | unknown[]): void => {
    if (Array.isArray(node)) {
      emit('[');
      for (let i = 0; i < node.length; i++) {
        if (i > 0) emit(',');
        // As JSON.stringify: an element that has no JSON form is written as null.
        emit(JSON.stringify(node[i]) ?? 'null');
      }
      emit(']');
      return;
    }
    const keys = Object.keys(node);
    // A record of scalars (most of them) is one call to JSON.stringify.
    if (!keys.some((key) => walkable(node[key]))) return emit(JSON.stringify(node));
    emit('{');
    let first = true;
    for (const key of keys) {
      const member = node[key];
      const nested = walkable(member);
      const text = nested ? undefined : JSON.stringify(member);
      // A member with no JSON form (undefined, a function, a symbol) is left out, as JSON.stringify does.
      if (!nested && text === undefined) continue;
      emit(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      if (nested) walk(member);
      else emit(text!);
    }
    emit('}');
  };
  if (!walkable(value)) {
    const text = JSON.stringify(value);
    return text === undefined ? [] : [text];
  }
  walk(value);
  if (current.length > 0) pieces.push(current);
  return pieces;
}
