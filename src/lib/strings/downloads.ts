/**
 * UI strings of the Unduh pages (the latest release's files, and the history
 * of releases with what changed). Indonesian is the source; English has the
 * same keys (the type checks it).
 */
import { formatNumber, type Lang } from '../format.ts';

const id = {
  title: 'Unduh data',
  description: 'Semua tabel rilis data Terang terbaru: Parquet, CSV, kamus kolom, SHA-256, lisensi dan cara mengutip.',
  intro:
    'Semua angka di situs ini berasal dari tabel di bawah. Setiap tabel terbit sebagai Parquet (ringkas, untuk DuckDB, Python, R) dan CSV (untuk spreadsheet). Tabel hanya memuat angka agregat: tidak ada nama, NIK, nomor KK, alamat, tanggal lahir, ataupun isi pengaduan.',
  release: 'Rilis',
  dataDate: 'Tanggal data',
  period: 'Periode yang dicakup',
  generatedAt: 'Dibuat pada',
  licence: 'Lisensi',
  licenceText: 'Boleh dipakai, diubah dan disebarkan, juga untuk tujuan komersial, dengan menyebut sumbernya.',
  threshold: 'Ambang penyamaran',
  thresholdText: 'jumlah 1 sampai {k} − 1 disamarkan',
  cite: 'Cara mengutip',
  citeHint: 'Sebut rilis yang Anda pakai: angka rilis lain bisa berbeda.',
  archiveHeading: 'Seluruh rilis dalam satu arsip',
  archiveText: 'Arsip zip berisi semua file Parquet dan CSV serta datapackage.json (kamus data Frictionless) rilis ini. File basis data situs (terang.duckdb) berisi tabel yang sama dan diunduh terpisah.',
  archiveMissing: 'Rilis ini dibuat sebelum arsip zip tersedia: unduh file satu per satu.',
  archiveLink: 'Unduh arsip zip',
  datapackageLink: 'datapackage.json (kamus data)',
  databaseLink: 'terang.duckdb (basis data DuckDB)',
  formatsHeading: 'Format file',
  parquetText: 'Parquet dengan kompresi ZSTD; tipe kolom seperti di kamus kolom.',
  csvText:
    'CSV berenkode {encoding} tanpa BOM, pemisah koma ({delimiter}), baris pertama berisi nama kolom, pemisah desimal titik (12.5). Sel kosong berarti disamarkan (lihat kolom pendamping _disamarkan) atau tidak ada nilai; tidak pernah berarti 0.',
  csvExcel: 'Di Excel, buka lewat Data → Dari Teks/CSV dan pilih UTF-8 serta pemisah koma, agar huruf dan angka terbaca benar.',
  suppressedText:
    'Setiap kolom jumlah punya kolom pendamping <kolom>_disamarkan (true/false). Bila true, nilainya kosong: ada orangnya, tetapi jumlahnya terlalu kecil atau dapat dihitung ulang, sehingga tidak diterbitkan.',
  checkHeading: 'Memeriksa file',
  checkText: 'Bandingkan SHA-256 file yang Anda unduh dengan yang tertulis di sini, misalnya dengan',
  tablesHeading: 'Tabel',
  tablesIntro: 'Satu bagian per tabel: isinya, jumlah baris, file dan kolom.',
  table: 'Tabel',
  rows: 'Baris',
  key: 'Kunci baris',
  files: 'File',
  format: 'Format',
  size: 'Ukuran',
  sha256: 'SHA-256',
  download: 'Unduh',
  filesCaption: 'File tabel {table}: format, ukuran dan SHA-256.',
  columnsSummary: 'Kolom ({n})',
  columnsCaption: 'Kolom tabel {table}: nama, tipe dan arti.',
  column: 'Kolom',
  type: 'Tipe',
  meaning: 'Arti',
  unit: 'satuan',
  historyLink: 'Rilis sebelumnya dan apa yang berubah',
  noRelease: 'Belum ada rilis data yang terbit.',

  historyTitle: 'Riwayat rilis',
  historyDescription: 'Setiap rilis data Terang tetap dapat diunduh di alamat yang tetap, dengan perubahan dari rilis sebelumnya.',
  historyIntro:
    'Rilis tidak pernah diubah setelah terbit: namanya memuat tanggal data dan hash isinya, dan alamatnya tetap. Urutan: tanggal data, lalu waktu dibuat. Perubahan dihitung saat situs dibangun dengan membandingkan file Parquet kedua rilis.',
  current: 'rilis saat ini',
  unknown: 'tidak tercatat',
  filesSummary: 'File per tabel',
  changesHeading: 'Perubahan dari rilis {previous}',
  firstRelease: 'Ini rilis pertama: tidak ada pembanding.',
  changesCaption: 'Baris per tabel: ditambah dan dihapus menurut kunci baris; berubah = kunci sama, nilai berbeda.',
  previousRows: 'Baris sebelumnya',
  nextRows: 'Baris sekarang',
  added: 'Ditambah',
  removed: 'Dihapus',
  changed: 'Berubah',
  totalsCaption:
    'Angka kunci: jumlah nilai provinsi yang terbit. “sedikitnya” = sebagian provinsi disamarkan. Untuk tabel berperiode hanya periode yang berubah ditampilkan.',
  totalsUnchanged: 'Periode lain tidak berubah: {n}.',
  group: 'Periode / kelompok',
  previous: 'Sebelumnya',
  next: 'Sekarang',
  difference: 'Selisih',
  noTotals: 'Tidak ada angka kunci yang berubah.',
  backToDownloads: 'Kembali ke Unduh',
};

