/**
 * The site's data layer on a real DuckDB with tiny hand-made published
 * tables (schema `r`, as the release database has them): it reads published
 * columns as they are, keeps suppression flags, and adds provinces for
 * Beranda only where a sum is honest.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionQuery } from '../../src/lib/data/db.ts';
import { createSiteData, type SiteData } from '../../src/lib/data/site-data.ts';
import type { ReleaseManifest } from '../../src/lib/release.ts';

const RELEASE: ReleaseManifest = {
  release: '2026-10-31-test',
  dataDate: '2026-10-31',
  generatedAt: null,
  tables: [],
  period: { start: '2024-10-01', end: '2026-10-28' },
  database: null,
  pageDatabases: {},
};

const TABLES = `
CREATE SCHEMA r;
CREATE TABLE r.wilayah AS SELECT * FROM (VALUES
  ('provinsi', '35', 'Jawa Timur', NULL), ('provinsi', '63', 'Kalimantan Selatan', NULL),
  ('kabupaten', '3517', 'Kabupaten Jombang', '35'), ('kabupaten', '6310', 'Kabupaten Tanah Bumbu', '63'),
  ('kecamatan', '351701', 'Bandarkedungmulyo', '3517'), ('kecamatan', '351702', 'Perak', '3517'),
  ('desa', '3517012001', 'Banjarsari', '351701')
) t(tingkat, kode_wilayah, nama, kode_induk);
CREATE TABLE r.program AS SELECT * FROM (VALUES
  ('SEMBAKO', 'Program Sembako', 'Sembako', 'm', 'b', 'KELUARGA', 'DUA_BULANAN', 1, 5),
  ('PKH', 'Program Keluarga Harapan', 'Family Hope Program', 'm', 'b', 'KELUARGA', 'TRIWULAN', 1, 4)
) t(kode, nama_id, nama_en, manfaat_id, manfaat_en, unit, frekuensi, desil_min, desil_max);
CREATE TABLE r.kategori_pengaduan AS SELECT * FROM (VALUES
  ('LAINNYA', 'Lainnya', 'Other', 3, 60, false), ('KEKERASAN_PA', 'Kekerasan', 'Violence', 1, 2, true)
) t(kode, nama_id, nama_en, tenggat_respons_hari_kerja, tenggat_selesai_hari_kerja, sensitif);
CREATE TABLE r.keluarga_desil AS SELECT * FROM (VALUES
  ('provinsi', '35', 'SEMUA', 1000::BIGINT, false, 3300::BIGINT, false),
  ('provinsi', '63', 'SEMUA', 500, false, 1650, false),
  ('kabupaten', '3517', '1', 120, false, 400, false),
  ('kabupaten', '3517', '10', 80, false, 200, false),
  ('kabupaten', '3517', '2', NULL, true, NULL, true),
  ('kabupaten', '3517', 'SEMUA', 1000, false, 3300, false),
  ('kecamatan', '351701', 'SEMUA', 600, false, 2000, false),
  ('kecamatan', '351702', 'SEMUA', NULL, true, NULL, true)
) t(tingkat, kode_wilayah, desil, keluarga, keluarga_disamarkan, jiwa, jiwa_disamarkan);
CREATE TABLE r.verval_kemutakhiran AS SELECT * FROM (VALUES
  ('kabupaten', '3517', 1100::BIGINT, false, 990::BIGINT, false, 110::BIGINT, false, 90.0, false)
) t(tingkat, kode_wilayah, keluarga, keluarga_disamarkan, diverval_2_tahun, diverval_2_tahun_disamarkan,
    belum_verval_2_tahun, belum_verval_2_tahun_disamarkan, persen_diverval_2_tahun, persen_diverval_2_tahun_disamarkan);
CREATE TABLE r.sasaran_program AS SELECT * FROM (VALUES
  ('provinsi', '35', 'PKH', '2026-Q3', 400::BIGINT, false, 40::BIGINT, false, 10.0, false, 1000000::BIGINT, false, NULL::BIGINT, true),
  ('provinsi', '63', 'PKH', '2026-Q3', 100, false, 20, false, 20.0, false, 500000, false, 0, false),
  ('provinsi', '35', 'PKH', '2026-Q4', 999, false, 99, false, 9.9, false, 1, false, 0, false),
  ('provinsi', '35', 'PKH', '2026-Q2', 300, false, 30, false, 10.0, false, 1, false, 0, false),
  ('provinsi', '35', 'SEMBAKO', '2026-Q3', 700, false, NULL, true, NULL, true, 2000000, false, 0, false),
  ('provinsi', '63', 'SEMBAKO', '2026-Q3', 300, false, 30, false, 10.0, false, 900000, false, 0, false),
  ('kabupaten', '3517', 'PKH', '2026-Q3', 400, false, 40, false, 10.0, false, 1000000, false, NULL, true),
  ('kecamatan', '351701', 'PKH', '2026-Q3', 250, false, 25, false, 10.0, false, 600000, false, 0, false)
) t(tingkat, kode_wilayah, kode_program, periode, penerima, penerima_disamarkan, penerima_di_luar_desil, penerima_di_luar_desil_disamarkan,
    galat_inklusi, galat_inklusi_disamarkan, nilai_dibayar, nilai_dibayar_disamarkan, dibayar_setelah_meninggal, dibayar_setelah_meninggal_disamarkan);
CREATE TABLE r.pengaduan_waktu AS SELECT * FROM (VALUES
  ('provinsi', '35', 'SEMUA', 2025, 50::BIGINT, false, 30::BIGINT, false, 40::BIGINT, false, 75.0, false, 9, false, NULL::BIGINT, false),
  ('provinsi', '63', 'SEMUA', 2025, 30, false, 10, false, 20, false, 50.0, false, NULL, false, 31, false),
  ('provinsi', '35', 'SEMUA', 2026, 20, false, 1, false, 2, false, 50.0, false, 3, false, NULL, false),
  ('kabupaten', '3517', 'SEMUA', 2025, 50, false, 30, false, 40, false, 75.0, false, 9, false, NULL, false),
  ('kabupaten', '3517', 'LAINNYA', 2025, NULL, true, NULL, true, NULL, true, NULL, true, NULL, true, NULL, true)
) t(tingkat, kode_wilayah, kategori, tahun, kasus, kasus_disamarkan, selesai_dalam_tenggat, selesai_dalam_tenggat_disamarkan,
    selesai_basis_tenggat, selesai_basis_tenggat_disamarkan, persen_selesai_dalam_tenggat, persen_selesai_dalam_tenggat_disamarkan,
    selesai_median_hari_kerja, selesai_median_hari_kerja_disamarkan, selesai_teramati_maks, selesai_teramati_maks_disamarkan);
CREATE TABLE r.pengaduan_tunggakan AS SELECT * FROM (VALUES
  ('kabupaten', '3517', 'SEMUA', 12::BIGINT, false)
) t(tingkat, kode_wilayah, kategori, terbuka, terbuka_disamarkan);
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

describe('site data', () => {
  it('knows the regions, their parents and children', () => {
    expect(data.children(null).map((r) => r.kode)).toEqual(['35', '63']);
    expect(data.children('3517').map((r) => r.nama)).toEqual(['Bandarkedungmulyo', 'Perak']);
    expect(data.ancestors('351701').map((r) => r.kode)).toEqual(['35', '3517', '351701']);
  });

  it('shows each program at its latest quarter that ended by the data date, PKH first', () => {
    expect(data.programs.map((p) => [p.kode, p.periode])).toEqual([
      ['PKH', '2026-Q3'],
      ['SEMBAKO', '2026-Q3'],
    ]);
    expect(data.complaintYear).toBe(2025);
  });

  it('adds provinces for Beranda; a sum with a suppressed part is suppressed, never a partial total', async () => {
    const headline = await data.headline();
    expect(headline.keluargaAktif).toEqual({ value: 1500, suppressed: false });
    const [pkh, sembako] = headline.programs;
    expect(pkh!.penerima).toEqual({ value: 500, suppressed: false });
    expect(pkh!.nilaiDibayar).toEqual({ value: 1_500_000, suppressed: false });
    // (40 + 20) / (400 + 100) × 100, the column's own formula over the provinces' counts.
    expect(pkh!.galatInklusi).toEqual({ value: 12, suppressed: false });
    // Paid after death: the published parts, as a lower bound; suppressed only when every part is.
    expect(pkh!.dibayarSetelahMeninggal).toEqual({ value: 0, suppressed: false, atLeast: true });
    expect(sembako!.diLuarDesil).toEqual({ value: null, suppressed: true });
    expect(sembako!.galatInklusi).toEqual({ value: null, suppressed: true });
    expect(headline.dibayarSetelahMeninggal).toEqual({ value: 0, suppressed: false, atLeast: true });
    // (30 + 10) / (40 + 20) × 100 = 66.7
    expect(headline.selesaiDalamTenggat).toEqual({ value: 66.7, suppressed: false });
    expect(headline.medianSelesai.map((m) => [m.region.kode, m.median.value, m.teramatiMaks.value])).toEqual([
      ['35', 9, null],
      ['63', null, 31],
    ]);
  });

  it('reads a region’s rows as published, suppressed cells included', async () => {
    const desil = await data.desilFor('3517');
    expect(desil.map((row) => row.desil)).toEqual(['1', '2', '10', 'SEMUA']);
    expect(desil[1]).toMatchObject({ keluarga: null, keluarga_disamarkan: true });
    const programs = await data.programsFor('3517');
    expect(programs.map((p) => [p.program.kode, p.row?.penerima ?? null])).toEqual([
      ['PKH', 400],
      ['SEMBAKO', null],
    ]);
    const complaints = await data.complaintsFor('3517');
    expect(complaints.waktu.map((row) => row.kategori)).toEqual(['SEMUA', 'LAINNYA']);
    expect(complaints.tunggakan).toHaveLength(1);
    expect((await data.vervalFor('3517'))?.persen_diverval_2_tahun).toBe(90);
  });

  it('summarises the sub-areas of a region, and only those', async () => {
    const subs = await data.subAreasFor('3517');
    expect(subs.map((s) => [s.region.kode, s.keluargaAktif, s.penerima.value])).toEqual([
      ['351701', { value: 600, suppressed: false }, 250],
      ['351702', { value: null, suppressed: true }, null],
    ]);
    expect(await data.subAreasFor('3517012001')).toEqual([]);
    await expect(data.desilFor("35' OR 1=1 --")).rejects.toThrow('not a region code');
  });
});
