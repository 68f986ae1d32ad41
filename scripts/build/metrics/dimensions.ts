/**
 * Lookup tables published with every release, so each code in a metric table
 * has a name: regions present in the data (with their parents), programs,
 * PPKS and complaint categories.
 */
import type { Db } from '../db.ts';
import type { PublishedTable } from '../published-table.ts';
import { column } from './columns.ts';

const text = (name: string, id: string, en: string) => column(name, 'string', id, en);

const wilayah: PublishedTable = {
  name: 'wilayah',
  title: { id: 'Wilayah', en: 'Regions' },
  description: {
    id: 'Nama dan induk setiap kode wilayah Kemendagri yang muncul dalam rilis ini (sumber: idn-area-data, ODbL).',
    en: 'Name and parent of every Kemendagri region code in this release (source: idn-area-data, ODbL).',
  },
  columns: [
    text('tingkat', 'provinsi, kabupaten, kecamatan atau desa', 'provinsi, kabupaten, kecamatan or desa'),
    text('kode_wilayah', 'Kode Kemendagri tanpa titik', 'Kemendagri code without dots'),
    text('nama', 'Nama resmi', 'Official name'),
    text('kode_induk', 'Kode wilayah induk (kosong untuk provinsi)', 'Parent region code (empty for provinces)'),
  ],
  key: ['tingkat', 'kode_wilayah'],
  disclosure: null,
};

const program: PublishedTable = {
  name: 'program',
  title: { id: 'Program bansos', en: 'Aid programs' },
  description: { id: 'Program, manfaat dan aturan desil yang dipakai untuk mengukur ketepatan sasaran.', en: 'Programs, benefits and the desil rule used to measure targeting.' },
  columns: [
    text('kode', 'Kode program', 'Program code'),
    text('nama_id', 'Nama (Indonesia)', 'Name (Indonesian)'),
    text('nama_en', 'Nama (Inggris)', 'Name (English)'),
    text('manfaat_id', 'Manfaat (Indonesia)', 'Benefit (Indonesian)'),
    text('manfaat_en', 'Manfaat (Inggris)', 'Benefit (English)'),
    text('unit', 'KELUARGA atau INDIVIDU', 'KELUARGA (family) or INDIVIDU (person)'),
    text('frekuensi', 'Frekuensi penyaluran', 'Payment cadence'),
    { name: 'desil_min', type: 'integer', description: { id: 'Desil terendah yang layak', en: 'Lowest eligible desil' } },
    { name: 'desil_max', type: 'integer', description: { id: 'Desil tertinggi yang layak', en: 'Highest eligible desil' } },
  ],
  key: ['kode'],
  disclosure: null,
};

const kategoriPpks: PublishedTable = {
  name: 'kategori_ppks',
  title: { id: 'Kategori PPKS', en: 'PPKS categories' },
  description: { id: '26 kategori PPKS; kategori sensitif hanya dipublikasikan per kabupaten.', en: 'The 26 PPKS categories; sensitive ones are published per kabupaten only.' },
  columns: [
    text('kode', 'Nomor kategori', 'Category number'),
    text('nama_id', 'Nama (Indonesia)', 'Name (Indonesian)'),
    text('nama_en', 'Nama (Inggris)', 'Name (English)'),
    { name: 'sensitif', type: 'boolean', description: { id: 'Kategori sensitif', en: 'Sensitive category' } },
  ],
  key: ['kode'],
  disclosure: null,
};

const kategoriPengaduan: PublishedTable = {
  name: 'kategori_pengaduan',
  title: { id: 'Kategori pengaduan dan tenggatnya', en: 'Complaint categories and deadlines' },
  description: { id: 'Tenggat tanggapan dan penyelesaian dalam hari kerja.', en: 'Response and resolution deadlines in working days.' },
  columns: [
    text('kode', 'Kode kategori', 'Category code'),
    text('nama_id', 'Nama (Indonesia)', 'Name (Indonesian)'),
    text('nama_en', 'Nama (Inggris)', 'Name (English)'),
    { name: 'tenggat_respons_hari_kerja', type: 'integer', unit: 'hari kerja', description: { id: 'Tenggat tanggapan pertama', en: 'First-response deadline' } },
    { name: 'tenggat_selesai_hari_kerja', type: 'integer', unit: 'hari kerja', description: { id: 'Tenggat penyelesaian', en: 'Resolution deadline' } },
    { name: 'sensitif', type: 'boolean', description: { id: 'Hanya tingkat kabupaten', en: 'Kabupaten level only' } },
  ],
  key: ['kode'],
  disclosure: null,
};

export const DIMENSION_TABLES = [wilayah, program, kategoriPpks, kategoriPengaduan];

/** Builds the lookup tables; `metricTables` tell which region codes appear. */
export const buildDimensionTables = async (db: Db, metricTables: PublishedTable[]): Promise<PublishedTable[]> => {
  const withRegion = metricTables.filter((t) => t.columns.some((c) => c.name === 'kode_wilayah')).map((t) => `SELECT DISTINCT kode_wilayah FROM "${t.name}"`);
  await db.run(`
    CREATE OR REPLACE TABLE used_codes AS ${withRegion.length ? withRegion.join(' UNION ') : "SELECT NULL::VARCHAR AS kode_wilayah WHERE false"};
    CREATE OR REPLACE TABLE wilayah AS
      SELECT 'provinsi' AS tingkat, code AS kode_wilayah, name AS nama, NULL::VARCHAR AS kode_induk FROM ref_province WHERE code IN (SELECT kode_wilayah FROM used_codes)
      UNION ALL SELECT 'kabupaten', code, name, province_code FROM ref_regency WHERE code IN (SELECT kode_wilayah FROM used_codes)
      UNION ALL SELECT 'kecamatan', code, name, regency_code FROM ref_district WHERE code IN (SELECT kode_wilayah FROM used_codes)
      UNION ALL SELECT 'desa', code, name, district_code FROM ref_village WHERE code IN (SELECT kode_wilayah FROM used_codes);
    CREATE OR REPLACE TABLE program AS SELECT kode, nama_id, nama_en, manfaat_id, manfaat_en, unit, frekuensi, desil_min, desil_max FROM clean_programs;
    CREATE OR REPLACE TABLE kategori_ppks AS SELECT kode::VARCHAR AS kode, nama_id, nama_en, sensitif FROM clean_ppksCategories;
    CREATE OR REPLACE TABLE kategori_pengaduan AS
      SELECT kode, nama_id, nama_en, tenggat_respons_hari_kerja, tenggat_selesai_hari_kerja, sensitif FROM clean_complaintCategories;
  `);
  return DIMENSION_TABLES;
};
