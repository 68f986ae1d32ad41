/**
 * `Range` request header parsing (RFC 9110 §14). Only the `bytes` unit and a
 * single range are honoured:
 *
 * - `bytes=a-b`, `bytes=a-`, `bytes=-n` → one satisfiable range, or
 *   `unsatisfiable` (answered with 416) when it starts past the end of the file
 *   or asks for the last 0 bytes;
 * - several ranges (`bytes=0-1,5-9`) → `ignore`: the whole file is sent with
 *   200. RFC 9110 lets a server ignore Range; DuckDB-wasm and browsers only
 *   ever send one range, and a multipart/byteranges body is not worth its
 *   complexity here;
 * - anything malformed or another unit → `ignore` as well (also per the RFC).
 */

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export type RangeResult =
  | { kind: 'none' }
  | { kind: 'ignore'; reason: 'malformed' | 'multiple' }
  | { kind: 'unsatisfiable' }
  | { kind: 'range'; range: ByteRange };

const SINGLE_RANGE = /^(\d*)-(\d*)$/;

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined || header.trim() === '') return { kind: 'none' };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match?.[1]) return { kind: 'ignore', reason: 'malformed' };
  const specs = match[1].split(',').map((spec) => spec.trim()).filter((spec) => spec !== '');
  if (specs.length === 0) return { kind: 'ignore', reason: 'malformed' };
  if (specs.length > 1) return { kind: 'ignore', reason: 'multiple' };

  const parts = SINGLE_RANGE.exec(specs[0] ?? '');
  if (!parts) return { kind: 'ignore', reason: 'malformed' };
  const [, first = '', last = ''] = parts;
  if (first === '' && last === '') return { kind: 'ignore', reason: 'malformed' };

  if (first === '') {
    // Suffix range: the last n bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'ignore', reason: 'malformed' };
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Number(last);
  return { kind: 'range', range: { start, end: Math.min(end, size - 1) } };
}
