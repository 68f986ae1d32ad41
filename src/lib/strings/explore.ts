/**
 * UI strings of the Jelajah (SQL explorer) page, in Bahasa Indonesia (the
 * source) and English (same keys, checked by the type). Used at build time
 * and by the page's scripts, so nothing here imports Node code.
 * `{name}` placeholders are filled by `fill()` (`./targeting.ts`).
 */
import type { Lang } from '../format.ts';

const id = {
  title: 'Jelajah data dengan SQL',
  description: 'Konsol SQL (DuckDB) atas semua tabel yang diterbitkan, hanya-baca, di peramban Anda: daftar tabel dan kolom, contoh kueri, hasil yang dapat diunduh sebagai CSV atau XLSX.',
  intro:
    'Tulis kueri SQL atas tabel-tabel rilis ini. Kueri berjalan di peramban Anda (DuckDB-wasm), hanya membaca data yang diterbitkan, dan tidak mengirim apa pun ke pihak lain. Tabel dapat dipanggil dengan namanya saja, misalnya sasaran_program.',
  noscript: 'Menjalankan kueri memerlukan JavaScript. Tanpa JavaScript, daftar tabel dan contoh kueri di bawah tetap dapat dibaca, dan semua tabel dapat diunduh dari halaman Unduh.',
  source: 'Rilis',
  atDataDate: 'data per {date}',

  consoleHeading: 'Konsol SQL',
  sqlLabel: 'Kueri SQL',
  sqlHint: 'Satu pernyataan SELECT (juga WITH, DESCRIBE, SHOW, SUMMARIZE, PIVOT … IN (…), UNPIVOT). Ctrl+Enter menjalankan kueri.',
  run: 'Jalankan',
  cancel: 'Batalkan',
  useExample: 'Pakai kueri ini',
  useExampleLabel: 'Pakai kueri: {title}',

  loadingEngine: 'Memuat mesin kueri (DuckDB, sekali saja, sekitar 5 MB)…',
  loadingEngineProgress: 'Memuat mesin kueri (DuckDB): {percent}…',
  loadingFromLink: 'Tautan ini memuat sebuah kueri: kueri dijalankan otomatis setelah mesin kueri (DuckDB) termuat…',
  running: 'Menjalankan kueri…',
  done: 'Selesai: {rows} baris dalam {seconds} detik.',
  cancelling: 'Membatalkan…',
  cancelled: 'Kueri dibatalkan. Anda dapat mengubahnya dan menjalankannya lagi.',
  emptySql: 'Tulis sebuah kueri SQL dulu, atau pakai salah satu contoh di bawah.',

  errorTitle: 'Kueri tidak dapat dijalankan',
  errorEngine: 'DuckDB melaporkan:',
  errorHint: 'Periksa ejaan nama tabel dan kolom (lihat daftar tabel di bawah), tanda kutip, dan koma. Halaman tetap dapat dipakai: ubah kueri lalu jalankan lagi.',
  errorNotSelect:
    'Halaman ini hanya membaca data: yang dijalankan hanya satu pernyataan SELECT sekali jalan (juga WITH … SELECT, FROM …, VALUES, DESCRIBE, SHOW, SUMMARIZE, UNPIVOT, dan PIVOT yang menyebut nilainya: ON kolom IN (…)). Pernyataan yang mengubah, membuat, memuat atau menyetel sesuatu tidak dijalankan, begitu pula beberapa pernyataan sekaligus (hapus titik koma di antara dua pernyataan).',
  errorStart: 'Mesin kueri tidak dapat dimuat ({reason}). Coba lagi atau muat ulang halaman.',
  timeout: 'waktu habis',

  resultHeading: 'Hasil',
  resultCaption: 'Hasil kueri: baris {first}–{last} dari {rows}',
  resultCaptionEmpty: 'Hasil kueri: tidak ada baris',
  truncated: 'Hasil berisi {total} baris; hanya {kept} baris pertama yang ditampilkan dan diunduh. Persempit kueri (WHERE, GROUP BY, LIMIT), atau unduh tabel lengkap dari halaman Unduh.',
  pagingLabel: 'Halaman hasil',
  previous: 'Sebelumnya',
  next: 'Berikutnya',
  pageOf: 'Halaman {page} dari {pages}',
  cellsNote: '“–” = kosong (NULL). “disamarkan” = angka tidak diterbitkan karena terlalu kecil; kolom …_disamarkan bernilai “ya” pada baris itu.',

  chartHeading: 'Grafik cepat',
  chartTitle: '{value} menurut {label}',
  chartAria: 'Grafik batang: {value} menurut {label}, {count} batang. Angka yang sama ada di tabel hasil.',
  chartNone: 'Grafik cepat tersedia bila hasil berisi satu kolom angka dan satu kolom teks (misalnya nama wilayah dan sebuah jumlah).',
  chartLeftOut: '{count} baris tanpa nilai (kosong atau disamarkan) tidak digambar.',
  chartCapped: 'Hanya {shown} baris pertama yang digambar; tabel memuat semua {count}.',

  downloadHeading: 'Unduh hasil',
  downloadCsv: 'Unduh CSV',
  downloadXlsx: 'Unduh XLSX (Excel)',
  downloadNote: 'Seluruh hasil (bukan hanya halaman ini), dibuat di peramban Anda. CSV: UTF-8, pemisah koma, titik desimal.',

  schemaHeading: 'Tabel dan kolom',
  schemaIntro:
    'Semua tabel rilis ini, dengan jumlah baris, arti setiap kolom dan tipenya. Angka yang disamarkan kosong (NULL) dengan kolom pendamping <kolom>_disamarkan = true; jumlahkan atau bandingkan dengan sadar akan hal itu.',
  rowsCount: '{rows} baris',
  primaryKey: 'Kunci: {columns}',
  column: 'Kolom',
  type: 'Tipe',
  meaning: 'Arti',
  columnsCaption: 'Kolom tabel {table}',

  examplesHeading: 'Contoh kueri',
  examplesIntro: 'Setiap contoh berjalan pada tabel rilis ini. Salin SQL-nya, atau tekan “Pakai kueri ini” untuk menaruhnya di konsol dan menjalankannya.',
  noRelease: 'Belum ada rilis data yang diterbitkan, jadi belum ada tabel untuk dijelajahi.',
};

