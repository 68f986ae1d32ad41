/**
 * Complaint-response statistics (docs/metrics-complaints.md): volumes per
 * month, time to first response and to resolution (Kaplan–Meier median and
 * P90 in working days, open cases censored at `asOf`), shares within the
 * category's deadline, backlog by age, referral flows and survival curves.
 *
 * Reads clean_complaints, clean_complaintCategories and clean_holidays;
 * creates the tables defined in COMPLAINT_TABLES. Everything is SQL;
 * JavaScript only strings the steps together.
 */
import type { Db } from '../db.ts';
import type { PublishedTable } from '../published-table.ts';
import { column, regionColumns } from './columns.ts';
import { kmCurveFromCountsSql, kmQuantilesSql } from './kaplan-meier.ts';
import { regionLevelsSql } from './regions-sql.ts';
import { WORKDAY_TABLE, createComplaintCalendar } from './working-days.ts';

/** Value of a category column in the row that totals all its values. */
export const ALL = 'SEMUA';
/** Value of a referral column when the case was not referred (a dash reads better than an empty cell). */
export const NONE = '-';
/** Backlog age buckets in working days: [column, lowest age, highest age]. */
export const BACKLOG_BUCKETS = [
  ['umur_0_5', 0, 5],
  ['umur_6_14', 6, 14],
  ['umur_15_60', 15, 60],
  ['umur_lebih_60', 61, null],
] as const;
/**
 * A case that came in through the women-and-children protection unit, or was
 * referred there, reveals violence whatever its category says.
 */
export const SENSITIVE_AGENCY = 'UPTD_PPA';

const REGION_LEVELS = regionLevelsSql();
const UPPER_LEVELS = regionLevelsSql('kabupaten');

// ── SQL steps ────────────────────────────────────────────────────────────────
// Cases are first summed per desa (a few rows per case at most); every higher
// level and the 'SEMUA' category are re-sums of those small desa rows.

/**
 * Desa-level rows repeated once per region level and, when `withAllCategories`,
 * once more under kategori 'SEMUA'.
 */
const byLevel = (source: string, levels = REGION_LEVELS, withAllCategories = true): string => `(
  SELECT lv.tingkat, left(s.kode_desa, lv.panjang) AS kode_wilayah,
         ${withAllCategories ? `unnest([s.kategori, '${ALL}'])` : 's.kategori'} AS kategori, s.* EXCLUDE (kode_desa, kategori)
  FROM ${source} s CROSS JOIN ${levels})`;

/** 'SEMUA' in the rows that CUBE/ROLLUP totals over `column`. */
const totalOr = (column: string) => `CASE WHEN grouping(${column}) = 1 THEN '${ALL}' ELSE ${column} END AS ${column}`;

/**
 * One row per case received on or before asOf, with its working-day times.
 * Anything dated after asOf has not happened yet as far as the release goes.
 * A case closed without a recorded first response counts as answered when closed.
 * `umur` is the age at asOf; the KM time of a case is its time to the event,
 * or its age when still waiting (censored). The deadline outcome is true
 * (within), false (late, or still waiting past the deadline) or NULL (still
 * waiting, deadline not yet passed: excluded from the share).
 */
const casesSql = (asOf: string, asOfIndex: number) => `
  CREATE OR REPLACE TEMP TABLE pengaduan_kasus_semua AS
  WITH base AS (
    SELECT c.saluran, c.kategori, c.kode_desa,
           c.diterima::DATE AS tgl_terima,
           CASE WHEN coalesce(c.respons_pertama, c.ditutup)::DATE <= DATE '${asOf}'
                THEN coalesce(c.respons_pertama, c.ditutup)::DATE END AS tgl_respons,
           CASE WHEN c.ditutup::DATE <= DATE '${asOf}' THEN c.ditutup::DATE END AS tgl_selesai,
           c.dirujuk_ke IS NOT NULL AND coalesce(c.dirujuk::DATE <= DATE '${asOf}', true) AS is_dirujuk,
           c.dirujuk_ke, c.dirujuk_lanjut_ke,
           coalesce(c.dibuka_kembali, false) AS is_dibuka_kembali,
           k.tenggat_respons_hari_kerja AS tenggat_respons,
           k.tenggat_selesai_hari_kerja AS tenggat_selesai,
           coalesce(k.sensitif, false) OR '${SENSITIVE_AGENCY}' IN (c.saluran, coalesce(c.dirujuk_ke, ''), coalesce(c.dirujuk_lanjut_ke, '')) AS is_sensitif
    FROM clean_complaints c
    LEFT JOIN clean_complaintCategories k ON k.kode = c.kategori
    WHERE c.diterima::DATE <= DATE '${asOf}'
  ),
  timed AS (
    SELECT b.*,
           r.workday_index - a.workday_index AS hk_respons,
           s.workday_index - a.workday_index AS hk_selesai,
           ${asOfIndex} - a.workday_index AS umur
    FROM base b
    JOIN ${WORKDAY_TABLE} a ON a.tanggal = b.tgl_terima
    LEFT JOIN ${WORKDAY_TABLE} r ON r.tanggal = b.tgl_respons
    LEFT JOIN ${WORKDAY_TABLE} s ON s.tanggal = b.tgl_selesai
  )
  SELECT saluran, kategori, kode_desa, is_sensitif,
         date_trunc('month', tgl_terima)::DATE AS bulan,
         year(tgl_terima)::INTEGER AS tahun,
         tgl_respons IS NOT NULL AS is_direspons,
         tgl_selesai IS NOT NULL AS is_selesai,
         is_dirujuk,
         CASE WHEN is_dirujuk THEN dirujuk_ke ELSE '${NONE}' END AS rujukan_1,
         CASE WHEN is_dirujuk THEN coalesce(dirujuk_lanjut_ke, '${NONE}') ELSE '${NONE}' END AS rujukan_2,
         is_dibuka_kembali AND tgl_selesai IS NOT NULL AS is_dibuka_kembali,
         tenggat_respons, tenggat_selesai, umur,
         coalesce(hk_respons, umur) AS t_respons,
         coalesce(hk_selesai, umur) AS t_selesai,
         CASE WHEN tgl_respons IS NOT NULL THEN hk_respons <= tenggat_respons
              WHEN umur > tenggat_respons THEN false END AS respons_tepat,
         CASE WHEN tgl_selesai IS NOT NULL THEN hk_selesai <= tenggat_selesai
              WHEN umur > tenggat_selesai THEN false END AS selesai_tepat
  FROM timed;
  -- Violence cases and anything through or to the women-and-children unit leave the
  -- regional tables entirely: they are published only in pengaduan_sensitif, per
  -- kabupaten. Keeping them inside 'SEMUA' totals below kabupaten would let a reader
  -- infer where such a case exists from the pattern of suppressed cells.
  CREATE OR REPLACE TEMP TABLE pengaduan_kasus AS SELECT * EXCLUDE (is_sensitif) FROM pengaduan_kasus_semua WHERE NOT is_sensitif`;

