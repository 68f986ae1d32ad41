/**
 * Unduh, Riwayat and Laporan on a real release (the fictional sample at scale
 * 0.01, built by global-setup), in real Chromium, checked the way a journalist
 * or an official would: download what the page lists and verify it.
 *
 * - every table's Parquet and CSV: SHA-256 equals the page's; the Parquet's
 *   columns and types (read with DuckDB) equal the documented schema; the CSV
 *   decodes as the documented encoding and parses (papaparse) with the
 *   documented delimiter into the documented columns and row count;
 * - the zip archive: SHA-256 as listed; unzipped with fflate, every file equals
 *   the release's file;
 * - a kabupaten report: numbers as published, A4 pages from page.pdf(), every
 *   table visible in print; its XLSX holds the same values as the page;
 * - labelled, keyboard-reachable controls (axe), no JavaScript needed, 360 px,
 *   no request leaves the origin.
 *
 * The PDF check reads the page size (MediaBox) and page count from the PDF
 * itself; the text is checked in the print-media DOM the PDF is made from
 * (Chromium writes text as font glyph ids, which would need a PDF text
 * extractor, and none is installed).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let browser: Promise<Browser> | undefined;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let releaseDir: string;
let releaseId: string;
const scratch = mkdtempSync(path.join(tmpdir(), 'terang-downloads-'));
const opened: PageRecording[] = [];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  releaseId = (JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8')) as { release: string }).release;
  releaseDir = path.join(dataDir, releaseId);
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
  connection?.closeSync();
  instance?.closeSync();
  rmSync(scratch, { recursive: true, force: true });
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
  expect(recording.consoleErrors, 'console errors').toEqual([]);
  expect(recording.pageErrors, 'page errors').toEqual([]);
  expect(recording.failedRequests, 'failed requests').toEqual([]);
  expect(recording.foreignRequests, 'requests to other origins').toEqual([]);
  expect(requestsOffOrigin(recording.requests, inject('siteUrls').sample)).toEqual([]);
}

/** Bytes of a same-origin URL, fetched as the browser would (from the page, so the request is recorded too). */
async function download(page: Page, href: string): Promise<Buffer> {
  const response = await page.request.get(new URL(href, page.url()).href);
  expect(response.status(), href).toBe(200);
  return Buffer.from(await response.body());
}

const textOf = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

async function someKabupaten(): Promise<string> {
  const [row] = await rows(`SELECT kode_wilayah FROM read_parquet('${path.join(releaseDir, 'wilayah.parquet')}') WHERE tingkat = 'kabupaten' ORDER BY kode_wilayah LIMIT 1`);
  return String(row!.kode_wilayah);
}

/** DuckDB's type of a Parquet column → the Frictionless type the page documents. */
const FRICTIONLESS: Record<string, string> = { VARCHAR: 'string', BIGINT: 'integer', INTEGER: 'integer', HUGEINT: 'integer', DOUBLE: 'number', FLOAT: 'number', BOOLEAN: 'boolean', DATE: 'date' };

