/**
 * The export bar and embed pages (issue 5) on a real release (the fictional
 * sample at scale 0.01, built by global-setup), in real Chromium: CSV, SVG
 * and PNG downloads of a Kemiskinan chart and table checked against the page
 * and the published Parquet files (read here with DuckDB and this test's own
 * SQL), Sasaran's CSV following its controls, the embed snippet and route
 * keeping the view, keyboard and axe, 360 px, and the page's hygiene.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, EMBED_CONTENT_SECURITY_POLICY } from '../../scripts/server/headers.ts';
import { REGION_EMBEDS, TOPIC_EMBEDS } from '../../src/lib/embeds.ts';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Row = Record<string, unknown>;

let browser: Promise<Browser> | undefined;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let dataDate: string;
let release: string;
const opened: PageRecording[] = [];

async function rows(sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  const latest = JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8')) as { release: string; dataDate: string };
  dataDate = latest.dataDate;
  release = latest.release;
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  for (const table of ['keluarga_desil', 'ppks_kategori', 'sasaran_program', 'wilayah']) {
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${path.join(dataDir, latest.release, `${table}.parquet`)}')`);
  }
});

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
  connection?.closeSync();
  instance?.closeSync();
});

const CSP_LISTENER = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`;

async function open(options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}) {
  browser ??= launchChromium();
  const recording = await openRecordedPage(await browser, inject('siteUrls').sample, options);
  await recording.context.addInitScript(CSP_LISTENER);
  opened.push(recording);
  return recording;
}

/** Waits for `networkidle`: these tests move on at once, and leaving a page while its favicon loads aborts that request. */
async function go(page: Page, urlPath: string) {
  const response = await page.goto(new URL(urlPath, inject('siteUrls').sample).href, { waitUntil: 'networkidle' });
  expect(response?.status(), urlPath).toBe(200);
  return response!;
}

async function expectClean(recording: PageRecording) {
  expect(recording.consoleErrors, 'console errors').toEqual([]);
  expect(recording.pageErrors, 'page errors').toEqual([]);
  expect(recording.failedRequests, 'failed requests').toEqual([]);
  expect(recording.foreignRequests, 'requests to other origins').toEqual([]);
  expect(requestsOffOrigin(recording.requests, inject('siteUrls').sample)).toEqual([]);
  expect(await recording.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
}

async function expectAxeClean(page: Page, when: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, when).toEqual([]);
}

async function downloadOf(page: Page, selector: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { download, bytes: readFileSync((await download.path())!) };
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF rows. This test's own parser. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      out.push(row);
      (row = []), (field = ''), (i += 1);
    } else field += c;
  }
  if (field !== '' || row.length > 0) out.push([...row, field]);
  return out;
}

function csvRecords(bytes: Buffer): { header: string[]; records: Record<string, string>[] } {
  const text = bytes.toString('utf8');
  expect(text.charCodeAt(0), 'UTF-8 BOM').toBe(0xfeff);
  const [header, ...body] = parseCsv(text.slice(1));
  return { header: header!, records: body.map((fields) => Object.fromEntries(header!.map((name, i) => [name, fields[i] ?? '']))) };
}

/** The latest quarter that ended by the data date, for a program (this test's own rule, as in sasaran.test.ts). */
async function latestQuarter(program: string): Promise<string> {
  const [row] = await rows(`
    SELECT max(periode) AS periode FROM sasaran_program
    WHERE kode_program = '${program}' AND periode LIKE '%-Q%'
      AND last_day(make_date(left(periode, 4)::INT, right(periode, 1)::INT * 3, 1)) <= DATE '${dataDate}'`);
  return String(row!.periode);
}

const waitReady = (page: Page) =>
  page.waitForFunction(() => document.querySelector('[data-sasaran]')?.getAttribute('data-state') === 'ready', null, { timeout: 45_000 });

