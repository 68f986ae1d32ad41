/**
 * Targeting: who was paid, against who is eligible by the program's desil
 * rule (Grosh et al. 2022). With E = eligible and B = beneficiaries:
 *   inclusion error = |B without E| / |B|       (galat_inklusi)
 *   exclusion error = |E without B| / |E|       (galat_eksklusi)
 *   coverage        = 1 − exclusion error       (cakupan)
 *   leakage         = value paid outside E / all value paid (kebocoran)
 * A recipient is a family (KK) for family programs and a person (NIK) for
 * per-person programs (PIP); eligibility is desil within the program's range
 * and status AKTIF (for PIP: a child aged 6–18 in such a family).
 */
import { runStatements, type Db } from '../db.ts';
import type { PublishedTable } from '../published-table.ts';
import { column, regionColumns } from './columns.ts';
import { codeAtLevel, regionLevelsSql } from './regions-sql.ts';

const count = (name: string, id: string, en: string, unit = 'penerima') => column(name, 'integer', id, en, unit);
const money = (name: string, id: string, en: string) => column(name, 'integer', id, en, 'rupiah');
const share = (name: string, id: string, en: string) => column(name, 'number', id, en, '%');

const periodColumn = {
  name: 'periode',
  type: 'string' as const,
  description: { id: "Triwulan ('2026-Q1') atau tahun ('2026')", en: "Quarter ('2026-Q1') or year ('2026')" },
};
const programColumn = { name: 'kode_program', type: 'string' as const, description: { id: 'Kode program (PKH, SEMBAKO, BLT_DD, PBI_JK, PIP)', en: 'Program code' } };