export type DownloadStrings = typeof id;

const en: DownloadStrings = {
  title: 'Download data',
  description: 'Every table of the latest Terang data release: Parquet, CSV, column dictionary, SHA-256, licence and how to cite it.',
  intro:
    'Every number on this site comes from the tables below. Each table is published as Parquet (compact, for DuckDB, Python, R) and CSV (for spreadsheets). The tables hold aggregates only: no names, NIKs, family card numbers, addresses, birth dates or complaint texts.',
  release: 'Release',
  dataDate: 'Data date',
  period: 'Period covered',
  generatedAt: 'Generated at',
  licence: 'Licence',
  licenceText: 'You may use, adapt and share it, also commercially, if you credit the source.',
  threshold: 'Suppression threshold',
  thresholdText: 'counts from 1 to {k} − 1 are suppressed',
  cite: 'How to cite',
  citeHint: 'Name the release you used: another release may give other numbers.',
  archiveHeading: 'The whole release as one archive',
  archiveText: 'The zip archive holds every Parquet and CSV file and datapackage.json (the Frictionless data dictionary) of this release. The site database file (terang.duckdb) holds the same tables and is downloaded separately.',
  archiveMissing: 'This release was made before zip archives existed: download the files one by one.',
  archiveLink: 'Download the zip archive',
  datapackageLink: 'datapackage.json (data dictionary)',
  databaseLink: 'terang.duckdb (DuckDB database)',
  formatsHeading: 'File formats',
  parquetText: 'Parquet with ZSTD compression; column types as in the column dictionary.',
  csvText:
    'CSV in {encoding} without a BOM, comma-separated ({delimiter}), the first row holds the column names, decimal point (12.5). An empty cell means suppressed (see the companion _disamarkan column) or no value; it never means 0.',
  csvExcel: 'In Excel, open it with Data → From Text/CSV and choose UTF-8 and comma, so letters and numbers read correctly.',
  suppressedText:
    'Every count column has a companion column <column>_disamarkan (true/false). When true, the value is empty: there are people, but the count is too small or could be recomputed, so it is not published.',
  checkHeading: 'Checking a file',
  checkText: 'Compare the SHA-256 of the file you downloaded with the one listed here, for example with',
  tablesHeading: 'Tables',
  tablesIntro: 'One part per table: what it holds, rows, files and columns.',
  table: 'Table',
  rows: 'Rows',
  key: 'Row key',
  files: 'Files',
  format: 'Format',
  size: 'Size',
  sha256: 'SHA-256',
  download: 'Download',
  filesCaption: 'Files of table {table}: format, size and SHA-256.',
  columnsSummary: 'Columns ({n})',
  columnsCaption: 'Columns of table {table}: name, type and meaning.',
  column: 'Column',
  type: 'Type',
  meaning: 'Meaning',
  unit: 'unit',
  historyLink: 'Earlier releases and what changed',
  noRelease: 'No data release has been published yet.',

  historyTitle: 'Release history',
  historyDescription: 'Every Terang data release stays downloadable at a stable address, with what changed since the release before.',
  historyIntro:
    'A release never changes once published: its name carries its data date and a hash of its content, and its address stays. Order: data date, then when it was generated. Changes are computed when the site is built, by comparing the Parquet files of both releases.',
  current: 'current release',
  unknown: 'not recorded',
  filesSummary: 'Files per table',
  changesHeading: 'Changes since release {previous}',
  firstRelease: 'This is the first release: nothing to compare with.',
  changesCaption: 'Rows per table: added and removed by row key; changed = same key, different values.',
  previousRows: 'Rows before',
  nextRows: 'Rows now',
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  totalsCaption:
    'Key figures: the sum of the published province values. “at least” = some provinces are suppressed. For tables with periods only the periods that changed are shown.',
  totalsUnchanged: 'Other periods unchanged: {n}.',
  group: 'Period / group',
  previous: 'Before',
  next: 'Now',
  difference: 'Difference',
  noTotals: 'No key figure changed.',
  backToDownloads: 'Back to Download',
};

export const DOWNLOADS: Record<Lang, DownloadStrings> = { id, en };

/** `{name}` placeholders filled in. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB'];

/** `42,6 kB`, `1,4 MB` (decimal units, one decimal; bytes exact): how a file size reads on the Unduh pages. */
export function formatBytes(bytes: number, lang: Lang): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(value, lang, unit === 0 ? 0 : 1)}\u00a0${BYTE_UNITS[unit]}`;
}