export type ExploreStrings = typeof id;

const en: ExploreStrings = {
  title: 'Explore the data with SQL',
  description: 'A read-only SQL console (DuckDB) over every published table, in your browser: tables and columns, example queries, results to download as CSV or XLSX.',
  intro:
    'Write SQL queries over this release’s tables. Queries run in your browser (DuckDB-wasm), only read the published data, and send nothing to anyone else. Tables can be named on their own, for example sasaran_program.',
  noscript: 'Running queries needs JavaScript. Without it, the tables and example queries below can still be read, and every table can be downloaded from the Downloads page.',
  source: 'Release',
  atDataDate: 'data as of {date}',

  consoleHeading: 'SQL console',
  sqlLabel: 'SQL query',
  sqlHint: 'One SELECT statement (WITH, DESCRIBE, SHOW, SUMMARIZE, PIVOT … IN (…) and UNPIVOT too). Ctrl+Enter runs the query.',
  run: 'Run',
  cancel: 'Cancel',
  useExample: 'Use this query',
  useExampleLabel: 'Use the query: {title}',

  loadingEngine: 'Loading the query engine (DuckDB, once, about 5 MB)…',
  loadingEngineProgress: 'Loading the query engine (DuckDB): {percent}…',
  loadingFromLink: 'This link holds a query: it runs by itself once the query engine (DuckDB) has loaded…',
  running: 'Running the query…',
  done: 'Done: {rows} rows in {seconds} seconds.',
  cancelling: 'Cancelling…',
  cancelled: 'The query was cancelled. You can change it and run it again.',
  emptySql: 'Write an SQL query first, or use one of the examples below.',

  errorTitle: 'The query could not run',
  errorEngine: 'DuckDB says:',
  errorHint: 'Check the spelling of table and column names (see the tables below), quotes and commas. The page still works: change the query and run it again.',
  errorNotSelect:
    'This page only reads data: it runs one SELECT statement at a time (also WITH … SELECT, FROM …, VALUES, DESCRIBE, SHOW, SUMMARIZE, UNPIVOT, and PIVOT that names its values: ON column IN (…)). Statements that change, create, load or set anything are not run, nor are several statements at once (remove the semicolon between two statements).',
  errorStart: 'The query engine could not load ({reason}). Try again or reload the page.',
  timeout: 'timed out',

  resultHeading: 'Result',
  resultCaption: 'Query result: rows {first}–{last} of {rows}',
  resultCaptionEmpty: 'Query result: no rows',
  truncated: 'The result has {total} rows; only the first {kept} are shown and downloaded. Narrow the query (WHERE, GROUP BY, LIMIT), or download the whole table from the Downloads page.',
  pagingLabel: 'Result pages',
  previous: 'Previous',
  next: 'Next',
  pageOf: 'Page {page} of {pages}',
  cellsNote: '“–” = empty (NULL). “suppressed” = the value is not published because it is too small; the …_disamarkan column is “yes” in that row.',

  chartHeading: 'Quick chart',
  chartTitle: '{value} by {label}',
  chartAria: 'Bar chart: {value} by {label}, {count} bars. The same numbers are in the result table.',
  chartNone: 'A quick chart is drawn when the result has one numeric column and one text column (for example region names and a count).',
  chartLeftOut: '{count} rows without a value (empty or suppressed) are not drawn.',
  chartCapped: 'Only the first {shown} rows are drawn; the table holds all {count}.',

  downloadHeading: 'Download the result',
  downloadCsv: 'Download CSV',
  downloadXlsx: 'Download XLSX (Excel)',
  downloadNote: 'The whole result (not only this page), made in your browser. CSV: UTF-8, comma separated, decimal point.',

  schemaHeading: 'Tables and columns',
  schemaIntro:
    'Every table of this release, with its number of rows and the meaning and type of each column. Suppressed values are empty (NULL) with a companion column <column>_disamarkan = true; keep that in mind when adding or comparing.',
  rowsCount: '{rows} rows',
  primaryKey: 'Key: {columns}',
  column: 'Column',
  type: 'Type',
  meaning: 'Meaning',
  columnsCaption: 'Columns of the {table} table',

  examplesHeading: 'Example queries',
  examplesIntro: 'Every example runs on this release’s tables. Copy its SQL, or press “Use this query” to put it in the console and run it.',
  noRelease: 'No data release has been published yet, so there are no tables to explore.',
};

export const EXPLORE_STRINGS: Record<Lang, ExploreStrings> = { id, en };
