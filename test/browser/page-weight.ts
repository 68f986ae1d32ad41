/**
 * What a first visit to a page costs before the reader does anything: bytes
 * sent by our server (counted at the server, as STACK.md advises: Playwright's
 * counts are wrong for workers and compressed responses), the same bytes
 * compressed as a deploy serves them, and whether any wasm was fetched.
 * Shared by the CI budget test (`budgets.test.ts`) and `npm run bench:site`.
 *
 * "Compressed": a response the server sent from a precompressed sibling
 * counts as sent; any other file counts as its gzip -9 size (docs/deploy.md:
 * every text asset is precompressed on deploy), except release data, which
 * is read by range and never compressed.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { StaticServer } from '../../scripts/server/static-server.ts';
import { decodeUrlPath, resolveFile } from '../../scripts/server/resolve.ts';

export interface PageType {
  /** Short name for tables, e.g. `kabupaten`. */
  name: string;
  path: string;
}

export interface PageWeight extends PageType {
  requests: number;
  /** Body bytes our server sent (identity unless a sibling was precompressed). */
  bytesServed: number;
  /** The same responses compressed as a deploy sends them. */
  bytesCompressed: number;
  /** URLs of wasm files fetched (must be none before interaction). */
  wasm: string[];
}

const firstFolder = (root: string, pattern: RegExp) =>
  existsSync(root) ? (readdirSync(root).filter((name) => pattern.test(name) && existsSync(path.join(root, name, 'index.html'))).sort()[0] ?? null) : null;

/**
 * One page of each type the built site has: Beranda (both languages), the
 * Wilayah list, a province, kabupaten and kecamatan page, and every other
 * top-level page (Sasaran, and those other pages add), in Indonesian and English.
 */
export function pageTypes(root: string): PageType[] {
  const types: PageType[] = [
    { name: 'beranda', path: '/' },
    { name: 'beranda (en)', path: '/en/' },
    { name: 'wilayah', path: '/wilayah/' },
  ];
  const regions = path.join(root, 'wilayah');
  for (const [name, pattern] of [['provinsi', /^\d{2}$/], ['kabupaten', /^\d{4}$/], ['kecamatan', /^\d{6}$/]] as const) {
    const kode = firstFolder(regions, pattern);
    if (kode) types.push({ name, path: `/wilayah/${kode}/` });
  }
  const skip = new Set(['_astro', 'data', 'en', 'wilayah']);
  const others = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !skip.has(entry.name) && !entry.name.startsWith('.') && existsSync(path.join(root, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort();
  for (const name of others) {
    types.push({ name, path: `/${name}/` });
    if (existsSync(path.join(root, 'en', name, 'index.html'))) types.push({ name: `${name} (en)`, path: `/en/${name}/` });
  }
  return types;
}

const gzipSizes = new Map<string, number>();

async function compressedSize(root: string, url: string, sent: number, encoding: string | undefined, status: number): Promise<number> {
  if (encoding || status !== 200) return sent;
  const pathname = new URL(url, 'http://x').pathname;
  if (pathname.startsWith('/data/')) return sent;
  const decoded = decodeUrlPath(pathname);
  if (!('path' in decoded)) return sent;
  const resolved = await resolveFile(root, decoded.path);
  if (resolved.kind !== 'file') return sent;
  let size = gzipSizes.get(resolved.filePath);
  if (size === undefined) {
    size = gzipSync(readFileSync(resolved.filePath), { level: 9 }).length;
    gzipSizes.set(resolved.filePath, size);
  }
  return size;
}

/** Open `page` in a fresh context (cold cache) and count what it loads until the network is idle. */
export async function measurePageWeight(browser: Browser, server: StaticServer, root: string, page: PageType): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const tab = await context.newPage();
    server.resetCounters();
    await tab.goto(new URL(page.path, server.url).href, { waitUntil: 'load' });
    await tab.waitForLoadState('networkidle');
    const records = [...server.requests];
    let bytesServed = 0;
    let bytesCompressed = 0;
    for (const record of records) {
      bytesServed += record.bytes;
      bytesCompressed += await compressedSize(root, record.url, record.bytes, record.encoding, record.status);
    }
    return {
      ...page,
      requests: records.length,
      bytesServed,
      bytesCompressed,
      wasm: records.filter((record) => new URL(record.url, 'http://x').pathname.endsWith('.wasm')).map((record) => record.url),
    };
  } finally {
    await context.close();
  }
}