describe('export bar on Kemiskinan', () => {
  it('downloads the desil chart\'s CSV: the data table as shown, equal to the published values', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/kemiskinan/');
    expect(await page.locator('#desil-chart [data-export-bar]').isVisible()).toBe(true);
    const { download, bytes } = await downloadOf(page, '#desil-chart [data-export="csv"]');
    expect(download.suggestedFilename()).toMatch(new RegExp(`^terang-desil-chart-${release}-.+\\.csv$`));
    const { header, records } = csvRecords(bytes);
    expect(header.slice(1, 3)).toEqual(['keluarga', 'jiwa']);

    // Row for row, what the data table shows.
    const shown = await page.$$eval('#desil-chart .chart__table tbody tr', (trs) =>
      trs.map((tr) => ({ label: tr.querySelector('th')!.textContent!.trim(), keluarga: tr.querySelector('[data-col="keluarga"] data')?.getAttribute('value') ?? '' })),
    );
    expect(records.map((r) => r[header[0]!])).toEqual(shown.map((r) => r.label));
    expect(records.map((r) => r.keluarga)).toEqual(shown.map((r) => r.keluarga));

    // And the published numbers: the chart adds up the provinces' published (not suppressed) values per desil.
    const published = await rows(`
      SELECT desil, sum(keluarga) FILTER (WHERE NOT keluarga_disamarkan) AS keluarga, bool_and(keluarga_disamarkan) AS all_suppressed
      FROM keluarga_desil WHERE tingkat = 'provinsi' GROUP BY desil`);
    const byDesil = new Map(published.map((r) => [String(r.desil), r]));
    const desilKeys = await page.$$eval('#desil-chart .chart__table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-desil')!));
    expect(desilKeys.length).toBe(records.length);
    desilKeys.forEach((key, i) => {
      const row = byDesil.get(key)!;
      if (row.all_suppressed) expect(records[i]!.keluarga).toBe('');
      else expect(Number(records[i]!.keluarga), `desil ${key}`).toBe(Number(row.keluarga));
    });
    await expectClean(recording);
  });

  it('writes a plain table\'s suppressed cells empty with a _disamarkan flag, never as 0', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/kemiskinan/');
    const { bytes } = await downloadOf(page, '#regions-table-export-csv');
    const { header, records } = csvRecords(bytes);
    expect(header[0]).toBe('kode_wilayah');
    expect(header).toEqual(expect.arrayContaining(['keluarga', 'ppks']));
    const ppks = new Map((await rows("SELECT kode_wilayah, orang, orang_disamarkan FROM ppks_kategori WHERE kategori = 'SEMUA'")).map((r) => [String(r.kode_wilayah), r]));
    const families = new Map((await rows("SELECT kode_wilayah, keluarga FROM keluarga_desil WHERE desil = 'SEMUA'")).map((r) => [String(r.kode_wilayah), r]));
    expect(records.length).toBe(await page.locator('[data-testid="poverty-regions"] tbody tr').count());
    let suppressedSeen = 0;
    for (const record of records) {
      const kode = String(record.kode_wilayah);
      expect(Number(record.keluarga), kode).toBe(Number(families.get(kode)!.keluarga));
      const published = ppks.get(kode)!;
      if (published.orang_disamarkan === true) {
        suppressedSeen += 1;
        expect(record.ppks, `${record.kode_wilayah} suppressed`).toBe('');
        expect(record.ppks_disamarkan).toBe('true');
      } else {
        expect(Number(record.ppks), record.kode_wilayah).toBe(Number(published.orang));
        if ('ppks_disamarkan' in record) expect(record.ppks_disamarkan).toBe('false');
      }
    }
    expect(suppressedSeen, 'the sample has suppressed PPKS counts to check').toBeGreaterThan(0);
    await expectClean(recording);
  });

  it('downloads the chart as SVG (bars, title, source, colours inlined) and as a 2× PNG', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/kemiskinan/');
    const title = (await page.locator('#desil-chart .chart__title').textContent())!.trim();
    const svg = await downloadOf(page, '#desil-chart [data-export="svg"]');
    expect(svg.download.suggestedFilename()).toMatch(/^terang-desil-chart-.+\.svg$/);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      const barFills = [...doc.querySelectorAll('.chart-bar rect')].map((rect) => (rect.getAttribute('style') ?? '').match(/fill:\s*([^;]+)/)?.[1]);
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        ns: root.namespaceURI,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        bars: barFills.length,
        barFills: [...new Set(barFills)],
        text: root.textContent ?? '',
      };
    }, svg.bytes.toString('utf8'));
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
    const barsOnPage = await page.locator('#desil-chart .chart__plot .chart-bar rect').count();
    expect(barsOnPage).toBeGreaterThan(0);
    expect(parsed.bars).toBe(barsOnPage);
    // charts.css's --chart-bar (#0b5cad), resolved and written on each bar.
    expect(parsed.barFills).toEqual(['rgb(11, 92, 173)']);
    expect(parsed.text).toContain(title);
    expect(parsed.text).toContain(release);

    const png = await downloadOf(page, '#desil-chart [data-export="png"]');
    expect(png.download.suggestedFilename()).toMatch(/^terang-desil-chart-.+\.png$/);
    expect(png.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.bytes.readUInt32BE(16)).toBe(parsed.width * 2);
    expect(png.bytes.readUInt32BE(20)).toBe(parsed.height * 2);
    expect(parsed.width).toBeGreaterThanOrEqual(300);
    await expectClean(recording);
  });

  it('offers nothing without JavaScript (the table is still there)', async () => {
    const recording = await open({ javaScriptEnabled: false });
    await go(recording.page, '/kemiskinan/');
    expect(await recording.page.locator('[data-export-bar]').count()).toBeGreaterThan(0);
    expect(await recording.page.locator('[data-export-bar]:visible').count()).toBe(0);
    expect(await recording.page.locator('#desil-chart .chart__table tbody tr').count()).toBeGreaterThan(0);
  });

  it('is reachable and named by keyboard, works with Enter, fits 360 px and passes axe', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const recording = await open({ viewport });
      const { page } = recording;
      await go(page, '/kemiskinan/');
      const title = (await page.locator('#desil-chart .chart__title').textContent())!.trim();
      for (const name of ['Unduh CSV', 'Unduh SVG', 'Unduh PNG', 'Sematkan']) {
        expect(await page.getByRole('button', { name: `${name} ${title}`, exact: true }).count(), name).toBe(1);
      }
      // Tab from the chart's title region to its CSV button.
      await page.locator('#desil-chart .chart__table summary').focus();
      let reached = false;
      for (let i = 0; i < 10 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.matches('#desil-chart [data-export="csv"]') ?? false);
      }
      expect(reached, 'Tab reaches the CSV button').toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      // The embed panel opens by keyboard too.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-export'))).toBe('embed');
      await page.keyboard.press('Enter');
      expect(await page.locator('#desil-chart [data-export="embed"]').getAttribute('aria-expanded')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
      const box = await page.locator('#desil-chart [data-export-bar]').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      await expectAxeClean(page, `kemiskinan at ${viewport.width}px, embed panel open`);
      await expectClean(recording);
    }
  });
});