const sensitiveSql = `
  CREATE OR REPLACE TABLE pengaduan_sensitif AS
  SELECT lv.tingkat, left(k.kode_desa, lv.panjang) AS kode_wilayah, k.tahun,
         count(*) AS diterima,
         count(*) FILTER (WHERE k.is_selesai) AS selesai,
         count(*) FILTER (WHERE NOT k.is_selesai) AS terbuka,
         count(*) FILTER (WHERE k.selesai_tepat) AS selesai_dalam_tenggat,
         count(k.selesai_tepat) AS selesai_basis_tenggat,
         round(100.0 * count(*) FILTER (WHERE k.selesai_tepat) / nullif(count(k.selesai_tepat), 0), 2) AS persen_selesai_dalam_tenggat
  FROM pengaduan_kasus_semua k CROSS JOIN ${UPPER_LEVELS}
  WHERE k.is_sensitif
  GROUP BY ALL
  ORDER BY ALL`;

/** Per desa, kategori and year: the counts of pengaduan_waktu, and the KM event/censor counts per time. */
const desaSql = `
  CREATE OR REPLACE TEMP TABLE pengaduan_desa_waktu AS
  SELECT kode_desa, kategori, tahun,
         count(*) AS kasus,
         count(*) FILTER (WHERE is_direspons) AS direspons,
         count(*) FILTER (WHERE is_selesai) AS selesai,
         count(*) FILTER (WHERE respons_tepat) AS respons_dalam_tenggat,
         count(respons_tepat) AS respons_basis_tenggat,
         count(*) FILTER (WHERE selesai_tepat) AS selesai_dalam_tenggat,
         count(selesai_tepat) AS selesai_basis_tenggat,
         count(*) FILTER (WHERE is_dirujuk) AS dirujuk,
         count(*) FILTER (WHERE is_dibuka_kembali) AS dibuka_kembali
  FROM pengaduan_kasus GROUP BY ALL;
  CREATE OR REPLACE TEMP TABLE pengaduan_desa_t_respons AS
  SELECT kode_desa, kategori, tahun, t_respons AS t,
         count(*) FILTER (WHERE is_direspons) AS peristiwa, count(*) FILTER (WHERE NOT is_direspons) AS tersensor
  FROM pengaduan_kasus GROUP BY ALL;
  CREATE OR REPLACE TEMP TABLE pengaduan_desa_t_selesai AS
  SELECT kode_desa, kategori, tahun, t_selesai AS t,
         count(*) FILTER (WHERE is_selesai) AS peristiwa, count(*) FILTER (WHERE NOT is_selesai) AS tersensor
  FROM pengaduan_kasus GROUP BY ALL`;

const MONTHLY_COUNTS = ['diterima', 'direspons', 'selesai', 'terbuka', 'dirujuk', 'dibuka_kembali'];
/** Each level re-sums the level below it (already totalled over the dimension), so the work shrinks as it goes up. */
const upFrom = (below: string, level: string, length: number, dimension: string) => `
    SELECT '${level}' AS tingkat, left(kode_wilayah, ${length}) AS kode_wilayah, ${dimension}, bulan,
           ${MONTHLY_COUNTS.map((c) => `sum(${c})::BIGINT AS ${c}`).join(', ')}
    FROM ${below} GROUP BY ALL`;

