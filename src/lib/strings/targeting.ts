/**
 * UI strings of the Sasaran (targeting) page, in Bahasa Indonesia (the
 * source) and English (same keys, checked by the type). Used at build time
 * and by the page's script, so nothing here imports Node code.
 * `{name}` placeholders are filled by `fill()`.
 */
import type { Lang } from '../format.ts';

const id = {
  title: 'Ketepatan sasaran bansos',
  description: 'Galat inklusi, galat eksklusi, cakupan dan kebocoran per program dan wilayah; tanda mutu data, kemutakhiran verval dan tumpang tindih program.',
  intro:
    'Apakah bantuan sampai kepada keluarga yang layak menurut aturan desil program? Halaman ini membandingkan wilayah untuk satu program dan periode. Keluarga layak = desil dalam aturan program dan berstatus AKTIF (untuk PIP: anak 6–18 tahun dalam keluarga seperti itu).',
  controlsLegend: 'Pilih tampilan',
  program: 'Program',
  period: 'Periode',
  year: 'Tahun',
  metric: 'Ukuran',
  level: 'Tingkat wilayah',
  noscript: 'Untuk memilih program, periode, ukuran atau tingkat wilayah lain, aktifkan JavaScript. Tampilan di bawah adalah tampilan bawaan; data lengkap dapat diunduh dari rilis.',
  loadingEngine: 'Memuat mesin kueri (DuckDB, sekali saja, sekitar 5 MB)…',
  loadingEngineProgress: 'Memuat mesin kueri (DuckDB): {percent}…',
  loadingQuery: 'Mengambil data…',
  loadingFromLink: 'Tautan ini meminta tampilan lain: memuat mesin kueri untuk menampilkannya. Sementara itu tampil tampilan bawaan.',
  loaded: 'Tampilan diperbarui: {view}.',
  failed: 'Tampilan tidak dapat dimuat ({reason}). Yang tampil masih tampilan sebelumnya; coba lagi atau muat ulang halaman.',
  timeout: 'waktu habis',

  metrics: {
    inklusi: 'Galat inklusi',
    eksklusi: 'Galat eksklusi',
    cakupan: 'Cakupan',
    kebocoran: 'Kebocoran',
  },
  metricHints: {
    inklusi: 'penerima di luar aturan desil ÷ penerima',
    eksklusi: 'keluarga layak yang tidak menerima ÷ keluarga layak',
    cakupan: 'keluarga layak yang menerima ÷ keluarga layak',
    kebocoran: 'nilai dibayar kepada penerima di luar aturan desil ÷ seluruh nilai dibayar',
  },
  levels: { provinsi: 'Provinsi', kabupaten: 'Kabupaten/kota', kecamatan: 'Kecamatan' },

  rankedHeading: 'Wilayah menurut ukuran ketepatan sasaran',
  rankedTitle: '{metric} {program} per {level}, {period}',
  rankedAria: 'Diagram batang: {metric} per {level}, diurutkan dari yang terburuk. Angkanya ada di tabel di bawah diagram.',
  takeawayRange: 'Dari {count} wilayah, {metric} paling buruk di {worst} ({worstValue}) dan paling baik di {best} ({bestValue}).',
  takeawayOne: '{metric} di {worst}: {worstValue}.',
  takeawayNone: 'Tidak ada angka {metric} yang dapat diterbitkan untuk pilihan ini.',
  takeawaySuppressed: ' {count} wilayah disamarkan dan tidak digambar.',
  chartCapped: 'Diagram menampilkan {shown} wilayah terburuk dari {count}; semua ada di tabel.',
  showTable: 'Tabel angka',
  region: 'Wilayah',
  recipients: 'Penerima',
  eligible: 'Keluarga layak',
  amountPaid: 'Nilai dibayar',
  worseHigher: 'makin tinggi makin buruk',
  worseLower: 'makin rendah makin buruk',

  flagsHeading: 'Tanda mutu data di antara penerima',
  flagsCaption: 'Penerima {program}, {period}, per {level}, menurut tanda.',
  flagDeath: 'Dibayar setelah meninggal',
  flagDuplicateNik: 'NIK ganda',
  flagNotVerified: 'Belum diverval 24 bulan',
  flagInactive: 'Status bukan AKTIF',
  flagMultiProgram: 'Juga menerima program lain',
  qualityLine: 'Di luar wilayah mana pun (tidak dapat ditempatkan) untuk {program}, {period}: {unregistered} penerima tidak terdaftar di DTSEN, {invalid} baris pembayaran ditolak karena NIK/KK tidak sah, di antaranya {excel} dalam format ilmiah Excel.',
  qualityNone: 'Tidak ada catatan mutu data tanpa wilayah untuk pilihan ini.',

  overlapHeading: 'Tumpang tindih program',
  overlapCaption: 'Keluarga yang menerima {program} dan program lain pada {period} yang sama, per {level}.',
  overlapNone: 'Tidak ada tumpang tindih yang tercatat untuk pilihan ini.',

  vervalHeading: 'Kemutakhiran verval dan pengunduran diri',
  vervalTitle: 'Keluarga yang diverval dalam 24 bulan terakhir, per provinsi',
  vervalTakeaway: 'Bagian keluarga yang diverval dalam 24 bulan berkisar dari {low} di {lowName} sampai {high} di {highName}.',
  vervalAria: 'Diagram batang: persen keluarga yang diverval dalam 24 bulan per provinsi. Angkanya ada di tabel di bawah diagram.',
  vervalShare: 'Diverval dalam 24 bulan',
  vervalFamilies: 'Keluarga dalam register',
  withdrawn: 'Mengundurkan diri (graduasi sukarela)',

  source: 'Sumber',
  sourceTables: 'Sumber: tabel {tables} · Periode: {period} · Rilis: {release}',
  atDataDate: 'tanggal data {date}',
  methodology: 'Definisi lengkap ada di metodologi (docs/methodology.md).',
  suppressed: 'disamarkan',
};