describe('embed', () => {
  it('the Kemiskinan snippet points at the chart-only route, which renders the chart alone and may be framed', async () => {
    const recording = await open();
    const { page } = recording;
    const full = await go(page, '/kemiskinan/');
    expect(full.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await page.click('#desil-chart [data-export="embed"]');
    const snippet = await page.inputValue('#desil-chart textarea');
    const src = snippet.match(/^<iframe src="([^"]+)" title="([^"]+)" width="100%" height="(\d+)"[^>]* loading="lazy"><\/iframe>$/);
    expect(src, snippet).not.toBeNull();
    expect(new URL(src![1]!).pathname).toBe('/sematkan/desil-chart/');
    expect(src![2]).toContain((await page.locator('#desil-chart .chart__title').textContent())!.trim());

    const embed = await go(page, new URL(src![1]!).pathname);
    expect(embed.headers()['content-security-policy']).toBe(EMBED_CONTENT_SECURITY_POLICY);
    expect(await page.locator('figure.chart').count()).toBe(1);
    expect(await page.locator('#desil-chart .chart__plot svg').count()).toBe(1);
    expect(await page.locator('nav, header.site-header, footer').count()).toBe(0);
    expect(await page.locator('[data-export="embed"]').count()).toBe(0);
    expect(await page.locator('a[data-embed-back]').getAttribute('href')).toBe('/kemiskinan/');
    await expectAxeClean(page, 'embed page');
    await expectClean(recording);
  });

  it('the Beranda map exports as SVG with its colour key, and its embed route shows the map alone', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/');
    const metric = (await page.locator('#home-map-metric').textContent())!.trim();
    expect(await page.getByRole('button', { name: `Unduh SVG ${metric}`, exact: true }).count()).toBe(1);
    const svg = await downloadOf(page, '#home-map > [data-export-bar] [data-export="svg"]');
    expect(svg.download.suggestedFilename()).toMatch(new RegExp(`^terang-home-map-${release}\\.svg$`));
    const legend = await page.$$eval('#home-map .map__legend li', (items) => items.map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()));
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror') !== null, areas: doc.querySelectorAll('.map__area').length, text: doc.documentElement.textContent ?? '' };
    }, svg.bytes.toString('utf8'));
    expect(parsed.error).toBe(false);
    expect(parsed.areas).toBe(await page.locator('#home-map svg.map__svg .map__area').count());
    expect(parsed.text).toContain(metric);
    for (const entry of legend) expect(parsed.text).toContain(entry);

    await page.click('#home-map > [data-export-bar] [data-export="embed"]');
    const src = new URL((await page.inputValue('#home-map textarea')).match(/src="([^"]+)"/)![1]!);
    expect(src.pathname).toBe('/sematkan/home-map/');
    const embed = await go(page, src.pathname);
    expect(embed.headers()['content-security-policy']).toBe(EMBED_CONTENT_SECURITY_POLICY);
    expect(await page.locator('figure.map').count()).toBe(1);
    expect(await page.locator('nav, header.site-header, footer, [data-testid="families-active"]').count()).toBe(0);
    await expectAxeClean(page, 'map embed page');
    await expectClean(recording);
  });
});

