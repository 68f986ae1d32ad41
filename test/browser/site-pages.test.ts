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
  for (const table of ['keluarga_desil', 'sasaran_program', 'pengaduan_waktu', 'pengaduan_tunggakan', 'verval_kemutakhiran', 'ppks_kategori', 'ppks_sensitif', 'wilayah']) {
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
    expect(complaints, 'the sample has a full year of complaints for this kabupaten').toBeDefined();
    expect(await cellText(page, '[data-testid="complaints"] tr[data-kategori="SEMUA"] td[data-col="kasus"]')).toBe(
      expectedCount(complaints!.kasus, complaints!.kasus_disamarkan),
    );
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

/** Every table cell of a region page as the reader's HTML holds it: row key → column → value in `<data value>`, suppressed mark, text. */
type ShownCell = { suppressed: boolean; value: string | null; text: string };
async function shownTables(page: Page): Promise<Record<string, { key: string; cells: Record<string, ShownCell> }[]>> {
  return page.locator('table[data-testid]').evaluateAll((tables) =>
    Object.fromEntries(
      tables.map((table) => [
        (table as HTMLElement).dataset.testid!,
        [...table.querySelectorAll('tbody tr')].map((tr, index) => {
          const d = (tr as HTMLElement).dataset;
          return {
            key: d.desil ?? d.program ?? d.kategori ?? d.kode ?? String(index),
            cells: Object.fromEntries(
              [...tr.querySelectorAll('td')].map((td, i) => [
                (td as HTMLElement).dataset.col ?? String(i),
                { suppressed: td.querySelector('[data-suppressed]') !== null, value: td.querySelector('data')?.getAttribute('value') ?? null, text: (td.textContent ?? '').trim() },
              ]),
            ),
          };
        }),
      ]),
    ),
  );
}

/** A shown cell against a published row's value and `_disamarkan` flag: marked when suppressed, `–` when absent, else the same number. */
function expectShown(shown: ShownCell | undefined, row: Row | undefined, column: string, label: string) {
  expect(shown, `${label}: cell shown`).toBeDefined();
  const value = row?.[column];
  if (row?.[`${column}_disamarkan`] === true) {
    expect(shown!.suppressed, `${label}: marked suppressed`).toBe(true);
    expect(shown!.value, `${label}: no number behind a suppressed cell`).toBeNull();
  } else if (value === null || value === undefined) {
    expect(shown!.text, `${label}: absent`).toBe('–');
  } else {
    expect(shown!.suppressed, `${label}: not suppressed`).toBe(false);
    expect(Number(shown!.value), `${label}`).toBeCloseTo(Number(value), 9);
  }
}

describe('region pages with JavaScript off: every figure as published', () => {
  const levels = ['provinsi', 'kabupaten', 'kecamatan'] as const;
  for (const tingkat of levels) {
    it(`a ${tingkat} page: registry, verval, PPKS, targeting, flags, complaints and backlog tables hold the published values`, async () => {
      const kabupaten = await someKabupaten();
      const kode =
        tingkat === 'kabupaten'
          ? kabupaten
          : tingkat === 'provinsi'
            ? kabupaten.slice(0, 2)
            : String((await rows(`SELECT min(kode_wilayah) AS k FROM wilayah WHERE tingkat = 'kecamatan' AND kode_induk = '${kabupaten}'`))[0]!.k);
      const lang = tingkat === 'kecamatan' ? 'en' : 'id';
      const { page, ...recording } = await visit(`${lang === 'en' ? '/en' : ''}/wilayah/${kode}/`, { javaScriptEnabled: false });
      const shown = await shownTables(page);
      const find = (table: string, key: string) => shown[table]?.find((r) => r.key === key)?.cells;
      let compared = 0;
      const check = (table: string, key: string, row: Row | undefined, columns: string[]) => {
        const cells = find(table, key);
        expect(cells, `${kode} ${table} row ${key}`).toBeDefined();
        for (const column of columns) {
          expectShown(cells![column], row, column, `${kode} ${table} ${key} ${column}`);
          compared++;
        }
      };

      const desil = await rows(`SELECT * FROM keluarga_desil WHERE kode_wilayah = '${kode}'`);
      expect(desil.length, 'desil rows').toBe(11);
      expect(shown.desil?.length).toBe(11);
      for (const row of desil) check('desil', String(row.desil), row, ['keluarga', 'jiwa']);

      const [verval] = await rows(`SELECT * FROM verval_kemutakhiran WHERE kode_wilayah = '${kode}'`);
      expect(verval, 'verval row').toBeDefined();
      const vervalCells = shown.verval!.map((r) => Object.values(r.cells)[0]);
      ['keluarga', 'diverval_2_tahun', 'belum_verval_2_tahun', 'persen_diverval_2_tahun'].forEach((column, i) => {
        expectShown(vervalCells[i], verval, column, `${kode} verval ${column}`);
        compared++;
      });

      const targeting = await rows(`
        SELECT p.* FROM sasaran_program p JOIN (${LATEST_QUARTERS()}) q USING (kode_program, periode) WHERE p.kode_wilayah = '${kode}'`);
      expect(targeting.length, 'targeting rows').toBeGreaterThan(0);
      expect(shown.targeting?.length).toBe(targeting.length);
      for (const row of targeting) {
        const program = String(row.kode_program);
        check('targeting', program, row, ['penerima', 'nilai_dibayar', 'penerima_di_luar_desil', 'galat_inklusi', 'keluarga_layak', 'cakupan', 'galat_eksklusi']);
        check('flags', program, row, ['dibayar_setelah_meninggal', 'nik_ganda', 'belum_verval_2_tahun', 'status_tidak_aktif', 'multi_program']);
      }

      const waktu = await rows(`
        SELECT * FROM pengaduan_waktu WHERE kode_wilayah = '${kode}'
          AND tahun = (SELECT max(tahun) FROM pengaduan_waktu WHERE make_date(tahun::INT, 12, 31) <= DATE '${dataDate}')`);
      expect(waktu.some((r) => r.kategori === 'SEMUA'), 'complaints of the latest full year').toBe(true);
      expect(shown.complaints?.length).toBe(waktu.length);
      for (const row of waktu) {
        const kategori = String(row.kategori);
        check('complaints', kategori, row, ['kasus', 'selesai', 'persen_selesai_dalam_tenggat', 'persen_dirujuk']);
        const median = find('complaints', kategori)!.selesai_median_hari_kerja;
        // No median yet (fewer than half closed): the page says "more than" the longest time observed.
        const open = row.selesai_median_hari_kerja === null && row.selesai_median_hari_kerja_disamarkan !== true && row.selesai_teramati_maks !== null;
        expectShown(median, row, open ? 'selesai_teramati_maks' : 'selesai_median_hari_kerja', `${kode} complaints ${kategori} median`);
        compared++;
      }

      // PPKS: every published category of the region, and the sensitive total only on kabupaten and provinsi pages.
      const ppks = await rows(`SELECT * FROM ppks_kategori WHERE kode_wilayah = '${kode}'`);
      expect(ppks.length, 'ppks rows').toBeGreaterThan(1);
      for (const row of ppks) check('ppks', String(row.kategori), row, ['orang', 'tanpa_nik', 'nik_terbit']);
      const [sensitive] = await rows(`SELECT * FROM ppks_sensitif WHERE kode_wilayah = '${kode}' AND kategori = 'SEMUA'`);
      if (tingkat === 'kecamatan') {
        expect(sensitive, 'sensitive PPKS is never published below kabupaten').toBeUndefined();
        expect(find('ppks', 'SENSITIF'), 'no sensitive row on a kecamatan page').toBeUndefined();
      } else {
        check('ppks', 'SENSITIF', sensitive, ['orang', 'tanpa_nik', 'nik_terbit']);
      }

      const tunggakan = await rows(`SELECT * FROM pengaduan_tunggakan WHERE kode_wilayah = '${kode}'`);
      expect(shown.backlog?.length ?? 0).toBe(tunggakan.length);
      for (const row of tunggakan) {
        check('backlog', String(row.kategori), row, ['terbuka', 'umur_0_5', 'umur_6_14', 'umur_15_60', 'umur_lebih_60', 'lewat_tenggat_selesai']);
      }

      expect(compared, 'cells compared').toBeGreaterThan(50);
      expect(recording.requests.some((url) => url.endsWith('.js')), 'no script loaded').toBe(false);
    });
  }
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

  it('finds a kecamatan by its name typed in lower case with stray spaces, on the English page too, and opens its page', async () => {
    const [kecamatan] = await rows("SELECT kode_wilayah, nama FROM wilayah WHERE tingkat = 'kecamatan' ORDER BY kode_wilayah DESC LIMIT 1");
    const typed = String(kecamatan!.nama).toLowerCase();
    const recording = await visit('/en/wilayah/');
    const { page } = recording;
    await page.getByRole('searchbox').fill(`  ${typed} `);
    const link = page.locator(`.search__results a[href="/en/wilayah/${kecamatan!.kode_wilayah}/"]`);
    await link.waitFor();
    expect(await link.textContent()).toContain(String(kecamatan!.nama));
    await link.click();
    await page.waitForURL(`**/en/wilayah/${kecamatan!.kode_wilayah}/`);
    expect(await page.locator('h1').textContent()).toContain(String(kecamatan!.nama));
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