export type TargetingStrings = typeof id;

const en: TargetingStrings = {
  title: 'Social assistance targeting',
  description: 'Inclusion error, exclusion error, coverage and leakage by program and region; data-quality flags, verval recency and program overlap.',
  intro:
    'Does aid reach the families that qualify under each program’s desil rule? This page compares regions for one program and period. Eligible = desil within the program’s rule and status AKTIF (for PIP: children aged 6–18 in such families).',
  controlsLegend: 'Choose the view',
  program: 'Program',
  period: 'Period',
  year: 'Year',
  metric: 'Measure',
  level: 'Region level',
  noscript: 'To choose another program, period, measure or region level, turn on JavaScript. Below is the default view; the full data can be downloaded from the release.',
  loadingEngine: 'Loading the query engine (DuckDB, once, about 5 MB)…',
  loadingEngineProgress: 'Loading the query engine (DuckDB): {percent}…',
  loadingQuery: 'Fetching the data…',
  loadingFromLink: 'This link asks for another view: loading the query engine to show it. Meanwhile the default view is shown.',
  loaded: 'View updated: {view}.',
  failed: 'The view could not be loaded ({reason}). The previous view is still shown; try again or reload the page.',
  timeout: 'timed out',

  metrics: {
    inklusi: 'Inclusion error',
    eksklusi: 'Exclusion error',
    cakupan: 'Coverage',
    kebocoran: 'Leakage',
  },
  metricHints: {
    inklusi: 'recipients outside the desil rule ÷ recipients',
    eksklusi: 'eligible families not receiving ÷ eligible families',
    cakupan: 'eligible families receiving ÷ eligible families',
    kebocoran: 'amount paid to recipients outside the desil rule ÷ all amounts paid',
  },
  levels: { provinsi: 'Province', kabupaten: 'Kabupaten/kota', kecamatan: 'Kecamatan' },

  rankedHeading: 'Regions by targeting measure',
  rankedTitle: '{metric} of {program} by {level}, {period}',
  rankedAria: 'Bar chart: {metric} by {level}, worst first. The numbers are in the table below the chart.',
  takeawayRange: 'Of {count} regions, {metric} is worst in {worst} ({worstValue}) and best in {best} ({bestValue}).',
  takeawayOne: '{metric} in {worst}: {worstValue}.',
  takeawayNone: 'No {metric} figure can be published for this choice.',
  takeawaySuppressed: ' {count} regions are suppressed and not drawn.',
  chartCapped: 'The chart shows the worst {shown} of {count} regions; all are in the table.',
  showTable: 'Table of figures',
  region: 'Region',
  recipients: 'Recipients',
  eligible: 'Eligible families',
  amountPaid: 'Amount paid',
  worseHigher: 'higher is worse',
  worseLower: 'lower is worse',

  flagsHeading: 'Data-quality flags among recipients',
  flagsCaption: '{program} recipients, {period}, by {level}, per flag.',
  flagDeath: 'Paid after death',
  flagDuplicateNik: 'Duplicate NIK',
  flagNotVerified: 'Not verified in 24 months',
  flagInactive: 'Status not AKTIF',
  flagMultiProgram: 'Also receives another program',
  qualityLine: 'Outside any region (they cannot be placed) for {program}, {period}: {unregistered} recipients not in the DTSEN registry, {invalid} payment rows rejected for an invalid NIK/KK, {excel} of them in Excel’s scientific format.',
  qualityNone: 'No data-quality records without a region for this choice.',

  overlapHeading: 'Program overlap',
  overlapCaption: 'Families receiving {program} and another program in the same period ({period}), by {level}.',
  overlapNone: 'No overlap recorded for this choice.',

  vervalHeading: 'Verval recency and voluntary withdrawals',
  vervalTitle: 'Families verified in the last 24 months, by province',
  vervalTakeaway: 'The share of families verified in 24 months ranges from {low} in {lowName} to {high} in {highName}.',
  vervalAria: 'Bar chart: percentage of families verified in 24 months by province. The numbers are in the table below the chart.',
  vervalShare: 'Verified in 24 months',
  vervalFamilies: 'Families in the registry',
  withdrawn: 'Withdrew voluntarily (graduation)',

  source: 'Source',
  sourceTables: 'Source: table {tables} · Period: {period} · Release: {release}',
  atDataDate: 'data date {date}',
  methodology: 'Full definitions are in the methodology (docs/methodology.md).',
  suppressed: 'suppressed',
};

export const TARGETING_STRINGS: Record<Lang, TargetingStrings> = { id, en };

/** `fill('a {x} b', { x: 1 })` → `a 1 b`; unknown placeholders stay as written. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
