/**
 * Official BPS figures beside the registry's (issue 6), on the sample site
 * built by global-setup, which imports the sample's fictional BPS table the
 * way `npm start` does. Expected values are read here from the published
 * `bps_kemiskinan.parquet` and `sasaran_program.parquet` with this test's own
 * SQL and number formats, and compared with what a reader sees with
 * JavaScript off: the panel on kabupaten and province pages (five indicator
 * rows, source label with file and years), and the Kemiskinan table (P0,
 * number of poor, P1, P2, poverty line and program recipients per region).
 * Plus axe and a 360 px phone without sideways scrolling.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

type Row = Record<string, unknown>;
type Lang = 'id' | 'en';
const LOCALE = { id: 'id-ID', en: 'en-GB' } as const;
const INDICATORS = ['p0', 'jumlah_miskin', 'p1', 'p2', 'garis_kemiskinan'] as const;
type Indicator = (typeof INDICATORS)[number];
const PHONE = { width: 360, height: 740 };

/** This test's own reading of how BPS values are written: P0 two decimals and %, P1/P2 three decimals, persons and rupiah whole. */
function formatted(indicator: Indicator, value: number, lang: Lang): string {
  const n = (max: number) => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: max }).format(value);
  if (indicator === 'p0') return `${n(2)}%`;
  if (indicator === 'p1' || indicator === 'p2') return n(3);
  if (indicator === 'garis_kemiskinan') return `Rp\u00a0${n(0)}`;
  return n(0);
}

let browser: Promise<Browser> | undefined;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let releaseDir: string;
let dataDate: string;
let bps: { kode_wilayah: string; tahun: number; indikator: Indicator; nilai: number; sumber_berkas: string }[];
let regions: { kode_wilayah: string; tingkat: string }[];
const opened: PageRecording[] = [];

const rows = async (sql: string): Promise<Row[]> => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
const table = (name: string) => `read_parquet('${path.join(releaseDir, `${name}.parquet`)}')`;

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  const latest = JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8')) as { release: string; dataDate: string };
  releaseDir = path.join(dataDir, latest.release);
  dataDate = latest.dataDate;
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  bps = (await rows(`SELECT kode_wilayah, tahun::INTEGER AS tahun, indikator, nilai, sumber_berkas FROM ${table('bps_kemiskinan')}`)) as typeof bps;
  regions = (await rows(`SELECT kode_wilayah, tingkat FROM ${table('wilayah')} WHERE tingkat IN ('provinsi', 'kabupaten')`)) as typeof regions;
});

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
  connection?.closeSync();
  instance?.closeSync();
});

async function visit(urlPath: string, viewport?: { width: number; height: number }, javaScriptEnabled = false) {
  browser ??= launchChromium();
  const recording = await openRecordedPage(await browser, inject('siteUrls').sample, { javaScriptEnabled, viewport });
  opened.push(recording);
  const response = await recording.page.goto(new URL(urlPath, inject('siteUrls').sample).href);
  expect(response?.status()).toBe(200);
  return recording;
}

const value = (kode: string, year: number, indicator: Indicator) => bps.find((r) => r.kode_wilayah === kode && r.tahun === year && r.indikator === indicator);
const yearsOf = (kode: string) => [...new Set(bps.filter((r) => r.kode_wilayah === kode).map((r) => r.tahun))].sort();
const filesOf = (kode: string, years: number[]) =>
  [...new Set(bps.filter((r) => r.kode_wilayah === kode && years.includes(r.tahun)).flatMap((r) => r.sumber_berkas.split('; ')))].sort();
/** Regions with a page (in `wilayah`) and BPS figures, at a level. */
const withBps = (tingkat: string) => regions.filter((r) => r.tingkat === tingkat && bps.some((b) => b.kode_wilayah === r.kode_wilayah)).map((r) => r.kode_wilayah).sort();

