/**
 * Precompressed siblings (scripts/compress-dist.ts) on a temp folder: they
 * decompress to the original bytes, are the same bytes on a second run,
 * are left out where compression does not help, and reuse the cache for
 * large files. Then our server on that folder: a whole-file GET gets the
 * brotli sibling, while DuckDB-wasm's range requests (GET and HEAD with
 * `Range`, which it sends with `Accept-Encoding: br`) get the identity file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressDist, summarize } from '../../scripts/compress-dist.ts';
import { createStaticServer, type StaticServer } from '../../scripts/server/static-server.ts';

let dir: string;
let cacheDir: string;

const HTML = `<!doctype html><html lang="id"><body>${'<p>Penerima PKH di luar aturan desil</p>\n'.repeat(300)}</body></html>`;
/** A database-like file: repetitive pages, so it compresses; big enough to count as large with a small threshold. */
const DATABASE = Buffer.concat(Array.from({ length: 64 }, (_, i) => Buffer.alloc(4096, i % 7)));
const NOISE = randomBytes(20_000);

const write = (relative: string, content: string | Buffer) => {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), content);
};
const read = (relative: string) => readFileSync(path.join(dir, relative));
const exists = (relative: string) => readdirSync(path.dirname(path.join(dir, relative))).includes(path.basename(relative));

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'terang-compress-'));
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'terang-compress-cache-'));
  write('index.html', HTML);
  write('_astro/app.js', 'export const x = 1;\n'.repeat(500));
  write('_astro/noise.js', NOISE); // a .js that does not compress
  write('tiny.txt', 'ok');
  write('favicon.png', Buffer.alloc(5000, 1)); // not a compressible type
  write('data/2026-10-31-abc/terang.duckdb', DATABASE);
  write('data/2026-10-31-abc/penerima.parquet', Buffer.alloc(5000, 2));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('compress-dist', () => {
  it('writes .br and .gz siblings that decompress to the original bytes', async () => {
    const report = await compressDist(dir, { largeFileBytes: 100_000, cacheDir });
    for (const file of ['index.html', '_astro/app.js', 'data/2026-10-31-abc/terang.duckdb']) {
      expect(brotliDecompressSync(read(`${file}.br`)).equals(read(file)), file).toBe(true);
      expect(gunzipSync(read(`${file}.gz`)).equals(read(file)), file).toBe(true);
      expect(read(`${file}.br`).length).toBeLessThan(read(file).length / 5);
      // The original's modification time (to the millisecond; HTTP dates count whole seconds).
      expect(Math.abs(statSync(path.join(dir, `${file}.br`)).mtimeMs - statSync(path.join(dir, file)).mtimeMs)).toBeLessThan(1);
    }
    expect(report.files.find((f) => f.file === 'index.html')).toMatchObject({ size: HTML.length });
    expect(summarize(report)).toContain('files compressed');
  });

  it('skips files where compression does not help, and types that are not compressible', async () => {
    const report = await compressDist(dir, { largeFileBytes: 100_000, cacheDir });
    expect(report.files.find((f) => f.file === '_astro/noise.js')).toMatchObject({ br: null, gz: null });
    expect(report.files.find((f) => f.file === 'tiny.txt')).toMatchObject({ br: null, gz: null });
    for (const file of ['_astro/noise.js', 'tiny.txt', 'favicon.png', 'data/2026-10-31-abc/penerima.parquet']) {
      expect(exists(`${file}.br`), file).toBe(false);
      expect(exists(`${file}.gz`), file).toBe(false);
    }
    expect(report.files.map((f) => f.file)).not.toContain('favicon.png');
    expect(report.files.map((f) => f.file)).not.toContain('index.html.br');
  });

  it('removes a stale sibling when compression no longer helps', async () => {
    write('_astro/noise.js.br', 'stale');
    await compressDist(dir, { largeFileBytes: 100_000 });
    expect(exists('_astro/noise.js.br')).toBe(false);
  });

  it('is deterministic, and a large file comes from the cache the second time', async () => {
    const before = read('data/2026-10-31-abc/terang.duckdb.br');
    const html = read('index.html.br');
    const cached = readdirSync(cacheDir);
    expect(cached.length).toBe(2); // brotli and gzip of the one large file
    // Replace the brotli entry by another valid stream: if the cache is used, the sibling is that stream.
    const brEntry = cached.find((name) => name.includes('.br-'))!;
    const other = brotliCompressSync(DATABASE, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    expect(other.equals(before)).toBe(false);
    writeFileSync(path.join(cacheDir, brEntry), other);
    await compressDist(dir, { largeFileBytes: 100_000, cacheDir });
    expect(read('data/2026-10-31-abc/terang.duckdb.br').equals(other)).toBe(true);
    // Without the cache, the same bytes as the first time.
    await compressDist(dir, { largeFileBytes: 100_000 });
    expect(read('index.html.br').equals(html)).toBe(true);
    expect(read('data/2026-10-31-abc/terang.duckdb.br').equals(before)).toBe(true);
  });
});

describe('serving the compressed folder', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = createStaticServer({ root: dir, port: 0 });
    await server.listen();
  });
  afterAll(() => server.close());

  const request = (urlPath: string, method: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: new URL(server.url).port, path: urlPath, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  const database = '/data/2026-10-31-abc/terang.duckdb';
  const browser = 'gzip, deflate, br, zstd';

  it('sends the brotli sibling for a whole-file request', async () => {
    const reply = await request(database, 'GET', { 'Accept-Encoding': browser });
    expect(reply.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(reply.body).equals(DATABASE)).toBe(true);
  });

  it("answers DuckDB-wasm's range requests from the identity file, never a sibling", async () => {
    const part = await request(database, 'GET', { 'Accept-Encoding': browser, Range: 'bytes=4096-8191' });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBeUndefined();
    expect(part.headers['content-range']).toBe(`bytes 4096-8191/${DATABASE.length}`);
    expect(part.body.equals(DATABASE.subarray(4096, 8192))).toBe(true);
    // Its size probe: HEAD with `Range: bytes=0-`; the length must be the real file's.
    const head = await request(database, 'HEAD', { 'Accept-Encoding': browser, Range: 'bytes=0-' });
    expect(head.status).toBe(206);
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.headers['content-length']).toBe(String(DATABASE.length));
  });
});
