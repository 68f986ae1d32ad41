/**
 * Response headers that do not depend on the file's bytes: the security
 * headers sent with every response, and the caching policy by URL path.
 * `docs/deploy.md` repeats these for nginx and Caddy; keep them in step.
 */

/**
 * The Content Security Policy of the whole site, sent as an HTTP header
 * (a `<meta>` CSP would not cover the DuckDB web worker).
 *
 * - `script-src 'wasm-unsafe-eval'`: DuckDB-wasm compiles WebAssembly; without
 *   it `instantiate()` never settles. It does not allow JavaScript `eval`.
 * - `style-src 'unsafe-inline'`: Observable Plot injects an inline `<style>`
 *   element into each chart it renders; without this the charts lose their
 *   styles. Inline styles cannot run code, so the cost is small, but drop it
 *   if charts are ever rendered without Plot's injected style.
 * - `worker-src blob:`: DuckDB-wasm may start its worker from a blob URL.
 * - `connect-src 'self'`: the data files are fetched from our own origin only;
 *   no visitor's browser ever talks to a third party.
 * - `frame-ancestors 'self'`: no other site may frame our pages
 *   (click-jacking), except the chart-only embed pages below.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * The chart-only embed pages (`/sematkan/…`, `/en/sematkan/…`; issue 5) are
 * meant to be framed by any site: the same policy with `frame-ancestors *`.
 * They hold one chart, a link back and no form, so being framed cannot be
 * turned into a click-jacking of anything that acts.
 */
export const EMBED_PATH_PATTERN = /^\/(?:en\/)?sematkan\//;
export const EMBED_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", 'frame-ancestors *');

/** The security headers for a URL path (decoded or not: the embed prefix is plain ASCII). */
export function securityHeadersFor(urlPath: string): Readonly<Record<string, string>> {
  return EMBED_PATH_PATTERN.test(urlPath) ? { ...SECURITY_HEADERS, 'Content-Security-Policy': EMBED_CONTENT_SECURITY_POLICY } : SECURITY_HEADERS;
}

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** Stored, but revalidated (cheaply, by ETag) before every use. */
export const CACHE_REVALIDATE = 'no-cache';

/**
 * A release folder name: a date, optionally followed by a time or a suffix
 * (`2026-11-23`, `2026-11-23T101500Z`, `2026-11-23-rev2`). Such a folder is
 * never rewritten once published, so its files may be cached for a year.
 */
export const RELEASE_ID_PATTERN = /^\d{4}-\d{2}-\d{2}(?:[T_.\-][0-9A-Za-z:._\-]*)?$/;

/**
 * `Cache-Control` for a decoded URL path.
 * Content-hashed Astro assets and files inside a release folder are immutable;
 * everything else (HTML, `latest.json`, the favicon) is revalidated each time.
 */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/_astro/')) return CACHE_IMMUTABLE;
  const segments = urlPath.split('/');
  // ['', 'data', '<release-id>', 'file...']: a file inside, not the folder itself.
  if (segments[1] === 'data' && segments.length >= 4 && segments[3] !== '' && RELEASE_ID_PATTERN.test(segments[2] ?? '')) {
    return CACHE_IMMUTABLE;
  }
  return CACHE_REVALIDATE;
}
