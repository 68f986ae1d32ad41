/**
 * A small, dependency-free static file server for the built site.
 * It does what DuckDB-wasm and a public dashboard need and nothing else:
 * GET/HEAD, single byte ranges (206/416), precompressed `.br`/`.gz`
 * siblings, correct MIME types (`.wasm`), security headers on every
 * response, immutable caching for hashed assets and release folders,
 * ETag/Last-Modified revalidation (304) and a custom `404.html`. Every file
 * it sends (the page, a precompressed sibling, the 404 page) must have its
 * real path, symlinks resolved, inside the root's real path (`resolve.ts`).
 *
 * It counts the body bytes it sends, per request, so the site benchmark can
 * measure what a visitor downloads (Playwright's own counts are wrong for
 * workers and compressed responses).
 */
import { createReadStream, promises as fs, type Stats } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { acceptableEncodings, type Precompressed } from './encoding.ts';
import { cacheControlFor, securityHeadersFor } from './headers.ts';
import { mimeTypeFor } from './mime.ts';
import { parseRange, type ByteRange } from './range.ts';
import { decodeUrlPath, realFileInside, resolveFile } from './resolve.ts';

export interface StaticServerOptions {
  /** Folder to serve (usually `dist/`). */
  root: string;
  /** 0 picks a free port. Default 4321. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Called once per finished request, e.g. for an access log. */
  onRequest?: (record: RequestRecord) => void;
}

export interface RequestRecord {
  method: string;
  /** Request target as received (path and query). */
  url: string;
  status: number;
  /** Body bytes written to the socket (0 for HEAD and 304). */
  bytes: number;
  /** `br` or `gzip` when a precompressed sibling was sent. */
  encoding?: Precompressed['encoding'];
  /** The byte range sent with a 206. */
  range?: ByteRange;
}

export interface StaticServer {
  readonly server: http.Server;
  /** Start listening; resolves with the actual port and a base URL. */
  listen(): Promise<{ port: number; host: string; url: string }>;
  close(): Promise<void>;
  /** Base URL such as `http://127.0.0.1:4321`; throws before `listen()`. */
  readonly url: string;
  /** Total body bytes sent since start or the last `resetCounters()`. */
  readonly bytesSent: number;
  /** Every finished request since start or the last `resetCounters()`. */
  readonly requests: readonly RequestRecord[];
  resetCounters(): void;
}

const ALLOWED_METHODS = 'GET, HEAD';

/**
 * A strong validator from size and modification time (as nginx makes them);
 * cheap and stable across restarts. Strong, because Chromium revalidates a
 * cached partial file with `If-Range: <etag>`: a weak tag never matches
 * there, and every DuckDB range read became a 200 with the whole file.
 */