const sasaranProgram: PublishedTable = {
  name: 'sasaran_program',
  title: { id: 'Ketepatan sasaran per program', en: 'Targeting by program' },
  description: {
    id: 'Penerima yang dibayar dan keluarga layak menurut aturan desil program, per program, periode dan wilayah; termasuk galat inklusi, galat eksklusi, cakupan, kebocoran dan tanda mutu data.',
    en: "Paid recipients and families eligible under the program's desil rule, by program, period and region; with inclusion and exclusion error, coverage, leakage and data-quality flags.",
  },
  columns: [
    ...regionColumns,
    programColumn,
    periodColumn,
    count('penerima', 'Penerima yang dibayar (keluarga; orang untuk PIP) dan terdaftar di DTSEN', 'Paid recipients (families; people for PIP) found in DTSEN'),
    count('penerima_sesuai_desil', 'Penerima dengan desil dalam aturan program', "Recipients whose desil is within the program's rule"),
    count('penerima_di_luar_desil', 'Penerima dengan desil di luar aturan program', "Recipients whose desil is outside the program's rule"),
    money('nilai_dibayar', 'Nilai dibayar (rupiah)', 'Amount paid (rupiah)'),
    money('nilai_di_luar_desil', 'Nilai dibayar kepada penerima di luar aturan desil', 'Amount paid to recipients outside the desil rule'),
    count('keluarga_layak', 'Layak menurut aturan desil dan berstatus AKTIF (keluarga; anak 6–18 untuk PIP)', 'Eligible by the desil rule and AKTIF (families; children 6–18 for PIP)', 'keluarga'),
    count('layak_menerima', 'Layak dan menerima', 'Eligible and receiving', 'keluarga'),
    count('layak_tidak_menerima', 'Layak tetapi tidak menerima', 'Eligible but not receiving', 'keluarga'),
    share('galat_inklusi', 'penerima_di_luar_desil / penerima × 100', 'Inclusion error: penerima_di_luar_desil / penerima × 100'),
    share('galat_eksklusi', 'layak_tidak_menerima / keluarga_layak × 100', 'Exclusion error: layak_tidak_menerima / keluarga_layak × 100'),
    share('cakupan', 'layak_menerima / keluarga_layak × 100', 'Coverage: layak_menerima / keluarga_layak × 100'),
    share('kebocoran', 'nilai_di_luar_desil / nilai_dibayar × 100', 'Leakage: nilai_di_luar_desil / nilai_dibayar × 100'),
    count('dibayar_setelah_meninggal', 'Penerima yang dibayar setelah tanggal kematiannya (akta Dukcapil)', 'Recipients paid after their date of death (civil registry)'),
    money('nilai_setelah_meninggal', 'Nilai dibayar setelah kematian', 'Amount paid after death'),
    count('nik_ganda', 'Penerima dengan NIK yang tercatat lebih dari sekali di register', 'Recipients whose NIK appears more than once in the register'),
    count('belum_verval_2_tahun', 'Penerima yang keluarganya belum diverval dalam 24 bulan', 'Recipients whose family was not verified in the last 24 months'),
    count('status_tidak_aktif', 'Penerima yang keluarganya berstatus verval selain AKTIF', 'Recipients whose family has a verval status other than AKTIF'),
    count('multi_program', 'Penerima yang keluarganya juga menerima program lain pada periode yang sama', 'Recipients whose family also received another program in the same period'),
  ],
  key: ['tingkat', 'kode_wilayah', 'kode_program', 'periode'],
  disclosure: {
    counts: [
      'penerima',
      'penerima_sesuai_desil',
      'penerima_di_luar_desil',
      'keluarga_layak',
      'layak_menerima',
      'layak_tidak_menerima',
      'dibayar_setelah_meninggal',
      'nik_ganda',
      'belum_verval_2_tahun',
      'status_tidak_aktif',
      'multi_program',
    ],
    rowSums: [
      { total: 'penerima', parts: ['penerima_sesuai_desil', 'penerima_di_luar_desil'] },
      { total: 'keluarga_layak', parts: ['layak_menerima', 'layak_tidak_menerima'] },
    ],
    amounts: [
      { column: 'nilai_dibayar', count: 'penerima', unitBy: ['kode_program', 'periode'] },
      { column: 'nilai_di_luar_desil', count: 'penerima_di_luar_desil', unitBy: ['kode_program', 'periode'] },
      { column: 'nilai_setelah_meninggal', count: 'dibayar_setelah_meninggal', unitBy: ['kode_program', 'periode'] },
    ],
    shares: [
      { column: 'galat_inklusi', numerator: 'penerima_di_luar_desil', base: 'penerima', decimals: 1 },
      { column: 'kebocoran', numerator: 'nilai_di_luar_desil', base: 'nilai_dibayar', decimals: 1 },
      { column: 'galat_eksklusi', numerator: 'layak_tidak_menerima', base: 'keluarga_layak', decimals: 1 },
      { column: 'cakupan', numerator: 'layak_menerima', base: 'keluarga_layak', decimals: 1 },
    ],
    bounds: ['dibayar_setelah_meninggal', 'nik_ganda', 'belum_verval_2_tahun', 'status_tidak_aktif', 'multi_program'].map((part) => ({ part, whole: 'penerima' })),
    periods: {
      column: 'periode',
      additive: ['nilai_dibayar', 'nilai_di_luar_desil', 'nilai_setelah_meninggal'],
      distinct: ['penerima', 'penerima_sesuai_desil', 'penerima_di_luar_desil', 'layak_menerima', 'dibayar_setelah_meninggal', 'nik_ganda', 'belum_verval_2_tahun', 'status_tidak_aktif'],
      monotone: ['multi_program'],
      constant: ['keluarga_layak'],
    },
    slice: ['kode_program', 'periode'],
    hierarchy: true,
  },
};