/**
 * Monthly counts by one additive dimension (kategori, or saluran) with its
 * 'SEMUA' total, for kabupaten and provinsi. Below kabupaten a month holds a
 * handful of cases per desa and category: nearly every cell would be
 * suppressed, and each would tie the yearly figures of pengaduan_waktu into one
 * large system for the auditor. Desa and kecamatan read complaints by year
 * (pengaduan_waktu) and the open backlog (pengaduan_tunggakan).
 */
const monthlySql = (table: string, dimension: 'kategori' | 'saluran') => `
  CREATE OR REPLACE TABLE ${table} AS
  WITH desa AS MATERIALIZED (
    SELECT 'desa' AS tingkat, kode_desa AS kode_wilayah, ${totalOr(dimension)}, bulan,
           count(*) AS diterima,
           count(*) FILTER (WHERE is_direspons) AS direspons,
           count(*) FILTER (WHERE is_selesai) AS selesai,
           count(*) FILTER (WHERE NOT is_selesai) AS terbuka,
           count(*) FILTER (WHERE is_dirujuk) AS dirujuk,
           count(*) FILTER (WHERE is_dibuka_kembali) AS dibuka_kembali
    FROM pengaduan_kasus
    GROUP BY kode_desa, bulan, CUBE (${dimension})
  ),
  kecamatan AS MATERIALIZED (${upFrom('desa', 'kecamatan', 6, dimension)}),
  kabupaten AS MATERIALIZED (${upFrom('kecamatan', 'kabupaten', 4, dimension)}),
  provinsi AS (${upFrom('kabupaten', 'provinsi', 2, dimension)})
  SELECT * FROM provinsi UNION ALL SELECT * FROM kabupaten
  ORDER BY ALL`;

const pct = (part: string, whole: string) => `round(100.0 * ${part} / nullif(${whole}, 0), 2)`;
const GROUP = ['tingkat', 'kode_wilayah', 'kategori', 'tahun'];
const WAKTU_COUNTS = [
  'kasus', 'direspons', 'selesai', 'respons_dalam_tenggat', 'respons_basis_tenggat',
  'selesai_dalam_tenggat', 'selesai_basis_tenggat', 'dirujuk', 'dibuka_kembali',
];
const kmCounts = (source: string) => ({ source: byLevel(source), groupBy: GROUP, time: 't', events: 'peristiwa', censored: 'tersensor' });

const timesSql = `
  CREATE OR REPLACE TABLE pengaduan_waktu AS
  WITH counts AS (
    SELECT tingkat, kode_wilayah, kategori, tahun, ${WAKTU_COUNTS.map((c) => `sum(${c})::BIGINT AS ${c}`).join(', ')}
    FROM ${byLevel('pengaduan_desa_waktu')}
    GROUP BY ALL
  ),
  km_respons AS (${kmQuantilesSql(kmCounts('pengaduan_desa_t_respons'))}),
  km_selesai AS (${kmQuantilesSql(kmCounts('pengaduan_desa_t_selesai'))})
  SELECT c.tingkat, c.kode_wilayah, c.kategori, c.tahun,
         c.kasus, c.direspons, c.selesai,
         r.median AS respons_median_hari_kerja, r.p90 AS respons_p90_hari_kerja, r.teramati_maks AS respons_teramati_maks,
         s.median AS selesai_median_hari_kerja, s.p90 AS selesai_p90_hari_kerja, s.teramati_maks AS selesai_teramati_maks,
         c.respons_dalam_tenggat, c.respons_basis_tenggat,
         ${pct('c.respons_dalam_tenggat', 'c.respons_basis_tenggat')} AS persen_respons_dalam_tenggat,
         c.selesai_dalam_tenggat, c.selesai_basis_tenggat,
         ${pct('c.selesai_dalam_tenggat', 'c.selesai_basis_tenggat')} AS persen_selesai_dalam_tenggat,
         c.dirujuk, ${pct('c.dirujuk', 'c.kasus')} AS persen_dirujuk,
         c.dibuka_kembali, ${pct('c.dibuka_kembali', 'c.selesai')} AS persen_dibuka_kembali
  FROM counts c
  JOIN km_respons r USING (tingkat, kode_wilayah, kategori, tahun)
  JOIN km_selesai s USING (tingkat, kode_wilayah, kategori, tahun)
  ORDER BY ALL`;

const bucketSql = BACKLOG_BUCKETS.map(
  ([name, lo, hi]) => `count(*) FILTER (WHERE umur >= ${lo}${hi === null ? '' : ` AND umur <= ${hi}`}) AS ${name}`,
).join(',\n         ');

/** Open cases are few compared with all cases: expanded per level directly. */
const backlogSql = `
  CREATE OR REPLACE TABLE pengaduan_tunggakan AS
  SELECT tingkat, kode_wilayah, ${totalOr('kategori')},
         count(*) AS terbuka,
         ${bucketSql},
         count(*) FILTER (WHERE NOT is_direspons AND umur > tenggat_respons) AS lewat_tenggat_respons,
         count(*) FILTER (WHERE umur > tenggat_selesai) AS lewat_tenggat_selesai
  FROM ${byLevel('(SELECT * FROM pengaduan_kasus WHERE NOT is_selesai)', REGION_LEVELS, false)}
  GROUP BY tingkat, kode_wilayah, CUBE (kategori)
  ORDER BY ALL`;

