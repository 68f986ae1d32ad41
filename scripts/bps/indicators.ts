/**
 * The five poverty indicators BPS publishes per kabupaten/kota (once a year,
 * from the March Susenas): how each is recognised in a downloaded table's
 * headers, the unit it is stored in, and the range a value must fall in.
 * One definition, read by the importer, the data build's table description,
 * the site and docs/bps-import.md.
 */
import type { Bilingual } from '../contracts/types.ts';

export type BpsIndicator = 'p0' | 'jumlah_miskin' | 'p1' | 'p2' | 'garis_kemiskinan';

export interface IndicatorDefinition {
  code: BpsIndicator;
  label: Bilingual;
  /** Unit of the stored value (`satuan`). */
  satuan: string;
  /** Header text (lower case, punctuation as spaces) naming this indicator. */
  pattern: RegExp;
  /** Allowed range of the stored value; outside it the value is rejected (usually a unit or separator mistake). */
  min: number;
  max: number;
}

/**
 * In detection order: the poverty line, P1 and P2 before the number and share
 * of poor people, since their headers also contain "penduduk miskin" or "kemiskinan".
 */
export const BPS_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'garis_kemiskinan',
    label: { id: 'Garis kemiskinan', en: 'Poverty line' },
    satuan: 'rupiah/kapita/bulan',
    pattern: /garis kemiskinan|poverty line|\bgk\b/,
    min: 50_000,
    max: 10_000_000,
  },
  {
    code: 'p1',
    label: { id: 'Indeks kedalaman kemiskinan (P1)', en: 'Poverty gap index (P1)' },
    satuan: 'indeks',
    pattern: /\bp1\b|kedalaman kemiskinan|poverty gap|poverty depth/,
    min: 0,
    max: 100,
  },
  {
    code: 'p2',
    label: { id: 'Indeks keparahan kemiskinan (P2)', en: 'Poverty severity index (P2)' },
    satuan: 'indeks',
    pattern: /\bp2\b|keparahan kemiskinan|poverty severity/,
    min: 0,
    max: 100,
  },
  {
    code: 'jumlah_miskin',
    label: { id: 'Jumlah penduduk miskin', en: 'Number of poor people' },
    satuan: 'jiwa',
    pattern: /\bjumlah\b.*\bmiskin\b|number of (the )?poor/,
    min: 0,
    max: 50_000_000,
  },
  {
    code: 'p0',
    label: { id: 'Persentase penduduk miskin (P0)', en: 'Share of people in poverty (P0)' },
    satuan: '%',
    pattern: /\bp0\b|persentase penduduk miskin|percentage of poor|poverty rate/,
    min: 0,
    max: 100,
  },
];

export const INDICATOR: Record<BpsIndicator, IndicatorDefinition> = Object.fromEntries(BPS_INDICATORS.map((d) => [d.code, d])) as Record<
  BpsIndicator,
  IndicatorDefinition
>;

/** The file name the importer writes and the data build reads, inside the BPS folder (TERANG_BPS_DIR, default data/bps). */
export const NORMALIZED_FILE = 'kemiskinan-bps.csv';
/** Reviewed name → code fixes, inside the same folder. */
export const OVERRIDES_FILE = 'overrides.csv';
export const NORMALIZED_COLUMNS = ['kode_wilayah', 'tahun', 'indikator', 'nilai', 'satuan', 'sumber_berkas'] as const;
