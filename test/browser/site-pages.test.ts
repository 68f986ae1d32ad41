/**
 * Beranda and the Wilayah pages on a real release (the fictional sample at
 * scale 0.01, built by global-setup), in real Chromium. The expected numbers
 * are read here from the published Parquet files with DuckDB, with SQL of
 * this test's own, and compared with what a reader sees.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const id = new Intl.NumberFormat('id-ID');
const en = new Intl.NumberFormat('en-GB');
const pct = (value: number) => `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;

let browser: Promise<Browser> | undefined;
let connection: DuckDBConnection;
let instance: DuckDBInstance;
let dataDate: string;
const opened: PageRecording[] = [];

type Row = Record<string, unknown>;

async function rows(sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])),
  );
}

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  const latest = JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8')) as { release: string; dataDate: string };
  dataDate = latest.dataDate;
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  const releaseDir = path.join(dataDir, latest.release);
  for (const table of ['keluarga_desil', 'sasaran_program', 'pengaduan_waktu', 'wilayah']) {
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${path.join(releaseDir, `${table}.parquet`)}')`);
  }
});

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
  connection?.closeSync();
  instance?.closeSync();
});

async function visit(urlPath: string, options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}) {
  const siteUrl = inject('siteUrls').sample;
  browser ??= launchChromium();
  const recording = await openRecordedPage(await browser, siteUrl, options);
  opened.push(recording);
  const response = await recording.page.goto(new URL(urlPath, siteUrl).href, { waitUntil: 'load' });
  expect(response?.status(), urlPath).toBe(200);
  return recording;
}

function expectClean(recording: PageRecording) {
  const siteUrl = inject('siteUrls').sample;
  expect(recording.consoleErrors, 'console errors').toEqual([]);
  expect(recording.pageErrors, 'page errors').toEqual([]);
  expect(recording.failedRequests, 'failed requests').toEqual([]);
  expect(recording.foreignRequests, 'requests to other origins').toEqual([]);
  expect(requestsOffOrigin(recording.requests, siteUrl)).toEqual([]);
}

const cellText = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** What a reader should see for a published count: the number, or "disamarkan". */
const expectedCount = (value: unknown, suppressed: unknown, format = id) =>
  suppressed === true ? (format === id ? 'disamarkan' : 'suppressed') : value === null ? '–' : format.format(Number(value));

/** The latest quarter that ended by the data date, per program (this test's own SQL). */
const LATEST_QUARTERS = () => `
  SELECT kode_program, max(periode) AS periode FROM sasaran_program
  WHERE periode LIKE '%-Q%'
    AND last_day(make_date(left(periode, 4)::INT, right(periode, 1)::INT * 3, 1)) <= DATE '${dataDate}'
  GROUP BY kode_program`;

async function someKabupaten(): Promise<string> {
  const [row] = await rows("SELECT kode_wilayah FROM wilayah WHERE tingkat = 'kabupaten' ORDER BY kode_wilayah LIMIT 1");
  return String(row!.kode_wilayah);
}

describe('Beranda on a real release', () => {
  it('shows families in the registry, recipients by program and the data date, as published', async () => {
    const [families] = await rows("SELECT sum(keluarga) AS n, bool_or(keluarga_disamarkan) AS s FROM keluarga_desil WHERE tingkat = 'provinsi' AND desil = 'SEMUA'");
    const programs = await rows(`
      SELECT p.kode_program, sum(p.penerima) AS penerima, bool_or(p.penerima_disamarkan) AS s
      FROM sasaran_program p JOIN (${LATEST_QUARTERS()}) q USING (kode_program, periode)
      WHERE p.tingkat = 'provinsi' GROUP BY ALL`);
    expect(programs.length).toBeGreaterThan(0);

    for (const [urlPath, format] of [['/', id], ['/en/', en]] as const) {
      const recording = await visit(urlPath);
      const { page } = recording;
      expect(await cellText(page, '[data-testid="families-active"]')).toBe(expectedCount(families!.n, families!.s, format));
      for (const program of programs) {
        const shown = await cellText(page, `[data-testid="home-programs"] tr[data-program="${program.kode_program}"] td[data-col="penerima"]`);
        expect(shown, String(program.kode_program)).toBe(expectedCount(program.penerima, program.s, format));
      }
      const pkh = programs.find((program) => program.kode_program === 'PKH');
      if (pkh) {
        const [share] = await rows(`
          SELECT round(100.0 * sum(penerima_di_luar_desil) / sum(penerima), 1) AS v, bool_or(penerima_di_luar_desil_disamarkan OR penerima_disamarkan) AS s
          FROM sasaran_program p JOIN (${LATEST_QUARTERS()}) q USING (kode_program, periode)
          WHERE p.tingkat = 'provinsi' AND p.kode_program = 'PKH'`);
        const expected = share!.s ? (format === id ? 'disamarkan' : 'suppressed') : `${new Intl.NumberFormat(format === id ? 'id-ID' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(share!.v))}%`;
        expect(await cellText(page, '[data-testid="outside-rule"]')).toBe(expected);
      }
      expect(await page.locator(`[data-testid="data-date"] time[datetime="${dataDate}"]`).count()).toBe(1);
      expect(await page.getByTestId('map').isVisible()).toBe(true);
      expectClean(recording);
    }
  });
});

