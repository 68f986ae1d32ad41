/**
 * Choosing a precompressed sibling (`file.br`, `file.gz`) from the request's
 * `Accept-Encoding`. The server never compresses on the fly: the build writes
 * the siblings once, and files without them are sent as they are.
 */

export interface Precompressed {
  /** `Content-Encoding` value. */
  encoding: 'br' | 'gzip';
  /** File name suffix of the sibling. */
  suffix: '.br' | '.gz';
}

/** In order of preference: brotli is about a third smaller than gzip for wasm. */
export const PRECOMPRESSED: readonly Precompressed[] = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
];

/** Quality values by coding (lower-case), from an `Accept-Encoding` header. */
export function parseAcceptEncoding(header: string | undefined): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const coding = name.trim().toLowerCase();
    if (coding === '') continue;
    let quality = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key?.trim().toLowerCase() === 'q') quality = Number(value);
    }
    accepted.set(coding, Number.isFinite(quality) ? quality : 0);
  }
  return accepted;
}

/** Whether the client accepts `encoding` (explicitly or through `*`). */
export function acceptsEncoding(accepted: Map<string, number>, encoding: string): boolean {
  const quality = accepted.get(encoding) ?? (encoding === 'gzip' ? accepted.get('x-gzip') : undefined) ?? accepted.get('*');
  return quality !== undefined && quality > 0;
}

/** The encodings worth trying for this request, best first. */
export function acceptableEncodings(header: string | undefined): Precompressed[] {
  const accepted = parseAcceptEncoding(header);
  return PRECOMPRESSED.filter((candidate) => acceptsEncoding(accepted, candidate.encoding));
}