describe('Unduh', () => {
  it('lists every table; each downloaded Parquet and CSV matches its SHA-256, schema, delimiter and encoding', async () => {
    const recording = await visit('/unduh/');
    const { page } = recording;
    expect(await textOf(page, '[data-testid="release-id"]')).toBe(releaseId);
    expect(await textOf(page, '[data-testid="citation"]')).toContain(releaseId);
    expect(await textOf(page, '[data-testid="citation"]')).toContain('CC BY 4.0');
    const dialect = page.getByTestId('csv-dialect');
    const delimiter = (await dialect.getAttribute('data-delimiter'))!;
    const encoding = (await dialect.getAttribute('data-encoding'))!;
    expect(await dialect.textContent()).toContain(`(${delimiter})`);
    expect((await dialect.textContent())!.toLowerCase()).toContain(encoding.toLowerCase());

    const tables = await page.locator('article.table-doc').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-table')!));
    const pkg = JSON.parse(readFileSync(path.join(releaseDir, 'datapackage.json'), 'utf8')) as { resources: { path: string; format: string }[] };
    expect(tables.sort()).toEqual(pkg.resources.filter((r) => r.format === 'parquet').map((r) => r.path.replace('.parquet', '')).sort());

    for (const table of tables) {
      const doc = page.locator(`article[data-table="${table}"]`);
      const documented = await doc.locator('[data-testid="columns"] tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ name: tr.getAttribute('data-column')!, type: tr.getAttribute('data-type')! })),
      );
      const listedRows = Number((await doc.getByTestId('rows').textContent())!.replace(/\D/g, ''));

      const parquetLink = doc.locator(`tr[data-file="${table}.parquet"] a`);
      const parquet = await download(page, (await parquetLink.getAttribute('href'))!);
      expect(sha256(parquet), `${table}.parquet`).toBe(await textOf(page, `article[data-table="${table}"] tr[data-file="${table}.parquet"] [data-testid="sha256"]`));
      const file = path.join(scratch, `${table}.parquet`);
      writeFileSync(file, parquet);
      const described = await rows(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
      expect(described.map((c) => ({ name: c.column_name, type: FRICTIONLESS[String(c.column_type)] ?? String(c.column_type) })), `${table} schema`).toEqual(documented);
      const [{ n }] = (await rows(`SELECT count(*) AS n FROM read_parquet('${file}')`)) as [{ n: number }];
      expect(n, `${table} rows`).toBe(listedRows);

      const csv = await download(page, (await doc.locator(`tr[data-file="${table}.csv"] a`).getAttribute('href'))!);
      expect(sha256(csv), `${table}.csv`).toBe(await textOf(page, `article[data-table="${table}"] tr[data-file="${table}.csv"] [data-testid="sha256"]`));
      const text = new TextDecoder(encoding, { fatal: true }).decode(csv);
      expect(text.charCodeAt(0), 'no BOM').not.toBe(0xfeff);
      const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
      expect(parsed.errors, `${table}.csv parse errors`).toEqual([]);
      expect(parsed.data[0], `${table}.csv header`).toEqual(documented.map((c) => c.name));
      expect(parsed.data.length - 1, `${table}.csv rows`).toBe(listedRows);
    }
    expectClean(recording);
  });

  it('offers the whole release as one zip whose files all equal the release files', async () => {
    const { page, ...recording } = await visit('/unduh/');
    const link = page.getByTestId('archive-link');
    const zip = await download(page, (await link.getAttribute('href'))!);
    expect(sha256(zip)).toBe(await textOf(page, '[data-testid="archive-sha256"]'));
    const entries = unzipSync(new Uint8Array(zip));
    const names = Object.keys(entries).sort();
    const pkg = JSON.parse(readFileSync(path.join(releaseDir, 'datapackage.json'), 'utf8')) as { resources: { path: string; hash: string }[] };
    expect(names).toEqual([...pkg.resources.map((r) => r.path), 'datapackage.json'].sort());
    for (const name of names) expect(sha256(entries[name]!), name).toBe(sha256(readFileSync(path.join(releaseDir, name))));
    for (const resource of pkg.resources) expect(`sha256:${sha256(entries[resource.path]!)}`, resource.path).toBe(resource.hash);
    expectClean({ page, ...recording });
  });

  it('keeps every release at a stable address in the history (one release here: no comparison yet)', async () => {
    for (const urlPath of ['/unduh/riwayat/', '/en/unduh/riwayat/']) {
      const { page, ...recording } = await visit(urlPath);
      const section = page.locator(`section[data-release="${releaseId}"]`);
      expect(await section.count()).toBe(1);
      const archive = (await section.getByTestId('history-archive').getAttribute('href'))!;
      expect(archive).toBe(`/data/${releaseId}/terang-${releaseId}.zip`);
      expect((await download(page, archive)).length).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="changes"]').count()).toBe(0);
      expectClean({ page, ...recording });
    }
  });
});

/** A page cell's text → the value the XLSX must hold. */
function expectedSheetValue(shown: string, lang: 'id' | 'en'): string | number | null {
  if (shown === '–') return null;
  if (shown === (lang === 'id' ? 'disamarkan' : 'suppressed')) return shown;
  const numeric = lang === 'id' ? shown.replace(/^Rp\s?/, '').replace(/%$/, '').replace(/\./g, '').replace(',', '.') : shown.replace(/^Rp\s?/, '').replace(/%$/, '').replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(numeric) ? Number(numeric) : shown;
}

