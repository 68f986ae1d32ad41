/**
 * The topic pages (Kemiskinan, Pengaduan, Metodologi) on a real release (the
 * fictional sample built by global-setup), in real Chromium. The expected
 * numbers are read here from the published Parquet files and datapackage.json
 * with this test's own SQL, and compared with what a reader sees with
 * JavaScript off.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const TOPIC_PATHS = ['/kemiskinan/', '/pengaduan/', '/metodologi/'];
const numberFormat = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };
const percentFormat = {
  id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};
type Lang = 'id' | 'en';
type Row = Record<string, unknown>;

let browser: Promise<Browser> | undefined;
let connection: DuckDBConnection;
let instance: DuckDBInstance;
let latest: { release: string; dataDate: string; period: { start: string; end: string } };
let releaseDir: string;
const opened: PageRecording[] = [];

async function rows(sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])),
  );
}

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  latest = JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8'));
  releaseDir = path.join(dataDir, latest.release);
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  for (const table of ['keluarga_desil', 'ppks_kategori', 'pengaduan_waktu', 'pengaduan_km', 'pengaduan_km_respons', 'pengaduan_tunggakan', 'wilayah']) {
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${path.join(releaseDir, `${table}.parquet`)}')`);
  }
});

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
  connection?.closeSync();
  instance?.closeSync();
});

async function visit(urlPath: string, options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean; site?: 'sample' | 'empty' } = {}) {
  const siteUrl = inject('siteUrls')[options.site ?? 'sample'];
  browser ??= launchChromium();
  const recording = await openRecordedPage(await browser, siteUrl, options);
  opened.push(recording);
  const response = await recording.page.goto(new URL(urlPath, siteUrl).href, { waitUntil: 'load' });
  expect(response?.status(), urlPath).toBe(200);
  return recording;
}

function expectClean(recording: PageRecording, site: 'sample' | 'empty' = 'sample') {
  const siteUrl = inject('siteUrls')[site];
  expect(recording.consoleErrors, 'console errors').toEqual([]);
  expect(recording.pageErrors, 'page errors').toEqual([]);
  expect(recording.failedRequests, 'failed requests').toEqual([]);
  expect(recording.foreignRequests, 'requests to other origins').toEqual([]);
  expect(requestsOffOrigin(recording.requests, siteUrl)).toEqual([]);
}

const cellText = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/**
 * What a reader should see for a count added over provinces (this test's own
 * rule, from the methodology): every part suppressed → "disamarkan"; some →
 * "sedikitnya" the published sum; none → the sum.
 */
function expectedSum(row: Row, lang: Lang = 'id'): string {
  if (row.all_suppressed === true) return lang === 'id' ? 'disamarkan' : 'suppressed';
  const sum = numberFormat[lang].format(Number(row.published_sum ?? 0));
  if (row.any_suppressed === true) return `${lang === 'id' ? 'sedikitnya' : 'at least'} ${sum}`;
  return sum;
}

const sumColumns = (column: string) =>
  `sum(${column}) AS published_sum, bool_or(${column}_disamarkan) AS any_suppressed, bool_and(${column}_disamarkan) AS all_suppressed`;

const expectedPublished = (value: unknown, suppressed: unknown, kind: 'count' | 'percent', lang: Lang = 'id') => {
  if (suppressed === true) return lang === 'id' ? 'disamarkan' : 'suppressed';
  if (value === null || value === undefined) return '–';
  return kind === 'count' ? numberFormat[lang].format(Number(value)) : `${percentFormat[lang].format(Number(value))}%`;
};

/** Serious or critical axe violations on the page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** The default complaint year: the latest calendar year fully inside the data (this test's own SQL). */
async function complaintYear(): Promise<number> {
  const [row] = await rows(`
    SELECT max(tahun) AS tahun FROM pengaduan_waktu
    WHERE make_date(tahun::INT, 12, 31) <= DATE '${latest.dataDate}' AND make_date(tahun::INT, 1, 1) >= DATE '${latest.period.start}'`);
  return Number(row!.tahun);
}