describe('embed routes of every topic chart (Kemiskinan, Pengaduan, Sasaran\'s verval chart)', () => {
  it('each chart offers an embed snippet whose route renders that chart alone, with the same numbers and no site chrome', async () => {
    const recording = await open();
    const { page } = recording;
    for (const [chart, topic] of Object.entries(TOPIC_EMBEDS)) {
      await go(page, `/${topic}/`);
      const figure = `#${chart}`;
      expect(await page.locator(figure).count(), chart).toBe(1);
      await page.click(`${figure} [data-export="embed"]`);
      const snippet = await page.inputValue(`${figure} textarea`);
      const src = new URL(snippet.match(/src="([^"]+)"/)![1]!);
      expect(src.pathname, chart).toBe(`/sematkan/${chart}/`);
      const title = (await page.locator(`${figure} .chart__title`).textContent())!.trim();
      const table = await page.locator(`${figure} .chart__table table`).evaluate((t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim());
      // Sasaran's ranked charts carry a phone-width and a wide SVG.
      const svgs = await page.locator(`${figure} .chart__plot svg`).count();
      expect(svgs, chart).toBeGreaterThan(0);

      const embed = await go(page, src.pathname);
      expect(embed.headers()['content-security-policy'], chart).toBe(EMBED_CONTENT_SECURITY_POLICY);
      expect(await page.locator('figure.chart').count(), chart).toBe(1);
      expect((await page.locator(`${figure} .chart__title`).textContent())!.trim()).toBe(title);
      expect(await page.locator(`${figure} .chart__plot svg`).count(), chart).toBe(svgs);
      expect(await page.locator(`${figure} .chart__plot svg:visible`).count(), `${chart}: one chart shows at a time`).toBe(1);
      expect(await page.locator(`${figure} .chart__table table`).evaluate((t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim()), chart).toBe(table);
      expect(await page.locator('nav, header.site-header, footer, h1').count(), chart).toBe(0);
      expect(await page.locator('[data-export="embed"]').count(), chart).toBe(0);
      expect(await page.locator('a[data-embed-back]').getAttribute('href')).toBe(`/${topic}/`);
    }
    await expectAxeClean(page, 'last embed page');
    // The English routes exist too.
    const english = await go(page, '/en/sematkan/km-chart/');
    expect(english.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectClean(recording);
  });
});

/** Every `index.html` under a built folder, as site paths. */
function builtPages(dir: string, prefix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? builtPages(path.join(dir, entry.name), `${prefix}${entry.name}/`) : entry.name === 'index.html' ? [prefix] : [],
  );
}

describe('embed routes of region pages', () => {
  it('every chart on a kabupaten and a kecamatan page has a route that renders it alone, named by its region, with the same numbers', { timeout: 120_000 }, async () => {
    const recording = await open();
    const { page } = recording;
    const regions = await rows(`
      (SELECT kode_wilayah, nama, tingkat FROM wilayah WHERE tingkat = 'kabupaten' ORDER BY kode_wilayah LIMIT 1)
      UNION ALL (SELECT kode_wilayah, nama, tingkat FROM wilayah WHERE tingkat = 'kecamatan' ORDER BY kode_wilayah LIMIT 1)`);
    expect(regions.map((r) => r.tingkat)).toEqual(['kabupaten', 'kecamatan']);
    // The sample site has no boundary file, so no region page draws the kabupaten map ('peta', tested in map.test.ts).
    const figureIds = Object.entries(REGION_EMBEDS).filter(([chart]) => chart !== 'peta').map(([, id]) => id) as string[];
    for (const region of regions) {
      const kode = String(region.kode_wilayah);
      await go(page, `/wilayah/${kode}/`);
      const figures = await page.$$eval('figure.chart', (all) => all.map((f) => f.id));
      // A kabupaten has its desil, PPKS and complaint-resolution charts; a kecamatan (no published curve) the first two.
      expect(figures, kode).toEqual(region.tingkat === 'kabupaten' ? figureIds : figureIds.slice(0, 2));
      for (const [chart, figureId] of Object.entries(REGION_EMBEDS).filter(([, id]) => figures.includes(id))) {
        await go(page, `/wilayah/${kode}/`);
        const figure = `#${figureId}`;
        await page.click(`${figure} [data-export="embed"]`);
        const src = new URL((await page.inputValue(`${figure} textarea`)).match(/src="([^"]+)"/)![1]!);
        expect(src.pathname, figureId).toBe(`/sematkan/wilayah/${kode}/${chart}/`);
        const title = (await page.locator(`${figure} .chart__title`).textContent())!.trim();
        const table = await page.locator(`${figure} .chart__table table`).evaluate((t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim());

        const embed = await go(page, src.pathname);
        expect(embed.headers()['content-security-policy'], figureId).toBe(EMBED_CONTENT_SECURITY_POLICY);
        expect(await page.locator('figure.chart').count(), figureId).toBe(1);
        expect((await page.locator(`${figure} .chart__title`).textContent())!.trim()).toBe(title);
        expect(await page.locator(`${figure} .chart__plot svg`).count(), figureId).toBe(1);
        expect(await page.locator(`${figure} .chart__table table`).evaluate((t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim()), figureId).toBe(table);
        expect(await page.locator('[data-testid="embed-region"]').textContent()).toContain(String(region.nama));
        expect(await page.locator('nav, header.site-header, footer, [data-export="embed"]').count(), figureId).toBe(0);
        expect(await page.locator('a[data-embed-back]').getAttribute('href')).toBe(`/wilayah/${kode}/#${figureId}`);
      }
    }
    await expectAxeClean(page, 'last region embed page');
    const english = await go(page, `/en/sematkan/wilayah/${String(regions[0]!.kode_wilayah)}/km/`);
    expect(english.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('a[data-embed-back]').getAttribute('href')).toBe(`/en/wilayah/${String(regions[0]!.kode_wilayah)}/#region-km-chart`);
    await expectClean(recording);
  });

  it('builds a route for exactly the charts the region pages draw, in both languages', async () => {
    const dist = path.resolve(inject('samplePublicDataDir'), '..', '..', 'dist');
    const routes = new Set(builtPages(path.join(dist, 'sematkan', 'wilayah'), '/sematkan/wilayah/'));
    expect(new Set(builtPages(path.join(dist, 'en', 'sematkan', 'wilayah'), '/sematkan/wilayah/'))).toEqual(routes);
    const expected = new Set<string>();
    const chartOf = Object.fromEntries(Object.entries(REGION_EMBEDS).map(([chart, id]) => [id, chart]));
    for (const regionPath of builtPages(path.join(dist, 'wilayah'), '/wilayah/')) {
      if (regionPath === '/wilayah/') continue;
      const html = readFileSync(path.join(dist, regionPath, 'index.html'), 'utf8');
      for (const [, id] of html.matchAll(/<figure class="chart" id="([^"]+)"/g)) expected.add(`/sematkan${regionPath}${chartOf[id!] ?? `unknown figure ${id}`}/`);
    }
    expect(expected.size).toBeGreaterThan(10);
    expect(routes).toEqual(expected);
  });
});

describe('export on Sasaran follows the controls', () => {
  it('exports the chosen program\'s rows, and its embed snippet and route keep that view', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/sasaran/');
    await page.selectOption('select[name="program"]', 'SEMBAKO');
    await waitReady(page);
    const periode = await latestQuarter('SEMBAKO');
    const expected = await rows(`SELECT * FROM sasaran_program WHERE tingkat = 'provinsi' AND kode_program = 'SEMBAKO' AND periode = '${periode}' ORDER BY kode_wilayah`);
    expect(expected.length).toBeGreaterThan(0);

    const { download, bytes } = await downloadOf(page, '#sasaran-ranked [data-export="csv"]');
    expect(download.suggestedFilename()).toMatch(new RegExp(`^terang-sasaran-ranked-${release}-.+\\.csv$`));
    const { header, records } = csvRecords(bytes);
    expect(header).toEqual(expect.arrayContaining(['kode_wilayah', 'galat_inklusi', 'penerima']));
    expect(records.map((r) => r.kode_wilayah).sort()).toEqual(expected.map((r) => String(r.kode_wilayah)).sort());
    for (const row of expected) {
      const record = records.find((r) => r.kode_wilayah === String(row.kode_wilayah))!;
      for (const column of ['galat_inklusi', 'penerima']) {
        if (row[`${column}_disamarkan`] === true) {
          expect(record[column], `${row.kode_wilayah} ${column}`).toBe('');
          expect(record[`${column}_disamarkan`]).toBe('true');
        } else if (row[column] === null) expect(record[column]).toBe('');
        else expect(Number(record[column]), `${row.kode_wilayah} ${column}`).toBe(Number(row[column]));
      }
    }

    // The flags and overlap tables export what they show after the change: one record per shown row, same cells.
    for (const part of ['flags', 'overlap']) {
      const { bytes: tableBytes } = await downloadOf(page, `[data-export-id="sasaran-${part}"] [data-export="csv"]`);
      const shown = await page.locator(`#${part}-table-box table tbody tr`).evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())),
      );
      const { records: exported } = csvRecords(tableBytes);
      expect(shown.length, part).toBeGreaterThan(0);
      expect(exported.length, part).toBe(shown.length);
      // Rows with a region code export it first (`kode_wilayah`), then the cells as shown.
      expect(Object.values(exported[0]!), part).toContain(shown[0]![0]);
      expect(exported[0]!.kode_wilayah, part).toMatch(/^\d{2,10}$/);
    }

    await page.click('#sasaran-ranked [data-export="embed"]');
    const snippet = await page.inputValue('#sasaran-ranked textarea');
    const src = new URL(snippet.match(/src="([^"]+)"/)![1]!.replace(/&amp;/g, '&'));
    expect(src.pathname).toBe('/sematkan/sasaran-ranked/');
    expect(src.searchParams.get('program')).toBe('SEMBAKO');
    expect(src.searchParams.get('periode')).toBe(periode);
    await expectClean(recording);

    // The embed route restores that view through the same client code.
    const embedded = await open({ viewport: PHONE });
    await go(embedded.page, `${src.pathname}${src.search}`);
    await waitReady(embedded.page);
    expect(await embedded.page.locator('#sasaran-ranked .chart__title').textContent()).toContain('SEMBAKO');
    expect(await embedded.page.locator('#sasaran-ranked .chart__table tbody tr').count()).toBe(expected.length);
    expect(await embedded.page.locator('form[data-config]').isVisible()).toBe(false);
    expect(await embedded.page.locator('nav, header.site-header').count()).toBe(0);
    const back = new URL((await embedded.page.locator('a[data-embed-back]').getAttribute('href'))!, inject('siteUrls').sample);
    expect(`${back.pathname}${back.search}`).toBe(`/sasaran/${src.search}`);
    expect(await embedded.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const csv = await downloadOf(embedded.page, '#sasaran-ranked [data-export="csv"]');
    expect(csvRecords(csv.bytes).records.length).toBe(expected.length);
    await expectAxeClean(embedded.page, 'sasaran embed at 360px');
    await expectClean(embedded);
  });
});
