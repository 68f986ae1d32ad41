/**
 * The static server, over real HTTP on a free port, serving a temp folder.
 * Uses `node:http` directly (not fetch) so the request path is sent exactly
 * as written, `..` included.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_IMMUTABLE, CONTENT_SECURITY_POLICY, EMBED_CONTENT_SECURITY_POLICY } from '../../scripts/server/headers.ts';
import { createStaticServer, type StaticServer } from '../../scripts/server/static-server.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let dir: string;
let server: StaticServer;

/** 0, 1, ..., 255, 0, 1, ...: any byte range has a predictable content. */
const BINARY = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
const WASM = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(4000, 7)]);
const CSV = 'kode_wilayah,jumlah\n'.repeat(200);

function request(urlPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'terang-server-'));
  const write = (relative: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  };
  write('index.html', '<!doctype html><title>home</title>');
  write('404.html', '<!doctype html><title>not found</title>');
  write('en/index.html', '<!doctype html><title>en</title>');
  write('about.html', '<!doctype html><title>about</title>');
  write('_astro/app.abc123.js', 'console.log(1)');
  write('duckdb-eh.wasm', WASM);
  write('duckdb-eh.wasm.br', brotliCompressSync(WASM));
  write('duckdb-eh.wasm.gz', gzipSync(WASM));
  write('data/latest.json', '{"release":"2026-11-23"}');
  write('data/2026-11-23/site.duckdb', BINARY);
  write('data/2026-11-23/penerima.csv', CSV);
  write('data/2026-11-23/penerima.parquet', BINARY);
  write('data/2026-11-23T101500Z-rev2/penerima.csv', CSV);
  write('data/notes/readme.txt', 'not a release');
  write('.env', 'SECRET=1');
  writeFileSync(path.join(path.dirname(dir), `${path.basename(dir)}-outside.txt`), 'outside');
  server = createStaticServer({ root: dir, port: 0 });
  await server.listen();
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(path.join(path.dirname(dir), `${path.basename(dir)}-outside.txt`), { force: true });
});

describe('byte ranges', () => {
  it('answers bytes=a-b with 206 and exactly those bytes', async () => {
    const reply = await request('/data/2026-11-23/site.duckdb', { headers: { Range: 'bytes=100-299' } });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-range']).toBe('bytes 100-299/1000');
    expect(reply.headers['content-length']).toBe('200');
    expect(reply.body.equals(BINARY.subarray(100, 300))).toBe(true);
  });

  it('answers open-ended bytes=a- and suffix bytes=-n', async () => {
    const tail = await request('/data/2026-11-23/site.duckdb', { headers: { Range: 'bytes=990-' } });
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe('bytes 990-999/1000');
    expect(tail.body.equals(BINARY.subarray(990))).toBe(true);

    const suffix = await request('/data/2026-11-23/site.duckdb', { headers: { Range: 'bytes=-16' } });
    expect(suffix.status).toBe(206);
    expect(suffix.headers['content-range']).toBe('bytes 984-999/1000');
    expect(suffix.body.equals(BINARY.subarray(984))).toBe(true);
  });

  it('clamps a range that runs past the end', async () => {
    const reply = await request('/data/2026-11-23/site.duckdb', { headers: { Range: 'bytes=900-5000' } });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-range']).toBe('bytes 900-999/1000');
    expect(reply.body.length).toBe(100);
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const reply = await request('/data/2026-11-23/site.duckdb', { headers: { Range: 'bytes=1000-1100' } });
    expect(reply.status).toBe(416);
    expect(reply.headers['content-range']).toBe('bytes */1000');
  });

  it('sends the whole file with 200 for several ranges (documented choice)', async () => {
    const reply = await request('/data/2026-11-23/site.duckdb', { headers: { Range: 'bytes=0-9,20-29' } });
    expect(reply.status).toBe(200);
    expect(reply.body.equals(BINARY)).toBe(true);
  });

  it('advertises Accept-Ranges', async () => {
    const reply = await request('/data/2026-11-23/site.duckdb');
    expect(reply.headers['accept-ranges']).toBe('bytes');
  });
});