/** The panel's five indicator rows for the latest three years, each cell against the published value. */
async function expectPanel(page: Page, kode: string, lang: Lang) {
  const panel = page.locator(`.bps-panel[data-kode="${kode}"]`);
  await expect(panel.count()).resolves.toBe(1);
  const years = yearsOf(kode).slice(-3);
  const march = lang === 'id' ? 'Maret' : 'March';
  expect(await panel.locator('thead th.num').allInnerTexts()).toEqual(years.map((y) => `${march} ${y}`));
  expect(await panel.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-indikator')))).toEqual([...INDICATORS]);
  for (const indicator of INDICATORS) {
    const cells = await panel.locator(`tr[data-indikator="${indicator}"] td`).allInnerTexts();
    expect(cells, `${kode} ${indicator}`).toEqual(years.map((y) => {
      const found = value(kode, y, indicator);
      return found ? formatted(indicator, found.nilai, lang) : '–';
    }));
  }
  const source = panel.getByTestId('bps-source');
  expect(await source.isVisible()).toBe(true);
  const sourceText = await source.innerText();
  expect(sourceText).toContain(lang === 'id' ? 'Badan Pusat Statistik' : 'Statistics Indonesia');
  expect(sourceText).toContain(`${march} ${years[0]}–${years.at(-1)}`);
  for (const file of filesOf(kode, years)) expect(sourceText).toContain(file);
}

describe('BPS figures on region pages', () => {
  it('the sample release publishes BPS figures for kabupaten and provinces that have pages', () => {
    expect(withBps('kabupaten').length).toBeGreaterThan(0);
    expect(withBps('provinsi').length).toBeGreaterThan(0);
    expect(new Set(bps.map((r) => r.indikator))).toEqual(new Set(INDICATORS));
  });

  for (const lang of ['id', 'en'] as const) {
    it(`a kabupaten page (${lang}): lead with the count of poor people and its year, five indicator rows as published, a visible source label`, async () => {
      const kode = withBps('kabupaten')[0]!;
      const { page, requests } = await visit(`${lang === 'en' ? '/en' : ''}/wilayah/${kode}/`);
      await expectPanel(page, kode, lang);
      const year = Math.max(...bps.filter((r) => r.kode_wilayah === kode && r.indikator === 'jumlah_miskin').map((r) => r.tahun));
      const lead = await page.getByTestId('bps-lead').innerText();
      expect(lead).toContain(formatted('jumlah_miskin', value(kode, year, 'jumlah_miskin')!.nilai, lang));
      expect(lead).toContain(String(year));
      expect(await page.locator('.bps-panel h3').innerText()).toBe(lang === 'id' ? 'Kemiskinan menurut BPS' : 'Poverty according to BPS');
      expect(requestsOffOrigin(requests, inject('siteUrls').sample)).toEqual([]);
    });
  }

  it('a province page has the panel with the province’s own figures', async () => {
    const kode = withBps('provinsi')[0]!;
    const { page } = await visit(`/wilayah/${kode}/`);
    await expectPanel(page, kode, 'id');
  });

  it('a kecamatan page shows no BPS panel (BPS does not publish kecamatan figures)', async () => {
    const { page } = await visit('/wilayah/');
    const href = await page.locator('a[href^="/wilayah/"]').evaluateAll((links) =>
      links.map((a) => a.getAttribute('href')!).find((h) => /^\/wilayah\/\d{6}\/$/.test(h)),
    );
    expect(href).toBeTruthy();
    const kecamatan = await visit(href!);
    await expect(kecamatan.page.locator('.bps-panel').count()).resolves.toBe(0);
  });
});

describe('the Kemiskinan table of BPS figures beside the registry', () => {
  for (const lang of ['id', 'en'] as const) {
    it(`(${lang}) shows each region’s P0, number of poor, P1, P2 and poverty line of the latest BPS year exactly as published`, async () => {
      const year = Math.max(...bps.map((r) => r.tahun));
      const { page } = await visit(lang === 'en' ? '/en/kemiskinan/' : '/kemiskinan/');
      const tableLocator = page.getByTestId('poverty-bps');
      expect(await page.getByTestId('bps-beside').getAttribute('data-tahun')).toBe(String(year));
      expect(await tableLocator.locator('thead th[scope="colgroup"]').first().innerText()).toBe(`BPS, ${lang === 'id' ? 'Maret' : 'March'} ${year}`);
      expect(await tableLocator.locator('tbody tr').count()).toBe(regions.length);
      let checked = 0;
      for (const { kode_wilayah: kode } of regions) {
        for (const indicator of INDICATORS) {
          const cellLocator = tableLocator.locator(`tr[data-kode="${kode}"] td[data-col="bps_${indicator}"]`);
          const published = value(kode, year, indicator);
          if (!published) {
            expect(await cellLocator.innerText(), `${kode} ${indicator}`).toBe('–');
            continue;
          }
          expect(await cellLocator.innerText(), `${kode} ${indicator}`).toBe(formatted(indicator, published.nilai, lang));
          expect(Number(await cellLocator.locator('data').getAttribute('value')), `${kode} ${indicator}`).toBe(published.nilai);
          checked++;
        }
      }
      expect(checked, 'the sample has BPS values to compare').toBeGreaterThanOrEqual(INDICATORS.length * 2);

      const source = page.getByTestId('bps-source');
      expect(await source.isVisible()).toBe(true);
      const text = await source.innerText();
      expect(text).toContain(lang === 'id' ? `Susenas Maret ${year}` : `March ${year} Susenas`);
      for (const file of new Set(bps.filter((r) => r.tahun === year).flatMap((r) => r.sumber_berkas.split('; ')))) expect(text).toContain(file);
      await expect(page.getByTestId('bps-note').count()).resolves.toBe(1);
    });
  }

  it('sets each program’s recipients of its latest full year beside them, as published (suppressed ones marked)', async () => {
    const { page } = await visit('/kemiskinan/');
    const headers = await page.locator('[data-testid="poverty-bps"] thead th[data-col^="penerima_"]').evaluateAll((ths) =>
      ths.map((th) => ({ program: th.getAttribute('data-col')!.replace('penerima_', ''), text: th.textContent!.trim() })),
    );
    expect(headers.length).toBeGreaterThan(0);
    for (const { program, text } of headers) {
      const years = (await rows(`SELECT DISTINCT periode FROM ${table('sasaran_program')} WHERE kode_program = '${program}' AND regexp_full_match(periode, '\\d{4}')`)).map((r) => Number(r.periode));
      const fullYears = years.filter((y) => `${y}-12-31` <= dataDate);
      const year = Math.max(...(fullYears.length ? fullYears : years));
      expect(text).toBe(`Penerima ${program.replace(/_/g, '-')} ${year}`);
      const published = await rows(`SELECT kode_wilayah, penerima, penerima_disamarkan FROM ${table('sasaran_program')}
        WHERE kode_program = '${program}' AND periode = '${year}' AND tingkat IN ('provinsi', 'kabupaten')`);
      for (const { kode_wilayah: kode } of regions) {
        const row = published.find((r) => r.kode_wilayah === kode);
        const cellText = await page.locator(`[data-testid="poverty-bps"] tr[data-kode="${kode}"] td[data-col="penerima_${program}"]`).innerText();
        const expected = !row ? '–' : row.penerima_disamarkan === true ? 'disamarkan' : new Intl.NumberFormat('id-ID').format(Number(row.penerima));
        expect(cellText, `${program} ${kode}`).toBe(expected);
      }
    }
  });

  for (const urlPath of ['/kemiskinan/', '/en/kemiskinan/', 'kabupaten']) {
    it(`${urlPath}: the BPS figures are clean for axe, and the page does not scroll sideways on a 360 px phone`, async () => {
      const target = urlPath === 'kabupaten' ? `/wilayah/${withBps('kabupaten')[0]}/` : urlPath;
      // axe is a script: this page runs with JavaScript on (the figures are the same either way, checked above).
      const { page } = await visit(target, PHONE, true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), target).toBeLessThanOrEqual(PHONE.width);
      expect(await page.getByTestId('bps-source').first().isVisible(), target).toBe(true);
      // The BPS section only: the rest of these pages is checked by their own tests.
      const results = await new AxeBuilder({ page }).include(urlPath === 'kabupaten' ? '.bps-panel' : '[data-testid="bps-beside"]').analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(serious, `${target} at 360 px`).toEqual([]);
      expect(results.passes.length, 'axe checked something').toBeGreaterThan(0);
    }, 120_000);
  }
});