const sasaranMutu: PublishedTable = {
  name: 'sasaran_mutu_data',
  title: { id: 'Pembayaran yang tidak dapat dipetakan', en: 'Payments that cannot be placed' },
  description: {
    id: 'Pembayaran kepada NIK/KK yang tidak ada di register, dan baris pembayaran yang ditolak karena NIK/KK tidak sah (termasuk format Excel), per program dan periode, untuk seluruh data.',
    en: 'Payments to a NIK/KK not in the register, and payment rows rejected for an invalid NIK/KK (including Excel form), by program and period, for all data.',
  },
  columns: [
    programColumn,
    periodColumn,
    count('penerima_tidak_terdaftar', 'Penerima dibayar yang tidak ditemukan di DTSEN', 'Paid recipients not found in DTSEN'),
    money('nilai_tidak_terdaftar', 'Nilai dibayar kepada mereka', 'Amount paid to them'),
    count('baris_id_tidak_sah', 'Baris pembayaran ditolak karena NIK/KK tidak sah', 'Payment rows rejected for an invalid NIK/KK', 'baris'),
    count('baris_nik_excel', 'Di antaranya NIK dalam format ilmiah Excel', 'Of which NIK in Excel scientific form', 'baris'),
  ],
  key: ['kode_program', 'periode'],
  disclosure: {
    counts: ['penerima_tidak_terdaftar', 'baris_id_tidak_sah', 'baris_nik_excel'],
    amounts: [{ column: 'nilai_tidak_terdaftar', count: 'penerima_tidak_terdaftar', unitBy: ['kode_program', 'periode'] }],
    bounds: [{ part: 'baris_nik_excel', whole: 'baris_id_tidak_sah' }],
    periods: {
      column: 'periode',
      additive: ['nilai_tidak_terdaftar', 'baris_id_tidak_sah', 'baris_nik_excel'],
      distinct: ['penerima_tidak_terdaftar'],
      constant: [],
    },
    slice: ['kode_program', 'periode'],
    hierarchy: false,
  },
};

const sasaranTumpangTindih: PublishedTable = {
  name: 'sasaran_tumpang_tindih',
  title: { id: 'Keluarga penerima lebih dari satu program', en: 'Families receiving more than one program' },
  description: {
    id: 'Keluarga terdaftar yang menerima dua program sekaligus dalam periode yang sama, per pasangan program, dari kecamatan ke atas (per desa hampir semua sel akan disamarkan).',
    en: 'Registered families receiving two programs in the same period, per pair of programs, for kecamatan and above (per desa nearly every cell would be suppressed).',
  },
  columns: [
    ...regionColumns,
    periodColumn,
    { name: 'program_a', type: 'string', description: { id: 'Program pertama (urut abjad)', en: 'First program (alphabetical)' } },
    { name: 'program_b', type: 'string', description: { id: 'Program kedua', en: 'Second program' } },
    count('keluarga', 'Keluarga penerima kedua program', 'Families receiving both programs', 'keluarga'),
  ],
  key: ['tingkat', 'kode_wilayah', 'periode', 'program_a', 'program_b'],
  disclosure: {
    counts: ['keluarga'],
    slice: ['periode', 'program_a', 'program_b'],
    periods: { column: 'periode', additive: [], distinct: [], monotone: ['keluarga'], constant: [] },
    hierarchy: true,
  },
};

export const TARGETING_TABLES = [sasaranProgram, sasaranMutu, sasaranTumpangTindih];

/**
 * The per-recipient tables key programs, periods and desa by integers, converted back to
 * their codes only once counts are per desa: grouping and joining on integers, and storing
 * them, costs less than on text (programs by \`pid\`, in code order; a period \`per\` is
 * year × 10 + quarter, or year × 10 for the whole year; a desa by its 10 digits).
 * They are TEMP tables too: scratch that need not go through the work database file's
 * compressed storage (at scale 4, writing \`recipient\` there was 29.2 s of operator time
 * against 3.8 s for its join; targeting at scale 16 went 330–349 → 267–271 s with both changes).
 */
const quarterCode = (date: string) => `(year(${date}) * 10 + quarter(${date}))::INTEGER`;
const yearCode = (date: string) => `(year(${date}) * 10)::INTEGER`;
const periodText = (per: string) =>
  `CASE WHEN ${per} % 10 = 0 THEN (${per} // 10)::VARCHAR ELSE (${per} // 10)::VARCHAR || '-Q' || (${per} % 10)::VARCHAR END`;
const desaText = (desa: string) => `lpad(${desa}::VARCHAR, 10, '0')`;