/**
 * Referral paths (channel → first agency → onward agency) as one additive
 * dimension, `alur`, with a 'SEMUA' total per region and year: a path is a
 * category, so disclosure control guards one relation, not three crossed ones.
 */
const referralsSql = `
  CREATE OR REPLACE TABLE pengaduan_rujukan AS
  WITH desa AS (
    SELECT kode_desa, tahun, saluran || ' > ' || rujukan_1 || ' > ' || rujukan_2 AS alur,
           count(*) AS kasus, count(*) FILTER (WHERE is_selesai) AS selesai
    FROM pengaduan_kasus GROUP BY ALL
  ),
  flows AS (
    SELECT lv.tingkat, left(d.kode_desa, lv.panjang) AS kode_wilayah, d.tahun, ${totalOr('alur')},
           sum(d.kasus)::BIGINT AS kasus, sum(d.selesai)::BIGINT AS selesai
    FROM desa d CROSS JOIN ${UPPER_LEVELS}
    GROUP BY lv.tingkat, left(d.kode_desa, lv.panjang), d.tahun, CUBE (alur)
  )
  SELECT tingkat, kode_wilayah, tahun, alur,
         CASE WHEN alur = '${ALL}' THEN '${ALL}' ELSE split_part(alur, ' > ', 1) END AS saluran,
         CASE WHEN alur = '${ALL}' THEN '${ALL}' ELSE split_part(alur, ' > ', 2) END AS dirujuk_ke,
         CASE WHEN alur = '${ALL}' THEN '${ALL}' ELSE split_part(alur, ' > ', 3) END AS dirujuk_lanjut_ke,
         kasus, selesai,
         ${pct('kasus', `sum(kasus) FILTER (WHERE alur = '${ALL}') OVER total`)} AS persen_kasus
  FROM flows
  WINDOW total AS (PARTITION BY tingkat, kode_wilayah, tahun)
  ORDER BY ALL`;

/** A Kaplan–Meier curve at event times, plus each group's last observed time so the chart knows where it ends. */
const curveSql = (table: string, source: string, percentColumn: string) => `
  CREATE OR REPLACE TABLE ${table} AS
  WITH curve AS (${kmCurveFromCountsSql({ ...kmCounts(source), source: byLevel(source, UPPER_LEVELS) })})
  SELECT tingkat, kode_wilayah, kategori, tahun, t AS hari_kerja,
         max(n_risiko) OVER (PARTITION BY tingkat, kode_wilayah, kategori, tahun) AS kasus,
         round(100 * s, 4) AS ${percentColumn}
  FROM curve
  QUALIFY peristiwa > 0 OR t = max(t) OVER (PARTITION BY tingkat, kode_wilayah, kategori, tahun)
  ORDER BY ALL`;

const TEMP_TABLES = ['pengaduan_kasus_semua', 'pengaduan_kasus', 'pengaduan_desa_waktu', 'pengaduan_desa_t_respons', 'pengaduan_desa_t_selesai'];

export interface ComplaintMetricsOptions {
  /** The data's reference date, 'YYYY-MM-DD': open cases are censored at it. */
  asOf: string;
  /** Called after each SQL step with its name and duration (for the build log and benchmarks). */
  onStep?: (step: string, ms: number) => void;
}

/** Builds every complaint table and returns their published definitions. */
export async function buildComplaintMetrics(db: Db, options: ComplaintMetricsOptions): Promise<PublishedTable[]> {
  const { asOf } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`asOf must be YYYY-MM-DD, got "${asOf}"`);
  await createComplaintCalendar(db, asOf);
  const [asOfRow] = await db.all<{ i: number }>(`SELECT workday_index AS i FROM ${WORKDAY_TABLE} WHERE tanggal = DATE '${asOf}'`);
  const steps = {
    kasus: casesSql(asOf, asOfRow!.i),
    desa: desaSql,
    pengaduan_bulanan: monthlySql('pengaduan_bulanan', 'kategori'),
    pengaduan_saluran: monthlySql('pengaduan_saluran', 'saluran'),
    pengaduan_waktu: timesSql,
    pengaduan_tunggakan: backlogSql,
    pengaduan_rujukan: referralsSql,
    pengaduan_km: curveSql('pengaduan_km', 'pengaduan_desa_t_selesai', 'persen_belum_selesai'),
    pengaduan_km_respons: curveSql('pengaduan_km_respons', 'pengaduan_desa_t_respons', 'persen_belum_direspons'),
    pengaduan_sensitif: sensitiveSql,
  };
  for (const [step, sql] of Object.entries(steps)) {
    const started = performance.now();
    await db.run(sql);
    options.onStep?.(step, performance.now() - started);
  }
  await db.run(TEMP_TABLES.map((t) => `DROP TABLE ${t};`).join('\n'));
  return COMPLAINT_TABLES;
}

// ── Published definitions ─────────────────────────────────────────────────────

