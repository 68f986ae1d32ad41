/**
 * BPS figures in a real release: the importer's output goes through the data
 * build (real DuckDB, real Parquet) on the small base fixtures, and comes out
 * exactly as imported, listed in datapackage.json and the site database. A
 * build without the BPS file still succeeds, with no BPS table.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBpsImport } from '../../scripts/bps/import.ts';
import { NORMALIZED_FILE } from '../../scripts/bps/indicators.ts';
import { openDb } from '../../scripts/build/db.ts';
import { SITE_DB_FILE } from '../../scripts/build/publish.ts';
import { runDataBuild, type BuildOptions, type BuildResult } from '../../scripts/build/run-build.ts';

const root = mkdtempSync(join(tmpdir(), 'terang-bps-build-'));
const raw = join(root, 'raw');
const bpsDir = join(root, 'bps');
const fixture = (name: string) => new URL(`../fixtures/bps/${name}`, import.meta.url).pathname;

const options = (name: string, bpsFile?: string): BuildOptions => ({
  rawDir: raw,
  referenceDir: new URL('../../data/reference/', import.meta.url).pathname,
  publicDataDir: join(root, name, 'data'),
  reportsDir: join(root, name, 'reports'),
  workDir: join(root, name, 'work'),
  secret: Buffer.from('bps-build-test-secret-bps-build-test-secret'),
  asOf: '2026-11-23',
  k: 10,
  sensitiveK: 20,
  threads: 1,
  bpsFile,
});

let withBps: BuildResult;
let without: BuildResult;
let imported: string[][];

beforeAll(async () => {
  mkdirSync(raw);
  const base = new URL('../fixtures/base/', import.meta.url).pathname;
  for (const file of readdirSync(base)) copyFileSync(join(base, file), join(raw, file));
  const outcome = runBpsImport({
    files: [fixture('jatim-kalsel-p0-jumlah.csv'), fixture('garis-kemiskinan-sumbar-kepri.csv'), fixture('p1-p2-2025.csv')],
    bpsDir,
    reportsDir: join(root, 'bps-reports'),
  });
  expect(outcome.exitCode).toBe(0);
  imported = readFileSync(join(bpsDir, NORMALIZED_FILE), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  withBps = await runDataBuild(options('with', join(bpsDir, NORMALIZED_FILE)));
  without = await runDataBuild(options('without', join(bpsDir, 'absent.csv')));
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a release with BPS figures', () => {
  it('publishes bps_kemiskinan holding exactly the imported values', async () => {
    const db = await openDb();
    try {
      const rows = await db.all<{ kode_wilayah: string; tahun: number; indikator: string; nilai: number; satuan: string; sumber_berkas: string; tingkat: string; nama_wilayah: string }>(
        `SELECT * FROM read_parquet('${join(withBps.release.dir, 'bps_kemiskinan.parquet')}') ORDER BY kode_wilayah, tahun, indikator`,
      );
      expect(rows).toHaveLength(imported.length);
      expect(rows.map((r) => [r.kode_wilayah, String(r.tahun), r.indikator, r.nilai, r.satuan, r.sumber_berkas])).toEqual(
        imported.map(([kode, tahun, indikator, nilai, satuan, sumber]) => [kode, tahun, indikator, Number(nilai), satuan, sumber]),
      );
      const jombang = rows.find((r) => r.kode_wilayah === '3517' && r.tahun === 2024 && r.indikator === 'p0')!;
      expect(jombang).toMatchObject({ tingkat: 'kabupaten', nama_wilayah: 'Kabupaten Jombang', nilai: 9.56, satuan: '%' });
      expect(rows.find((r) => r.kode_wilayah === '35' && r.tahun === 2024 && r.indikator === 'jumlah_miskin')).toMatchObject({ tingkat: 'provinsi', nilai: 4181290, satuan: 'jiwa' });
      expect(rows.every((r) => !r.sumber_berkas.includes('/'))).toBe(true);
    } finally {
      db.close();
    }
  });

  it('writes the release CSV with each value as imported: the same decimal text, no float noise', () => {
    const text = readFileSync(join(withBps.release.dir, 'bps_kemiskinan.csv'), 'utf8');
    const { data, errors } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(errors).toEqual([]);
    const csvValue = new Map(data.map((r) => [`${r.kode_wilayah} ${r.tahun} ${r.indikator}`, r.nilai!]));
    expect(csvValue.size).toBe(imported.length);
    for (const [kode, tahun, indikator, nilai] of imported) {
      const written = csvValue.get(`${kode} ${tahun} ${indikator}`);
      // DuckDB writes a DOUBLE with the shortest text that reads back as the same number; a whole number gets ".0".
      expect(written?.replace(/\.0$/, ''), `${kode} ${tahun} ${indikator}`).toBe(nilai);
    }
    // Spot checks of the hard cases: decimal comma, ribu jiwa × 1000, thousands separators, mixed comma/dot.
    expect(csvValue.get('3517 2024 p0')).toBe('9.56');
    expect(csvValue.get('35 2024 jumlah_miskin')).toBe('4181290.0');
    expect(csvValue.get('3573 2025 jumlah_miskin')).toBe('34900.0');
    expect(csvValue.get('1372 2025 garis_kemiskinan')).toBe('1234567.5');
    expect(csvValue.get('1305 2025 p1')).toBe('1.12');
    expect(csvValue.get('1307 2025 p2')).toBe('0.19');
    expect(new Set(data.map((r) => r.indikator))).toEqual(new Set(['p0', 'jumlah_miskin', 'p1', 'p2', 'garis_kemiskinan']));
  });

  it('lists the table in datapackage.json with bilingual column descriptions, and in the site database', async () => {
    const pkg = JSON.parse(readFileSync(join(withBps.release.dir, 'datapackage.json'), 'utf8'));
    const resource = pkg.resources.find((r: { name: string }) => r.name === 'bps_kemiskinan');
    expect(resource.rows).toBe(imported.length);
    expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(['tingkat', 'kode_wilayah', 'nama_wilayah', 'tahun', 'indikator', 'nilai', 'satuan', 'sumber_berkas']);
    for (const field of resource.schema.fields) {
      expect(field.description, field.name).toBeTruthy();
      expect(field.description_en, field.name).toBeTruthy();
    }
    expect(resource.description_en).toMatch(/Not suppressed/);
    expect(pkg.resources.some((r: { name: string }) => r.name === 'bps_kemiskinan-csv')).toBe(true);
    const db = await openDb();
    try {
      await db.run(`ATTACH '${join(withBps.release.dir, SITE_DB_FILE)}' AS site (READ_ONLY)`);
      const [count] = await db.all<{ n: number }>('SELECT count(*) AS n FROM site.bps_kemiskinan');
      expect(count!.n).toBe(imported.length);
    } finally {
      db.close();
    }
  });

  it('does not add BPS-only regions to the wilayah table (they have no registry data)', async () => {
    const db = await openDb();
    try {
      const codes = (await db.all<{ kode_wilayah: string }>(`SELECT kode_wilayah FROM read_parquet('${join(withBps.release.dir, 'wilayah.parquet')}')`)).map((r) => r.kode_wilayah);
      expect(codes).not.toContain('6303'); // Banjar: only in the BPS file
      expect(codes).toContain('3517');
    } finally {
      db.close();
    }
  });
});

describe('a release without BPS figures', () => {
  it('builds, and has no bps_kemiskinan table', () => {
    expect(without.release.tables.map((t) => t.name)).not.toContain('bps_kemiskinan');
    expect(existsSync(join(without.release.dir, 'bps_kemiskinan.parquet'))).toBe(false);
    expect(withBps.release.tables.map((t) => t.name)).toContain('bps_kemiskinan');
  });
});
