/**
 * The official BPS poverty figures of one province or kabupaten/kota, read
 * at site build time from the release's `bps_kemiskinan` table (published
 * by scripts/build/metrics/bps.ts from `npm run import:bps`). A release
 * without BPS data has no such table: `loadBpsFigures` then says so, and the
 * panel renders nothing. Values are as published; nothing is recomputed.
 */
import { BPS_INDICATORS, type BpsIndicator } from '../../../scripts/bps/indicators.ts';
import { formatNumber, formatRupiahFull, type Lang } from '../format.ts';
import type { Query } from './db.ts';
import { loadSiteData } from './site-data.ts';

export const BPS_TABLE_NAME = 'bps_kemiskinan';

/** The order readers meet the indicators in: the headline share and count first, the poverty line last. */
export const BPS_DISPLAY_ORDER: readonly BpsIndicator[] = ['p0', 'jumlah_miskin', 'p1', 'p2', 'garis_kemiskinan'];

export interface BpsValue {
  nilai: number;
  satuan: string;
}

export interface BpsFigures {
  kode: string;
  nama: string;
  tingkat: 'provinsi' | 'kabupaten';
  /** Survey years with at least one value, oldest first. */
  years: number[];
  /** `values[indicator][year]`, only where BPS published a value. */
  values: Record<BpsIndicator, Record<number, BpsValue>>;
  /** The imported BPS file names (no folders). */
  sources: string[];
}

export interface BpsLoad {
  /** Whether the release has BPS figures at all. */
  available: boolean;
  /** This region's figures; null when the release has none for it (or none at all). */
  figures: BpsFigures | null;
}

/** Reads one region's figures; null when the table holds none for it. */
export async function readBpsFigures(query: Query, kode: string): Promise<BpsFigures | null> {
  if (!/^\d{2}(\d{2})?$/.test(kode)) return null; // BPS publishes provinces and kabupaten/kota only
  const rows = await query(
    `SELECT tingkat, kode_wilayah, nama_wilayah, tahun::INTEGER AS tahun, indikator, nilai, satuan, sumber_berkas
     FROM r.${BPS_TABLE_NAME} WHERE kode_wilayah = $1 ORDER BY tahun, indikator`,
    [kode],
  );
  if (rows.length === 0) return null;
  const values = Object.fromEntries(BPS_INDICATORS.map((d) => [d.code, {}])) as BpsFigures['values'];
  const sources = new Set<string>();
  for (const row of rows) {
    const indicator = String(row.indikator) as BpsIndicator;
    if (!(indicator in values) || typeof row.nilai !== 'number') continue;
    values[indicator][Number(row.tahun)] = { nilai: row.nilai, satuan: String(row.satuan) };
    for (const file of String(row.sumber_berkas ?? '').split(';')) if (file.trim()) sources.add(file.trim());
  }
  const first = rows[0]!;
  return {
    kode,
    nama: String(first.nama_wilayah ?? kode),
    tingkat: first.tingkat === 'provinsi' ? 'provinsi' : 'kabupaten',
    years: [...new Set(rows.map((r) => Number(r.tahun)))].sort((a, b) => a - b),
    values,
    sources: [...sources].sort(),
  };
}

const cache = new Map<string, Promise<BpsLoad>>();

/** The latest release's BPS figures for a region (read once per site build and region). */
export function loadBpsFigures(kode: string): Promise<BpsLoad> {
  let result = cache.get(kode);
  if (!result) {
    result = (async () => {
      const site = await loadSiteData();
      if (!site || !site.release.tables.some((t) => t.name === BPS_TABLE_NAME)) return { available: false, figures: null };
      return { available: true, figures: await readBpsFigures(site.query, kode) };
    })();
    cache.set(kode, result);
  }
  return result;
}

/** The latest year holding this indicator, with its value. */
export function latest(figures: BpsFigures, indicator: BpsIndicator): { year: number; value: BpsValue } | null {
  const years = Object.keys(figures.values[indicator]).map(Number).sort((a, b) => b - a);
  const year = years[0];
  return year === undefined ? null : { year, value: figures.values[indicator][year]! };
}

/**
 * A BPS value as readers expect it: P0 as `9,56%` (BPS's two decimals kept),
 * persons as `121.480`, P1/P2 as `1,12`, the poverty line as `Rp 609.160`.
 */
export function formatBpsValue(indicator: BpsIndicator, nilai: number, lang: Lang): string {
  switch (indicator) {
    case 'p0':
      return `${formatNumber(nilai, lang, 2)}%`;
    case 'jumlah_miskin':
      return formatNumber(nilai, lang);
    case 'p1':
    case 'p2':
      return formatNumber(nilai, lang, 3);
    case 'garis_kemiskinan':
      return formatRupiahFull(nilai, lang);
  }
}
