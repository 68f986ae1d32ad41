/**
 * The Sasaran page on a real release (the fictional sample at scale 0.01,
 * built by global-setup), in real Chromium: the build-time view without
 * JavaScript, then a change of program that re-queries the release through
 * DuckDB-wasm, the URL state, reloads, and the page's hygiene (console, origin,
 * CSP, axe, 360 px). Expected numbers come from the published Parquet files,
 * read here with DuckDB and this test's own SQL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Row = Record<string, unknown>;

let browser: Promise<Browser> | undefined;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let dataDate: string;
const opened: PageRecording[] = [];

async function rows(sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  const latest = JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8')) as { release: string; dataDate: string };
  dataDate = latest.dataDate;
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  for (const table of ['sasaran_program', 'sasaran_tumpang_tindih', 'wilayah']) {
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${path.join(dataDir, latest.release, `${table}.parquet`)}')`);
  }
});

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
  connection?.closeSync();
  instance?.closeSync();
});

/** Records CSP violations (the DOM event) from the first script on, in every page of the context. */
const CSP_LISTENER = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`;

async function open(options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}) {
  browser ??= launchChromium();
  const recording = await openRecordedPage(await browser, inject('siteUrls').sample, options);
  await recording.context.addInitScript(CSP_LISTENER);
  opened.push(recording);
  return recording;
}

async function go(page: Page, urlPath: string) {
  const response = await page.goto(new URL(urlPath, inject('siteUrls').sample).href, { waitUntil: 'load' });
  expect(response?.status(), urlPath).toBe(200);
}

async function expectClean(recording: PageRecording) {
  expect(recording.consoleErrors, 'console errors').toEqual([]);
  expect(recording.pageErrors, 'page errors').toEqual([]);
  expect(recording.failedRequests, 'failed requests').toEqual([]);
  expect(recording.foreignRequests, 'requests to other origins').toEqual([]);
  expect(requestsOffOrigin(recording.requests, inject('siteUrls').sample)).toEqual([]);
  expect(recording.consoleErrors.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
  if (recording.page.context().pages().length > 0) expect(await recording.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

const percentId = (value: number) => `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;
const countId = (value: number) => new Intl.NumberFormat('id-ID').format(value);
const shown = (row: Row, column: string, format: (v: number) => string) =>
  row[`${column}_disamarkan`] === true ? 'disamarkan' : row[column] === null ? '–' : format(Number(row[column]));

/** The latest quarter that ended by the data date, for a program (this test's own rule). */
async function latestQuarter(program: string): Promise<string> {
  const [row] = await rows(`
    SELECT max(periode) AS periode FROM sasaran_program
    WHERE kode_program = '${program}' AND periode LIKE '%-Q%'
      AND last_day(make_date(left(periode, 4)::INT, right(periode, 1)::INT * 3, 1)) <= DATE '${dataDate}'`);
  return String(row!.periode);
}

const published = (program: string, periode: string, level: string) =>
  rows(`SELECT * FROM sasaran_program WHERE tingkat = '${level}' AND kode_program = '${program}' AND periode = '${periode}' ORDER BY kode_wilayah`);

/** Every region's row of the ranked table and the flags table shows the published values. */
async function expectTablesShow(page: Page, expected: Row[], metricColumn: string) {
  expect(await page.locator('#sasaran-ranked .chart__table tbody tr').count()).toBe(expected.length);
  for (const row of expected) {
    const tr = `#sasaran-ranked .chart__table tr[data-kode="${row.kode_wilayah}"]`;
    expect(await text(page, `${tr} td[data-col="${metricColumn}"]`), `${row.kode_wilayah} ${metricColumn}`).toBe(shown(row, metricColumn, percentId));
    expect(await text(page, `${tr} td[data-col="penerima"]`), `${row.kode_wilayah} penerima`).toBe(shown(row, 'penerima', countId));
    for (const flag of ['dibayar_setelah_meninggal', 'nik_ganda', 'multi_program']) {
      expect(await text(page, `[data-part="flags-table"] tr[data-kode="${row.kode_wilayah}"] td[data-col="${flag}"]`), `${row.kode_wilayah} ${flag}`).toBe(
        shown(row, flag, countId),
      );
    }
  }
}