describe('Laporan (a kabupaten report)', () => {
  it('shows the published numbers, "disamarkan" for suppressed cells, and the release', async () => {
    const kode = await someKabupaten();
    const recording = await visit(`/laporan/${kode}/`);
    const { page } = recording;
    expect(await textOf(page, '[data-testid="report-release"]')).toBe(releaseId);
    const desil = await rows(`SELECT desil, keluarga, keluarga_disamarkan FROM read_parquet('${path.join(releaseDir, 'keluarga_desil.parquet')}') WHERE kode_wilayah = '${kode}'`);
    expect(desil.length).toBe(11);
    for (const row of desil) {
      const expected = row.keluarga_disamarkan ? 'disamarkan' : new Intl.NumberFormat('id-ID').format(Number(row.keluarga));
      expect(await textOf(page, `[data-testid="report-desil"] tr[data-row="${row.desil}"] td[data-col="keluarga"]`), `desil ${row.desil}`).toBe(expected);
    }
    const ppks = await rows(`SELECT kategori, orang, orang_disamarkan FROM read_parquet('${path.join(releaseDir, 'ppks_kategori.parquet')}') WHERE kode_wilayah = '${kode}'`);
    expect(ppks.length).toBeGreaterThan(0);
    for (const row of ppks) {
      const expected = row.orang_disamarkan ? 'disamarkan' : new Intl.NumberFormat('id-ID').format(Number(row.orang));
      expect(await textOf(page, `[data-testid="report-ppks"] tr[data-row="${row.kategori}"] td[data-col="orang"]`), `PPKS ${row.kategori}`).toBe(expected);
    }
    const targeting = await rows(`SELECT kode_program, penerima, penerima_disamarkan FROM read_parquet('${path.join(releaseDir, 'sasaran_program.parquet')}') WHERE kode_wilayah = '${kode}'`);
    for (const program of await page.locator('[data-testid="report-sasaran"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')!))) {
      const shown = await textOf(page, `[data-testid="report-sasaran"] tr[data-row="${program}"] td[data-col="penerima"]`);
      const candidates = targeting.filter((r) => r.kode_program === program).map((r) => (r.penerima_disamarkan ? 'disamarkan' : new Intl.NumberFormat('id-ID').format(Number(r.penerima))));
      expect(candidates, `${program} recipients shown as published for some period`).toContain(shown);
    }
    expectClean(recording);
  });

  it('prints on A4 pages with every table visible and the site navigation hidden', async () => {
    const kode = await someKabupaten();
    const { page } = await visit(`/laporan/${kode}/`);
    const tableIds = await page.locator('table[data-testid^="report-"]').evaluateAll((tables) => tables.map((t) => t.getAttribute('data-testid')!));
    expect(tableIds).toEqual(expect.arrayContaining(['report-ringkasan', 'report-desil', 'report-sasaran', 'report-pengaduan', 'report-ppks']));
    const screenText = await page.locator('table[data-testid^="report-"]').evaluateAll((tables) => tables.map((t) => (t as HTMLElement).innerText));

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const raw = pdf.toString('latin1');
    const boxes = [...raw.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const pages = (raw.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(8);
    expect(boxes.length).toBe(pages);
    for (const [width, height] of boxes) {
      expect(Math.abs(width! - 595.28)).toBeLessThan(1.5);
      expect(Math.abs(height! - 841.89)).toBeLessThan(1.5);
    }

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.main-nav').isVisible()).toBe(false);
    const printText = await page.locator('table[data-testid^="report-"]').evaluateAll((tables) => tables.map((t) => (t as HTMLElement).innerText));
    expect(printText).toEqual(screenText);
    for (const text of printText) expect(text.length).toBeGreaterThan(0);
    const rowBreak = await page.locator('[data-testid="report-desil"] tbody tr').first().evaluate((tr) => getComputedStyle(tr).breakInside);
    expect(rowBreak).toBe('avoid');
    const headerGroup = await page.locator('[data-testid="report-desil"] thead').evaluate((thead) => getComputedStyle(thead).display);
    expect(headerGroup).toBe('table-header-group');
  });

  it('offers an XLSX with one sheet per table holding the same values as the page, numbers as numbers', async () => {
    const kode = await someKabupaten();
    for (const lang of ['id', 'en'] as const) {
      const { page, ...recording } = await visit(`${lang === 'en' ? '/en' : ''}/laporan/${kode}/`);
      const href = (await page.getByTestId('report-xlsx').getAttribute('href'))!;
      expect(href).toBe(`${lang === 'en' ? '/en' : ''}/laporan/${kode}/${lang === 'id' ? 'laporan' : 'report'}-${kode}-${releaseId}.xlsx`);
      const workbook = await readExcelFile(await download(page, href));
      const tables = await page.locator('table[data-testid^="report-"]').evaluateAll((nodes) =>
        nodes.map((table) => ({
          id: table.getAttribute('data-testid')!,
          rows: [...table.querySelectorAll('tbody tr')].map((tr) => ({
            header: (tr.querySelector('th')!.firstChild?.textContent ?? '').trim(),
            cells: [...tr.querySelectorAll('td')].map((td) => ({ col: td.getAttribute('data-col'), text: (td.textContent ?? '').replace(/\s+/g, ' ').trim() })),
          })),
        })),
      );
      expect(workbook.length, 'one sheet per table plus "about"').toBe(tables.length + 1);
      let numbers = 0;
      tables.forEach((table, index) => {
        const sheet = workbook[index]!.data;
        expect(sheet.length - 1, `${table.id} rows`).toBe(table.rows.length);
        const offset = sheet[0]!.length - table.rows[0]!.cells.length; // row header (+ period column when present)
        table.rows.forEach((row, r) => {
          const values = sheet[r + 1]!;
          expect(values[0], `${table.id} row ${r}`).toBe(row.header);
          row.cells.forEach(({ col, text: shown }, c) => {
            const expected = col === 'periode' ? shown : expectedSheetValue(shown, lang);
            const actual = values[c + offset] ?? null;
            const where = `${table.id} ${row.header} col ${c}: page shows "${shown}"`;
            if (typeof expected === 'number') {
              expect(typeof actual, where).toBe('number');
              numbers += 1;
            }
            if (typeof expected === 'number' && shown.endsWith('%')) {
              // The sheet holds the published share (complaint shares have 2 decimals); the page shows it to 0.1.
              expect(Math.round(Number(actual) * 10) / 10, where).toBe(expected);
              expect(Math.round(Number(actual) * 100) / 100, where).toBe(actual);
            } else {
              expect(actual, where).toEqual(expected);
            }
          });
        });
      });
      expect(numbers).toBeGreaterThan(20);
      expectClean({ page, ...recording });
    }
  });

  it('is linked from the region page', async () => {
    const kode = await someKabupaten();
    const { page } = await visit(`/wilayah/${kode}/`, { javaScriptEnabled: false });
    await page.getByTestId('report-link').click();
    await page.waitForURL(`**/laporan/${kode}/`);
    expect(await page.locator('[data-testid="report"]').count()).toBe(1);
  });
});

