/**
 * Poverty and registry tables: families and people by desil, verval status
 * and recency, PPKS by category. Definitions in docs/methodology.md.
 */
import type { Db } from '../db.ts';
import type { PublishedTable } from '../published-table.ts';
import { regionColumns, type Metric } from './columns.ts';
import { codeAtLevel, regionLevelsSql } from './regions-sql.ts';

/** Families are counted once, by KK; a KK exported twice keeps its most recently verified row. */
export const HOUSEHOLDS_SQL = `
CREATE OR REPLACE TABLE hh AS
SELECT * EXCLUDE (rn) FROM (
  SELECT *, row_number() OVER (PARTITION BY no_kk_h ORDER BY tanggal_verval DESC NULLS LAST, _file, _row) AS rn
  FROM clean_households
) WHERE rn = 1`;

const keluargaDesil: PublishedTable = {
  name: 'keluarga_desil',
  title: { id: 'Keluarga dan jiwa menurut desil', en: 'Families and people by desil' },
  description: {
    id: 'Keluarga berstatus AKTIF dalam DTSEN dan jumlah anggotanya, per desil dan wilayah, pada tanggal data.',
    en: 'Families with status AKTIF in DTSEN and their members, by desil and region, at the data date.',
  },
  columns: [
    ...regionColumns,
    { name: 'desil', type: 'string', description: { id: "Desil 1–10, atau 'SEMUA'", en: "Desil 1–10, or 'SEMUA' (all)" } },
    { name: 'keluarga', type: 'integer', unit: 'keluarga', description: { id: 'Jumlah keluarga', en: 'Families' } },
    { name: 'jiwa', type: 'integer', unit: 'jiwa', description: { id: 'Jumlah anggota keluarga', en: 'People in those families' } },
  ],
  key: ['tingkat', 'kode_wilayah', 'desil'],
  disclosure: {
    counts: ['keluarga', 'jiwa'],
    category: { column: 'desil', total: 'SEMUA' },
    bounds: [{ part: 'keluarga', whole: 'jiwa' }],
    slice: [],
    hierarchy: true,
  },
};

const vervalStatus: PublishedTable = {
  name: 'verval_status',
  title: { id: 'Status verval keluarga', en: 'Verification status of families' },
  description: {
    id: 'Semua keluarga dalam register menurut status verval terakhir; MENGUNDURKAN_DIRI adalah pengunduran diri sukarela (graduasi).',
    en: 'All families in the register by their latest verval status; MENGUNDURKAN_DIRI is voluntary withdrawal (graduation).',
  },
  columns: [
    ...regionColumns,
    { name: 'status_verval', type: 'string', description: { id: "Status verval, atau 'SEMUA'", en: "Verval status, or 'SEMUA' (all)" } },
    { name: 'keluarga', type: 'integer', unit: 'keluarga', description: { id: 'Jumlah keluarga', en: 'Families' } },
  ],
  key: ['tingkat', 'kode_wilayah', 'status_verval'],
  disclosure: { counts: ['keluarga'], category: { column: 'status_verval', total: 'SEMUA' }, slice: [], hierarchy: true },
};

const vervalRecency: PublishedTable = {
  name: 'verval_kemutakhiran',
  title: { id: 'Kemutakhiran verval', en: 'How recent the verification is' },
  description: {
    id: 'Keluarga yang diverval dalam dua tahun terakhir (kewajiban undang-undang) dan yang belum, termasuk yang belum pernah diverval.',
    en: 'Families verified within the last two years (the legal minimum) and those not, including never verified.',
  },
  columns: [
    ...regionColumns,
    { name: 'keluarga', type: 'integer', unit: 'keluarga', description: { id: 'Semua keluarga dalam register', en: 'All families in the register' } },
    { name: 'diverval_2_tahun', type: 'integer', unit: 'keluarga', description: { id: 'Diverval dalam 24 bulan sebelum tanggal data', en: 'Verified in the 24 months before the data date' } },
    { name: 'belum_verval_2_tahun', type: 'integer', unit: 'keluarga', description: { id: 'Verval terakhir lebih dari 24 bulan lalu atau belum pernah', en: 'Last verified more than 24 months ago, or never' } },
    { name: 'persen_diverval_2_tahun', type: 'number', unit: '%', description: { id: 'diverval_2_tahun / keluarga × 100', en: 'diverval_2_tahun / keluarga × 100' } },
  ],
  key: ['tingkat', 'kode_wilayah'],
  disclosure: {
    counts: ['keluarga', 'diverval_2_tahun', 'belum_verval_2_tahun'],
    rowSums: [{ total: 'keluarga', parts: ['diverval_2_tahun', 'belum_verval_2_tahun'] }],
    shares: [{ column: 'persen_diverval_2_tahun', numerator: 'diverval_2_tahun', base: 'keluarga', decimals: 1 }],
    slice: [],
    hierarchy: true,
  },
};

const PPKS_BOUNDS = [
  { part: 'tanpa_nik', whole: 'orang' },
  { part: 'nik_terbit', whole: 'orang' },
];

const ppksColumns = (categoryNote: Metric['description']) => [
  ...regionColumns,
  { name: 'kategori', type: 'string' as const, description: categoryNote },
  { name: 'orang', type: 'integer' as const, unit: 'orang', description: { id: 'Orang dalam register PPKS', en: 'People in the PPKS register' } },
  { name: 'tanpa_nik', type: 'integer' as const, unit: 'orang', description: { id: 'Dicatat tanpa NIK', en: 'Registered without a NIK' } },
  { name: 'nik_terbit', type: 'integer' as const, unit: 'orang', description: { id: 'Mendapat NIK lewat jemput bola', en: 'Given a NIK through outreach' } },
];

