/**
 * The topic pages' data layer on a real DuckDB with tiny hand-made published
 * tables (schema `r`): provinces are added only as the methodology allows
 * (a suppressed part makes the sum "at least", all parts suppressed keep it
 * suppressed), region rows are read as published, and Metodologi reads the
 * release's own datapackage.json.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionQuery } from '../../src/lib/data/db.ts';
import { createSiteData, type SiteData } from '../../src/lib/data/site-data.ts';
import { commonDeadline, kmFor, methodsTopic, povertyTopic } from '../../src/lib/data/topics.ts';
import type { ReleaseManifest } from '../../src/lib/release.ts';

const RELEASE: ReleaseManifest = {
  release: '2026-10-31-test',
  dataDate: '2026-10-31',
  generatedAt: null,
  tables: [],
  period: { start: '2024-10-01', end: '2026-10-31' },
  database: null,
  pageDatabases: {},
};

const TABLES = `
CREATE SCHEMA r;
CREATE TABLE r.wilayah AS SELECT * FROM (VALUES
  ('provinsi', '35', 'Jawa Timur', NULL), ('provinsi', '63', 'Kalimantan Selatan', NULL),
  ('kabupaten', '3517', 'Kabupaten Jombang', '35')
) t(tingkat, kode_wilayah, nama, kode_induk);
CREATE TABLE r.program AS SELECT * FROM (VALUES
  ('PKH', 'Program Keluarga Harapan', 'Family Hope Program', 'm', 'b', 'KELUARGA', 'TRIWULAN', 1, 4)
) t(kode, nama_id, nama_en, manfaat_id, manfaat_en, unit, frekuensi, desil_min, desil_max);
CREATE TABLE r.sasaran_program AS SELECT * FROM (VALUES ('provinsi', '35', 'PKH', '2026-Q3')) t(tingkat, kode_wilayah, kode_program, periode);
CREATE TABLE r.kategori_pengaduan AS SELECT * FROM (VALUES
  ('LAINNYA', 'Lainnya', 'Other', 3, 60, false), ('PERBAIKAN_DATA', 'Perbaikan data', 'Data correction', 3, 14, false),
  ('LAYAK_TIDAK_MENERIMA', 'Layak', 'Eligible', 3, 14, false), ('KEKERASAN_PA', 'Kekerasan', 'Violence', 1, 2, true)
) t(kode, nama_id, nama_en, tenggat_respons_hari_kerja, tenggat_selesai_hari_kerja, sensitif);
CREATE TABLE r.pengaduan_waktu AS SELECT * FROM (VALUES ('provinsi', '35', 'SEMUA', 2025)) t(tingkat, kode_wilayah, kategori, tahun);
CREATE TABLE r.pengaduan_km AS SELECT * FROM (VALUES
  ('kabupaten', '3517', 'SEMUA', 2025, 14::BIGINT, 120::BIGINT, false, 40.5, false),
  ('kabupaten', '3517', 'SEMUA', 2025, 3, 120, false, NULL, true),
  ('kabupaten', '3517', 'SEMUA', 2026, 3, 50, false, 10.0, false),
  ('kabupaten', '3517', 'LAINNYA', 2025, 3, 50, false, 10.0, false)
) t(tingkat, kode_wilayah, kategori, tahun, hari_kerja, kasus, kasus_disamarkan, persen_belum_selesai, persen_belum_selesai_disamarkan);
CREATE TABLE r.keluarga_desil AS SELECT * FROM (VALUES
  ('provinsi', '35', '1', 100::BIGINT, false, 300::BIGINT, false),
  ('provinsi', '63', '1', 50, false, 150, false),
  ('provinsi', '35', '2', 90, false, 280, false),
  ('provinsi', '63', '2', NULL, true, NULL, true),
  ('provinsi', '35', '10', NULL, true, 40, false),
  ('provinsi', '63', '10', NULL, true, 12, false),
  ('provinsi', '35', 'SEMUA', 1000, false, 3300, false),
  ('provinsi', '63', 'SEMUA', 500, false, 1650, false),
  ('kabupaten', '3517', 'SEMUA', 700, false, 2100, false),
  ('kabupaten', '3517', '1', NULL, true, NULL, true)
) t(tingkat, kode_wilayah, desil, keluarga, keluarga_disamarkan, jiwa, jiwa_disamarkan);
CREATE TABLE r.kategori_ppks AS SELECT * FROM (VALUES
  ('2', 'Anak Terlantar', 'Neglected children', false), ('16', 'HIV', 'HIV', true), ('24', 'Fakir Miskin', 'The destitute poor', false)
) t(kode, nama_id, nama_en, sensitif);
CREATE TABLE r.ppks_kategori AS SELECT * FROM (VALUES
  ('provinsi', '35', '24', 200::BIGINT, false, 20::BIGINT, false, 10::BIGINT, false),
  ('provinsi', '63', '24', 100, false, NULL, true, 0, false),
  ('provinsi', '35', 'SEMUA', 230, false, 25, false, 12, false),
  ('kabupaten', '3517', 'SEMUA', 150, false, 15, false, NULL, true)
) t(tingkat, kode_wilayah, kategori, orang, orang_disamarkan, tanpa_nik, tanpa_nik_disamarkan, nik_terbit, nik_terbit_disamarkan);
CREATE TABLE r.ppks_sensitif AS SELECT * FROM (VALUES
  ('kabupaten', '3517', 'SEMUA', NULL::BIGINT, true)
) t(tingkat, kode_wilayah, kategori, orang, orang_disamarkan);
`;

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let data: SiteData;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(TABLES);
  data = await createSiteData(connectionQuery(connection), RELEASE);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('povertyTopic', () => {
  it('adds provinces per desil: exact when all parts are published, "at least" when some are, suppressed when all are', async () => {
    const { desil } = await povertyTopic(data);
    expect(desil.map((row) => row.desil)).toEqual(['1', '2', '10', 'SEMUA']);
    expect(desil[0]!.keluarga).toEqual({ value: 150, suppressed: false });
    expect(desil[1]!.keluarga).toEqual({ value: 90, suppressed: false, atLeast: true });
    expect(desil[2]!.keluarga).toEqual({ value: null, suppressed: true });
    expect(desil[2]!.jiwa).toEqual({ value: 52, suppressed: false });
    expect(desil[3]!.keluarga).toEqual({ value: 1500, suppressed: false });
  });

  it('lists only non-sensitive PPKS categories, in number order, with their published columns', async () => {
    const { ppks } = await povertyTopic(data);
    expect(ppks.map((row) => row.kode)).toEqual(['2', '24', 'SEMUA']);
    // No row published for category 2: absent, not 0 and not suppressed.
    expect(ppks[0]!.orang).toEqual({ value: null, suppressed: false });
    expect(ppks[1]!.orang).toEqual({ value: 300, suppressed: false });
    expect(ppks[1]!.tanpaNik).toEqual({ value: 20, suppressed: false, atLeast: true });
  });

  it('reads each province and kabupaten row as published, suppression flags included', async () => {
    const { regions } = await povertyTopic(data);
    expect(regions.map((row) => [row.region.kode, row.depth])).toEqual([
      ['35', 0],
      ['3517', 1],
      ['63', 0],
    ]);
    const jombang = regions[1]!;
    expect(jombang.keluarga).toEqual({ value: 700, suppressed: false });
    expect(jombang.keluargaDesil1).toEqual({ value: null, suppressed: true });
    expect(jombang.ppksSensitif).toEqual({ value: null, suppressed: true });
  });
});

describe('complaint helpers', () => {
  it('picks the deadline most categories share (the shorter one on a tie)', () => {
    expect(commonDeadline([60, 14, 14, null])).toBe(14);
    expect(commonDeadline([5, 60])).toBe(5);
    expect(commonDeadline([null])).toBeNull();
  });

  it('reads a region’s published curve for the default year, a suppressed point as null', async () => {
    expect(data.complaintYear).toBe(2025);
    const curve = await kmFor(data, '3517');
    expect(curve?.points).toEqual([
      { t: 3, value: null },
      { t: 14, value: 40.5 },
    ]);
    expect(await kmFor(data, '63')).toBeNull();
  });
});

describe('methodsTopic', () => {
  it('reads thresholds, period and tables (both files of each) from the release’s datapackage.json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'terang-topics-'));
    try {
      mkdirSync(path.join(dir, RELEASE.release));
      writeFileSync(
        path.join(dir, RELEASE.release, 'datapackage.json'),
        JSON.stringify({
          created: '2026-10-31T00:00:00Z',
          temporal: { start: '2024-10-01', end: '2026-10-31' },
          licenses: [{ name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
          terang: { suppressionThreshold: 11 },
          resources: [
            { name: 'keluarga_desil', path: 'keluarga_desil.parquet', format: 'parquet', title: 'Keluarga', title_en: 'Families', rows: 12 },
            { name: 'keluarga_desil-csv', path: 'keluarga_desil.csv', format: 'csv', title: 'Keluarga', title_en: 'Families', rows: 12 },
          ],
        }),
      );
      const topic = methodsTopic(data, dir);
      expect(topic.k).toBe(11);
      expect(topic.sensitiveK).toBeNull();
      expect(topic.temporal).toEqual({ start: '2024-10-01', end: '2026-10-31' });
      expect(topic.tables).toEqual([
        {
          name: 'keluarga_desil',
          title: { id: 'Keluarga', en: 'Families' },
          description: { id: '', en: '' },
          rows: 12,
          files: [
            { format: 'PARQUET', href: `/data/${RELEASE.release}/keluarga_desil.parquet` },
            { format: 'CSV', href: `/data/${RELEASE.release}/keluarga_desil.csv` },
          ],
        },
      ]);
      expect(topic.datapackageHref).toBe(`/data/${RELEASE.release}/datapackage.json`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