describe('a kabupaten page', () => {
  it('shows the published numbers for that kabupaten', async () => {
    const kode = await someKabupaten();
    const { page, ...recording } = await visit(`/wilayah/${kode}/`);
    const [name] = await rows(`SELECT nama FROM wilayah WHERE kode_wilayah = '${kode}'`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(String(name!.nama));

    const desil = await rows(`SELECT desil, keluarga, keluarga_disamarkan FROM keluarga_desil WHERE tingkat = 'kabupaten' AND kode_wilayah = '${kode}'`);
    expect(desil.length).toBe(11);
    for (const row of desil) {
      expect(await cellText(page, `[data-testid="desil"] tr[data-desil="${row.desil}"] td[data-col="keluarga"]`), `desil ${row.desil}`).toBe(
        expectedCount(row.keluarga, row.keluarga_disamarkan),
      );
    }

    const targeting = await rows(`
      SELECT p.* FROM sasaran_program p JOIN (${LATEST_QUARTERS()}) q USING (kode_program, periode)
      WHERE p.tingkat = 'kabupaten' AND p.kode_wilayah = '${kode}'`);
    expect(targeting.length).toBeGreaterThan(0);
    for (const row of targeting) {
      const selector = (column: string) => `[data-testid="targeting"] tr[data-program="${row.kode_program}"] td[data-col="${column}"]`;
      expect(await cellText(page, selector('penerima'))).toBe(expectedCount(row.penerima, row.penerima_disamarkan));
      expect(await cellText(page, selector('galat_inklusi'))).toBe(row.galat_inklusi_disamarkan ? 'disamarkan' : pct(Number(row.galat_inklusi)));
      expect(await cellText(page, selector('cakupan'))).toBe(row.cakupan_disamarkan ? 'disamarkan' : pct(Number(row.cakupan)));
    }

    const [complaints] = await rows(`
      SELECT kasus, kasus_disamarkan FROM pengaduan_waktu
      WHERE tingkat = 'kabupaten' AND kode_wilayah = '${kode}' AND kategori = 'SEMUA'
        AND tahun = (SELECT max(tahun) FROM pengaduan_waktu WHERE make_date(tahun::INT, 12, 31) <= DATE '${dataDate}')`);
    if (complaints) {
      expect(await cellText(page, '[data-testid="complaints"] tr[data-kategori="SEMUA"] td[data-col="kasus"]')).toBe(
        expectedCount(complaints.kasus, complaints.kasus_disamarkan),
      );
    }
    expectClean({ page, ...recording });
  });

  it('reads a suppressed value as "disamarkan", never 0', async () => {
    const [row] = await rows(`
      SELECT kode_wilayah, left(kode_wilayah, 6) AS kecamatan FROM keluarga_desil
      WHERE tingkat = 'desa' AND desil = 'SEMUA' AND keluarga_disamarkan ORDER BY kode_wilayah LIMIT 1`);
    expect(row, 'the sample has a suppressed desa').toBeDefined();
    const { page } = await visit(`/wilayah/${row!.kecamatan}/`);
    const shown = page.locator(`[data-testid="sub-areas"] tr[data-kode="${row!.kode_wilayah}"] td[data-col="keluarga"]`);
    expect(await shown.textContent()).toBe('disamarkan');
    const en = await visit(`/en/wilayah/${row!.kecamatan}/`);
    expect(await en.page.locator(`[data-testid="sub-areas"] tr[data-kode="${row!.kode_wilayah}"] td[data-col="keluarga"]`).textContent()).toBe('suppressed');
  });
});

describe('Wilayah', () => {
  it('says honestly that no release exists when none is published', async () => {
    const siteUrl = inject('siteUrls').empty;
    browser ??= launchChromium();
    const recording = await openRecordedPage(await browser, siteUrl);
    opened.push(recording);
    const response = await recording.page.goto(`${siteUrl}/wilayah/`);
    expect(response?.status()).toBe(200);
    expect(await recording.page.getByTestId('no-release').isVisible()).toBe(true);
    expect(await recording.page.locator('[data-testid="region-tree"]').count()).toBe(0);
    expect(recording.pageErrors).toEqual([]);
  });

  it('works with JavaScript disabled: lists every kabupaten and leads to its page with numbers', async () => {
    const kode = await someKabupaten();
    const { page, ...recording } = await visit('/wilayah/', { javaScriptEnabled: false });
    expect(await page.locator('form[data-region-search]').isVisible()).toBe(false);
    const [{ n }] = (await rows("SELECT count(*) AS n FROM wilayah WHERE tingkat IN ('provinsi', 'kabupaten', 'kecamatan')")) as [{ n: number }];
    expect(await page.locator('[data-testid="region-tree"] a').count()).toBe(n);
    await page.locator(`[data-testid="region-tree"] a[href="/wilayah/${kode}/"]`).click();
    await page.waitForURL(`**/wilayah/${kode}/`);
    expect(await page.locator('[data-testid="desil"] tr[data-desil="SEMUA"] td[data-col="keluarga"]').textContent()).toMatch(/\d|disamarkan/);
    expect(recording.requests.some((url) => url.endsWith('.js'))).toBe(false);
  });

  it('finds a desa by name and links to its kecamatan page', async () => {
    const [desa] = await rows("SELECT kode_wilayah, nama, kode_induk FROM wilayah WHERE tingkat = 'desa' ORDER BY kode_wilayah LIMIT 1");
    const recording = await visit('/wilayah/');
    const { page } = recording;
    await page.getByLabel('Cari desa atau kecamatan').fill(String(desa!.nama));
    const link = page.locator(`.search__results a[href="/wilayah/${desa!.kode_induk}/#d${desa!.kode_wilayah}"]`);
    await link.waitFor();
    await link.click();
    await page.waitForURL(`**/wilayah/${desa!.kode_induk}/#d${desa!.kode_wilayah}`);
    expect(await page.locator(`#d${desa!.kode_wilayah}`).count()).toBe(1);
    expectClean(recording);
  });
});

describe('every page type', () => {
  const pagePaths = async () => {
    const kabupaten = await someKabupaten();
    const [kecamatan] = await rows(`SELECT kode_wilayah FROM wilayah WHERE tingkat = 'kecamatan' AND kode_induk = '${kabupaten}' ORDER BY kode_wilayah LIMIT 1`);
    return ['/', '/en/', '/wilayah/', `/wilayah/${kabupaten.slice(0, 2)}/`, `/wilayah/${kabupaten}/`, `/en/wilayah/${kecamatan!.kode_wilayah}/`];
  };

  it('fits a 360 px phone screen without horizontal scrolling, with no console errors', async () => {
    for (const urlPath of await pagePaths()) {
      const recording = await visit(urlPath, { viewport: PHONE });
      const scrollWidth = await recording.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, urlPath).toBeLessThanOrEqual(PHONE.width);
      expectClean(recording);
    }
  });

  it('has no serious or critical accessibility violations (axe)', async () => {
    // Every page type on a phone; the two busiest also on a desktop screen (axe takes ~3 s a page).
    const paths = await pagePaths();
    for (const urlPath of paths) {
      for (const viewport of [PHONE, ...(urlPath === '/' || urlPath === paths[4] ? [{ width: 1280, height: 800 }] : [])]) {
        const { page } = await visit(urlPath, { viewport });
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
        expect(serious, `${urlPath} at ${viewport.width}px`).toEqual([]);
      }
    }
    // Eight axe runs: ~37 s on a quiet machine, more while other test files share the two cores.
  }, 180_000);
});
