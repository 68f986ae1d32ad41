/**
 * Targeting and poverty numbers on a hand-built registry, each worked out by
 * hand in the comments. Two desa of Jombang: A = 3517012001, B = 3517012002.
 *
 *   KK  desa desil status            verval      head   PKH 2026-01         SEMBAKO 2026-02
 *   K1  A    1     AKTIF             2026-03-14  N1     paid 750,000        paid 400,000
 *   K2  A    3     AKTIF             2023-01-01  N2†    paid 750,000 (after N2 died 2026-01-15)
 *   K3  A    6     AKTIF             2025-06-01  N3     paid 750,000
 *   K4  B    2     AKTIF             2026-01-10  N4*    failed (GAGAL)      paid 400,000
 *   K5  B    9     MENGUNDURKAN_DIRI 2026-02-01  N5
 *   K6  B    4     AKTIF             2026-02-01  N6
 * N4* appears on two person rows (duplicate NIK). PKH eligible = desil 1–4 and AKTIF = K1, K2, K4, K6.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import { buildPovertyMetrics } from '../../scripts/build/metrics/poverty.ts';
import { buildTargetingMetrics } from '../../scripts/build/metrics/targeting.ts';
import { loadRegions } from '../../scripts/build/regions.ts';
import { validateInputs } from '../../scripts/build/validate.ts';

const A = '35.17.01.2001';
const B = '35.17.01.2002';
const kk = (n: number) => `351701200124000${n}`;
const nik = (n: number) => `35170112047800${String(n).padStart(2, '0')}`;
const FILES: Record<string, string[]> = {
  'keluarga.csv': [
    'no_kk,nik_kepala,kode_desa,desil,jumlah_anggota,status_verval,tanggal_verval',
    `${kk(1)},${nik(1)},${A},1,3,AKTIF,2026-03-14`,
    `${kk(2)},${nik(2)},${A},3,2,AKTIF,2023-01-01`,
    `${kk(3)},${nik(3)},${A},6,4,AKTIF,2025-06-01`,
    `${kk(4)},${nik(4)},${B},2,5,AKTIF,2026-01-10`,
    `${kk(5)},${nik(5)},${B},9,1,MENGUNDURKAN_DIRI,2026-02-01`,
    `${kk(6)},${nik(6)},${B},4,2,AKTIF,2026-02-01`,
  ],
  'individu.csv': [
    'nik,no_kk,tanggal_lahir,jenis_kelamin,disabilitas',
    ...[1, 2, 3, 4, 5, 6].map((n) => `${nik(n)},${kk(n)},12/04/1978,L,0`),
    `${nik(4)},${kk(6)},12/04/1978,L,1`,
  ],
  'kematian.csv': ['nik,tanggal_meninggal', `${nik(2)},15/01/2026`],
  'pembayaran.csv': [
    'nik,no_kk,kode_program,periode,nominal,saluran,status,tanggal_bayar',
    `,${kk(1)},PKH,2026-01,750000,HIMBARA,DIBAYAR,2026-01-20`,
    `,${kk(2)},PKH,2026-01,750000,HIMBARA,DIBAYAR,2026-01-20`,
    `,${kk(3)},PKH,2026-01,750000,HIMBARA,DIBAYAR,2026-01-20`,
    `,${kk(4)},PKH,2026-01,750000,POS,GAGAL,`,
    `,${kk(1)},SEMBAKO,2026-02,400000,HIMBARA,DIBAYAR,2026-02-10`,
    `,${kk(4)},SEMBAKO,2026-02,400000,HIMBARA,DIBAYAR,2026-02-10`,
    `,3517012001249999,SEMBAKO,2026-02,400000,HIMBARA,DIBAYAR,2026-02-10`,
    `3.51701E+15,,PIP,2026-01,450000,HIMBARA,DIBAYAR,2026-01-20`,
  ],
};

let db: Db;
const dirs: string[] = [];
type Row = Record<string, number | string | null>;
const program = async (level: string, code: string, program: string, periode = '2026-Q1'): Promise<Row> => {
  const rows = await db.all<Row>(
    `SELECT * FROM sasaran_program WHERE tingkat = '${level}' AND kode_wilayah = '${code}' AND kode_program = '${program}' AND periode = '${periode}'`,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

beforeAll(async () => {
  const raw = mkdtempSync(join(tmpdir(), 'terang-targeting-'));
  const work = mkdtempSync(join(tmpdir(), 'terang-work-'));
  dirs.push(raw, work);
  for (const [name, lines] of Object.entries(FILES)) writeFileSync(join(raw, name), `${lines.join('\n')}\n`);
  db = await openDb();
  await loadRegions(db);
  await validateInputs(db, Buffer.from('x'.repeat(40)), {
    rawDir: raw,
    referenceDir: new URL('../../data/reference/', import.meta.url).pathname,
    workDir: work,
    asOf: '2026-11-23',
  });
  await buildPovertyMetrics(db, { asOf: '2026-11-23' });
  await buildTargetingMetrics(db, { asOf: '2026-11-23' });
});

afterAll(() => {
  db?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('targeting (PKH, 2026-Q1, kabupaten Jombang)', () => {
  it('counts recipients inside and outside the desil rule, and their value', async () => {
    const r = await program('kabupaten', '3517', 'PKH');
    expect(r).toMatchObject({ penerima: 3, penerima_sesuai_desil: 2, penerima_di_luar_desil: 1, nilai_dibayar: 2_250_000, nilai_di_luar_desil: 750_000 });
  });

  it('computes inclusion error, exclusion error, coverage and leakage', async () => {
    const r = await program('kabupaten', '3517', 'PKH');
    // eligible K1 K2 K4 K6 = 4; of them paid K1 K2 = 2 (K4's payment failed)
    expect(r).toMatchObject({ keluarga_layak: 4, layak_menerima: 2, layak_tidak_menerima: 2 });
    expect(r.galat_inklusi).toBeCloseTo(33.3, 1); // 1 / 3
    expect(r.galat_eksklusi).toBeCloseTo(50.0, 1); // 2 / 4
    expect(r.cakupan).toBeCloseTo(50.0, 1);
    expect(r.kebocoran).toBeCloseTo(33.3, 1); // 750,000 / 2,250,000
  });

  it('flags payment after death, stale verval and several programs', async () => {
    const r = await program('kabupaten', '3517', 'PKH');
    expect(r).toMatchObject({ dibayar_setelah_meninggal: 1, nilai_setelah_meninggal: 750_000, belum_verval_2_tahun: 1, multi_program: 1, nik_ganda: 0 });
  });

  it('flags a duplicate NIK (SEMBAKO: K4 head N4 is on two person rows)', async () => {
    const r = await program('kabupaten', '3517', 'SEMBAKO');
    expect(r).toMatchObject({ penerima: 2, nik_ganda: 1, keluarga_layak: 4, layak_menerima: 2 });
  });

  it('places numbers in their desa, and desa add up to the kecamatan', async () => {
    const a = await program('desa', '3517012001', 'PKH');
    const b = await program('desa', '3517012002', 'PKH');
    const kec = await program('kecamatan', '351701', 'PKH');
    expect(a).toMatchObject({ penerima: 3, keluarga_layak: 2 });
    expect(b).toMatchObject({ penerima: 0, keluarga_layak: 2, layak_tidak_menerima: 2 });
    expect(kec.penerima).toBe(Number(a.penerima) + Number(b.penerima));
    expect(kec.keluarga_layak).toBe(4);
  });

  it('gives a year row equal to the quarter when only one quarter was paid', async () => {
    const year = await program('kabupaten', '3517', 'PKH', '2026');
    expect(year.penerima).toBe(3);
  });

  it('counts unregistered recipients and Excel-mangled NIKs in sasaran_mutu_data', async () => {
    const [sembako] = await db.all<Row>(`SELECT * FROM sasaran_mutu_data WHERE kode_program = 'SEMBAKO' AND periode = '2026-Q1'`);
    expect(sembako).toMatchObject({ penerima_tidak_terdaftar: 1, nilai_tidak_terdaftar: 400_000 });
    const [pip] = await db.all<Row>(`SELECT * FROM sasaran_mutu_data WHERE kode_program = 'PIP' AND periode = '2026-Q1'`);
    expect(pip).toMatchObject({ baris_id_tidak_sah: 1, baris_nik_excel: 1 });
  });

  it('counts overlap between programs', async () => {
    const rows = await db.all<Row>(`SELECT * FROM sasaran_tumpang_tindih WHERE tingkat = 'kabupaten' AND periode = '2026-Q1'`);
    expect(rows).toEqual([expect.objectContaining({ program_a: 'PKH', program_b: 'SEMBAKO', keluarga: 1 })]);
  });
});

describe('poverty', () => {
  it('counts AKTIF families and people by desil', async () => {
    const rows = await db.all<Row>(`SELECT desil, keluarga, jiwa FROM keluarga_desil WHERE tingkat = 'desa' AND kode_wilayah = '3517012002' ORDER BY desil`);
    expect(rows).toEqual([
      { desil: '2', keluarga: 1, jiwa: 5 },
      { desil: '4', keluarga: 1, jiwa: 2 },
      { desil: 'SEMUA', keluarga: 2, jiwa: 7 },
    ]);
  });

  it('counts verval status, including voluntary withdrawal, and recency', async () => {
    const [withdrawn] = await db.all<Row>(`SELECT keluarga FROM verval_status WHERE tingkat = 'kabupaten' AND status_verval = 'MENGUNDURKAN_DIRI'`);
    expect(withdrawn?.keluarga).toBe(1);
    const [recency] = await db.all<Row>(`SELECT * FROM verval_kemutakhiran WHERE tingkat = 'kabupaten'`);
    expect(recency).toMatchObject({ keluarga: 6, diverval_2_tahun: 5, belum_verval_2_tahun: 1 });
  });
});