const waitReady = (page: Page) =>
  page.waitForFunction(() => document.querySelector('[data-sasaran]')?.getAttribute('data-state') === 'ready', null, { timeout: 45_000 });

describe('Sasaran page', () => {
  it('shows the published default view with JavaScript off, controls hidden', async () => {
    const recording = await open({ javaScriptEnabled: false });
    await go(recording.page, '/sasaran/');
    const { page } = recording;
    const periode = await latestQuarter('PKH');
    const expected = await published('PKH', periode, 'provinsi');
    expect(expected.length).toBeGreaterThan(0);
    await expectTablesShow(page, expected, 'galat_inklusi');
    expect(await page.locator('form[data-config]').isVisible()).toBe(false);
    expect(await page.locator('#sasaran-ranked .chart__plot svg:visible').count()).toBe(1);
    expect(await text(page, '#sasaran-ranked .chart__title')).toContain('PKH');
    // The chart draws every published (not suppressed) value.
    const chartText = await text(page, '#sasaran-ranked .chart__plot');
    for (const row of expected.filter((r) => r.galat_inklusi !== null)) expect(chartText).toContain(percentId(Number(row.galat_inklusi)));
    expect(recording.requests.some((url) => url.endsWith('.wasm') || url.includes('duckdb'))).toBe(false);
    expect(recording.failedRequests).toEqual([]);
    expect(recording.foreignRequests).toEqual([]);
  });

  it('re-queries the release through DuckDB-wasm on a change, keeps the view in the URL, and restores it on reload', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/sasaran/');
    expect(await page.locator('form[data-config]').isVisible()).toBe(true);
    expect(recording.requests.some((url) => url.endsWith('.wasm')), 'no wasm before interaction').toBe(false);

    await page.selectOption('select[name="program"]', 'SEMBAKO');
    await waitReady(page);
    expect(recording.requests.some((url) => /duckdb-eh.*\.wasm$/.test(url)), 'the wasm was fetched').toBe(true);
    // The page's own small database, fetched whole: the release's large one is not touched.
    expect(recording.requests.filter((url) => url.endsWith('/sasaran.duckdb')), "the page's database was fetched once").toHaveLength(1);
    expect(recording.requests.some((url) => url.endsWith('/terang.duckdb')), 'the large database was not read').toBe(false);

    const periode = await latestQuarter('SEMBAKO');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ program: 'SEMBAKO', periode, metrik: 'inklusi', tingkat: 'provinsi' });
    expect(await page.locator('select[name="periode"]').inputValue()).toBe(periode);
    const sembako = await published('SEMBAKO', periode, 'provinsi');
    await expectTablesShow(page, sembako, 'galat_inklusi');
    expect(await text(page, '#sasaran-ranked .chart__title')).toContain('SEMBAKO');
    // Program overlap follows too: families receiving SEMBAKO and each other program.
    const overlap = await rows(`
      SELECT kode_wilayah, CASE WHEN program_a = 'SEMBAKO' THEN program_b ELSE program_a END AS lain, keluarga, keluarga_disamarkan
      FROM sasaran_tumpang_tindih WHERE tingkat = 'provinsi' AND periode = '${periode}' AND 'SEMBAKO' IN (program_a, program_b)`);
    expect(overlap.length).toBeGreaterThan(0);
    for (const row of overlap) {
      expect(await text(page, `[data-part="overlap-table"] tr[data-kode="${row.kode_wilayah}"] td[data-col="${row.lain}"]`), `${row.kode_wilayah} + ${row.lain}`).toBe(
        shown(row, 'keluarga', countId),
      );
    }
    const chartText = await text(page, '#sasaran-ranked .chart__plot');
    for (const row of sembako.filter((r) => r.galat_inklusi !== null)) expect(chartText).toContain(percentId(Number(row.galat_inklusi)));

    // A second change: metric and level; the chart and tables follow.
    await page.selectOption('select[name="metrik"]', 'cakupan');
    await waitReady(page);
    await page.selectOption('select[name="tingkat"]', 'kabupaten');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('tingkat') === 'kabupaten');
    await waitReady(page);
    const kabupaten = await published('SEMBAKO', periode, 'kabupaten');
    await expectTablesShow(page, kabupaten, 'cakupan');

    // Reload: the URL's view is re-queried (and the page says so while it loads).
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('select[name="tingkat"]').inputValue()).toBe('kabupaten');
    await waitReady(page);
    await expectTablesShow(page, kabupaten, 'cakupan');
    expect(await page.locator('select[name="metrik"]').inputValue()).toBe('cakupan');

    // After the reload, changes still work.
    await page.selectOption('select[name="program"]', 'PKH');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('program') === 'PKH');
    await waitReady(page);
    await expectTablesShow(page, await published('PKH', await latestQuarter('PKH'), 'kabupaten'), 'cakupan');

    // Back goes to the previous view.
    await page.goBack({ waitUntil: 'load' });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('program') === 'SEMBAKO');
    await waitReady(page);
    expect(await page.locator('select[name="program"]').inputValue()).toBe('SEMBAKO');
    await expectClean(recording);
  });

  it('says it is loading another view when a shared link opens', async () => {
    const recording = await open();
    const { page } = recording;
    await recording.context.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __status: string[] }).__status = []);
      new MutationObserver(() => {
        const status = document.querySelector('[data-part="status"]')?.textContent;
        if (status && seen.at(-1) !== status) seen.push(status);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const periode = await latestQuarter('PKH');
    await go(page, `/sasaran/?program=PKH&periode=${periode}&metrik=eksklusi&tingkat=kecamatan`);
    await waitReady(page);
    const statuses = await page.evaluate(() => (window as unknown as { __status: string[] }).__status);
    expect(statuses[0]).toMatch(/Tautan ini meminta tampilan lain/);
    await expectTablesShow(page, await published('PKH', periode, 'kecamatan'), 'galat_eksklusi');
    await expectClean(recording);
  });

  it('says so when DuckDB cannot load, and keeps the build-time view, controls and URL in step', async () => {
    const recording = await open();
    const { page } = recording;
    // The engine's wasm never arrives (as on a network that drops it).
    await recording.context.route('**/*.wasm', (route) => route.abort('failed'));
    await go(page, '/sasaran/');
    const periode = await latestQuarter('PKH');
    await page.selectOption('select[name="program"]', 'SEMBAKO');
    await page.waitForFunction(() => document.querySelector('[data-sasaran]')?.getAttribute('data-state') === 'error', null, { timeout: 45_000 });
    expect(await text(page, '[data-part="status"]')).toMatch(/^Tampilan tidak dapat dimuat \(waktu habis\)/);
    await expectTablesShow(page, await published('PKH', periode, 'provinsi'), 'galat_inklusi');
    expect(await page.locator('select[name="program"]').inputValue()).toBe('PKH');
    expect(new URL(page.url()).searchParams.get('program')).toBe('PKH');
    // DuckDB's worker leaves its failed wasm fetch unhandled (it is how the start hangs); nothing else may fail.
    expect(recording.pageErrors.filter((message) => message !== 'Failed to fetch')).toEqual([]);
    expect(recording.foreignRequests).toEqual([]);
  });

  it('works in English with English formats', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/en/sasaran/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Social assistance targeting');
    await page.selectOption('select[name="metrik"]', 'kebocoran');
    await waitReady(page);
    const expected = await published('PKH', await latestQuarter('PKH'), 'provinsi');
    const en = (v: number) => `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`;
    for (const row of expected) {
      expect(await text(page, `#sasaran-ranked .chart__table tr[data-kode="${row.kode_wilayah}"] td[data-col="kebocoran"]`)).toBe(
        row.kebocoran_disamarkan ? 'suppressed' : row.kebocoran === null ? '–' : en(Number(row.kebocoran)),
      );
    }
    await expectClean(recording);
  });

  it('fits a 360 px phone and has no serious or critical axe violations, before and after a change', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const recording = await open({ viewport });
      const { page } = recording;
      await go(page, '/sasaran/');
      const check = async (when: string) => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${when} at ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        expect(serious, `${when} at ${viewport.width}px`).toEqual([]);
      };
      await check('default view');
      if (viewport === PHONE) {
        await page.selectOption('select[name="tingkat"]', 'kecamatan');
        await waitReady(page);
        await check('after a change');
      }
      await expectClean(recording);
    }
  });
});