const col = column;
const cases = (name: string, id: string, en: string) => col(name, 'integer', id, en, 'kasus');
const percent = (name: string, id: string, en: string) => col(name, 'number', id, en, '%');
const days = (name: string, id: string, en: string) => col(name, 'integer', id, en, 'hari kerja');

const CATEGORY_COLUMN = col(
  'kategori',
  'string',
  `Kategori pengaduan; '${ALL}' = semua kategori`,
  `Complaint category; '${ALL}' = all categories`,
);
const YEAR_COLUMN = col('tahun', 'integer', 'Tahun pengaduan diterima', 'Year the complaint was received');
/** Sensitive rows use the build's sensitive threshold (TERANG_SENSITIVE_K, default 20; DOMAIN.md: stricter than k). */
const sensitive = (where: string) => ({ where, minLevel: 'kabupaten' as const });

const monthlyColumns = [
  col('bulan', 'date', 'Bulan pengaduan diterima (tanggal 1)', 'Month the complaint was received (first day)'),
  cases('diterima', 'Pengaduan yang diterima pada bulan itu', 'Complaints received in the month'),
  cases('direspons', 'Di antaranya yang sudah mendapat tanggapan pertama', 'Of these, those that got a first response'),
  cases('selesai', 'Di antaranya yang sudah ditutup', 'Of these, those closed'),
  cases('terbuka', 'Di antaranya yang masih terbuka pada tanggal data', 'Of these, those still open at the reference date'),
  cases('dirujuk', 'Di antaranya yang dirujuk ke lembaga lain', 'Of these, those referred to another agency'),
  cases('dibuka_kembali', 'Di antaranya yang ditutup dan pernah dibuka kembali', 'Of these, closed cases that had been reopened'),
];
const monthlyDisclosure = (dimension: string) => ({
  counts: ['diterima', 'direspons', 'selesai', 'terbuka', 'dirujuk', 'dibuka_kembali'],
  rowSums: [{ total: 'diterima', parts: ['selesai', 'terbuka'] }],
  bounds: [
    { part: 'direspons', whole: 'diterima' },
    { part: 'dirujuk', whole: 'diterima' },
    { part: 'dibuka_kembali', whole: 'selesai' },
  ],
  category: { column: dimension, total: ALL },
  slice: ['bulan'],
  hierarchy: true,
});

export const PENGADUAN_BULANAN: PublishedTable = {
  name: 'pengaduan_bulanan',
  title: { id: 'Pengaduan per bulan dan kategori', en: 'Complaints per month and category' },
  description: {
    id: 'Pengaduan menurut bulan diterima, kabupaten/kota atau provinsi dan kategori, dengan status penanganannya pada tanggal data.',
    en: 'Complaints by month received, kabupaten/kota or province and category, with their handling status at the reference date.',
  },
  columns: [...regionColumns, CATEGORY_COLUMN, ...monthlyColumns],
  key: ['tingkat', 'kode_wilayah', 'kategori', 'bulan'],
  disclosure: monthlyDisclosure('kategori'),
};

export const PENGADUAN_SALURAN: PublishedTable = {
  name: 'pengaduan_saluran',
  title: { id: 'Pengaduan per bulan dan saluran', en: 'Complaints per month and channel' },
  description: {
    id: 'Pengaduan menurut bulan diterima, kabupaten/kota atau provinsi dan saluran (Puskesos, SLRT, SP4N-LAPOR!, hotline, datang langsung, UPTD PPA).',
    en: 'Complaints by month received, kabupaten/kota or province and channel (Puskesos, SLRT, SP4N-LAPOR!, hotline, walk-in, UPTD PPA).',
  },
  columns: [...regionColumns, col('saluran', 'string', `Saluran pengaduan; '${ALL}' = semua saluran`, `Channel; '${ALL}' = all channels`), ...monthlyColumns],
  key: ['tingkat', 'kode_wilayah', 'saluran', 'bulan'],
  disclosure: monthlyDisclosure('saluran'),
};