function etagFor(stats: Stats, encoding?: string): string {
  return `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
}

function isNotModified(req: http.IncomingMessage, etag: string, stats: Stats): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => weak(tag) === weak(etag));
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return Number.isFinite(since) && Math.floor(stats.mtimeMs / 1000) * 1000 <= since;
  }
  return false;
}

/** `If-Range` lets a client resume only if the file is unchanged; otherwise it gets the whole file. */
function ifRangeAllows(req: http.IncomingMessage, etag: string, stats: Stats): boolean {
  const header = req.headers['if-range'];
  const ifRange = Array.isArray(header) ? header[0] : header;
  if (ifRange === undefined) return true;
  // Weak tags never match for If-Range (RFC 9110 §13.1.5); a strong one must be ours, exactly.
  if (ifRange.trim().startsWith('W/')) return false;
  if (ifRange.trim().startsWith('"')) return ifRange.trim() === etag;
  const date = Date.parse(ifRange);
  return Number.isFinite(date) && Math.floor(stats.mtimeMs / 1000) * 1000 <= date;
}

/**
 * The best accepted precompressed sibling of `filePath` (a real path inside
 * `root`). A sibling whose real path leaves the root (a symlink out of it) is
 * passed over like a missing one: the next encoding, or the identity file, is sent.
 */
async function findPrecompressed(
  root: string,
  filePath: string,
  acceptEncoding: string | undefined,
): Promise<{ filePath: string; stats: Stats; variant: Precompressed } | null> {
  for (const variant of acceptableEncodings(acceptEncoding)) {
    const found = await realFileInside(root, filePath + variant.suffix);
    if (found) return { ...found, variant };
  }
  return null;
}

export function createStaticServer(options: StaticServerOptions): StaticServer {
  const port = options.port ?? 4321;
  const host = options.host ?? '127.0.0.1';
  let root: string | null = null;
  let baseUrl: string | null = null;
  let bytesSent = 0;
  let requests: RequestRecord[] = [];

  const getRoot = async (): Promise<string> => (root ??= await fs.realpath(path.resolve(options.root)));

  function finish(record: RequestRecord): void {
    bytesSent += record.bytes;
    requests.push(record);
    options.onRequest?.(record);
  }

  /** Send a file (or part of it). Resolves once the response is done. */
  function sendFile(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    record: RequestRecord,
    filePath: string,
    range?: ByteRange,
  ): void {
    if (req.method === 'HEAD') {
      res.end();
      finish(record);
      return;
    }
    const stream = createReadStream(filePath, range ? { start: range.start, end: range.end } : {});
    stream.on('data', (chunk) => {
      record.bytes += chunk.length;
    });
    pipeline(stream, res, () => finish(record));
  }

  async function sendNotFound(req: http.IncomingMessage, res: http.ServerResponse, record: RequestRecord): Promise<void> {
    const root = await getRoot();
    // The 404 page obeys the same rule as any file: not sent when it leads out of the root.
    const page = await realFileInside(root, path.join(root, '404.html'));
    record.status = 404;
    res.statusCode = 404;
    res.setHeader('Cache-Control', 'no-cache');
    if (page) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Length', page.stats.size);
      sendFile(req, res, record, page.filePath);
      return;
    }
    sendText(req, res, record, 404, 'Not found\n');
  }

  function sendText(req: http.IncomingMessage, res: http.ServerResponse, record: RequestRecord, status: number, text: string): void {
    const body = Buffer.from(text);
    record.status = status;
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    if (req.method === 'HEAD') res.end();
    else {
      record.bytes = body.length;
      res.end(body);
    }
    finish(record);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const record: RequestRecord = { method: req.method ?? '', url: req.url ?? '', status: 200, bytes: 0 };
    for (const [name, value] of Object.entries(securityHeadersFor((req.url ?? '/').split('?')[0] ?? '/'))) res.setHeader(name, value);

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', ALLOWED_METHODS);
      sendText(req, res, record, 405, 'Method not allowed\n');
      return;
    }

    const pathname = (req.url ?? '/').split('?')[0]?.split('#')[0] ?? '/';
    const decoded = decodeUrlPath(pathname.startsWith('/') ? pathname : `/${pathname}`);
    if ('refused' in decoded) {
      if (decoded.refused === 'forbidden') sendText(req, res, record, 403, 'Forbidden\n');
      else sendText(req, res, record, 400, 'Bad request\n');
      return;
    }
    const resolved = await resolveFile(await getRoot(), decoded.path);
    if (resolved.kind === 'forbidden') return sendText(req, res, record, 403, 'Forbidden\n');
    if (resolved.kind === 'bad-request') return sendText(req, res, record, 400, 'Bad request\n');
    if (resolved.kind === 'not-found') return sendNotFound(req, res, record);

    const { filePath, stats } = resolved;
    // The cache rule for `/en` and `/en/index.html` must be the same: HTML by name.
    const cacheControl = filePath.endsWith('.html') ? 'no-cache' : cacheControlFor(decoded.path);
    res.setHeader('Content-Type', mimeTypeFor(filePath));
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Vary', 'Accept-Encoding');

    const rangeHeader = req.headers.range;
    // Ranges are always served from the identity file: byte offsets of a
    // compressed sibling would mean nothing to DuckDB.
    const compressed = rangeHeader === undefined ? await findPrecompressed(await getRoot(), filePath, req.headers['accept-encoding']) : null;
    const etag = etagFor(stats, compressed?.variant.encoding);
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', stats.mtime.toUTCString());

    if (isNotModified(req, etag, stats)) {
      res.statusCode = 304;
      record.status = 304;
      res.removeHeader('Content-Type');
      res.end();
      finish(record);
      return;
    }

    if (compressed) {
      res.setHeader('Content-Encoding', compressed.variant.encoding);
      res.setHeader('Content-Length', compressed.stats.size);
      record.encoding = compressed.variant.encoding;
      sendFile(req, res, record, compressed.filePath);
      return;
    }

    const range = ifRangeAllows(req, etag, stats) ? parseRange(rangeHeader, stats.size) : { kind: 'none' as const };
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${stats.size}`);
      res.removeHeader('Content-Type');
      sendText(req, res, record, 416, 'Range not satisfiable\n');
      return;
    }
    if (range.kind === 'range') {
      const { start, end } = range.range;
      res.statusCode = 206;
      record.status = 206;
      record.range = range.range;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${stats.size}`);
      res.setHeader('Content-Length', end - start + 1);
      sendFile(req, res, record, filePath, range.range);
      return;
    }
    res.setHeader('Content-Length', stats.size);
    sendFile(req, res, record, filePath);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[serve] internal error:', error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('Internal server error\n');
      } else res.destroy();
    });
  });

  return {
    server,
    async listen() {
      await getRoot();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      baseUrl = `http://${urlHost}:${address.port}`;
      return { port: address.port, host: address.address, url: baseUrl };
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
    get url() {
      if (baseUrl === null) throw new Error('createStaticServer: call listen() before reading url');
      return baseUrl;
    },
    get bytesSent() {
      return bytesSent;
    },
    get requests() {
      return requests;
    },
    resetCounters() {
      bytesSent = 0;
      requests = [];
    },
  };
}
