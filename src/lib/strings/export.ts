/**
 * Strings of the export bar under every chart and table (issue 5) and of the
 * chart-only embed pages. Indonesian is the source; English has the same
 * keys (the type checks it).  Each button is named by its text plus the chart's or table's title.
 */
import type { Lang } from '../format.ts';

const id = {
  barLabel: 'Unduh dan sematkan',
  csv: 'Unduh CSV',
  svg: 'Unduh SVG',
  png: 'Unduh PNG',
  embed: 'Sematkan',
  embedHint: 'Salin kode ini ke halaman Anda. Grafik tampil dengan tampilan (filter) yang sedang Anda lihat.',
  embedCode: 'Kode sematan',
  copy: 'Salin',
  copied: 'Tersalin.',
  copyFailed: 'Tidak bisa menyalin otomatis: pilih kodenya lalu salin.',
  embedTitle: 'Grafik Terang',
  fullPage: 'Lihat halaman lengkap di Terang',
};

export type ExportStrings = { [K in keyof typeof id]: string };

const en: ExportStrings = {
  barLabel: 'Download and embed',
  csv: 'Download CSV',
  svg: 'Download SVG',
  png: 'Download PNG',
  embed: 'Embed',
  embedHint: 'Copy this code into your page. The chart shows the view (filters) you are looking at now.',
  embedCode: 'Embed code',
  copy: 'Copy',
  copied: 'Copied.',
  copyFailed: 'Could not copy automatically: select the code and copy it.',
  embedTitle: 'Terang chart',
  fullPage: 'See the full page on Terang',
};

export const EXPORT_STRINGS: Record<Lang, ExportStrings> = { id, en };