/** The person and family tables the recipients are placed with. */
const linkSql = `
-- Each program with its integer id and its bit (family_multi keeps a family's programs as bits).
CREATE OR REPLACE TEMP TABLE prog AS
SELECT kode, unit, desil_min, desil_max, pid, 1::UBIGINT << pid AS bit
FROM (SELECT *, (row_number() OVER (ORDER BY kode) - 1)::UTINYINT AS pid FROM clean_programs);

-- NIKs on more than one person row. They are few, so only their rows need the search for
-- the first one below (a count per NIK costs far less than two arg_min over every person).
CREATE OR REPLACE TEMP TABLE nik_repeated AS
SELECT nik_h FROM clean_individuals GROUP BY 1 HAVING count(*) > 1;

-- One row per NIK: a NIK listed twice keeps its first row (the duplicate is a flag, below).
CREATE OR REPLACE TEMP TABLE ind AS
SELECT nik_h, no_kk_h, tanggal_lahir FROM clean_individuals WHERE nik_h NOT IN (SELECT nik_h FROM nik_repeated)
UNION ALL
SELECT nik_h, arg_min(no_kk_h, (_file, _row)), arg_min(tanggal_lahir, (_file, _row))
FROM clean_individuals WHERE nik_h IN (SELECT nik_h FROM nik_repeated) GROUP BY nik_h;

-- A NIK is 'ganda' when it is on more than one person row, or heads more than one family.
CREATE OR REPLACE TEMP TABLE nik_ganda AS
SELECT nik_h FROM nik_repeated
UNION
SELECT nik_kepala_h FROM hh GROUP BY 1 HAVING count(*) > 1;
DROP TABLE nik_repeated;

CREATE OR REPLACE TEMP TABLE death AS SELECT nik_h, min(tanggal_meninggal) AS tanggal_meninggal FROM clean_deaths GROUP BY 1;

-- A person's row in \`ind\` is needed only where a payment has no KK of its own.
CREATE OR REPLACE TEMP TABLE ind_needed AS
SELECT * FROM ind WHERE nik_h IN (SELECT nik_h FROM clean_payments WHERE no_kk_h IS NULL AND status = 'DIBAYAR');

CREATE OR REPLACE TEMP TABLE recipient_p (
  pid UTINYINT, per INTEGER, penerima_h UBIGINT, kk_h UBIGINT, nilai BIGINT,
  setelah_meninggal BOOLEAN, nilai_setelah_meninggal BIGINT, nik_ganda BOOLEAN);
`;

/**
 * One row per recipient, program and period (quarter and year), straight from the payments:
 * the largest aggregation of the build (one row in per payment). Both periods come from one
 * pass with grouping sets (a recipient counts once per period; the year's sums, minimum and
 * flags are those of its payments, as its quarters' would give). Only identifiers, amounts and
 * the two per-payment flags travel through it; the family's attributes are joined once per
 * recipient after. With \`slices\` > 1 it runs once per share of the recipients (by a hash of
 * the recipient), so each share's groups fit in memory; a recipient's payments all fall in one share.
 */
