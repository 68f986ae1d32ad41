/**
 * Beranda's map in real Chromium on the sample release: the tile grid with
 * JavaScript off, each tile's value equal to the published Parquet (this
 * test's own SQL), keyboard access to the tile links, no serious axe issue,
 * no sideways scrolling at 360 px, and the HTML sent precompressed (br).
 *
 * Then a choropleth: a workspace with the same release plus the self-made
 * boundary files of test/fixtures/boundaries/, built and served here, shows
 * the provinces' paths on Beranda and the kabupaten paths on a province page.
 */
import { cpSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/paths.ts';
import { PROVINCE_TILES } from '../../src/lib/map/tile-layout.ts';
import type { StaticServer } from '../../scripts/server/static-server.ts';
import { buildSite, createWorkspace, launchChromium, openRecordedPage, serveSite, type PageRecording, type SiteWorkspace } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const id = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

let browser: Promise<Browser> | undefined;
let connection: DuckDBConnection;
let instance: DuckDBInstance;
const opened: PageRecording[] = [];

interface Expected {
  kode: string;
  text: string;
  state: 'value' | 'suppressed';
  value: number | null;
}
/** PKH's inclusion error per province in the latest quarter ended by the data date, as published. */
let expected: Expected[];

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  const latest = JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8')) as { release: string; dataDate: string };
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  const parquet = path.join(dataDir, latest.release, 'sasaran_program.parquet');
  const reader = await connection.runAndReadAll(`
    WITH p AS (SELECT * FROM read_parquet('${parquet}') WHERE kode_program = 'PKH' AND tingkat = 'provinsi'),
    q AS (SELECT max(periode) AS periode FROM p
          WHERE periode LIKE '%-Q%' AND last_day(make_date(left(periode, 4)::INT, right(periode, 1)::INT * 3, 1)) <= DATE '${latest.dataDate}')
    SELECT kode_wilayah, galat_inklusi, galat_inklusi_disamarkan FROM p JOIN q USING (periode) ORDER BY kode_wilayah`);
  expected = reader.getRowObjectsJS().map((row) => {
    const suppressed = row.galat_inklusi_disamarkan === true;
    return {
      kode: String(row.kode_wilayah),
      state: suppressed ? 'suppressed' : 'value',
      text: suppressed ? 'disamarkan' : `${id.format(Number(row.galat_inklusi))}%`,
      value: suppressed || row.galat_inklusi === null ? null : Number(row.galat_inklusi),
    };
  });
});

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
  connection?.closeSync();
  instance?.closeSync();
});

async function visit(siteUrl: string, urlPath: string, options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}) {
  browser ??= launchChromium();
  const recording = await openRecordedPage(await browser, siteUrl, options);
  opened.push(recording);
  const response = await recording.page.goto(new URL(urlPath, siteUrl).href, { waitUntil: 'load' });
  expect(response?.status(), urlPath).toBe(200);
  return { ...recording, response: response! };
}

function expectClean(recording: PageRecording) {
  expect(recording.consoleErrors, 'console errors').toEqual([]);
  expect(recording.pageErrors, 'page errors').toEqual([]);
  expect(recording.failedRequests, 'failed requests').toEqual([]);
  expect(recording.foreignRequests, 'requests to other origins').toEqual([]);
}