export const PENGADUAN_WAKTU: PublishedTable = {
  name: 'pengaduan_waktu',
  title: { id: 'Kecepatan penanganan pengaduan', en: 'Complaint handling times' },
  description: {
    id: 'Waktu sampai tanggapan pertama dan sampai selesai (median dan P90 Kaplan–Meier, hari kerja; kasus terbuka dihitung sebagai tersensor), dan persentase dalam tenggat, per tahun diterima.',
    en: 'Working days to first response and to resolution (Kaplan–Meier median and P90; open cases censored), and shares within the deadline, by year received.',
  },
  columns: [
    ...regionColumns,
    CATEGORY_COLUMN,
    YEAR_COLUMN,
    cases('kasus', 'Pengaduan yang diterima', 'Complaints received'),
    cases('direspons', 'Di antaranya yang sudah ditanggapi', 'Of these, those that got a first response'),
    cases('selesai', 'Di antaranya yang sudah ditutup', 'Of these, those closed'),
    days('respons_median_hari_kerja', 'Median hari kerja sampai tanggapan pertama; kosong bila belum tercapai', 'Median working days to first response; empty when not reached'),
    days('respons_p90_hari_kerja', '90% kasus sudah ditanggapi dalam sekian hari kerja; kosong bila belum tercapai', '90% of cases got a first response within this many working days; empty when not reached'),
    days('respons_teramati_maks', 'Waktu terpanjang yang teramati (untuk "lebih dari X hari kerja")', 'Longest time observed (for "more than X working days")'),
    days('selesai_median_hari_kerja', 'Median hari kerja sampai selesai; kosong bila belum tercapai', 'Median working days to resolution; empty when not reached'),
    days('selesai_p90_hari_kerja', '90% kasus selesai dalam sekian hari kerja; kosong bila belum tercapai', '90% of cases were resolved within this many working days; empty when not reached'),
    days('selesai_teramati_maks', 'Waktu terpanjang yang teramati (untuk "lebih dari X hari kerja")', 'Longest time observed (for "more than X working days")'),
    cases('respons_dalam_tenggat', 'Kasus yang ditanggapi dalam tenggat kategorinya', 'Cases answered within their category deadline'),
    cases('respons_basis_tenggat', 'Dasar persentase: kasus yang sudah ditanggapi ditambah yang belum ditanggapi dan sudah lewat tenggat', 'Basis: answered cases plus unanswered cases already past the deadline'),
    percent('persen_respons_dalam_tenggat', 'Persentase ditanggapi dalam tenggat', 'Share answered within the deadline'),
    cases('selesai_dalam_tenggat', 'Kasus yang selesai dalam tenggat kategorinya', 'Cases resolved within their category deadline'),
    cases('selesai_basis_tenggat', 'Dasar persentase: kasus selesai ditambah kasus terbuka yang sudah lewat tenggat', 'Basis: closed cases plus open cases already past the deadline'),
    percent('persen_selesai_dalam_tenggat', 'Persentase selesai dalam tenggat', 'Share resolved within the deadline'),
    cases('dirujuk', 'Kasus yang dirujuk ke lembaga lain', 'Cases referred to another agency'),
    percent('persen_dirujuk', 'Persentase kasus yang dirujuk', 'Referral rate'),
    cases('dibuka_kembali', 'Kasus selesai yang pernah dibuka kembali', 'Closed cases that had been reopened'),
    percent('persen_dibuka_kembali', 'Persentase kasus selesai yang dibuka kembali', 'Reopen rate among closed cases'),
  ],
  key: ['tingkat', 'kode_wilayah', 'kategori', 'tahun'],
  disclosure: {
    counts: ['kasus', 'direspons', 'selesai', 'respons_dalam_tenggat', 'respons_basis_tenggat', 'selesai_dalam_tenggat', 'selesai_basis_tenggat', 'dirujuk', 'dibuka_kembali'],
    category: { column: 'kategori', total: ALL },
    slice: ['tahun'],
    derived: [
      { column: 'respons_median_hari_kerja', basis: 'kasus' },
      { column: 'respons_p90_hari_kerja', basis: 'kasus' },
      { column: 'respons_teramati_maks', basis: 'kasus' },
      { column: 'selesai_median_hari_kerja', basis: 'kasus' },
      { column: 'selesai_p90_hari_kerja', basis: 'kasus' },
      { column: 'selesai_teramati_maks', basis: 'kasus' },
    ],
    shares: [
      { column: 'persen_respons_dalam_tenggat', numerator: 'respons_dalam_tenggat', base: 'respons_basis_tenggat', decimals: 2 },
      { column: 'persen_selesai_dalam_tenggat', numerator: 'selesai_dalam_tenggat', base: 'selesai_basis_tenggat', decimals: 2 },
      { column: 'persen_dirujuk', numerator: 'dirujuk', base: 'kasus', decimals: 2 },
      { column: 'persen_dibuka_kembali', numerator: 'dibuka_kembali', base: 'selesai', decimals: 2 },
    ],
    bounds: [
      { part: 'direspons', whole: 'kasus' },
      { part: 'selesai', whole: 'kasus' },
      { part: 'respons_dalam_tenggat', whole: 'respons_basis_tenggat' },
      { part: 'respons_basis_tenggat', whole: 'kasus' },
      { part: 'respons_dalam_tenggat', whole: 'direspons' },
      { part: 'selesai_dalam_tenggat', whole: 'selesai_basis_tenggat' },
      { part: 'selesai_basis_tenggat', whole: 'kasus' },
      { part: 'selesai_dalam_tenggat', whole: 'selesai' },
      { part: 'dirujuk', whole: 'kasus' },
      { part: 'dibuka_kembali', whole: 'selesai' },
    ],
    hierarchy: true,
  },
};