describe('Kemiskinan', () => {
  it('shows families by desil and PPKS as published, with JavaScript off', async () => {
    const desil = await rows(`SELECT desil, ${sumColumns('keluarga')} FROM keluarga_desil WHERE tingkat = 'provinsi' GROUP BY desil`);
    expect(desil.length).toBe(11);
    const ppks = await rows(`SELECT kategori, ${sumColumns('orang')} FROM ppks_kategori WHERE tingkat = 'provinsi' GROUP BY kategori`);
    for (const lang of ['id', 'en'] as const) {
      const recording = await visit(lang === 'id' ? '/kemiskinan/' : '/en/kemiskinan/', { javaScriptEnabled: false });
      const { page } = recording;
      for (const row of desil) {
        expect(await cellText(page, `[data-testid="desil-table"] tr[data-desil="${row.desil}"] td[data-col="keluarga"]`), `desil ${row.desil}`).toBe(expectedSum(row, lang));
      }
      for (const row of ppks) {
        expect(await cellText(page, `[data-testid="ppks-table"] tr[data-kategori="${row.kategori}"] td[data-col="orang"]`), `PPKS ${row.kategori}`).toBe(expectedSum(row, lang));
      }
      // One bar per desil that is not wholly suppressed; the chart is server-rendered SVG.
      const drawn = desil.filter((row) => row.desil !== 'SEMUA' && row.all_suppressed !== true).length;
      expect(await page.locator('#desil-chart .chart__plot svg g.chart-bar rect').count()).toBe(drawn);
      expect(await page.locator('#desil-chart .chart__plot svg g.chart-suppressed text').count()).toBe(10 - drawn);
      expect(recording.requests.some((url) => url.endsWith('.js'))).toBe(false);
      expectClean(recording);
    }
  });

  it('lists provinces and kabupaten with their published counts and links to their pages', async () => {
    const regions = await rows(`
      SELECT w.kode_wilayah, w.tingkat, k.keluarga, k.keluarga_disamarkan FROM wilayah w
      LEFT JOIN keluarga_desil k ON k.kode_wilayah = w.kode_wilayah AND k.desil = 'SEMUA'
      WHERE w.tingkat IN ('provinsi', 'kabupaten')`);
    const { page } = await visit('/kemiskinan/');
    expect(await page.locator('[data-testid="poverty-regions"] tbody tr').count()).toBe(regions.length);
    for (const region of regions) {
      const row = `[data-testid="poverty-regions"] tr[data-kode="${region.kode_wilayah}"]`;
      expect(await cellText(page, `${row} td[data-col="keluarga"]`)).toBe(expectedPublished(region.keluarga, region.keluarga_disamarkan, 'count'));
      expect(await page.locator(`${row} a[href="/wilayah/${region.kode_wilayah}/"]`).count()).toBe(1);
    }
  });
});