const recipientPeriodSql = (slice: number, slices: number) => `
INSERT INTO recipient_p
WITH placed AS (
  SELECT pr.pid, ${quarterCode('p.periode')} AS q, ${yearCode('p.periode')} AS y, p.nominal,
         coalesce(p.tanggal_bayar, p.periode) AS tanggal,
         coalesce(p.no_kk_h, i.no_kk_h) AS kk_h,
         CASE WHEN pr.unit = 'INDIVIDU' THEN coalesce(p.nik_h, p.no_kk_h) ELSE coalesce(p.no_kk_h, i.no_kk_h, p.nik_h) END AS penerima_h,
         CASE WHEN pr.unit = 'INDIVIDU' THEN p.nik_h ELSE coalesce(h.nik_kepala_h, p.nik_h) END AS orang_h
  FROM clean_payments p
  JOIN prog pr ON pr.kode = p.kode_program
  LEFT JOIN ind_needed i ON i.nik_h = p.nik_h
  LEFT JOIN hh h ON h.no_kk_h = coalesce(p.no_kk_h, i.no_kk_h)
  WHERE p.status = 'DIBAYAR'${
    slices > 1
      ? `
    -- The share's rows, as far as the payment alone tells the recipient (the same CASE as
    -- penerima_h): the joins below then see about 1/${slices} of the payments, not all of them.
    AND CASE WHEN pr.unit = 'INDIVIDU' THEN coalesce(p.nik_h, p.no_kk_h, 0) % ${slices} = ${slice}
             WHEN p.no_kk_h IS NOT NULL THEN p.no_kk_h % ${slices} = ${slice}
             ELSE TRUE END`
      : ''
  }
)
SELECT placed.pid, CASE WHEN grouping(q) = 0 THEN q ELSE y END AS per,
       penerima_h, min(kk_h) AS kk_h, sum(nominal)::BIGINT AS nilai,
       bool_or(d.tanggal_meninggal IS NOT NULL AND tanggal > d.tanggal_meninggal) AS setelah_meninggal,
       coalesce(sum(nominal) FILTER (WHERE d.tanggal_meninggal IS NOT NULL AND tanggal > d.tanggal_meninggal), 0)::BIGINT AS nilai_setelah_meninggal,
       bool_or(g.nik_h IS NOT NULL) AS nik_ganda
FROM placed
LEFT JOIN death d ON d.nik_h = placed.orang_h
LEFT JOIN nik_ganda g ON g.nik_h = placed.orang_h
${slices > 1 ? `WHERE coalesce(placed.penerima_h, 0) % ${slices} = ${slice}` : ''}
GROUP BY GROUPING SETS ((placed.pid, q, penerima_h), (placed.pid, y, penerima_h));
`;

const afterPeriodsSql = (asOf: string) => `
DROP TABLE ind_needed;
-- Nothing after this point reads the payment or person rows: at 100 million payments,
-- keeping them is what makes DuckDB spill.
DROP TABLE clean_payments;
DROP TABLE clean_individuals;

-- Recipients placed on their family: desa, desil, verval. One statement: per share of
-- recipients it cost more (scale 16, measured when this statement still summed the years:
-- 9 × 14.5 s against 90 s), as each share joins all of hh.
CREATE OR REPLACE TEMP TABLE recipient AS
SELECT r.pid, r.per, r.penerima_h, r.kk_h, h.kode_desa::UBIGINT AS desa,
       h.desil BETWEEN pr.desil_min AND pr.desil_max AS sesuai_desil, h.status_verval <> 'AKTIF' AS tidak_aktif,
       h.tanggal_verval IS NULL OR h.tanggal_verval < DATE '${asOf}' - INTERVAL 2 YEAR AS belum_verval,
       r.nilai, r.setelah_meninggal, r.nilai_setelah_meninggal, r.nik_ganda, h.no_kk_h IS NOT NULL AS terdaftar
FROM recipient_p r
JOIN prog pr ON pr.pid = r.pid
LEFT JOIN hh h ON h.no_kk_h = r.kk_h;
DROP TABLE recipient_p;

-- Registered families receiving more than one program in a period, with their programs as
-- one bit each and their desa (one per KK, from hh, so grouping by it adds no group): the
-- multi-program flag and the program pairs both come from here. Integer states only, so the
-- aggregation spills to disk at scale (a list per family ran out of memory at scale 16).
CREATE OR REPLACE TEMP TABLE family_multi AS
SELECT r.per, r.kk_h, r.desa, bit_or(1::UBIGINT << r.pid) AS programs
FROM recipient r
WHERE r.terdaftar
GROUP BY r.per, r.kk_h, r.desa HAVING bit_count(bit_or(1::UBIGINT << r.pid)) > 1;
`;