export const PENGADUAN_TUNGGAKAN: PublishedTable = {
  name: 'pengaduan_tunggakan',
  title: { id: 'Tunggakan pengaduan menurut umur', en: 'Complaint backlog by age' },
  description: {
    id: 'Pengaduan yang masih terbuka pada tanggal data, menurut umur dalam hari kerja sejak diterima.',
    en: 'Complaints still open at the reference date, by age in working days since receipt.',
  },
  columns: [
    ...regionColumns,
    CATEGORY_COLUMN,
    cases('terbuka', 'Pengaduan yang masih terbuka', 'Complaints still open'),
    cases('umur_0_5', 'Berumur 0–5 hari kerja', 'Aged 0–5 working days'),
    cases('umur_6_14', 'Berumur 6–14 hari kerja', 'Aged 6–14 working days'),
    cases('umur_15_60', 'Berumur 15–60 hari kerja', 'Aged 15–60 working days'),
    cases('umur_lebih_60', 'Berumur lebih dari 60 hari kerja', 'Aged more than 60 working days'),
    cases('lewat_tenggat_respons', 'Belum ditanggapi dan sudah lewat tenggat tanggapan', 'Not yet answered and past the response deadline'),
    cases('lewat_tenggat_selesai', 'Sudah lewat tenggat penyelesaian', 'Past the resolution deadline'),
  ],
  key: ['tingkat', 'kode_wilayah', 'kategori'],
  disclosure: {
    counts: ['terbuka', ...BACKLOG_BUCKETS.map(([name]) => name), 'lewat_tenggat_respons', 'lewat_tenggat_selesai'],
    rowSums: [{ total: 'terbuka', parts: BACKLOG_BUCKETS.map(([name]) => name) }],
    bounds: [
      { part: 'lewat_tenggat_respons', whole: 'terbuka' },
      { part: 'lewat_tenggat_selesai', whole: 'terbuka' },
    ],
    category: { column: 'kategori', total: ALL },
    slice: [],
    hierarchy: true,
  },
};

export const PENGADUAN_RUJUKAN: PublishedTable = {
  name: 'pengaduan_rujukan',
  title: { id: 'Alur rujukan pengaduan', en: 'Complaint referral flows' },
  description: {
    id: `Alur saluran → lembaga rujukan pertama → rujukan lanjutan, per provinsi dan kabupaten/kota dan tahun diterima. '${NONE}' = tidak dirujuk (ditangani di tempat); alur '${ALL}' = semua pengaduan.`,
    en: `Paths channel → first referral agency → onward referral, by province, kabupaten/kota and year received. '${NONE}' = not referred (handled locally); path '${ALL}' = all complaints.`,
  },
  columns: [
    ...regionColumns,
    YEAR_COLUMN,
    col('alur', 'string', `Alur 'saluran > rujukan > rujukan lanjutan'; '${ALL}' = semua`, `Path 'channel > referral > onward referral'; '${ALL}' = all`),
    col('saluran', 'string', 'Saluran pengaduan (bagian pertama alur)', 'Channel (first part of the path)'),
    col('dirujuk_ke', 'string', `Lembaga rujukan pertama; '${NONE}' = tidak dirujuk`, `First referral agency; '${NONE}' = not referred`),
    col('dirujuk_lanjut_ke', 'string', `Lembaga rujukan lanjutan; '${NONE}' = tidak ada`, `Onward referral agency; '${NONE}' = none`),
    cases('kasus', 'Pengaduan pada alur ini', 'Complaints on this path'),
    cases('selesai', 'Di antaranya yang sudah ditutup', 'Of these, those closed'),
    percent('persen_kasus', 'Persentase dari semua pengaduan wilayah dan tahun itu', 'Share of all complaints of the region and year'),
  ],
  key: ['tingkat', 'kode_wilayah', 'tahun', 'alur'],
  disclosure: {
    counts: ['kasus', 'selesai'],
    category: { column: 'alur', total: ALL },
    slice: ['tahun'],
    shares: [{ column: 'persen_kasus', numerator: 'kasus', base: 'kasus', baseRow: 'categoryTotal', decimals: 2 }],
    bounds: [{ part: 'selesai', whole: 'kasus' }],
    hierarchy: true,
  },
};

export const PENGADUAN_KM: PublishedTable = {
  name: 'pengaduan_km',
  title: { id: 'Kurva penyelesaian pengaduan (Kaplan–Meier)', en: 'Complaint resolution curve (Kaplan–Meier)' },
  description: {
    id: 'Persentase kasus yang belum selesai setelah t hari kerja, per provinsi, kabupaten/kota, kategori dan tahun; hanya titik saat ada kasus selesai, ditambah waktu terakhir yang teramati. Sebelum baris pertama nilainya 100%.',
    en: 'Share of cases not yet resolved after t working days, by province, kabupaten/kota, category and year; only the times at which cases were closed, plus the last time observed. Before the first row the value is 100%.',
  },
  columns: [
    ...regionColumns,
    CATEGORY_COLUMN,
    YEAR_COLUMN,
    days('hari_kerja', 'Hari kerja sejak diterima (t)', 'Working days since receipt (t)'),
    cases('kasus', 'Kasus dalam kelompok ini (sama di setiap baris kelompok)', 'Cases in this group (the same on every row of the group)'),
    percent('persen_belum_selesai', 'Perkiraan Kaplan–Meier S(t) × 100', 'Kaplan–Meier estimate S(t) × 100'),
  ],
  key: ['tingkat', 'kode_wilayah', 'kategori', 'tahun', 'hari_kerja'],
  disclosure: {
    // The curve is published only for groups of at least k cases; counts per time point are not published.
    counts: ['kasus'],
    slice: ['kategori', 'tahun', 'hari_kerja'],
    derived: [{ column: 'persen_belum_selesai', basis: 'kasus' }],
    curveOf: { table: 'pengaduan_waktu', group: ['tingkat', 'kode_wilayah', 'kategori', 'tahun'], counts: ['kasus', 'selesai', 'selesai_dalam_tenggat', 'selesai_basis_tenggat'] },
    // Points are thinned to each group's own event times, so regions do not add up row by row.
    hierarchy: false,
  },
};