describe('Pengaduan', () => {
  it('shows complaints by category, the Kaplan–Meier curves and each region as published, with JavaScript off', async () => {
    const year = await complaintYear();
    const categories = await rows(`SELECT kategori, ${sumColumns('kasus')} FROM pengaduan_waktu WHERE tingkat = 'provinsi' AND tahun = ${year} GROUP BY kategori`);
    const km = await rows(`
      SELECT kode_wilayah, hari_kerja, persen_belum_selesai, persen_belum_selesai_disamarkan FROM pengaduan_km
      WHERE tingkat = 'provinsi' AND kategori = 'SEMUA' AND tahun = ${year} ORDER BY kode_wilayah, hari_kerja`);
    const kmResponse = await rows(`
      SELECT kode_wilayah, hari_kerja, persen_belum_direspons, persen_belum_direspons_disamarkan FROM pengaduan_km_respons
      WHERE tingkat = 'provinsi' AND kategori = 'SEMUA' AND tahun = ${year} ORDER BY kode_wilayah, hari_kerja`);
    const regions = await rows(`
      SELECT kode_wilayah, kasus, kasus_disamarkan, persen_dibuka_kembali, persen_dibuka_kembali_disamarkan FROM pengaduan_waktu
      WHERE tingkat IN ('provinsi', 'kabupaten') AND kategori = 'SEMUA' AND tahun = ${year}`);
    expect(km.length).toBeGreaterThan(0);
    expect(kmResponse.length).toBeGreaterThan(0);

    const recording = await visit('/pengaduan/', { javaScriptEnabled: false });
    const { page } = recording;
    expect(await cellText(page, '#category-chart .chart__title')).toContain(String(year));
    for (const row of categories) {
      expect(await cellText(page, `[data-testid="category-table"] tr[data-kategori="${row.kategori}"] td[data-col="kasus"]`), String(row.kategori)).toBe(expectedSum(row));
    }
    // Every published point of the curve is in the table, with its value or "disamarkan".
    expect(await page.locator('[data-testid="km-table"] tbody tr').count()).toBe(km.length);
    for (const point of [km[0]!, km[Math.floor(km.length / 2)]!, km.at(-1)!]) {
      const selector = `[data-testid="km-table"] tr[data-kode="${point.kode_wilayah}"][data-t="${point.hari_kerja}"] td[data-col="persen_belum_selesai"]`;
      expect(await cellText(page, selector)).toBe(expectedPublished(point.persen_belum_selesai, point.persen_belum_selesai_disamarkan, 'percent'));
    }
    const provinces = new Set(km.map((point) => point.kode_wilayah)).size;
    expect(await page.locator('#km-chart svg').getAttribute('data-series')).toBe(String(provinces));
    // Time to first response: its own curve, every point as published.
    expect(await page.locator('[data-testid="km-response-table"] tbody tr').count()).toBe(kmResponse.length);
    for (const point of kmResponse) {
      const selector = `[data-testid="km-response-table"] tr[data-kode="${point.kode_wilayah}"][data-t="${point.hari_kerja}"] td[data-col="persen_belum_direspons"]`;
      expect(await cellText(page, selector)).toBe(expectedPublished(point.persen_belum_direspons, point.persen_belum_direspons_disamarkan, 'percent'));
    }
    expect(await page.locator('#km-response-chart svg').getAttribute('data-series')).toBe(String(new Set(kmResponse.map((p) => p.kode_wilayah)).size));
    expect(await cellText(page, '#km-response-chart .chart__source')).toContain('pengaduan_km_respons');
    for (const region of regions) {
      const row = `[data-testid="complaint-regions"] tr[data-kode="${region.kode_wilayah}"]`;
      expect(await cellText(page, `${row} td[data-col="kasus"]`)).toBe(expectedPublished(region.kasus, region.kasus_disamarkan, 'count'));
      expect(await cellText(page, `${row} td[data-col="persen_dibuka_kembali"]`)).toBe(
        expectedPublished(region.persen_dibuka_kembali, region.persen_dibuka_kembali_disamarkan, 'percent'),
      );
    }
    const [backlog] = await rows(`SELECT ${sumColumns('umur_lebih_60')} FROM pengaduan_tunggakan WHERE tingkat = 'provinsi' AND kategori = 'SEMUA'`);
    expect(await cellText(page, '[data-testid="backlog-table"] td[data-col="umur_lebih_60"]')).toBe(expectedSum(backlog!));
    expectClean(recording);
  });

  it('opens a chart’s data table from the keyboard', async () => {
    const { page } = await visit('/pengaduan/');
    const summary = page.locator('#channel-chart summary');
    await summary.focus();
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.locator('[data-testid="channel-table"]').isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid="channel-table"]').isVisible()).toBe(true);
  });
});

