/**
 * Every problem the BPS importer reports, written once, in Bahasa Indonesia
 * and English, with a hint for fixing it (the style of scripts/build/errors.ts).
 * `file`: the file cannot be read at all (exit 2, nothing written);
 * `column`: a column is left out and the rest of the file is read;
 * `row`: one row or value is rejected and the rest is imported.
 */
import type { Bilingual } from '../contracts/types.ts';

export interface BpsErrorDefinition {
  level: 'file' | 'column' | 'row';
  message: Bilingual;
  hint: Bilingual;
}

const def = (level: BpsErrorDefinition['level'], message: Bilingual, hint: Bilingual): BpsErrorDefinition => ({ level, message, hint });

export const BPS_ERRORS = {
  BPS_FILE_UNREADABLE: def(
    'file',
    { id: 'Berkas tidak ditemukan atau tidak dapat dibuka.', en: 'The file does not exist or cannot be opened.' },
    { id: 'Periksa nama dan letak berkas.', en: 'Check the file name and location.' },
  ),
  BPS_FILE_NOT_TEXT: def(
    'file',
    { id: 'Berkas bukan teks CSV (mungkin Excel .xlsx atau biner).', en: 'The file is not CSV text (it may be an Excel .xlsx workbook or binary).' },
    { id: 'Unduh tabel BPS sebagai CSV, atau buka di Excel lalu simpan sebagai "CSV UTF-8".', en: 'Download the BPS table as CSV, or open it in Excel and save as "CSV UTF-8".' },
  ),
  BPS_FILE_EMPTY: def(
    'file',
    { id: 'Berkas kosong atau tidak memuat baris data.', en: 'The file is empty or holds no data rows.' },
    { id: 'Unduh ulang tabel dari situs BPS.', en: 'Download the table again from the BPS website.' },
  ),
  BPS_FILE_NO_INDICATOR: def(
    'file',
    {
      id: 'Tidak ada kolom yang dikenali sebagai indikator kemiskinan (P0, jumlah penduduk miskin, P1, P2, garis kemiskinan) dengan tahunnya.',
      en: 'No column is recognised as a poverty indicator (P0, number of poor, P1, P2, poverty line) with its year.',
    },
    {
      id: 'Judul atau kepala kolom harus menyebut indikator dan tahun, seperti di tabel BPS aslinya (lihat docs/bps-import.md).',
      en: 'The title or column headers must name the indicator and year, as the original BPS table does (see docs/bps-import.md).',
    },
  ),
  BPS_OVERRIDES_INVALID: def(
    'file',
    { id: 'Baris di overrides.csv tidak sah: kode tidak dikenal atau tidak berada di provinsi yang disebut.', en: 'A row of overrides.csv is invalid: unknown code, or not in the province it names.' },
    { id: 'Gunakan kode Kemendagri (2 atau 4 digit, boleh bertitik) dari idn-area-data.', en: 'Use a Kemendagri code (2 or 4 digits, dots allowed) from idn-area-data.' },
  ),
  BPS_COLUMN_NO_YEAR: def(
    'column',
    { id: 'Kolom berisi angka tetapi tahunnya tidak ditemukan di kepala kolom maupun judul.', en: 'The column holds numbers but no year is found in its header or the title.' },
    { id: 'Tambahkan tahun di kepala kolom (mis. 2025).', en: 'Add the year to the column header (e.g. 2025).' },
  ),
  BPS_COLUMN_NO_INDICATOR: def(
    'column',
    { id: 'Kolom berisi angka tetapi indikatornya tidak dikenali.', en: 'The column holds numbers but its indicator is not recognised.' },
    { id: 'Kepala kolom atau judul harus menyebut indikatornya (lihat docs/bps-import.md).', en: 'The column header or title must name its indicator (see docs/bps-import.md).' },
  ),
  BPS_COLUMN_UNIT_UNKNOWN: def(
    'column',
    { id: 'Jumlah penduduk miskin tanpa satuan: tidak jelas ribu jiwa atau jiwa.', en: 'Number of poor people without a unit: thousands of persons or persons is unclear.' },
    { id: 'Kepala kolom harus memuat "(ribu jiwa)" atau "(jiwa)", seperti tabel BPS aslinya.', en: 'The column header must say "(ribu jiwa)" or "(jiwa)", as the original BPS table does.' },
  ),
  BPS_NAME_MISSING: def(
    'row',
    { id: 'Baris berisi angka tetapi nama wilayahnya kosong.', en: 'The row holds numbers but no region name.' },
    { id: 'Isi nama kabupaten/kota di kolom pertama.', en: 'Fill in the kabupaten/kota name in the first column.' },
  ),
  BPS_NAME_UNKNOWN: def(
    'row',
    { id: 'Nama wilayah tidak ditemukan dalam daftar Kemendagri (idn-area-data).', en: 'The region name is not in the Kemendagri list (idn-area-data).' },
    {
      id: 'Lihat kandidat terdekat di laporan; tambahkan baris nama,provinsi,kode di data/bps/overrides.csv.',
      en: 'See the closest candidates in the report; add a name,province,code row to data/bps/overrides.csv.',
    },
  ),
  BPS_NAME_AMBIGUOUS: def(
    'row',
    { id: 'Nama wilayah cocok dengan lebih dari satu kabupaten/kota; tidak ditebak.', en: 'The region name matches more than one kabupaten/kota; it is not guessed.' },
    {
      id: 'Pilih kode yang benar dari kandidat di laporan dan tulis di data/bps/overrides.csv (BPS biasa menulis kabupaten tanpa awalan, kota dengan "Kota").',
      en: 'Pick the right code from the candidates in the report and write it to data/bps/overrides.csv (BPS usually writes kabupaten without a prefix, cities with "Kota").',
    },
  ),
  BPS_NUMBER_INVALID: def(
    'row',
    { id: 'Nilai bukan angka yang sah.', en: 'The value is not a valid number.' },
    { id: 'Periksa huruf, satuan atau pemisah ribuan yang tidak berkelompok tiga digit.', en: 'Check for letters, units, or thousands separators not in groups of three digits.' },
  ),
  BPS_NUMBER_AMBIGUOUS: def(
    'row',
    {
      id: 'Angka seperti 12.345 di kolom ribu jiwa bisa berarti 12,345 ribu atau 12.345 ribu, dan nilai lain di kolom itu tidak memastikannya.',
      en: 'A number like 12.345 in a thousands-of-persons column may mean 12.345 thousand or 12,345 thousand, and no other value of the column settles it.',
    },
    { id: 'Tulis nilai dengan koma desimal seperti tabel BPS (mis. 12,35).', en: 'Write the value with a decimal comma as BPS tables do (e.g. 12,35).' },
  ),
  BPS_VALUE_OUT_OF_RANGE: def(
    'row',
    { id: 'Nilai di luar rentang yang masuk akal untuk indikator ini.', en: 'The value is outside the plausible range for this indicator.' },
    { id: 'Periksa satuan (ribu jiwa atau jiwa) dan pemisah desimal/ribuan.', en: 'Check the unit (thousands of persons or persons) and the decimal/thousands separators.' },
  ),
  BPS_DUPLICATE_CONFLICT: def(
    'row',
    { id: 'Wilayah, tahun dan indikator yang sama muncul lebih dari sekali dengan nilai berbeda; tidak ada yang diimpor.', en: 'The same region, year and indicator appear more than once with different values; none is imported.' },
    { id: 'Hapus salah satu berkas atau baris yang bertentangan, atau periksa overrides.csv.', en: 'Remove one of the conflicting files or rows, or check overrides.csv.' },
  ),
} as const satisfies Record<string, BpsErrorDefinition>;

export type BpsErrorCode = keyof typeof BPS_ERRORS;

/** A file the importer cannot read at all. */
export class BpsFileError extends Error {
  constructor(
    readonly code: BpsErrorCode,
    readonly file: string,
    readonly detail = '',
  ) {
    const d = BPS_ERRORS[code];
    super(`[${code}] ${file}${detail ? ` (${detail})` : ''}\n  ${d.message.id}\n  ${d.message.en}\n  Saran: ${d.hint.id}\n  Hint: ${d.hint.en}`);
    this.name = 'BpsFileError';
  }
}
