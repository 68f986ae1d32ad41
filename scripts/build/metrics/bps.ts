/**
 * Official BPS poverty figures per kabupaten/kota and province, published
 * beside the administrative (DTSEN) figures. The input is the normalized
 * file written by `npm run import:bps` (scripts/bps/, docs/bps-import.md):
 * names already matched to Kemendagri codes, numbers already read. Without
 * that file the release simply has no `bps_kemiskinan` table; the site
 * checks the release's table list.
 *
 * No disclosure control: these are official aggregates BPS itself publishes
 * (survey estimates for whole kabupaten), not counts from personal records.
 */
import { existsSync } from 'node:fs';
import { BPS_INDICATORS } from '../../bps/indicators.ts';
import type { Db } from '../db.ts';
import type { PublishedTable } from '../published-table.ts';
import { column } from './columns.ts';

const indicatorList = BPS_INDICATORS.map((d) => `${d.code} (${d.satuan})`).join(', ');

export const BPS_TABLE: PublishedTable = {
  name: 'bps_kemiskinan',
  title: { id: 'Kemiskinan menurut BPS', en: 'Poverty according to BPS' },
  description: {
    id:
      'Angka kemiskinan resmi BPS per provinsi dan kabupaten/kota (Susenas Maret), sebagaimana diterbitkan BPS dan dicocokkan ke kode Kemendagri menurut nama. ' +
      'Perkiraan survei, bukan hitungan register DTSEN: jangan dijumlahkan atau dikurangkan dengan tabel lain. Tidak disamarkan: ini agregat resmi yang sudah publik.',
    en:
      'Official BPS poverty figures per province and kabupaten/kota (March Susenas), as BPS publishes them, matched to Kemendagri codes by name. ' +
      'Survey estimates, not counts from the DTSEN registry: do not add them to or subtract them from other tables. Not suppressed: official aggregates that are already public.',
  },
  columns: [
    column('tingkat', 'string', 'provinsi atau kabupaten (kabupaten/kota)', 'provinsi or kabupaten (kabupaten/kota)'),
    column('kode_wilayah', 'string', 'Kode Kemendagri tanpa titik (2 atau 4 digit), bukan kode BPS', 'Kemendagri code without dots (2 or 4 digits), not the BPS code'),
    column('nama_wilayah', 'string', 'Nama resmi Kemendagri (idn-area-data)', 'Official Kemendagri name (idn-area-data)'),
    column('tahun', 'integer', 'Tahun survei (Susenas Maret)', 'Survey year (March Susenas)'),
    column('indikator', 'string', `Indikator: ${indicatorList}`, `Indicator: ${indicatorList}`),
    column('nilai', 'number', 'Nilai seperti diterbitkan BPS; jumlah penduduk miskin dalam jiwa (ribu jiwa × 1000)', 'Value as BPS publishes it; number of poor people in persons (thousands × 1000)'),
    column('satuan', 'string', "Satuan nilai: '%', 'jiwa', 'indeks' atau 'rupiah/kapita/bulan'", "Unit of the value: '%', 'jiwa' (persons), 'indeks' (index) or 'rupiah/kapita/bulan' (rupiah per person per month)"),
    column('sumber_berkas', 'string', 'Nama berkas BPS yang diimpor (tanpa folder)', 'Name of the imported BPS file (no folder)'),
  ],
  key: ['tingkat', 'kode_wilayah', 'tahun', 'indikator'],
  disclosure: null,
};

const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Loads the normalized BPS file into `bps_kemiskinan`; returns no table when the file is absent. */
export const buildBpsTable = async (db: Db, normalizedFile: string | undefined): Promise<PublishedTable[]> => {
  if (!normalizedFile || !existsSync(normalizedFile)) return [];
  const indicators = BPS_INDICATORS.map((d) => `(${sql(d.code)}, ${sql(d.satuan)})`).join(', ');
  await db.run(`
    CREATE OR REPLACE TABLE bps_input AS SELECT * FROM read_csv(${sql(normalizedFile)}, header = true, auto_detect = false, delim = ',', quote = '"',
      columns = {'kode_wilayah': 'VARCHAR', 'tahun': 'INTEGER', 'indikator': 'VARCHAR', 'nilai': 'DOUBLE', 'satuan': 'VARCHAR', 'sumber_berkas': 'VARCHAR'});
    CREATE OR REPLACE TABLE bps_kemiskinan AS
    SELECT CASE length(b.kode_wilayah) WHEN 2 THEN 'provinsi' ELSE 'kabupaten' END AS tingkat,
           b.kode_wilayah, coalesce(p.name, r.name) AS nama_wilayah, b.tahun, b.indikator, b.nilai, b.satuan,
           regexp_replace(b.sumber_berkas, '(^|; )[^;]*[/\\\\]', '\\1', 'g') AS sumber_berkas
    FROM bps_input b
    LEFT JOIN ref_province p ON length(b.kode_wilayah) = 2 AND p.code = b.kode_wilayah
    LEFT JOIN ref_regency r ON length(b.kode_wilayah) = 4 AND r.code = b.kode_wilayah
    JOIN (VALUES ${indicators}) AS i(indikator, satuan) ON i.indikator = b.indikator AND i.satuan = b.satuan;
  `);
  // The importer writes a valid file; a hand-edited one must not publish unknown codes or units silently.
  const [check] = await db.all<{ input: number; unknown: number; kept: number }>(`
    SELECT (SELECT count(*) FROM bps_input) AS input,
           (SELECT count(*) FROM bps_kemiskinan WHERE nama_wilayah IS NULL) AS unknown,
           (SELECT count(*) FROM bps_kemiskinan) AS kept`);
  if (check && (check.unknown > 0 || check.kept !== check.input)) {
    throw new Error(
      `${normalizedFile}: ${check.unknown} kode wilayah tidak dikenal, ${check.input - check.kept} indikator/satuan tidak dikenal. ` +
        `Jalankan ulang npm run import:bps. / ${check.unknown} unknown region codes, ${check.input - check.kept} unknown indicators/units. Run npm run import:bps again.`,
    );
  }
  await db.run('DROP TABLE bps_input');
  return [BPS_TABLE];
};
