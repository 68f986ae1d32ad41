/**
 * The static server, over real HTTP on a free port, serving a temp folder.
 * Uses `node:http` directly (not fetch) so the request path is sent exactly
 * as written, `..` included.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_IMMUTABLE, CONTENT_SECURITY_POLICY, EMBED_CONTENT_SECURITY_POLICY } from '../../scripts/server/headers.ts';
import { createStaticServer, type StaticServer } from '../../scripts/server/static-server.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let dir: string;
/** A folder beside the root, standing for anything on the machine outside it. */
let outside: string;
let server: StaticServer;

/** 0, 1, ..., 255, 0, 1, ...: any byte range has a predictable content. */
const BINARY = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
const WASM = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(4000, 7)]);
const CSV = 'kode_wilayah,jumlah\n'.repeat(200);

const OUTSIDE_SECRET = 'OUTSIDE-SECRET root:x:0:0';

function request(urlPath: string, options: { method?: string; headers?: Record<string, string> } = {}, on: StaticServer = server): Promise<Reply> {
  const { port } = new URL(on.url);
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

/** Whether a body is brotli or gzip holding the outside file's text. */
const brotliDecodes = (body: Buffer) => {
  try {
    return brotliDecompressSync(body).toString().includes('OUTSIDE');
  } catch {
    return false;
  }
};
const gunzips = (body: Buffer) => {
  try {
    return gunzipSync(body).toString().includes('OUTSIDE');
  } catch {
    return false;
  }
};

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

  // Symlinks: out of the root (never followed) and within it (followed).
  outside = mkdtempSync(path.join(os.tmpdir(), 'terang-server-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), OUTSIDE_SECRET);
  writeFileSync(path.join(outside, 'secret.txt.br'), brotliCompressSync(OUTSIDE_SECRET));
  writeFileSync(path.join(outside, 'secret.txt.gz'), gzipSync(OUTSIDE_SECRET));
  write('links/page.txt', 'inside page');
  symlinkSync(path.join(outside, 'secret.txt.br'), path.join(dir, 'links/page.txt.br'));
  symlinkSync(path.join(outside, 'secret.txt.gz'), path.join(dir, 'links/page.txt.gz'));
  write('links/half.txt', 'inside half');
  symlinkSync(path.join(outside, 'secret.txt.br'), path.join(dir, 'links/half.txt.br'));
  write('links/half.txt.gz', gzipSync('inside half'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'links/secret.txt'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'links/secret.html'));
  symlinkSync(outside, path.join(dir, 'links/outside-folder'));
  symlinkSync(path.join(dir, 'duckdb-eh.wasm'), path.join(dir, 'links/alias.wasm'));
  symlinkSync('../data/2026-11-23', path.join(dir, 'links/release'));
  symlinkSync(path.join(dir, 'no-such-file.txt'), path.join(dir, 'links/dangling.txt'));
  server = createStaticServer({ root: dir, port: 0 });
  await server.listen();
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  if (outside) rmSync(outside, { recursive: true, force: true });
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

describe('symlinks', () => {
  const ALL = { 'Accept-Encoding': 'br, gzip' };
  const leaks = (reply: Reply) => reply.body.toString('latin1').includes('OUTSIDE') || brotliDecodes(reply.body) || gunzips(reply.body);

  it('never sends a .br or .gz sibling that is a symlink out of the root: the identity file instead', async () => {
    for (const headers of [ALL, { 'Accept-Encoding': 'br' }, { 'Accept-Encoding': 'gzip' }]) {
      const reply = await request('/links/page.txt', { headers });
      expect(reply.status, JSON.stringify(headers)).toBe(200);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.headers['content-length']).toBe(String('inside page'.length));
      expect(reply.body.toString()).toBe('inside page');
      expect(leaks(reply)).toBe(false);
    }
    // HEAD tells nothing about the outside file either (its size would).
    const head = await request('/links/page.txt', { method: 'HEAD', headers: ALL });
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.headers['content-length']).toBe(String('inside page'.length));
  });

  it('passes over a sibling that leads out and sends the next accepted one inside', async () => {
    const reply = await request('/links/half.txt', { headers: ALL });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(reply.body).toString()).toBe('inside half');
  });

  it.each(['/links/secret.txt', '/links/secret', '/links/outside-folder/secret.txt', '/links/outside-folder/secret.txt.br', '/links/dangling.txt'])(
    'answers %s, a symlink out of the root (or to nothing), with 404',
    async (urlPath) => {
      for (const method of ['GET', 'HEAD']) {
        const reply = await request(urlPath, { method, headers: ALL });
        expect(reply.status, method).toBe(404);
        expect(reply.headers['content-encoding']).toBeUndefined();
        expect(leaks(reply)).toBe(false);
      }
      expect((await request(urlPath)).body.toString()).toContain('<title>not found</title>');
    },
  );

  it('follows a symlink that stays inside the root, with its precompressed siblings and ranges', async () => {
    const alias = await request('/links/alias.wasm');
    expect(alias.status).toBe(200);
    expect(alias.headers['content-type']).toBe('application/wasm');
    expect(alias.body.equals(WASM)).toBe(true);
    const compressed = await request('/links/alias.wasm', { headers: { 'Accept-Encoding': 'br' } });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.body.equals(brotliCompressSync(WASM))).toBe(true);
    const folder = await request('/links/release/site.duckdb', { headers: { Range: 'bytes=10-19' } });
    expect(folder.status).toBe(206);
    expect(folder.body.equals(BINARY.subarray(10, 20))).toBe(true);
  });

  it('does not send a 404.html that is a symlink out of the root', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'terang-server-404-'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>home</title>');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, '404.html'));
    const other = createStaticServer({ root, port: 0 });
    await other.listen();
    try {
      const reply = await request('/nothing-here', {}, other);
      expect(reply.status).toBe(404);
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(reply.body.toString()).toBe('Not found\n');
      expect((await request('/', {}, other)).status).toBe(200);
    } finally {
      await other.close();
      rmSync(root, { recursive: true, force: true });
    }
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