describe('Metodologi', () => {
  it('states the release’s threshold, period and tables from its datapackage.json', async () => {
    const pkg = JSON.parse(readFileSync(path.join(releaseDir, 'datapackage.json'), 'utf8')) as {
      terang: { suppressionThreshold: number };
      resources: { name: string; rows: number; format: string }[];
    };
    const parquet = pkg.resources.filter((resource) => resource.format === 'parquet');
    const { page, ...recording } = await visit('/metodologi/', { javaScriptEnabled: false });
    expect(await cellText(page, '[data-testid="methods-k"]')).toBe(String(pkg.terang.suppressionThreshold));
    expect(await cellText(page, '[data-testid="disclosure-rules"] li')).toContain(`1 sampai ${pkg.terang.suppressionThreshold - 1}`);
    expect(await page.locator('[data-testid="methods-data-date"]').textContent()).toMatch(/\d{1,2} \p{L}+ \d{4}/u);
    expect(await page.locator('[data-testid="release-tables"] tbody tr').count()).toBe(parquet.length);
    for (const resource of parquet) {
      expect(await cellText(page, `[data-testid="release-tables"] tr[data-table="${resource.name}"] td[data-col="rows"]`)).toBe(numberFormat.id.format(resource.rows));
    }
    // The download links stay on this site and point at the published files.
    const href = await page.locator('[data-testid="release-tables"] a').first().getAttribute('href');
    expect(href).toMatch(new RegExp(`^/data/${latest.release}/[a-z_]+\\.(parquet|csv)$`));
    const response = await page.request.get(new URL(href!, inject('siteUrls').sample).href);
    expect(response.status()).toBe(200);
    for (const term of ['DTSEN', 'Desil', 'KPM', 'PPKS', 'Verval', 'Puskesos', 'SLRT', 'NIK']) {
      expect(await page.locator('[data-testid="glossary"] dt', { hasText: term }).count(), term).toBeGreaterThan(0);
    }
    expectClean({ page, ...recording });
  });
});

