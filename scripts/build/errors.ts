/**
 * Every problem the data build can report, written once. A `file` error stops
 * the build (the file cannot be read at all); a `row` error sends the row to
 * quarantine and the build goes on. Each has a plain message and a hint for
 * fixing the source, in Bahasa Indonesia and English. docs/errors.md is
 * generated from this list.
 */
import type { Bilingual } from '../contracts/types.ts';

export interface ErrorDefinition {
  level: 'file' | 'row';
  message: Bilingual;
  hint: Bilingual;
}

const file = (message: Bilingual, hint: Bilingual): ErrorDefinition => ({ level: 'file', message, hint });
const row = (message: Bilingual, hint: Bilingual): ErrorDefinition => ({ level: 'row', message, hint });

export const ERRORS = {
  // ── File level: the build stops, the previous release stays ──
  FILE_MISSING: file(
    { id: 'File wajib tidak ditemukan.', en: 'A required file is missing.' },
    { id: 'Letakkan ekspor file ini di data/raw/ dengan nama sesuai kontrak.', en: 'Put this export in data/raw/ under the name the contract gives.' },
  ),
  FILE_EMPTY: file(
    { id: 'File kosong atau hanya berisi judul kolom.', en: 'The file is empty or holds only the header.' },
    { id: 'Ekspor ulang dari aplikasi sumber; pastikan filter tidak mengosongkan data.', en: 'Export again from the source system; check that no filter emptied it.' },
  ),
  FILE_ENCODING: file(
    { id: 'Isi file tidak dapat dibaca sebagai teks UTF-8 atau Windows-1252 (mungkin file biner, Excel, atau rusak).', en: 'The file cannot be decoded as UTF-8 or Windows-1252 text (it may be binary, an Excel workbook, or corrupt).' },
    { id: 'Simpan sebagai "CSV UTF-8 (Comma delimited)" dari Excel, bukan .xlsx yang diganti namanya.', en: 'Save as "CSV UTF-8 (Comma delimited)" from Excel, not an .xlsx renamed to .csv.' },
  ),
  FILE_DELIMITER: file(
    { id: 'Pemisah kolom tidak dikenali: hanya koma (,) atau titik koma (;) yang diterima.', en: 'Unrecognised separator: only comma (,) or semicolon (;) is accepted.' },
    { id: 'Simpan ulang sebagai CSV dengan pemisah koma atau titik koma, bukan tab atau garis tegak.', en: 'Save again as CSV separated by commas or semicolons, not tabs or pipes.' },
  ),
  FILE_MISSING_COLUMN: file(
    { id: 'Kolom wajib tidak ada di baris judul.', en: 'A required column is missing from the header.' },
    { id: 'Tambahkan kolom ini (nama sesuai kontrak data) atau ekspor ulang dengan semua kolom.', en: 'Add this column (named as in the data contract) or export again with all columns.' },
  ),
  FILE_DUPLICATE_COLUMN: file(
    { id: 'Nama kolom yang sama muncul dua kali di baris judul.', en: 'The same column name appears twice in the header.' },
    { id: 'Hapus atau ganti nama salah satu kolom.', en: 'Remove or rename one of the columns.' },
  ),
  // ── Row level: the row goes to quarantine ──
  ROW_COLUMN_COUNT: row(
    { id: 'Jumlah kolom di baris ini berbeda dari baris judul.', en: 'This row has a different number of columns from the header.' },
    { id: 'Periksa pemisah atau tanda kutip di dalam isi sel (mis. alamat yang memuat koma).', en: 'Check for separators or quotes inside cell values (for example an address containing a comma).' },
  ),
  REQUIRED_MISSING: row(
    { id: 'Kolom wajib kosong.', en: 'A required cell is empty.' },
    { id: 'Lengkapi nilai ini di sistem sumber lalu ekspor ulang.', en: 'Fill in this value in the source system and export again.' },
  ),
  ID_MISSING: row(
    { id: 'NIK dan nomor KK keduanya kosong; penerima tidak dapat dikenali.', en: 'Both NIK and KK number are empty; the recipient cannot be identified.' },
    { id: 'Isi NIK (program per orang) atau nomor KK (program per keluarga).', en: 'Fill in the NIK (per-person programs) or the KK number (per-family programs).' },
  ),
  NIK_EXCEL: row(
    { id: 'NIK dalam format ilmiah Excel (mis. 3.51701E+15); digit terakhir sudah hilang dan tidak bisa dipulihkan.', en: "NIK in Excel's scientific form (e.g. 3.51701E+15); its last digits are lost and cannot be recovered." },
    { id: 'Ekspor ulang dengan kolom NIK berformat Teks; jangan membuka dan menyimpan CSV di Excel.', en: 'Export again with the NIK column formatted as Text; do not open and save the CSV in Excel.' },
  ),
  NIK_LENGTH: row(
    { id: 'NIK harus 16 digit angka.', en: 'A NIK must be 16 digits.' },
    { id: 'Periksa digit yang hilang atau berlebih, spasi, atau huruf.', en: 'Check for missing or extra digits, spaces or letters.' },
  ),
  NIK_REGION: row(
    { id: 'Empat digit awal NIK bukan kode provinsi/kabupaten yang dikenal.', en: 'The first four digits of the NIK are not a known province/kabupaten code.' },
    { id: 'Cocokkan NIK dengan KTP atau data Dukcapil.', en: 'Check the NIK against the ID card or Dukcapil data.' },
  ),
  NIK_BIRTHDATE: row(
    { id: 'Bagian tanggal lahir NIK tidak sah (tanggal 01–31 atau 41–71, bulan 01–12).', en: 'The birth-date part of the NIK is invalid (day 01–31 or 41–71, month 01–12).' },
    { id: 'Cocokkan NIK dengan KTP atau data Dukcapil.', en: 'Check the NIK against the ID card or Dukcapil data.' },
  ),
  NIK_SERIAL: row(
    { id: 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.', en: 'The NIK serial (last 4 digits) cannot be 0000.' },
    { id: 'Cocokkan NIK dengan KTP atau data Dukcapil.', en: 'Check the NIK against the ID card or Dukcapil data.' },
  ),
  KK_FORMAT: row(
    { id: 'Nomor KK harus 16 digit angka.', en: 'A KK number must be 16 digits.' },
    { id: 'Periksa nomor Kartu Keluarga; format ilmiah Excel tidak dapat dipulihkan.', en: "Check the family card number; Excel's scientific form cannot be recovered." },
  ),
  REGION_FORMAT: row(
    { id: 'Kode wilayah tidak berformat kode desa Kemendagri (10 digit, boleh bertitik).', en: 'The region code is not a Kemendagri village code (10 digits, dots optional).' },
    { id: 'Gunakan kode lengkap PP.KK.CC.DDDD, bukan nama desa atau kode BPS.', en: 'Use the full PP.KK.CC.DDDD code, not the village name or a BPS code.' },
  ),
  REGION_UNKNOWN: row(
    { id: 'Kode desa tidak ada dalam daftar wilayah Kemendagri (idn-area-data).', en: 'The village code is not in the Kemendagri region list (idn-area-data).' },
    { id: 'Periksa salah ketik atau kode lama sebelum pemekaran; perbarui ke kode terkini.', en: 'Check for typos or an old code from before a split; update to the current code.' },
  ),
  NUMBER_INVALID: row(
    { id: 'Nilai bukan angka yang sah.', en: 'The value is not a valid number.' },
    { id: 'Tulis angka saja tanpa huruf atau satuan (mis. 1500000, bukan "1,5 juta").', en: 'Write digits only, without words or units (for example 1500000, not "1,5 juta").' },
  ),
  VALUE_OUT_OF_RANGE: row(
    { id: 'Nilai di luar rentang yang diizinkan.', en: 'The value is outside the allowed range.' },
    { id: 'Lihat rentang kolom ini di docs/data-contracts.md (mis. desil 1–10).', en: 'See this column’s range in docs/data-contracts.md (for example desil 1–10).' },
  ),
  AMOUNT_NOT_POSITIVE: row(
    { id: 'Nominal harus lebih dari nol.', en: 'The amount must be greater than zero.' },
    { id: 'Penyaluran gagal dicatat dengan status GAGAL dan nominal yang seharusnya dibayar.', en: 'Record a failed payment with status GAGAL and the amount that was due.' },
  ),
  DATE_INVALID: row(
    { id: 'Tanggal tidak dapat dibaca (gunakan dd/mm/yyyy atau yyyy-mm-dd).', en: 'The date cannot be read (use dd/mm/yyyy or yyyy-mm-dd).' },
    { id: 'Periksa urutan hari-bulan dan tanggal yang tidak ada (mis. 31/02).', en: 'Check the day-month order and impossible dates (for example 31/02).' },
  ),
  DATE_FUTURE: row(
    { id: 'Tanggal berada di masa depan.', en: 'The date is in the future.' },
    { id: 'Periksa salah ketik tahun atau format bulan/hari yang tertukar.', en: 'Check for a mistyped year or day and month swapped.' },
  ),
  PERIOD_INVALID: row(
    { id: 'Periode harus berformat yyyy-mm.', en: 'The period must be written yyyy-mm.' },
    { id: 'Tulis bulan awal tahap penyaluran, mis. 2026-04.', en: 'Write the first month of the payment stage, for example 2026-04.' },
  ),
  CODE_UNKNOWN: row(
    { id: 'Kode tidak ada dalam daftar nilai yang diizinkan.', en: 'The code is not in the list of allowed values.' },
    { id: 'Lihat daftar kode kolom ini di docs/data-contracts.md.', en: 'See the allowed codes for this column in docs/data-contracts.md.' },
  ),
  BOOLEAN_INVALID: row(
    { id: 'Nilai ya/tidak tidak dikenali (gunakan 1/0, Y/T, YA/TIDAK).', en: 'Unrecognised yes/no value (use 1/0, Y/T, YA/TIDAK).' },
    { id: 'Seragamkan isian kolom ini.', en: 'Make this column’s values consistent.' },
  ),
  TIMESTAMP_ORDER: row(
    { id: 'Urutan waktu tidak masuk akal (mis. ditutup sebelum diterima).', en: 'The timestamps are out of order (for example closed before received).' },
    { id: 'Periksa jam dan tanggal penerimaan, tanggapan, dan penutupan kasus.', en: 'Check the received, response and closing dates and times.' },
  ),
  REFERRAL_AGENCY_MISSING: row(
    { id: 'Kasus tercatat dirujuk tetapi lembaga tujuannya kosong.', en: 'The case is recorded as referred but the receiving agency is empty.' },
    { id: 'Isi dirujuk_ke dengan kode lembaga tujuan.', en: 'Fill in dirujuk_ke with the receiving agency’s code.' },
  ),
  DUPLICATE_ROW: row(
    { id: 'Baris ini sama persis dengan baris sebelumnya dan tidak dihitung dua kali.', en: 'This row is an exact copy of an earlier row and is not counted twice.' },
    { id: 'Hapus baris ganda pada ekspor (sering terjadi saat menggabungkan beberapa file).', en: 'Remove the duplicated row from the export (common when several files are merged).' },
  ),
  DUPLICATE_KEY: row(
    { id: 'Kunci baris (mis. nomor kasus) sudah dipakai baris sebelumnya dengan isi berbeda.', en: 'The row key (for example the case number) was already used by an earlier row with different content.' },
    { id: 'Pastikan setiap kasus/keluarga hanya punya satu baris, atau beri nomor yang unik.', en: 'Make sure each case or family has one row only, or give it a unique number.' },
  ),
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

/** A file-level error: stops the build with a message in both languages. */
export class InputFileError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly file: string,
    readonly detail: string = '',
  ) {
    const def = ERRORS[code];
    super(
      `[${code}] ${file}${detail ? ` (${detail})` : ''}\n` +
        `  ${def.message.id}\n  ${def.message.en}\n` +
        `  Saran: ${def.hint.id}\n  Hint: ${def.hint.en}`,
    );
    this.name = 'InputFileError';
  }
}

/** Keeps a NIK or KK usable for finding the row in the source without revealing it: region prefix and last two digits. */
export const maskIdentifier = (value: string | null | undefined): string => {
  if (!value) return '';
  const digits = value.replace(/\s/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return `${digits.slice(0, 4)}${'*'.repeat(Math.max(digits.length - 6, 0))}${digits.slice(-2)}`;
};