const openTable = (page: Page) => page.locator('[data-testid="map"] details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[data-testid="map"]').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('Beranda tile map (sample release)', () => {
  it('shows 38 tiles with JavaScript off, each value equal to the release', async () => {
    const visited = await visit(inject('siteUrls').sample, '/', { javaScriptEnabled: false });
    const { page } = visited;
    const map = page.getByTestId('map');
    expect(await map.isVisible()).toBe(true);
    expect(await map.getAttribute('data-map-kind')).toBe('tiles');
    expect(await map.locator('svg .map__area').count()).toBe(38);
    expect(expected.length).toBeGreaterThan(0);

    for (const row of expected) {
      const tile = map.locator(`svg .map__area[data-kode="${row.kode}"]`);
      expect(await tile.getAttribute('data-state'), row.kode).toBe(row.state);
      expect(await tile.evaluate((el) => el.tagName.toLowerCase())).toBe('a');
      expect(await tile.getAttribute('href')).toBe(`/wilayah/${row.kode}/`);
      expect((await tile.getAttribute('aria-label'))?.endsWith(`: ${row.text}`), row.kode).toBe(true);
      expect(squash(await map.locator(`[data-testid="map-table"] tr[data-kode="${row.kode}"] td.num`).textContent()), row.kode).toBe(row.text);
    }
    // Provinces the release does not cover: neutral, "tidak ada data", not a link.
    const covered = new Set(expected.map((row) => row.kode));
    const missing = map.locator('svg .map__area[data-state="missing"]');
    expect(await missing.count()).toBe(38 - covered.size);
    for (const kode of await missing.evaluateAll((els) => els.map((el) => el.getAttribute('data-kode')))) {
      expect(covered.has(kode!)).toBe(false);
      const tile = map.locator(`svg .map__area[data-kode="${kode}"]`);
      expect(await tile.evaluate((el) => el.tagName.toLowerCase())).toBe('g');
      expect(await tile.getAttribute('aria-label')).toMatch(/: tidak ada data$/);
      expect(await tile.locator('rect').getAttribute('fill')).toBeNull();
    }
    // The takeaway names the highest and lowest published value; the source line names the table and the release.
    const valued = expected.filter((row) => row.value !== null).sort((a, b) => b.value! - a.value!);
    expect(valued.length).toBeGreaterThan(1);
    const takeaway = squash(await map.getByTestId('map-takeaway').textContent());
    const nameOf = async (kode: string) => squash(await map.locator(`[data-testid="map-table"] tr[data-kode="${kode}"] th a`).textContent());
    expect(takeaway).toContain(`Tertinggi di ${await nameOf(valued[0]!.kode)} (${valued[0]!.text})`);
    expect(takeaway).toContain(`terendah di ${await nameOf(valued.at(-1)!.kode)} (${valued.at(-1)!.text})`);
    expect(squash(await map.getByTestId('map-source').textContent())).toMatch(/^Sumber: tabel sasaran_program .* · Rilis: \S+$/);
    // The legend names every state shown, in words.
    const legend = (await map.locator('.map__legend li').allTextContents()).map(squash);
    expect(legend).toContain('tidak ada data');
    expect(legend.some((entry) => /^\d+,\d% – \d+,\d%$|^\d+,\d%$/.test(entry)), legend.join(' | ')).toBe(true);
    expectClean(visited);
  });

  it('lets a keyboard reach the tile links and follow one', async () => {
    const visited = await visit(inject('siteUrls').sample, '/');
    const { page } = visited;
    let focused: { cls: string | null; href: string | null } = { cls: null, href: null };
    for (let i = 0; i < 200 && !focused.cls?.includes('map__area'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => ({ cls: document.activeElement?.getAttribute('class') ?? null, href: document.activeElement?.getAttribute('href') ?? null }));
    }
    // The first tile link in the map's (geographic) order.
    const first = PROVINCE_TILES.find((tile) => expected.some((row) => row.kode === tile.kode))!;
    expect(focused.cls).toContain('map__area');
    expect(focused.href).toBe(`/wilayah/${first.kode}/`);
    // The focus ring is drawn: the tile's outline is wider when focused.
    const stroke = await page.evaluate(() => getComputedStyle(document.activeElement!.querySelector('.map__shape')!).strokeWidth);
    expect(parseFloat(stroke)).toBeGreaterThanOrEqual(2.5);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/wilayah/${first.kode}/`);
    expectClean(visited);
  });

  it('has no serious or critical axe violations and fits a 360 px phone, table open', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      for (const urlPath of ['/', '/en/']) {
        const visited = await visit(inject('siteUrls').sample, urlPath, { viewport });
        await openTable(visited.page);
        expect(await seriousAxeViolations(visited.page), `${urlPath} at ${viewport.width}px`).toEqual([]);
        const scrollWidth = await visited.page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${urlPath} at ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
        const box = await visited.page.locator('[data-testid="map"] svg.map__svg').boundingBox();
        expect(box!.width).toBeLessThanOrEqual(viewport.width);
        expectClean(visited);
      }
    }
  });

  it('is served precompressed: content-encoding br for the HTML', async () => {
    const visited = await visit(inject('siteUrls').sample, '/');
    expect(visited.response.headers()['content-encoding']).toBe('br');
    expect(visited.response.headers()['vary']).toContain('Accept-Encoding');
    expect(await visited.page.getByTestId('map').isVisible()).toBe(true);
  });
});

/** Bytes on the wire for a path with `Accept-Encoding: br`. */
function compressedSize(siteUrl: string, urlPath: string): Promise<{ encoding?: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(urlPath, siteUrl);
    http
      .get({ host: url.hostname, port: url.port, path: url.pathname, headers: { 'Accept-Encoding': 'br' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
      })
      .on('error', reject);
  });
}

describe('choropleth from a boundary file (self-made fixture)', () => {
  let workspace: SiteWorkspace;
  let server: StaticServer;
  beforeAll(async () => {
    workspace = await createWorkspace('browser-map');
    cpSync(inject('samplePublicDataDir'), workspace.publicDataDir, { recursive: true });
    cpSync(path.join(REPO_ROOT, 'test/fixtures/boundaries'), workspace.env.TERANG_BOUNDARIES_DIR!, { recursive: true });
    await buildSite(workspace);
    server = await serveSite(workspace);
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    if (!process.env.TERANG_KEEP_TEST_WORKSPACE && workspace) {
      const { rm } = await import('node:fs/promises');
      await rm(workspace.root, { recursive: true, force: true });
    }
  });

  it('draws the province paths on Beranda instead of the tiles, linked and valued as published', async () => {
    const visited = await visit(server.url, '/', { javaScriptEnabled: false });
    const map = visited.page.getByTestId('map');
    expect(await map.getAttribute('data-map-kind')).toBe('choropleth');
    expect(await map.getAttribute('data-map-level')).toBe('provinsi');
    // The fixture's five known provinces (11, 13, 21, 35, 63); code 99 and the code-less feature are not drawn.
    const codes = await map.locator('svg .map__area').evaluateAll((els) => els.map((el) => el.getAttribute('data-kode')));
    expect(codes).toEqual(['11', '13', '21', '35', '63']);
    for (const d of await map.locator('svg path.map__shape').evaluateAll((els) => els.map((el) => el.getAttribute('d')))) expect(d).toMatch(/^M[\d.]+ [\d.]+l/);
    for (const row of expected.filter((r) => codes.includes(r.kode))) {
      const area = map.locator(`svg .map__area[data-kode="${row.kode}"]`);
      expect(await area.getAttribute('href')).toBe(`/wilayah/${row.kode}/`);
      expect((await area.getAttribute('aria-label'))?.endsWith(`: ${row.text}`), row.kode).toBe(true);
    }
    expect(await map.locator('svg .map__area[data-kode="11"]').getAttribute('data-state')).toBe('missing');
    const page = await compressedSize(server.url, '/');
    expect(page.encoding).toBe('br');
    expect(page.bytes).toBeLessThan(60_000);
    expectClean(visited);
    // axe runs scripts in the page: a second visit with JavaScript on.
    const withScripts = await visit(server.url, '/');
    await openTable(withScripts.page);
    expect(await seriousAxeViolations(withScripts.page)).toEqual([]);
  });

  it('draws the kabupaten of a province on its page from the kabupaten file', async () => {
    const visited = await visit(server.url, '/wilayah/35/', { javaScriptEnabled: false });
    const map = visited.page.getByTestId('map');
    expect(await map.getAttribute('data-map-level')).toBe('kabupaten');
    const codes = await map.locator('svg .map__area').evaluateAll((els) => els.map((el) => el.getAttribute('data-kode')));
    expect(codes).toEqual(['3507', '3517', '3578']);
    // Jombang is in the sample release: a link with its published value, as in the sub-area table.
    const jombang = map.locator('svg .map__area[data-kode="3517"]');
    expect(await jombang.getAttribute('href')).toBe('/wilayah/3517/');
    const tableValue = squash(await visited.page.locator('[data-testid="sub-areas"] tr[data-kode="3517"] td').nth(3).textContent());
    expect(await jombang.getAttribute('aria-label')).toBe(`Kabupaten Jombang: ${tableValue}`);
    expect(await map.locator('svg .map__area[data-kode="3507"]').getAttribute('data-state')).toBe('missing');
    expectClean(visited);
  });

  it('offers the province map as an embed whose route draws that map alone; a province without boundaries has no such route', async () => {
    const visited = await visit(server.url, '/wilayah/35/');
    const { page } = visited;
    await page.click('#region-map [data-export="embed"]');
    const src = new URL((await page.inputValue('#region-map textarea')).match(/src="([^"]+)"/)![1]!);
    expect(src.pathname).toBe('/sematkan/wilayah/35/peta/');
    const table = squash(await page.locator('#region-map details table').textContent());
    const embed = await page.goto(new URL(src.pathname, server.url).href, { waitUntil: 'networkidle' });
    expect(embed?.status()).toBe(200);
    expect(await page.locator('figure.map').count()).toBe(1);
    expect(await page.locator('#region-map svg .map__area').evaluateAll((els) => els.map((el) => el.getAttribute('data-kode')))).toEqual(['3507', '3517', '3578']);
    expect(squash(await page.locator('#region-map details table').textContent())).toBe(table);
    expect(await page.locator('nav, header.site-header, footer, [data-export="embed"]').count()).toBe(0);
    expect(await page.locator('a[data-embed-back]').getAttribute('href')).toBe('/wilayah/35/#region-map');
    expectClean(visited);
    // The fixture has kabupaten shapes in provinces 13, 35 and 63, none in 21 (Kepulauan Riau, whose Natuna is in the sample).
    expect((await fetch(new URL('/sematkan/wilayah/13/peta/', server.url))).status).toBe(200);
    const other = await fetch(new URL('/sematkan/wilayah/21/peta/', server.url));
    expect(other.status).toBe(404);
    // The sample site (no boundary files) has no map route at all.
    expect((await fetch(new URL('/sematkan/wilayah/35/peta/', inject('siteUrls').sample))).status).toBe(404);
  });
});