export const PENGADUAN_KM_RESPONS: PublishedTable = {
  name: 'pengaduan_km_respons',
  title: { id: 'Kurva tanggapan pertama pengaduan (Kaplan–Meier)', en: 'Complaint first-response curve (Kaplan–Meier)' },
  description: {
    id: 'Persentase kasus yang belum mendapat tanggapan pertama setelah t hari kerja, per provinsi, kabupaten/kota, kategori dan tahun; hanya titik saat ada kasus ditanggapi, ditambah waktu terakhir yang teramati. Sebelum baris pertama nilainya 100%.',
    en: 'Share of cases without a first response after t working days, by province, kabupaten/kota, category and year; only the times at which cases got a first response, plus the last time observed. Before the first row the value is 100%.',
  },
  columns: [
    ...regionColumns,
    CATEGORY_COLUMN,
    YEAR_COLUMN,
    days('hari_kerja', 'Hari kerja sejak diterima (t)', 'Working days since receipt (t)'),
    cases('kasus', 'Kasus dalam kelompok ini (sama di setiap baris kelompok)', 'Cases in this group (the same on every row of the group)'),
    percent('persen_belum_direspons', 'Perkiraan Kaplan–Meier S(t) × 100: belum ditanggapi', 'Kaplan–Meier estimate S(t) × 100: not yet responded to'),
  ],
  key: ['tingkat', 'kode_wilayah', 'kategori', 'tahun', 'hari_kerja'],
  disclosure: {
    counts: ['kasus'],
    slice: ['kategori', 'tahun', 'hari_kerja'],
    derived: [{ column: 'persen_belum_direspons', basis: 'kasus' }],
    curveOf: { table: 'pengaduan_waktu', group: ['tingkat', 'kode_wilayah', 'kategori', 'tahun'], counts: ['kasus', 'direspons', 'respons_dalam_tenggat', 'respons_basis_tenggat'] },
    hierarchy: false,
  },
};

export const PENGADUAN_SENSITIF: PublishedTable = {
  name: 'pengaduan_sensitif',
  title: { id: 'Pengaduan sensitif (tingkat kabupaten)', en: 'Sensitive complaints (kabupaten level)' },
  description: {
    id: 'Pengaduan kekerasan terhadap perempuan dan anak, dan setiap kasus yang masuk lewat atau dirujuk ke UPTD PPA, hanya per kabupaten/kota dan provinsi dengan ambang lebih tinggi. Kasus ini tidak dihitung di tabel pengaduan lain.',
    en: 'Complaints of violence against women and children, and every case received through or referred to the UPTD PPA, only per kabupaten/kota and province with a higher threshold. These cases are not counted in the other complaint tables.',
  },
  columns: [
    ...regionColumns,
    YEAR_COLUMN,
    cases('diterima', 'Pengaduan yang diterima', 'Complaints received'),
    cases('selesai', 'Di antaranya yang sudah ditutup', 'Of these, those closed'),
    cases('terbuka', 'Di antaranya yang masih terbuka', 'Of these, those still open'),
    cases('selesai_dalam_tenggat', 'Selesai dalam tenggat kategorinya', 'Resolved within their category deadline'),
    cases('selesai_basis_tenggat', 'Dasar persentase: selesai ditambah terbuka yang lewat tenggat', 'Basis: closed plus open past the deadline'),
    percent('persen_selesai_dalam_tenggat', 'Persentase selesai dalam tenggat', 'Share resolved within the deadline'),
  ],
  key: ['tingkat', 'kode_wilayah', 'tahun'],
  disclosure: {
    counts: ['diterima', 'selesai', 'terbuka', 'selesai_dalam_tenggat', 'selesai_basis_tenggat'],
    rowSums: [{ total: 'diterima', parts: ['selesai', 'terbuka'] }],
    shares: [{ column: 'persen_selesai_dalam_tenggat', numerator: 'selesai_dalam_tenggat', base: 'selesai_basis_tenggat', decimals: 2 }],
    bounds: [
      { part: 'selesai_dalam_tenggat', whole: 'selesai_basis_tenggat' },
      { part: 'selesai_basis_tenggat', whole: 'diterima' },
      { part: 'selesai_dalam_tenggat', whole: 'selesai' },
    ],
    slice: ['tahun'],
    sensitive: sensitive('true'),
    hierarchy: true,
  },
};

export const COMPLAINT_TABLES: PublishedTable[] = [PENGADUAN_BULANAN, PENGADUAN_SALURAN, PENGADUAN_WAKTU, PENGADUAN_TUNGGAKAN, PENGADUAN_RUJUKAN, PENGADUAN_KM, PENGADUAN_KM_RESPONS, PENGADUAN_SENSITIF];
