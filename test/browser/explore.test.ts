/**
 * The Jelajah (SQL explorer) page on a real release (the fictional sample at
 * scale 0.01, built by global-setup), in real Chromium: the table list and
 * examples with JavaScript off; queries through DuckDB-wasm compared with the
 * same SQL run here by @duckdb/node-api on the release's `terang.duckdb`;
 * bad SQL, refused statements (the read-only check in DuckDB-wasm's own
 * parser, with escape strings, dollar quotes and comments, typed and from a
 * shared link), an off-origin fetch attempt, cancelling a
 * slow query, the URL after a reload, CSV and XLSX downloads, and the page's
 * hygiene (console, origin, CSP, axe, 360 px).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readOnlyCheckSql } from '../../src/client/explore-result.ts';
import { EXAMPLE_QUERIES } from '../../src/lib/explore/examples.ts';
import { ACCEPTED_SQL, DYNAMIC_PIVOT_SQL, REFUSED_SQL } from '../fixtures/read-only-sql.ts';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Row = Record<string, unknown>;

let browser: Promise<Browser> | undefined;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let releaseDir: string;
const opened: PageRecording[] = [];

/** Rows and column names of a query on the release, as DuckDB (node) returns them; BIGINT and HUGEINT as numbers. */
async function run(sql: string): Promise<{ columns: string[]; rows: unknown[][] }> {
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRowsJS().map((row) => row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  return { columns: reader.columnNames(), rows };
}

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  const latest = JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8')) as { release: string };
  releaseDir = path.join(dataDir, latest.release);
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`ATTACH '${path.join(releaseDir, 'terang.duckdb')}' AS r (READ_ONLY)`);
  await connection.run('USE r');
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
  expect(await recording.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const state = (page: Page) => page.locator('[data-explore]').getAttribute('data-state');

/** Waits until the page's query has finished one way or another, and returns how. */
async function settled(page: Page): Promise<string | null> {
  await page.waitForFunction(() => ['ready', 'error', 'cancelled', 'idle'].includes(document.querySelector('[data-explore]')?.getAttribute('data-state') ?? ''), null, {
    timeout: 60_000,
  });
  return state(page);
}

/** Settled as `ready`, with the page's error box in the message when not. */
async function expectReady(page: Page) {
  const how = await settled(page);
  expect(how, `${await text(page, '[data-part="status"]')} ${await text(page, '[data-part="error"]')}`).toBe('ready');
}

async function runSql(page: Page, sql: string): Promise<string | null> {
  await page.fill('#explore-sql', sql);
  await page.click('[data-part="run"]');
  return settled(page);
}

async function runReady(page: Page, sql: string) {
  await page.fill('#explore-sql', sql);
  await page.click('[data-part="run"]');
  await expectReady(page);
}

/** What the page shows for a value (this test's own rules: Indonesian numbers, "–" for NULL). */
function shownId(value: unknown, column: string, suppressed: boolean): string {
  if (value === null) return suppressed ? 'disamarkan' : '–';
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  if (typeof value === 'number') {
    if (/(^|_)(tahun|kode|desil)(_|$)/.test(column) && Number.isInteger(value)) return String(value);
    return new Intl.NumberFormat('id-ID', { maximumFractionDigits: 4 }).format(value);
  }
  return String(value);
}

async function shownRows(page: Page): Promise<string[][]> {
  return page.locator('.explore-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
}

function expectedRows(result: { columns: string[]; rows: unknown[][] }, from: number, to: number): string[][] {
  return result.rows.slice(from, to).map((row) =>
    row.map((value, index) => {
      const flag = result.columns.indexOf(`${result.columns[index]}_disamarkan`);
      return shownId(value, result.columns[index]!, flag >= 0 && row[flag] === true);
    }),
  );
}

async function download(page: Page, button: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const filePath = await file.path();
  return readFileSync(filePath);
}

describe('example queries', () => {
  it('every example runs on the published schema (@duckdb/node-api on the release database)', async () => {
    for (const example of EXAMPLE_QUERIES) {
      const result = await run(example.sql);
      expect(result.columns.length, example.id).toBeGreaterThan(0);
      // And the page's read-only check lets it through (DuckDB's parser: one SELECT statement).
      const prepared = await connection.prepare(readOnlyCheckSql(example.sql));
      prepared.destroySync();
    }
    // The headline example and the chart example return rows on the sample.
    expect((await run(EXAMPLE_QUERIES[0]!.sql)).rows.length).toBeGreaterThan(0);
    expect((await run(EXAMPLE_QUERIES[1]!.sql)).rows.length).toBeGreaterThan(0);
  });
});

describe('Jelajah page', () => {
  it('lists every table, its columns and the examples with JavaScript off, and fetches no wasm', async () => {
    const recording = await open({ javaScriptEnabled: false });
    const { page } = recording;
    await go(page, '/jelajah/');
    const pkg = JSON.parse(readFileSync(path.join(releaseDir, 'datapackage.json'), 'utf8')) as {
      resources: { name: string; path: string; format: string; rows: number; title: string; schema: { fields: { name: string; type: string; description: string }[] } }[];
    };
    const tables = pkg.resources.filter((r) => r.format === 'parquet');
    expect(await page.locator('[data-table]').count()).toBe(tables.length);
    for (const table of tables) {
      const name = table.path.replace(/\.parquet$/, '');
      const item = `[data-table="${name}"]`;
      expect(await text(page, `${item} summary`)).toBe(`${name} · ${table.title} · ${new Intl.NumberFormat('id-ID').format(table.rows)} baris`);
      const columns = await page.locator(`${item} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
      expect(columns.map((c) => c[0])).toEqual(table.schema.fields.map((f) => f.name));
      expect(columns.map((c) => c[1])).toEqual(table.schema.fields.map((f) => f.type));
      columns.forEach((c, i) => expect(c[2]).toContain(table.schema.fields[i]!.description));
    }
    for (const example of EXAMPLE_QUERIES) {
      expect(await page.locator(`[data-example="${example.id}"] code`).textContent()).toBe(example.sql);
      expect(await text(page, `[data-example="${example.id}"] h3`)).toBe(example.title.id);
    }
    expect(await page.locator('.explore-console').isVisible()).toBe(false);
    expect(await text(page, '.explore-noscript')).toMatch(/memerlukan JavaScript/);
    expect(recording.requests.some((url) => url.endsWith('.wasm') || url.endsWith('.duckdb'))).toBe(false);
    expect(recording.foreignRequests).toEqual([]);
  });

  it('runs an example, downloads CSV and XLSX equal to the result, and a reload reproduces it', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/jelajah/');
    expect(recording.requests.some((url) => url.endsWith('.wasm')), 'no wasm before a query').toBe(false);
    const example = EXAMPLE_QUERIES[0]!;
    const expected = await run(example.sql);
    await page.click(`[data-use-example="${example.id}"]`);
    await expectReady(page);
    expect(recording.requests.some((url) => /duckdb-eh.*\.wasm$/.test(url)), 'the wasm was fetched').toBe(true);
    expect(new URL(page.url()).searchParams.get('q')).toBe(example.sql);
    expect(await page.locator('.explore-table thead th').allTextContents()).toEqual(expected.columns);
    expect(await shownRows(page)).toEqual(expectedRows(expected, 0, 50));
    expect(await text(page, '.explore-table caption')).toBe(
      `Hasil kueri: baris 1–${Math.min(50, expected.rows.length)} dari ${new Intl.NumberFormat('id-ID').format(expected.rows.length)}`,
    );

    // CSV: the whole result, header and rows, as DuckDB returned them.
    const csvText = (await download(page, '[data-part="download-csv"]')).toString('utf8');
    const parsed = Papa.parse<string[]>(csvText, { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(expected.columns);
    expect(parsed.slice(1)).toEqual(expected.rows.map((row) => row.map((v) => (v === null ? '' : String(v)))));

    // XLSX: the same rows, numbers as numbers.
    const workbook = await readExcelFile(await download(page, '[data-part="download-xlsx"]'));
    const sheet = workbook[0]!.data;
    expect(sheet[0]).toEqual(expected.columns);
    expect(sheet.slice(1)).toEqual(expected.rows.map((row) => row.map((v) => (v === undefined ? null : v))));

    // Paging (when the sample has more than one page), then a reload restores the same page.
    if (expected.rows.length > 50) {
      await page.click('[data-part="next"]');
      expect(new URL(page.url()).searchParams.get('hal')).toBe('2');
      expect(await shownRows(page)).toEqual(expectedRows(expected, 50, 100));
    }
    const url = page.url();
    await page.reload({ waitUntil: 'load' });
    expect(page.url()).toBe(url);
    expect(await text(page, '[data-part="status"]')).toMatch(/Tautan ini memuat sebuah kueri|Menjalankan|Selesai/);
    await expectReady(page);
    expect(await page.inputValue('#explore-sql')).toBe(example.sql);
    const pageNumber = Number(new URL(page.url()).searchParams.get('hal') ?? '1');
    expect(await shownRows(page)).toEqual(expectedRows(expected, (pageNumber - 1) * 50, pageNumber * 50));
    await expectClean(recording);
  });

  it('pages 50 rows at a time, keeps the page in the URL, and a reload restores that page', async () => {
    const recording = await open();
    const { page } = recording;
    const sql = 'SELECT tingkat, kode_wilayah, nama FROM wilayah ORDER BY kode_wilayah';
    const expected = await run(sql);
    expect(expected.rows.length, 'the sample has more than two pages of regions').toBeGreaterThan(100);
    await go(page, '/jelajah/');
    await runReady(page, sql);
    const pages = Math.ceil(expected.rows.length / 50);
    expect(await text(page, '[data-part="page-of"]')).toBe(`Halaman 1 dari ${pages}`);
    expect(await page.locator('[data-part="previous"]').isDisabled()).toBe(true);
    await page.click('[data-part="next"]');
    await page.click('[data-part="next"]');
    expect(new URL(page.url()).searchParams.get('hal')).toBe('3');
    expect(await shownRows(page)).toEqual(expectedRows(expected, 100, 150));
    expect(await text(page, '.explore-table caption')).toBe(`Hasil kueri: baris 101–150 dari ${expected.rows.length}`);
    await page.reload({ waitUntil: 'load' });
    await expectReady(page);
    expect(await text(page, '[data-part="page-of"]')).toBe(`Halaman 3 dari ${pages}`);
    expect(await shownRows(page)).toEqual(expectedRows(expected, 100, 150));
    await page.click('[data-part="previous"]');
    expect(new URL(page.url()).searchParams.get('hal')).toBe('2');
    expect(await shownRows(page)).toEqual(expectedRows(expected, 50, 100));
    // A shared link opened in a new page shows the same rows.
    const shared = await open();
    await shared.page.goto(page.url(), { waitUntil: 'load' });
    await expectReady(shared.page);
    expect(await shownRows(shared.page)).toEqual(expectedRows(expected, 50, 100));
    await expectClean(recording);
    await expectClean(shared);
  });

  it('shows DuckDB’s message for bad SQL, refuses writes and several statements, and the next query works', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/jelajah/');
    expect(await runSql(page, 'SELEC * FROM wilayah')).toBe('error');
    expect(await page.locator('[data-part="error"]').isVisible()).toBe(true);
    expect(await text(page, '[data-part="error"]')).toMatch(/Kueri tidak dapat dijalankan.*DuckDB melaporkan:.*syntax error/i);
    expect(await text(page, '[data-part="error"] pre')).toMatch(/^Parser Error: syntax error at or near "SELEC"/);

    expect(await runSql(page, 'SELECT nama FROM tabel_yang_tidak_ada')).toBe('error');
    expect(await text(page, '[data-part="error"] pre')).toMatch(/tabel_yang_tidak_ada/);

    expect(await runSql(page, 'CREATE TABLE coba AS SELECT 1 AS x')).toBe('error');
    expect(await text(page, '[data-part="error"]')).toMatch(/hanya membaca data/);
    expect(await runSql(page, 'SELECT 1; DROP TABLE wilayah')).toBe('error');
    expect(await text(page, '[data-part="error"]')).toMatch(/hanya membaca data/);
    expect(await runSql(page, 'SELECT 1; SELECT 2')).toBe('error');
    expect(await text(page, '[data-part="error"]')).toMatch(/satu pernyataan/);

    const [expected] = (await run("SELECT count(*) AS n FROM wilayah WHERE tingkat = 'desa'")).rows;
    await runReady(page, "SELECT count(*) AS n FROM wilayah WHERE tingkat = 'desa'");
    expect(await page.locator('[data-part="error"]').isVisible()).toBe(false);
    expect(await shownRows(page)).toEqual([[shownId(expected![0], 'n', false)]]);
    // Schema-qualified names work too (the release is attached as `r`).
    await runReady(page, 'SELECT count(*) AS n FROM r.program');
    expect(await shownRows(page)).toEqual([[String((await run('SELECT count(*) FROM program')).rows[0]![0])]]);
    await expectClean(recording);
  });

  it('runs only what DuckDB-wasm’s parser calls one read statement: escapes, dollar quotes and comments cannot hide a second one', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/jelajah/');
    /** Objects a reader's SQL could have made (the release attached as `r` has none of its own beyond what node sees). */
    const CATALOG = [
      "SELECT count(*) AS n FROM duckdb_views() WHERE NOT internal",
      "SELECT count(*) AS n FROM duckdb_tables() WHERE database_name <> 'r'",
      'SELECT count(*) AS n FROM duckdb_functions() WHERE NOT internal',
      'SELECT count(*) AS n FROM wilayah',
      'SELECT count(*) AS n FROM program',
    ];
    const expectedCatalog = await Promise.all(CATALOG.map(async (sql) => String((await run(sql)).rows[0]![0])));
    expect(expectedCatalog.slice(0, 3), 'the release adds no views, other tables or macros').toEqual(['0', '0', '0']);
    const catalogNow = async () => {
      const seen: string[] = [];
      for (const sql of CATALOG) {
        await runReady(page, sql);
        seen.push((await shownRows(page))[0]![0]!.replace(/\./g, ''));
      }
      return seen;
    };

    for (const sql of REFUSED_SQL) {
      expect(await runSql(page, sql), sql).toBe('error');
      // The page's own refusal, not an engine error after the statement ran.
      expect(await text(page, '[data-part="error"]'), sql).toMatch(/hanya membaca data.*satu pernyataan SELECT/);
      expect(await page.locator('[data-part="error"] pre').count(), sql).toBe(0);
    }
    // DuckDB 1.4.3 makes a PIVOT without IN (…) two statements: refused the same way.
    expect(await runSql(page, DYNAMIC_PIVOT_SQL)).toBe('error');
    expect(await text(page, '[data-part="error"]')).toMatch(/hanya membaca data/);
    expect(await catalogNow(), 'no view, table or macro was created; published tables unchanged').toEqual(expectedCatalog);

    for (const { sql, x } of ACCEPTED_SQL) {
      await page.fill('#explore-sql', sql);
      await page.click('[data-part="run"]');
      await expectReady(page);
      expect(await page.locator('.explore-table tbody tr').count(), sql).toBeGreaterThan(0);
      if (x !== undefined) expect(await page.locator('.explore-table tbody tr:first-child td[data-col="x"]').textContent(), sql).toBe(x);
    }
    expect(await catalogNow()).toEqual(expectedCatalog);

    // The issue's attack as a shared link: refused on arrival, nothing created.
    const shared = await open();
    await shared.page.goto(new URL(`/jelajah/?q=${encodeURIComponent(REFUSED_SQL[0]!)}`, inject('siteUrls').sample).href, { waitUntil: 'load' });
    expect(await settled(shared.page)).toBe('error');
    expect(await text(shared.page, '[data-part="error"]')).toMatch(/hanya membaca data/);
    await shared.page.fill('#explore-sql', CATALOG[0]!);
    await shared.page.click('[data-part="run"]');
    await expectReady(shared.page);
    expect(await shownRows(shared.page)).toEqual([['0']]);
    await shared.page.fill('#explore-sql', 'SELECT count(*) AS n FROM wilayah');
    await shared.page.click('[data-part="run"]');
    await expectReady(shared.page);
    expect((await shownRows(shared.page))[0]![0]!.replace(/\./g, '')).toBe(expectedCatalog[3]);

    // In English, the refusal is the English sentence.
    await go(shared.page, '/en/jelajah/');
    await shared.page.fill('#explore-sql', 'CREATE TEMP VIEW wilayah AS SELECT 1 AS x');
    await shared.page.click('[data-part="run"]');
    expect(await settled(shared.page)).toBe('error');
    expect(await text(shared.page, '[data-part="error"]')).toMatch(/only reads data: it runs one SELECT statement at a time/);
    await expectClean(recording);
    await expectClean(shared);
  }, 180_000);

  it('lets no query reach another origin or another file', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/jelajah/');
    // Refused by DuckDB itself (external access is off), not only by the page's check.
    expect(await runSql(page, "SELECT * FROM read_csv('http://example.com/data.csv')")).toBe('error');
    expect(await text(page, '[data-part="error"] pre')).toMatch(/Permission Error|disabled by configuration|external access/i);
    const releaseId = path.basename(releaseDir);
    expect(await runSql(page, `SELECT * FROM read_parquet('/data/${releaseId}/wilayah.parquet')`)).toBe('error');
    expect(await runSql(page, `SELECT * FROM read_csv('${new URL(`/data/${releaseId}/wilayah.csv`, inject('siteUrls').sample).href}')`)).toBe('error');
    expect(await text(page, '[data-part="error"] pre')).toMatch(/Permission Error|disabled by configuration|external access/i);
    for (const sql of [
      "SELECT * FROM read_csv('http://example.com/data.csv')",
      "SELECT * FROM 'https://example.org/data.parquet'",
      "SELECT * FROM read_json('https://example.net/x.json')",
      'INSTALL httpfs',
      "ATTACH 'https://example.com/other.duckdb' AS other",
      "SET enable_external_access = true",
    ]) {
      expect(await runSql(page, sql), sql).toBe('error');
    }
    // The engine still answers.
    await runReady(page, 'SELECT 42 AS jawaban');
    expect(recording.foreignRequests).toEqual([]);
    expect(requestsOffOrigin(recording.requests, inject('siteUrls').sample)).toEqual([]);
    await expectClean(recording);
  });

  it('cancels a slow query and runs the next one', async () => {
    const recording = await open();
    const { page } = recording;
    await go(page, '/jelajah/');
    // Start the engine first, so the slow query is what is running when Cancel is pressed.
    await runReady(page, 'SELECT 1 AS satu');
    const expected = String((await run('SELECT count(*) FROM program')).rows[0]![0]);
    for (const slow of [
      // A scan DuckDB-wasm runs in slices: `cancelSent` stops it between two polls.
      'SELECT sum(range % 7) AS s FROM range(20000000000)',
      // A cross join DuckDB-wasm 1.32 runs to the end in one go: the worker is stopped and restarted.
      'SELECT count(*) AS n FROM range(1000000) AS a CROSS JOIN range(1000000) AS b WHERE a.range + b.range = -1',
    ]) {
      await page.fill('#explore-sql', slow);
      await page.click('[data-part="run"]');
      await page.waitForFunction(() => document.querySelector('[data-explore]')?.getAttribute('data-state') === 'running');
      await page.waitForTimeout(1000);
      expect(await page.locator('[data-part="cancel"]').isVisible()).toBe(true);
      const pressed = Date.now();
      await page.click('[data-part="cancel"]');
      expect(await settled(page), slow).toBe('cancelled');
      expect(Date.now() - pressed, 'cancel takes effect quickly').toBeLessThan(10_000);
      expect(await text(page, '[data-part="status"]')).toMatch(/Kueri dibatalkan/);
      expect(await page.locator('[data-part="cancel"]').isVisible()).toBe(false);
      expect(await page.locator('[data-part="run"]').isEnabled()).toBe(true);
      await runReady(page, 'SELECT count(*) AS n FROM program');
      expect(await shownRows(page)).toEqual([[expected]]);
    }
    await expectClean(recording);
  });

  it('draws a quick chart for a label and a number, and works in English', async () => {
    const recording = await open();
    const { page } = recording;
    const example = EXAMPLE_QUERIES[1]!;
    const expected = await run(example.sql);
    await go(page, `/en/jelajah/?q=${encodeURIComponent(example.sql)}`);
    await expectReady(page);
    const withValue = expected.rows.filter((row) => typeof row[1] === 'number');
    expect(await page.locator('.explore-figure svg .chart-bar rect').count()).toBe(withValue.length);
    const chartText = await text(page, '.explore-figure .chart__plot');
    for (const row of withValue) expect(chartText).toContain(new Intl.NumberFormat('en-GB').format(row[1] as number));
    expect(await page.locator('.explore-figure .chart__plot').getAttribute('aria-label')).toMatch(/^Bar chart: penerima by provinsi/);
    expect((await shownRows(page))[0]![1]).toBe(new Intl.NumberFormat('en-GB').format(expected.rows[0]![1] as number));
    // The chart downloads as SVG (standalone, with its title and bars) and as PNG, from labelled buttons.
    expect(await page.getByRole('button', { name: 'Download SVG penerima by provinsi', exact: true }).count()).toBe(1);
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.click('#jelajah-chart [data-export="svg"]')]);
    expect(svgFile.suggestedFilename()).toMatch(/^terang-jelajah-chart-.+\.svg$/);
    const svg = readFileSync((await svgFile.path())!, 'utf8');
    const parsed = await page.evaluate((markup) => {
      const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
      return { error: doc.querySelector('parsererror') !== null, bars: doc.querySelectorAll('.chart-bar rect').length, text: doc.documentElement.textContent ?? '' };
    }, svg);
    expect(parsed.error).toBe(false);
    expect(parsed.bars).toBe(withValue.length);
    expect(parsed.text).toContain('penerima by provinsi');
    const png = await download(page, '#jelajah-chart [data-export="png"]');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    await expectClean(recording);
  });

  it('fits a 360 px phone, is keyboard-usable, and has no serious or critical axe violations', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const recording = await open({ viewport });
      const { page } = recording;
      await go(page, '/jelajah/');
      const check = async (when: string) => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${when} at ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        expect(serious, `${when} at ${viewport.width}px`).toEqual([]);
      };
      await check('before a query');
      // Keyboard only: focus the console, type, Ctrl+Enter.
      await page.focus('#explore-sql');
      await page.keyboard.type(EXAMPLE_QUERIES[1]!.sql);
      await page.keyboard.press('Control+Enter');
      await expectReady(page);
      await check('with a result and a chart');
      await expectClean(recording);
    }
    // Two page loads with DuckDB-wasm and four axe scans: 23 s alone, 62 s once while the
    // full suite shared the two cores (2026-12-07), past the project's 60 s default.
  }, 150_000);
});