describe('HEAD', () => {
  it('sends headers and no body', async () => {
    const reply = await request('/data/2026-11-23/site.duckdb', { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe('1000');
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.body.length).toBe(0);
  });

  it('refuses other methods with 405', async () => {
    const reply = await request('/', { method: 'POST' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });
});

describe('MIME types', () => {
  it.each([
    ['/duckdb-eh.wasm', 'application/wasm'],
    ['/data/2026-11-23/penerima.parquet', 'application/vnd.apache.parquet'],
    ['/data/2026-11-23/site.duckdb', 'application/octet-stream'],
    ['/data/2026-11-23/penerima.csv', 'text/csv; charset=utf-8'],
    ['/data/latest.json', 'application/json; charset=utf-8'],
    ['/_astro/app.abc123.js', 'text/javascript; charset=utf-8'],
    ['/', 'text/html; charset=utf-8'],
  ])('%s is %s', async (urlPath, type) => {
    const reply = await request(urlPath, { method: 'HEAD' });
    expect(reply.headers['content-type']).toBe(type);
  });
});

describe('precompressed siblings', () => {
  it('prefers brotli when accepted', async () => {
    const reply = await request('/duckdb-eh.wasm', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-type']).toBe('application/wasm');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.body.equals(brotliCompressSync(WASM))).toBe(true);
  });

  it('falls back to gzip, and to identity', async () => {
    const gzip = await request('/duckdb-eh.wasm', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(gzipSync(WASM))).toBe(true);

    const refusesBrotli = await request('/duckdb-eh.wasm', { headers: { 'Accept-Encoding': 'br;q=0, gzip' } });
    expect(refusesBrotli.headers['content-encoding']).toBe('gzip');

    const identity = await request('/duckdb-eh.wasm');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toBe('Accept-Encoding');
    expect(identity.body.equals(WASM)).toBe(true);
  });

  it('never compresses a range: offsets are into the identity file', async () => {
    const reply = await request('/duckdb-eh.wasm', { headers: { 'Accept-Encoding': 'br, gzip', Range: 'bytes=0-7' } });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers['content-range']).toBe(`bytes 0-7/${WASM.length}`);
    expect(reply.body.equals(WASM.subarray(0, 8))).toBe(true);
  });
});

describe('security headers', () => {
  it.each(['/', '/duckdb-eh.wasm', '/does-not-exist', '/../etc/passwd'])('are sent on %s', async (urlPath) => {
    const reply = await request(urlPath);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
  });

  it.each(['/sematkan/desil-chart/', '/en/sematkan/sasaran-ranked/?program=PKH'])('let any site frame the embed page %s, and nothing else changes', async (urlPath) => {
    const reply = await request(urlPath);
    expect(reply.headers['content-security-policy']).toBe(EMBED_CONTENT_SECURITY_POLICY);
    expect(EMBED_CONTENT_SECURITY_POLICY).toContain('frame-ancestors *');
    expect(EMBED_CONTENT_SECURITY_POLICY.replace('frame-ancestors *', "frame-ancestors 'self'")).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/sasaran/', '/sematkan', '/x/sematkan/', '/en/sematkanx/'])('keep framing to our own origin on %s', async (urlPath) => {
    const reply = await request(urlPath);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'self'");
  });

  it('the policy allows wasm compilation and nothing from other origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
});

describe('caching', () => {
  it.each([
    ['/_astro/app.abc123.js', CACHE_IMMUTABLE],
    ['/data/2026-11-23/site.duckdb', CACHE_IMMUTABLE],
    ['/data/2026-11-23/penerima.csv', CACHE_IMMUTABLE],
    ['/data/2026-11-23T101500Z-rev2/penerima.csv', CACHE_IMMUTABLE],
    ['/data/latest.json', 'no-cache'],
    ['/data/notes/readme.txt', 'no-cache'],
    ['/', 'no-cache'],
    ['/en/', 'no-cache'],
    ['/en', 'no-cache'],
    ['/duckdb-eh.wasm', 'no-cache'],
  ])('%s → %s', async (urlPath, cacheControl) => {
    const reply = await request(urlPath, { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe(cacheControl);
  });

  it('revalidates with ETag and answers 304', async () => {
    const first = await request('/data/latest.json');
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const second = await request('/data/latest.json', { headers: { 'If-None-Match': etag as string } });
    expect(second.status).toBe(304);
    expect(second.body.length).toBe(0);
  });
});

describe('path resolution', () => {
  it('serves index.html for folders, with or without the slash, and /foo as foo.html', async () => {
    expect((await request('/')).body.toString()).toContain('<title>home</title>');
    expect((await request('/en/')).body.toString()).toContain('<title>en</title>');
    expect((await request('/en')).body.toString()).toContain('<title>en</title>');
    expect((await request('/about')).body.toString()).toContain('<title>about</title>');
    expect((await request('/?q=1')).status).toBe(200);
  });

  it('answers unknown paths with 404 and the custom 404 page', async () => {
    const reply = await request('/nope/nothing');
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.body.toString()).toContain('<title>not found</title>');
  });

  it.each([
    `/../${'x'}`,
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/data/..%2f..%2f..%2fetc%2fpasswd',
    '/..%5c..%5cetc%5cpasswd',
    '/.env',
  ])('refuses %s', async (urlPath) => {
    const reply = await request(urlPath);
    expect([403, 404]).toContain(reply.status);
    expect(reply.body.toString()).not.toContain('root:');
    expect(reply.body.toString()).not.toContain('SECRET');
  });

  it('cannot reach a sibling folder that shares the root name as prefix', async () => {
    const reply = await request(`/../${path.basename(dir)}-outside.txt`);
    expect([403, 404]).toContain(reply.status);
    expect(reply.body.toString()).not.toContain('outside');
  });
});

describe('byte counter', () => {
  it('counts body bytes per request', async () => {
    server.resetCounters();
    await request('/data/2026-11-23/site.duckdb', { headers: { Range: 'bytes=0-99' } });
    await request('/data/2026-11-23/site.duckdb', { method: 'HEAD' });
    await request('/duckdb-eh.wasm', { headers: { 'Accept-Encoding': 'br' } });
    // The record is written when the response finishes; give the event loop a turn.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const brotliSize = brotliCompressSync(WASM).length;
    expect(server.requests.map((r) => [r.status, r.bytes, r.encoding])).toEqual([
      [206, 100, undefined],
      [200, 0, undefined],
      [200, brotliSize, 'br'],
    ]);
    expect(server.bytesSent).toBe(100 + brotliSize);
  });
});