/** Who is eligible: one row per program and eligible unit, placed in a desa. */
const eligibleSql = (asOf: string) => `
CREATE OR REPLACE TEMP TABLE eligible AS
SELECT pr.pid, h.no_kk_h AS penerima_h, h.kode_desa::UBIGINT AS desa
FROM hh h JOIN prog pr ON h.desil BETWEEN pr.desil_min AND pr.desil_max
WHERE pr.unit = 'KELUARGA' AND h.status_verval = 'AKTIF'
UNION ALL
SELECT pr.pid, i.nik_h, h.kode_desa::UBIGINT
FROM ind i JOIN hh h ON h.no_kk_h = i.no_kk_h
JOIN prog pr ON h.desil BETWEEN pr.desil_min AND pr.desil_max
WHERE pr.unit = 'INDIVIDU' AND h.status_verval = 'AKTIF'
  AND date_diff('year', i.tanggal_lahir, DATE '${asOf}') BETWEEN 6 AND 18;
`;

const tablesSql = `
CREATE OR REPLACE TEMP TABLE periods AS SELECT DISTINCT pid, per FROM recipient;

CREATE OR REPLACE TABLE sasaran_program AS
-- Each recipient lives in one desa, so desa counts add up exactly to every higher level.
WITH paid_desa_n AS (
  SELECT r.desa, r.pid, r.per,
         count(*) AS penerima,
         count(*) FILTER (WHERE r.sesuai_desil) AS penerima_sesuai_desil,
         count(*) FILTER (WHERE NOT r.sesuai_desil) AS penerima_di_luar_desil,
         sum(r.nilai) AS nilai_dibayar,
         coalesce(sum(r.nilai) FILTER (WHERE NOT r.sesuai_desil), 0) AS nilai_di_luar_desil,
         count(*) FILTER (WHERE r.setelah_meninggal) AS dibayar_setelah_meninggal,
         coalesce(sum(r.nilai_setelah_meninggal), 0) AS nilai_setelah_meninggal,
         count(*) FILTER (WHERE r.nik_ganda) AS nik_ganda,
         count(*) FILTER (WHERE r.belum_verval) AS belum_verval_2_tahun,
         count(*) FILTER (WHERE r.tidak_aktif) AS status_tidak_aktif,
         count(m.kk_h) AS multi_program
  FROM recipient r LEFT JOIN family_multi m ON m.kk_h = r.kk_h AND m.per = r.per
  WHERE r.terdaftar
  GROUP BY ALL
),
paid_desa AS (
  SELECT ${desaText('d.desa')} AS kode_desa, pr.kode AS kode_program, ${periodText('d.per')} AS periode, d.* EXCLUDE (desa, pid, per)
  FROM paid_desa_n d JOIN prog pr USING (pid)
),
paid AS (
  SELECT lv.tingkat, ${codeAtLevel('kode_desa')} AS kode_wilayah, kode_program, periode,
         sum(penerima)::BIGINT AS penerima,
         sum(penerima_sesuai_desil)::BIGINT AS penerima_sesuai_desil,
         sum(penerima_di_luar_desil)::BIGINT AS penerima_di_luar_desil,
         sum(nilai_dibayar)::BIGINT AS nilai_dibayar,
         sum(nilai_di_luar_desil)::BIGINT AS nilai_di_luar_desil,
         sum(dibayar_setelah_meninggal)::BIGINT AS dibayar_setelah_meninggal,
         sum(nilai_setelah_meninggal)::BIGINT AS nilai_setelah_meninggal,
         sum(nik_ganda)::BIGINT AS nik_ganda,
         sum(belum_verval_2_tahun)::BIGINT AS belum_verval_2_tahun,
         sum(status_tidak_aktif)::BIGINT AS status_tidak_aktif,
         sum(multi_program)::BIGINT AS multi_program
  FROM paid_desa CROSS JOIN ${regionLevelsSql()}
  GROUP BY ALL
),
-- Eligible counts do not depend on the period (the register is a snapshot); eligible
-- recipients are found by joining recipients to the eligible set, never eligible × periods.
layak_desa AS (
  SELECT desa, pid, count(*) AS keluarga_layak FROM eligible GROUP BY ALL
),
menerima_desa AS (
  SELECT e.desa, e.pid, r.per, count(*) AS layak_menerima
  FROM recipient r JOIN eligible e ON e.pid = r.pid AND e.penerima_h = r.penerima_h
  GROUP BY ALL
),
elig_desa AS (
  SELECT ${desaText('l.desa')} AS kode_desa, pr.kode AS kode_program, ${periodText('ps.per')} AS periode,
         l.keluarga_layak, coalesce(m.layak_menerima, 0) AS layak_menerima
  FROM layak_desa l
  JOIN periods ps ON ps.pid = l.pid
  JOIN prog pr ON pr.pid = l.pid
  LEFT JOIN menerima_desa m ON m.desa = l.desa AND m.pid = l.pid AND m.per = ps.per
),
elig AS (
  SELECT lv.tingkat, ${codeAtLevel('kode_desa')} AS kode_wilayah, kode_program, periode,
         sum(keluarga_layak)::BIGINT AS keluarga_layak, sum(layak_menerima)::BIGINT AS layak_menerima
  FROM elig_desa CROSS JOIN ${regionLevelsSql()}
  GROUP BY ALL
)
SELECT coalesce(p.tingkat, e.tingkat) AS tingkat, coalesce(p.kode_wilayah, e.kode_wilayah) AS kode_wilayah,
       coalesce(p.kode_program, e.kode_program) AS kode_program, coalesce(p.periode, e.periode) AS periode,
       coalesce(p.penerima, 0) AS penerima, coalesce(p.penerima_sesuai_desil, 0) AS penerima_sesuai_desil,
       coalesce(p.penerima_di_luar_desil, 0) AS penerima_di_luar_desil,
       coalesce(p.nilai_dibayar, 0) AS nilai_dibayar, coalesce(p.nilai_di_luar_desil, 0) AS nilai_di_luar_desil,
       coalesce(e.keluarga_layak, 0) AS keluarga_layak, coalesce(e.layak_menerima, 0) AS layak_menerima,
       coalesce(e.keluarga_layak - e.layak_menerima, 0) AS layak_tidak_menerima,
       round(100.0 * p.penerima_di_luar_desil / nullif(p.penerima, 0), 1) AS galat_inklusi,
       round(100.0 * (e.keluarga_layak - e.layak_menerima) / nullif(e.keluarga_layak, 0), 1) AS galat_eksklusi,
       round(100.0 * e.layak_menerima / nullif(e.keluarga_layak, 0), 1) AS cakupan,
       round(100.0 * p.nilai_di_luar_desil / nullif(p.nilai_dibayar, 0), 1) AS kebocoran,
       coalesce(p.dibayar_setelah_meninggal, 0) AS dibayar_setelah_meninggal,
       coalesce(p.nilai_setelah_meninggal, 0) AS nilai_setelah_meninggal,
       coalesce(p.nik_ganda, 0) AS nik_ganda, coalesce(p.belum_verval_2_tahun, 0) AS belum_verval_2_tahun,
       coalesce(p.status_tidak_aktif, 0) AS status_tidak_aktif, coalesce(p.multi_program, 0) AS multi_program
FROM paid p FULL OUTER JOIN elig e USING (tingkat, kode_wilayah, kode_program, periode);

CREATE OR REPLACE TABLE sasaran_mutu_data AS
WITH unregistered AS (
  SELECT pr.kode AS kode_program, ${periodText('r.per')} AS periode, count(*) AS penerima_tidak_terdaftar, sum(r.nilai)::BIGINT AS nilai_tidak_terdaftar
  FROM recipient r JOIN prog pr USING (pid) WHERE NOT r.terdaftar GROUP BY ALL
),
rejected AS (
  SELECT c.kode_program, ${periodText('u.per')} AS periode,
         count(*) AS baris_id_tidak_sah,
         count(*) FILTER (WHERE list_contains(list_transform(c._errors, e -> e.code), 'NIK_EXCEL')) AS baris_nik_excel
  FROM chk_payments c CROSS JOIN unnest([${quarterCode('c.periode')}, ${yearCode('c.periode')}]) AS u(per)
  WHERE c.kode_program IS NOT NULL AND c.periode IS NOT NULL
    AND len(list_filter(c._errors, e -> e.code IN ('NIK_EXCEL','NIK_LENGTH','NIK_REGION','NIK_BIRTHDATE','NIK_SERIAL','KK_FORMAT'))) > 0
  GROUP BY ALL
)
SELECT ps.kode_program, ps.periode,
       coalesce(u.penerima_tidak_terdaftar, 0) AS penerima_tidak_terdaftar,
       coalesce(u.nilai_tidak_terdaftar, 0) AS nilai_tidak_terdaftar,
       coalesce(r.baris_id_tidak_sah, 0) AS baris_id_tidak_sah,
       coalesce(r.baris_nik_excel, 0) AS baris_nik_excel
FROM (SELECT pr.kode AS kode_program, ${periodText('ps.per')} AS periode FROM periods ps JOIN prog pr USING (pid)
      UNION SELECT kode_program, periode FROM rejected) ps
LEFT JOIN unregistered u USING (kode_program, periode)
LEFT JOIN rejected r USING (kode_program, periode);

CREATE OR REPLACE TABLE sasaran_tumpang_tindih AS
-- Each family of family_multi once per pair of its programs (a family's desa is one, from hh):
-- no self-join of every recipient family and no second join to the register.
WITH program_pairs AS (
  SELECT a.kode AS program_a, b.kode AS program_b, a.bit | b.bit AS bits
  FROM prog a JOIN prog b ON a.kode < b.kode
),
pairs_n AS (
  SELECT f.desa, f.per, pp.program_a, pp.program_b, count(*) AS keluarga
  FROM family_multi f JOIN program_pairs pp ON f.programs & pp.bits = pp.bits
  GROUP BY ALL
),
pairs AS (
  SELECT ${desaText('desa')} AS kode_desa, ${periodText('per')} AS periode, program_a, program_b, keluarga FROM pairs_n
)
SELECT lv.tingkat, ${codeAtLevel('kode_desa')} AS kode_wilayah, periode, program_a, program_b, sum(keluarga)::BIGINT AS keluarga
FROM pairs CROSS JOIN ${regionLevelsSql('kecamatan')}
GROUP BY ALL;
`;

