/**
 * The complaint tables on a hand-built set of ten cases in four desa
 * (Jombang: Jantiganggong and Kepuhkajang in kecamatan Perak, Pucangro in
 * Gudo; Nganjuk: Bendolo), with the real holiday list and categories.
 * asOf = Wed 30 April 2025. Working-day counts are worked out in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import type { PublishedTable } from '../../scripts/build/published-table.ts';
import { loadRegions } from '../../scripts/build/regions.ts';
import { COMPLAINT_TABLES, buildComplaintMetrics } from '../../scripts/build/metrics/complaints.ts';

const reference = (file: string) => new URL(`../../data/reference/${file}`, import.meta.url).pathname;
const A1 = '3517012001'; // Jantiganggong, kec. Perak (351701), Jombang (3517)
const A2 = '3517012002'; // Kepuhkajang, kec. Perak
const B1 = '3517022001'; // Pucangro, kec. Gudo (351702), Jombang
const C1 = '3518012001'; // Bendolo, Nganjuk (3518)

// id, saluran, kategori, desa, diterima, respons_pertama, ditutup, dirujuk, dirujuk_ke, dirujuk_lanjut_ke, dibuka_kembali
type Case = [string, string, string, string, string, string | null, string | null, string | null, string | null, string | null, boolean];
const CASES: Case[] = [
  // MASALAH_PEMBAYARAN: respond within 3, resolve within 5 working days.
  ['1', 'PUSKESOS', 'MASALAH_PEMBAYARAN', A1, '2025-03-03 09:00', '2025-03-04 10:00', '2025-03-07 15:00', null, null, null, false], // respons 1, selesai 4
  ['2', 'PUSKESOS', 'MASALAH_PEMBAYARAN', A1, '2025-03-03 11:00', '2025-03-10 08:00', '2025-03-12 08:00', null, null, null, false], // respons 5 (late), selesai 7 (late)
  ['3', 'LAPOR', 'MASALAH_PEMBAYARAN', A2, '2025-03-27 09:00', '2025-04-08 09:00', '2025-04-10 09:00', '2025-03-27 10:00', 'DUKCAPIL', null, false], // Idul Fitri: respons 1, selesai 3
  ['4', 'LAPOR', 'MASALAH_PEMBAYARAN', A2, '2025-04-28 09:00', null, null, null, null, null, false], // open, age 2: not yet past either deadline
  ['5', 'SLRT', 'MASALAH_PEMBAYARAN', B1, '2025-03-03 09:00', '2025-03-05 09:00', null, null, null, null, false], // respons 2; open, age 34 (18 in March after the 3rd, 16 in April)
  ['11', 'HOTLINE', 'MASALAH_PEMBAYARAN', B1, '2025-02-03 09:00', '2025-02-04 09:00', null, null, null, null, false], // respons 1; open, age 54 (19 + 19 + 16)
  // LAYAK_TIDAK_MENERIMA: 3 and 14.
  ['6', 'PUSKESOS', 'LAYAK_TIDAK_MENERIMA', B1, '2024-12-02 09:00', '2024-12-03 09:00', null, '2024-12-04 09:00', 'SLRT', 'DINKES', false], // open, age 93 (19+19+20+19+16)
  ['8', 'PUSKESOS', 'LAYAK_TIDAK_MENERIMA', A1, '2025-01-06 09:00', '2025-01-07 09:00', '2025-01-20 09:00', null, null, null, true], // selesai 10, reopened
  ['9', 'LANGSUNG', 'LAYAK_TIDAK_MENERIMA', A1, '2025-04-10 09:00', null, '2025-05-05 09:00', null, null, null, false], // closed after asOf: open at asOf, age 13
  // KEKERASAN_PA (sensitive): 1 and 2.
  ['7', 'UPTD_PPA', 'KEKERASAN_PA', C1, '2025-04-14 08:00', '2025-04-14 09:00', '2025-04-16 09:00', '2025-04-14 10:00', 'UPTD_PPA', 'POLRI', false], // respons 0, selesai 2
  // Received after asOf: not counted anywhere.
  ['10', 'PUSKESOS', 'PERBAIKAN_DATA', A1, '2025-05-02 09:00', null, null, null, null, null, false],
];

const sqlValue = (v: string | boolean | null) => (v === null ? 'NULL' : typeof v === 'boolean' ? String(v) : `'${v}'`);

let db: Db;
beforeAll(async () => {
  db = await openDb();
  await loadRegions(db);
  await db.run(`
    CREATE TABLE clean_holidays AS
      SELECT tanggal::DATE AS tanggal, jenis, keterangan FROM read_csv('${reference('hari-libur.csv')}', all_varchar = true);
    CREATE TABLE clean_complaintCategories AS
      SELECT kode, nama_id, nama_en, tenggat_respons_hari_kerja::BIGINT AS tenggat_respons_hari_kerja,
             tenggat_selesai_hari_kerja::BIGINT AS tenggat_selesai_hari_kerja, sensitif::INTEGER::BOOLEAN AS sensitif
      FROM read_csv('${reference('complaint-categories.csv')}', all_varchar = true);
    CREATE TABLE clean_complaints AS
      SELECT 'f.csv' AS _file, row_number() OVER () AS _row, id_kasus, saluran, kategori, kode_desa,
             diterima::TIMESTAMP AS diterima, respons_pertama::TIMESTAMP AS respons_pertama, NULL::TIMESTAMP AS diverifikasi,
             dirujuk::TIMESTAMP AS dirujuk, ditutup::TIMESTAMP AS ditutup, dirujuk_ke, dirujuk_lanjut_ke,
             CASE WHEN ditutup IS NOT NULL THEN 'SELESAI' END AS hasil, dibuka_kembali, NULL::VARCHAR AS nik_pelapor_h
      FROM (VALUES ${CASES.map((c) => `(${c.map(sqlValue).join(', ')})`).join(',\n')})
        AS v(id_kasus, saluran, kategori, kode_desa, diterima, respons_pertama, ditutup, dirujuk, dirujuk_ke, dirujuk_lanjut_ke, dibuka_kembali);
  `);
  await buildComplaintMetrics(db, { asOf: '2025-04-30' });
});
afterAll(() => db.close());

const one = async <T = Record<string, unknown>>(sql: string): Promise<T> => {
  const rows = await db.all<T>(sql);
  expect(rows, sql).toHaveLength(1);
  return rows[0]!;
};

describe('pengaduan_waktu', () => {
  it('Kaplan–Meier median to resolution counts open cases (7, where closed cases alone say 4)', async () => {
    // Jombang, MASALAH_PEMBAYARAN, 2025: closed at 3, 4, 7; open with ages 2, 34, 54.
    //   t=3: n=5 (the case censored at 2 has left), d=1 → S = 4/5
    //   t=4: n=4, d=1 → S = 4/5 · 3/4 = 3/5
    //   t=7: n=3, d=1 → S = 3/5 · 2/3 = 2/5 ≤ 0.5 → median 7; S never ≤ 0.1 → P90 NULL
    const row = await one<Record<string, number | null>>(
      `SELECT * FROM pengaduan_waktu WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND kategori = 'MASALAH_PEMBAYARAN' AND tahun = 2025`,
    );
    expect(row).toMatchObject({ kasus: 6, direspons: 5, selesai: 3 });
    expect(row).toMatchObject({ selesai_median_hari_kerja: 7, selesai_p90_hari_kerja: null, selesai_teramati_maks: 54 });
    // First response: 1, 5, 1, 2, 1 and one unanswered at age 2.
    //   t=1: n=6, d=3 → S = 1/2 exactly → median 1;  t=2: n=3, d=1 → 1/3;  t=5: n=1, d=1 → 0 → P90 5
    expect(row).toMatchObject({ respons_median_hari_kerja: 1, respons_p90_hari_kerja: 5 });
    const naive = await one<{ m: number }>(
      `SELECT median(hk) AS m FROM (VALUES (3), (4), (7)) v(hk)`,
    );
    expect(naive.m).toBe(4);
  });

  it('shares within deadline: late and overdue-open cases count against, open cases within deadline are left out', async () => {
    // Resolution (5 days): closed 4 ✓, 7 ✗, 3 ✓; open 34 ✗, 54 ✗; open at age 2 excluded → 2 of 5.
    // Response (3 days): 1 ✓, 5 ✗, 1 ✓, 2 ✓, 1 ✓; unanswered at age 2 excluded → 4 of 5.
    const row = await one(
      `SELECT selesai_dalam_tenggat, selesai_basis_tenggat, persen_selesai_dalam_tenggat,
              respons_dalam_tenggat, respons_basis_tenggat, persen_respons_dalam_tenggat, dirujuk, persen_dirujuk
       FROM pengaduan_waktu WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND kategori = 'MASALAH_PEMBAYARAN' AND tahun = 2025`,
    );
    expect(row).toEqual({
      selesai_dalam_tenggat: 2,
      selesai_basis_tenggat: 5,
      persen_selesai_dalam_tenggat: 40,
      respons_dalam_tenggat: 4,
      respons_basis_tenggat: 5,
      persen_respons_dalam_tenggat: 80,
      dirujuk: 1,
      persen_dirujuk: 16.67,
    });
  });

  it('reopen rate is reopened closed cases over closed cases; a case closed after asOf is still open', async () => {
    const row = await one(
      `SELECT kasus, selesai, dibuka_kembali, persen_dibuka_kembali FROM pengaduan_waktu
       WHERE tingkat = 'desa' AND kode_wilayah = '${A1}' AND kategori = 'LAYAK_TIDAK_MENERIMA' AND tahun = 2025`,
    );
    expect(row).toEqual({ kasus: 2, selesai: 1, dibuka_kembali: 1, persen_dibuka_kembali: 100 });
  });

  it('ignores cases received after asOf; violence cases are counted only in pengaduan_sensitif', async () => {
    const row = await one<{ n: number }>(`SELECT sum(kasus) AS n FROM pengaduan_waktu WHERE tingkat = 'provinsi' AND kategori = 'SEMUA'`);
    const sensitive = await one<{ n: number }>(`SELECT sum(diterima) AS n FROM pengaduan_sensitif WHERE tingkat = 'provinsi'`);
    expect(sensitive.n).toBeGreaterThan(0);
    expect(row.n + sensitive.n).toBe(CASES.length - 1);
  });
});

describe('pengaduan_tunggakan', () => {
  it('puts open cases in age buckets and counts overdue ones', async () => {
    // Jombang open at asOf: ages 2, 34, 93, 13, 54.
    const row = await one(
      `SELECT * EXCLUDE (tingkat, kode_wilayah, kategori) FROM pengaduan_tunggakan
       WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND kategori = 'SEMUA'`,
    );
    expect(row).toEqual({
      terbuka: 5,
      umur_0_5: 1,
      umur_6_14: 1,
      umur_15_60: 2,
      umur_lebih_60: 1,
      lewat_tenggat_respons: 1, // case 9: unanswered at 13 > 3 (case 4: 2 ≤ 3)
      lewat_tenggat_selesai: 3, // cases 5, 11 (> 5) and 6 (> 14); case 9 at 13 ≤ 14
    });
  });
});

describe('pengaduan_rujukan', () => {
  it('counts flows per kabupaten and the share handled without referral', async () => {
    const rows = await db.all(
      `SELECT alur, dirujuk_ke, dirujuk_lanjut_ke, kasus, selesai, persen_kasus FROM pengaduan_rujukan
       WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND tahun = 2025 ORDER BY ALL`,
    );
    const local = rows.filter((r) => r.dirujuk_ke === '-');
    const total = rows.find((r) => r.alur === 'SEMUA');
    expect(total).toMatchObject({ kasus: 8, selesai: 4, persen_kasus: 100 });
    expect(local.reduce((n, r) => n + Number(r.kasus), 0)).toBe(7);
    expect(local.reduce((n, r) => n + Number(r.persen_kasus), 0)).toBeCloseTo(87.5, 5);
    expect(rows.filter((r) => r.dirujuk_ke === 'DUKCAPIL')).toEqual([
      expect.objectContaining({ dirujuk_lanjut_ke: '-', kasus: 1, selesai: 1, persen_kasus: 12.5 }),
    ]);
    const onward = await one(
      `SELECT alur, saluran, kasus FROM pengaduan_rujukan WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND tahun = 2024
       AND dirujuk_ke = 'SLRT' AND dirujuk_lanjut_ke = 'DINKES'`,
    );
    expect(onward).toEqual({ alur: 'PUSKESOS > SLRT > DINKES', saluran: 'PUSKESOS', kasus: 1 });
  });

  it('is published for provinces and kabupaten only', async () => {
    const levels = await db.all<{ tingkat: string }>(`SELECT DISTINCT tingkat FROM pengaduan_rujukan ORDER BY 1`);
    expect(levels.map((l) => l.tingkat)).toEqual(['kabupaten', 'provinsi']);
  });
});

describe('pengaduan_bulanan', () => {
  it('counts the month of receipt by status at asOf', async () => {
    const row = await one(
      `SELECT diterima, direspons, selesai, terbuka, dirujuk, dibuka_kembali FROM pengaduan_bulanan
       WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND kategori = 'SEMUA' AND bulan = '2025-03-01'`,
    );
    expect(row).toEqual({ diterima: 4, direspons: 4, selesai: 3, terbuka: 1, dirujuk: 1, dibuka_kembali: 0 });
    const byChannel = await one(
      `SELECT diterima, direspons, selesai, terbuka, dirujuk, dibuka_kembali FROM pengaduan_saluran
       WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND saluran = 'SEMUA' AND bulan = '2025-03-01'`,
    );
    expect(byChannel).toEqual(row);
  });
});

describe('pengaduan_km', () => {
  it('holds the resolution curve at event times and the last observed time', async () => {
    const rows = await db.all(
      `SELECT hari_kerja, kasus, persen_belum_selesai FROM pengaduan_km
       WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND kategori = 'MASALAH_PEMBAYARAN' AND tahun = 2025 ORDER BY hari_kerja`,
    );
    expect(rows).toEqual([
      { hari_kerja: 3, kasus: 6, persen_belum_selesai: 80 },
      { hari_kerja: 4, kasus: 6, persen_belum_selesai: 60 },
      { hari_kerja: 7, kasus: 6, persen_belum_selesai: 40 },
      { hari_kerja: 54, kasus: 6, persen_belum_selesai: 40 },
    ]);
  });
});

describe('pengaduan_km_respons', () => {
  it('holds the first-response curve: the case unanswered at age 2 is censored, not dropped', async () => {
    // First responses 1, 5, 1, 2, 1; one unanswered at age 2 (censored).
    //   t=1: n=6, d=3 → S = 1/2;  t=2: n=3, d=1 (the censored case leaves after t=2) → 1/3;  t=5: n=1, d=1 → 0.
    const rows = await db.all(
      `SELECT hari_kerja, kasus, persen_belum_direspons FROM pengaduan_km_respons
       WHERE tingkat = 'kabupaten' AND kode_wilayah = '3517' AND kategori = 'MASALAH_PEMBAYARAN' AND tahun = 2025 ORDER BY hari_kerja`,
    );
    expect(rows).toEqual([
      { hari_kerja: 1, kasus: 6, persen_belum_direspons: 50 },
      { hari_kerja: 2, kasus: 6, persen_belum_direspons: 33.3333 },
      { hari_kerja: 5, kasus: 6, persen_belum_direspons: 0 },
    ]);
  });
});

// ── Structure, for every table ───────────────────────────────────────────────

const LEVEL_LENGTH: Record<string, number> = { provinsi: 2, kabupaten: 4, kecamatan: 6, desa: 10 };
const REF_TABLE: Record<string, string> = { provinsi: 'ref_province', kabupaten: 'ref_regency', kecamatan: 'ref_district', desa: 'ref_village' };
const nonRegionKey = (t: PublishedTable) => t.key.filter((k) => k !== 'tingkat' && k !== 'kode_wilayah');
/** Rows that reveal violence or the women-and-children unit: they may appear only in pengaduan_sensitif. */
const SENSITIVE_ROWS: Record<string, string> = {
  pengaduan_bulanan: "kategori = 'KEKERASAN_PA'",
  pengaduan_saluran: "saluran = 'UPTD_PPA'",
  pengaduan_waktu: "kategori = 'KEKERASAN_PA'",
  pengaduan_tunggakan: "kategori = 'KEKERASAN_PA'",
  pengaduan_rujukan: "alur LIKE '%UPTD_PPA%' OR alur LIKE '%KEKERASAN%'",
  pengaduan_km: "kategori = 'KEKERASAN_PA'",
  pengaduan_km_respons: "kategori = 'KEKERASAN_PA'",
};
const levelsOf = async (name: string) =>
  (await db.all<{ tingkat: string }>(`SELECT DISTINCT tingkat FROM ${name}`)).map((r) => r.tingkat).sort();