describe('every new page', () => {
  const newPages = async () => {
    const kode = await someKabupaten();
    return ['/unduh/', '/en/unduh/', '/unduh/riwayat/', `/laporan/${kode}/`, `/en/laporan/${kode}/`, `/laporan/${kode.slice(0, 2)}/`];
  };

  it('renders without JavaScript, fits 360 px and asks nothing of another origin', async () => {
    for (const urlPath of await newPages()) {
      const recording = await visit(urlPath, { viewport: PHONE, javaScriptEnabled: false });
      // Riwayat with a single release has no change table: it lists the release.
      const content = urlPath.includes('riwayat') ? 'main section.release' : 'main table';
      expect(await recording.page.locator(content).count(), urlPath).toBeGreaterThan(0);
      expect(recording.requests.some((url) => url.endsWith('.js')), urlPath).toBe(false);
      const scrollWidth = await recording.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, urlPath).toBeLessThanOrEqual(PHONE.width);
      expectClean(recording);
    }
  });

  it('has labelled, keyboard-reachable controls: no serious or critical axe violations; Tab reaches the downloads', async () => {
    const paths = await newPages();
    for (const urlPath of paths.slice(0, 4)) {
      // Every page on a phone; the report (the widest tables) also on a desktop screen. axe takes several seconds a page.
      for (const viewport of urlPath.includes('laporan') ? [PHONE, DESKTOP] : [PHONE]) {
        const { page } = await visit(urlPath, { viewport });
        // The column lists are closed <details>: open them so axe checks their tables too.
        await page.locator('details').evaluateAll((nodes) => nodes.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        expect(serious, `${urlPath} at ${viewport.width}px`).toEqual([]);
      }
    }
    for (const [urlPath, testId] of [[paths[0]!, 'archive-link'], [paths[3]!, 'report-xlsx']] as const) {
      const { page } = await visit(urlPath);
      let reached = false;
      for (let i = 0; i < 40 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId);
      }
      expect(reached, `Tab reaches ${testId} on ${urlPath}`).toBe(true);
      expect((await page.getByTestId(testId).textContent())!.trim().length).toBeGreaterThan(5);
    }
  }, 300_000);
});
