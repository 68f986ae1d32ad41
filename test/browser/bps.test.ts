/**
 * Official BPS figures beside the registry's (issue 6), on the sample site
 * built by global-setup, which imports the sample's fictional BPS table the
 * way `npm start` does. Expected values are read here from the published
 * `bps_kemiskinan.parquet` with this test's own SQL and compared with what a
 * reader sees with JavaScript off.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

type Row = Record<string, unknown>;
const count = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };

let browser: Promise<Browser> | undefined;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let latestPoor: Row[];
const opened: PageRecording[] = [];

beforeAll(async () => {
  const dataDir = inject('samplePublicDataDir');
  const latest = JSON.parse(readFileSync(path.join(dataDir, 'latest.json'), 'utf8')) as { release: string };
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  const file = path.join(dataDir, latest.release, 'bps_kemiskinan.parquet');
  const reader = await connection.runAndReadAll(`
    SELECT kode_wilayah, tahun, nilai FROM read_parquet('${file}')
    WHERE indikator = 'jumlah_miskin' AND length(kode_wilayah) = 4
    QUALIFY tahun = max(tahun) OVER (PARTITION BY kode_wilayah)
    ORDER BY kode_wilayah`);
  latestPoor = reader.getRowObjectsJS();
});

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
  connection?.closeSync();
  instance?.closeSync();
});

async function visit(urlPath: string) {
  browser ??= launchChromium();
  const recording = await openRecordedPage(await browser, inject('siteUrls').sample, { javaScriptEnabled: false });
  opened.push(recording);
  const response = await recording.page.goto(new URL(urlPath, inject('siteUrls').sample).href);
  expect(response?.status()).toBe(200);
  return recording;
}

describe('BPS poverty figures beside the registry', () => {
  it('the sample release publishes BPS figures for its kabupaten', () => {
    expect(latestPoor.length).toBeGreaterThan(0);
  });

  for (const lang of ['id', 'en'] as const) {
    it(`a kabupaten page (${lang}) states the BPS count of poor people as published, with its year`, async () => {
      const { kode_wilayah, tahun, nilai } = latestPoor[0]!;
      const { page, requests } = await visit(`${lang === 'en' ? '/en' : ''}/wilayah/${kode_wilayah}/`);
      const panel = page.locator('.bps-panel');
      await expect(panel.count()).resolves.toBe(1);
      const text = await panel.innerText();
      expect(text).toContain(count[lang].format(Number(nilai)));
      expect(text).toContain(String(tahun));
      expect(text).toContain(lang === 'id' ? 'Kemiskinan menurut BPS' : 'Poverty according to BPS');
      expect(requestsOffOrigin(requests, inject('siteUrls').sample)).toEqual([]);
    });
  }

  it('the Kemiskinan page sets each kabupaten’s BPS count beside its registry counts', async () => {
    const { page } = await visit('/kemiskinan/');
    for (const { kode_wilayah, tahun, nilai } of latestPoor) {
      const cellText = await page.locator(`[data-testid="poverty-regions"] tr[data-kode="${kode_wilayah}"] td[data-col="bps_jumlah_miskin"]`).innerText();
      expect(cellText).toBe(`${count.id.format(Number(nilai))} (${tahun})`);
    }
    await expect(page.getByTestId('bps-note').count()).resolves.toBe(1);
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