/** Paid payments per share of recipients in the quarterly aggregation (about what fits in 4 GB). */
export const DEFAULT_RECIPIENT_SLICE_ROWS = 12_000_000;

export const buildTargetingMetrics = async (
  db: Db,
  options: { asOf: string; sliceRows?: number; log?: (line: string) => void },
): Promise<PublishedTable[]> => {
  const run = (sql: string) => runStatements(db, sql, options.log);
  const [{ programs }] = (await db.all<{ programs: number }>('SELECT count(*) AS programs FROM clean_programs')) as [{ programs: number }];
  if (programs > 64) {
    // family_multi keeps a family's programs as bits of one 64-bit integer.
    throw new Error(`Daftar program memuat ${programs} program; paling banyak 64 / The program list has ${programs} programs; at most 64`);
  }
  await run(linkSql);
  const [{ paid }] = (await db.all<{ paid: number }>(`SELECT count(*) AS paid FROM clean_payments WHERE status = 'DIBAYAR'`)) as [{ paid: number }];
  const slices = Math.max(1, Math.ceil(paid / Math.max(1, options.sliceRows ?? DEFAULT_RECIPIENT_SLICE_ROWS)));
  for (let slice = 0; slice < slices; slice++) await run(recipientPeriodSql(slice, slices));
  await run(afterPeriodsSql(options.asOf));
  await run(eligibleSql(options.asOf));
  await run(tablesSql);
  // Free the per-recipient tables before the next stages; only the published tables stay.
  await db.run('DROP TABLE recipient; DROP TABLE eligible; DROP TABLE family_multi; DROP TABLE prog; DROP TABLE periods;');
  return TARGETING_TABLES;
};