describe.each(COMPLAINT_TABLES.map((t) => [t.name, t] as const))('%s', (name, table) => {
  it('has exactly the published columns, in order, and a unique key', async () => {
    const columns = await db.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ${name})`);
    expect(columns.map((c) => c.column_name)).toEqual(table.columns.map((c) => c.name));
    const dup = await db.all(`SELECT ${table.key.join(', ')}, count(*) FROM ${name} GROUP BY ALL HAVING count(*) > 1`);
    expect(dup).toEqual([]);
  });

  it('has rows for every level, with codes of the right length that exist in the region reference', async () => {
    // Monthly tables stop at kabupaten: below it a month holds a handful of cases per desa (see complaints.ts).
    const expected = ['pengaduan_rujukan', 'pengaduan_km', 'pengaduan_km_respons', 'pengaduan_sensitif', 'pengaduan_bulanan', 'pengaduan_saluran'].includes(name)
      ? ['kabupaten', 'provinsi']
      : ['desa', 'kabupaten', 'kecamatan', 'provinsi'];
    expect(await levelsOf(name)).toEqual(expected);
    for (const level of expected) {
      const bad = await db.all(
        `SELECT kode_wilayah FROM ${name} WHERE tingkat = '${level}'
         AND (length(kode_wilayah) <> ${LEVEL_LENGTH[level]} OR kode_wilayah NOT IN (SELECT code FROM ${REF_TABLE[level]}))`,
      );
      expect(bad, level).toEqual([]);
    }
  });

  it('disclosure rules name real columns; no violence case outside pengaduan_sensitif', async () => {
    const names = new Set(table.columns.map((c) => c.name));
    const rules = table.disclosure!;
    const referenced = [
      ...rules.counts,
      ...rules.slice,
      ...(rules.category ? [rules.category.column] : []),
      ...(rules.derived ?? []).flatMap((d) => [d.column, d.basis]),
      ...(rules.shares ?? []).flatMap((d) => [d.column, d.numerator, d.base]),
      ...(rules.bounds ?? []).flatMap((d) => [d.part, d.whole]),
      ...(rules.rowSums ?? []).flatMap((r) => [r.total, ...r.parts]),
    ];
    for (const column of referenced) expect(names, column).toContain(column);
    if (name === 'pengaduan_sensitif') expect(rules.sensitive?.minLevel).toBe('kabupaten');
    else expect(await db.all(`SELECT * FROM ${name} WHERE ${SENSITIVE_ROWS[name]}`)).toEqual([]);
  });

  it('row sums hold', async () => {
    for (const { total, parts } of table.disclosure!.rowSums ?? []) {
      const bad = await db.all(`SELECT * FROM ${name} WHERE ${total} <> ${parts.join(' + ')}`);
      expect(bad).toEqual([]);
    }
  });

});

describe.each(COMPLAINT_TABLES.filter((t) => t.disclosure!.hierarchy).map((t) => [t.name, t] as const))('%s (regions add up)', (name, table) => {
  it('each parent region equals the sum of its children, for every count', async () => {
    const rules = table.disclosure!;
    const others = nonRegionKey(table);
    const levels = (await levelsOf(name)).sort((a, b) => LEVEL_LENGTH[a]! - LEVEL_LENGTH[b]!);
    for (let i = 0; i + 1 < levels.length; i++) {
      const [parent, child] = [levels[i]!, levels[i + 1]!];
      const sums = rules.counts.map((c) => `sum(c.${c}) AS ${c}`).join(', ');
      const mismatches = await db.all(`
        WITH children AS (
          SELECT left(kode_wilayah, ${LEVEL_LENGTH[parent]}) AS kode_wilayah, ${others.join(', ')}, ${sums}
          FROM ${name} c WHERE tingkat = '${child}' GROUP BY ALL
        )
        SELECT * FROM children c FULL JOIN (SELECT * FROM ${name} WHERE tingkat = '${parent}') p USING (kode_wilayah, ${others.join(', ')})
        WHERE ${rules.counts.map((col) => `c.${col} IS DISTINCT FROM p.${col}`).join(' OR ')}`);
      expect(mismatches, `${parent} vs ${child}`).toEqual([]);
    }
  });

});

describe.each(COMPLAINT_TABLES.filter((t) => t.disclosure!.category).map((t) => [t.name, t] as const))('%s (categories add up)', (name, table) => {
  it('the category total equals the sum of the categories', async () => {
    const rules = table.disclosure!;
    const { column, total } = rules.category!;
    const group = table.key.filter((k) => k !== column);
    const mismatches = await db.all(`
      WITH parts AS (
        SELECT ${group.join(', ')}, ${rules.counts.map((c) => `sum(${c}) AS ${c}`).join(', ')}
        FROM ${name} WHERE ${column} <> '${total}' GROUP BY ALL
      )
      SELECT * FROM parts c FULL JOIN (SELECT * FROM ${name} WHERE ${column} = '${total}') p USING (${group.join(', ')})
      WHERE ${rules.counts.map((col) => `c.${col} IS DISTINCT FROM p.${col}`).join(' OR ')}`);
    expect(mismatches).toEqual([]);
  });
});