describe('a kabupaten page', () => {
  it('draws its desil chart and its Kaplan–Meier curve from the published rows', async () => {
    const [kabupaten] = await rows("SELECT kode_wilayah, nama FROM wilayah WHERE tingkat = 'kabupaten' ORDER BY kode_wilayah LIMIT 1");
    const kode = String(kabupaten!.kode_wilayah);
    const desil = await rows(`SELECT desil, keluarga, keluarga_disamarkan FROM keluarga_desil WHERE kode_wilayah = '${kode}' AND desil <> 'SEMUA'`);
    const year = await complaintYear();
    const km = await rows(`
      SELECT hari_kerja, persen_belum_selesai, persen_belum_selesai_disamarkan FROM pengaduan_km
      WHERE kode_wilayah = '${kode}' AND kategori = 'SEMUA' AND tahun = ${year} ORDER BY hari_kerja`);
    const recording = await visit(`/wilayah/${kode}/`, { javaScriptEnabled: false });
    const { page } = recording;
    for (const row of desil) {
      expect(await cellText(page, `[data-testid="region-desil-chart-table"] tr[data-desil="${row.desil}"] td[data-col="keluarga"]`)).toBe(
        expectedPublished(row.keluarga, row.keluarga_disamarkan, 'count'),
      );
    }
    expect(await page.locator('#region-desil-chart svg g.chart-bar rect').count()).toBe(desil.filter((row) => row.keluarga_disamarkan !== true).length);
    expect(await page.locator('[data-testid="region-km-table"] tbody tr').count()).toBe(km.length);
    const last = km.at(-1)!;
    expect(await cellText(page, `[data-testid="region-km-table"] tr[data-t="${last.hari_kerja}"] td[data-col="persen_belum_selesai"]`)).toBe(
      expectedPublished(last.persen_belum_selesai, last.persen_belum_selesai_disamarkan, 'percent'),
    );
    expect(await cellText(page, '#region-km-chart .chart__takeaway')).toContain(String(kabupaten!.nama));
    expectClean(recording);
  });

  it('keeps the region page free of serious accessibility violations with its charts open', { timeout: 120_000 }, async () => {
    const [kabupaten] = await rows("SELECT kode_wilayah FROM wilayah WHERE tingkat = 'kabupaten' ORDER BY kode_wilayah LIMIT 1");
    const { page } = await visit(`/wilayah/${kabupaten!.kode_wilayah}/`, { viewport: PHONE });
    await page.evaluate(() => document.querySelectorAll('figure.chart details').forEach((details) => details.setAttribute('open', '')));
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('every topic page', () => {
  it('has the same figures, tables and rows in English as in Indonesian', async () => {
    for (const urlPath of TOPIC_PATHS) {
      const id = (await visit(urlPath)).page;
      const en = (await visit(`/en${urlPath}`)).page;
      const shape = (page: Page) =>
        page.evaluate(() => ({
          figures: [...document.querySelectorAll('figure.chart')].map((figure) => `${figure.id}:${figure.getAttribute('data-chart')}`),
          tables: [...document.querySelectorAll('table')].map((table) => `${table.getAttribute('data-testid')}:${table.querySelectorAll('tbody tr').length}`),
          suppressed: document.querySelectorAll('.sup').length,
        }));
      const [idShape, enShape] = [await shape(id), await shape(en)];
      expect(enShape, urlPath).toEqual(idShape);
      expect(await en.locator('html').getAttribute('lang')).toBe('en');
    }
    // The same number in each language's format.
    const [families] = await rows(`SELECT ${sumColumns('keluarga')} FROM keluarga_desil WHERE tingkat = 'provinsi' AND desil = 'SEMUA'`);
    const en = (await visit('/en/kemiskinan/')).page;
    expect(await cellText(en, '[data-testid="desil-table"] tr[data-desil="SEMUA"] td[data-col="keluarga"]')).toBe(expectedSum(families!, 'en'));
  });

  it('follows the figure markup contract', async () => {
    const { page } = await visit('/pengaduan/');
    const figures = page.locator('figure.chart');
    expect(await figures.count()).toBeGreaterThanOrEqual(5);
    for (const figure of await figures.all()) {
      const id = await figure.getAttribute('id');
      expect(await figure.getAttribute('aria-labelledby')).toBe(`${id}-title`);
      expect(await figure.locator(`h3#${id}-title.chart__title`).count()).toBe(1);
      expect((await figure.locator('p.chart__takeaway').textContent())!.trim().length).toBeGreaterThan(10);
      const plot = figure.locator('div.chart__plot[role="img"]');
      expect((await plot.getAttribute('aria-label'))!.length).toBeGreaterThan(10);
      expect(await plot.locator('svg[aria-hidden="true"][viewBox]').count()).toBe(1);
      expect(await figure.locator('details.chart__table > summary').count()).toBe(1);
      expect(await figure.locator('details.chart__table table caption').count()).toBe(1);
      expect(await figure.locator('details.chart__table th[scope="col"]').count()).toBeGreaterThan(0);
      expect(await figure.locator('figcaption.chart__source').textContent()).toMatch(/Sumber: .+ · Periode: .+ · Rilis: /);
    }
  });

  it('fits a 360 px phone screen without horizontal scrolling, charts included', async () => {
    for (const urlPath of [...TOPIC_PATHS, ...TOPIC_PATHS.map((p) => `/en${p}`)]) {
      const recording = await visit(urlPath, { viewport: PHONE });
      const { page } = recording;
      expect(await page.evaluate(() => document.documentElement.scrollWidth), urlPath).toBeLessThanOrEqual(PHONE.width);
      for (const svg of await page.locator('.chart__plot svg').all()) {
        const box = await svg.boundingBox();
        expect(box!.width, urlPath).toBeLessThanOrEqual(PHONE.width);
        expect(box!.x).toBeGreaterThanOrEqual(0);
      }
      expectClean(recording);
    }
  });

  // Six axe runs of a few seconds each; allow for a busy shared machine.
  it('has no serious or critical accessibility violations (axe)', { timeout: 240_000 }, async () => {
    for (const urlPath of TOPIC_PATHS) {
      for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
        const { page } = await visit(urlPath, { viewport });
        // Open the data tables too, so axe checks them.
        await page.evaluate(() => document.querySelectorAll('details').forEach((details) => details.setAttribute('open', '')));
        const serious = await seriousViolations(page);
        expect(serious, `${urlPath} at ${viewport.width}px`).toEqual([]);
      }
    }
  });

  it('says honestly that no release exists when none is published', async () => {
    for (const urlPath of [...TOPIC_PATHS, '/en/pengaduan/']) {
      const recording = await visit(urlPath, { site: 'empty' });
      expect(await recording.page.getByTestId('topic-no-release').isVisible(), urlPath).toBe(true);
      expect(await recording.page.locator('figure.chart').count()).toBe(0);
      expectClean(recording, 'empty');
    }
  });
});