const ppksKategori: PublishedTable = {
  name: 'ppks_kategori',
  title: { id: 'PPKS menurut kategori', en: 'PPKS by category' },
  description: {
    id: "Orang dalam register PPKS per kategori tidak sensitif dan wilayah; 'SEMUA' = jumlah kategori tidak sensitif. Kategori sensitif ada di ppks_sensitif (tingkat kabupaten).",
    en: "People in the PPKS register by non-sensitive category and region; 'SEMUA' = all non-sensitive categories. Sensitive categories are in ppks_sensitif (kabupaten level).",
  },
  columns: ppksColumns({ id: "Nomor kategori PPKS (1–26), atau 'SEMUA'", en: "PPKS category number (1–26), or 'SEMUA'" }),
  key: ['tingkat', 'kode_wilayah', 'kategori'],
  disclosure: { counts: ['orang', 'tanpa_nik', 'nik_terbit'], category: { column: 'kategori', total: 'SEMUA' }, bounds: PPKS_BOUNDS, slice: [], hierarchy: true },
};

const ppksSensitif: PublishedTable = {
  name: 'ppks_sensitif',
  title: { id: 'PPKS kategori sensitif (tingkat kabupaten)', en: 'PPKS sensitive categories (kabupaten level)' },
  description: {
    id: "Kategori sensitif (mis. HIV/AIDS, korban kekerasan, trafficking) hanya per kabupaten dan provinsi, dengan ambang lebih tinggi; 'SEMUA' = jumlah kategori sensitif.",
    en: "Sensitive categories (e.g. HIV/AIDS, victims of violence, trafficking) only per kabupaten and province, with a higher threshold; 'SEMUA' = all sensitive categories.",
  },
  columns: ppksColumns({ id: "Nomor kategori PPKS sensitif, atau 'SEMUA'", en: "Sensitive PPKS category number, or 'SEMUA'" }),
  key: ['tingkat', 'kode_wilayah', 'kategori'],
  disclosure: {
    counts: ['orang', 'tanpa_nik', 'nik_terbit'],
    category: { column: 'kategori', total: 'SEMUA' },
    bounds: PPKS_BOUNDS,
    slice: [],
    hierarchy: true,
    // The build's sensitive threshold (TERANG_SENSITIVE_K, default 20) applies to the whole table.
    sensitive: { where: 'true', minLevel: 'kabupaten' },
  },
};

export const POVERTY_TABLES = [keluargaDesil, vervalStatus, vervalRecency, ppksKategori, ppksSensitif];

const ppksSql = (table: string, sensitive: boolean) => `
CREATE OR REPLACE TABLE ${table} AS
WITH p AS (
  SELECT p.* FROM clean_ppks p JOIN clean_ppksCategories c ON c.kode::VARCHAR = p.kategori
  WHERE c.sensitif = ${sensitive}
)
SELECT lv.tingkat, ${codeAtLevel('kode_desa')} AS kode_wilayah, coalesce(kategori, 'SEMUA') AS kategori,
       count(*) AS orang,
       count(*) FILTER (WHERE nik_h IS NULL) AS tanpa_nik,
       count(*) FILTER (WHERE tanggal_terbit_nik IS NOT NULL) AS nik_terbit
FROM p CROSS JOIN ${regionLevelsSql(sensitive ? 'kabupaten' : 'desa')}
GROUP BY GROUPING SETS ((lv.tingkat, kode_wilayah, kategori), (lv.tingkat, kode_wilayah))`;

export const buildPovertyMetrics = async (db: Db, options: { asOf: string }): Promise<PublishedTable[]> => {
  const twoYearsAgo = `DATE '${options.asOf}' - INTERVAL 2 YEAR`;
  await db.run(HOUSEHOLDS_SQL);
  await db.run(`
    CREATE OR REPLACE TABLE keluarga_desil AS
    SELECT lv.tingkat, ${codeAtLevel('kode_desa')} AS kode_wilayah, coalesce(desil::VARCHAR, 'SEMUA') AS desil,
           count(*) AS keluarga, sum(jumlah_anggota)::BIGINT AS jiwa
    FROM hh CROSS JOIN ${regionLevelsSql()}
    WHERE status_verval = 'AKTIF'
    GROUP BY GROUPING SETS ((lv.tingkat, kode_wilayah, desil), (lv.tingkat, kode_wilayah));

    CREATE OR REPLACE TABLE verval_status AS
    SELECT lv.tingkat, ${codeAtLevel('kode_desa')} AS kode_wilayah, coalesce(status_verval, 'SEMUA') AS status_verval,
           count(*) AS keluarga
    FROM hh CROSS JOIN ${regionLevelsSql()}
    GROUP BY GROUPING SETS ((lv.tingkat, kode_wilayah, status_verval), (lv.tingkat, kode_wilayah));

    CREATE OR REPLACE TABLE verval_kemutakhiran AS
    SELECT lv.tingkat, ${codeAtLevel('kode_desa')} AS kode_wilayah,
           count(*) AS keluarga,
           count(*) FILTER (WHERE tanggal_verval >= ${twoYearsAgo}) AS diverval_2_tahun,
           count(*) FILTER (WHERE tanggal_verval IS NULL OR tanggal_verval < ${twoYearsAgo}) AS belum_verval_2_tahun,
           round(100.0 * count(*) FILTER (WHERE tanggal_verval >= ${twoYearsAgo}) / count(*), 1) AS persen_diverval_2_tahun
    FROM hh CROSS JOIN ${regionLevelsSql()}
    GROUP BY ALL;
  `);
  await db.run(ppksSql('ppks_kategori', false));
  await db.run(ppksSql('ppks_sensitif', true));
  return POVERTY_TABLES;
};
