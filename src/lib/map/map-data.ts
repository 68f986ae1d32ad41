/**
 * The maps' inputs at site build time: published values from the site data
 * layer (never recomputed), region names, and the optional boundary files in
 * `data/boundaries/` (TERANG_BOUNDARIES_DIR). Problems with a boundary file
 * are printed as build warnings, once per file.
 *
 * The metric is the first program's (PKH when present) inclusion error at its
 * default quarter: the same published cell the region pages show.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { boundariesDir, REPO_ROOT } from '../../../scripts/paths.ts';
import type { Published } from '../format.ts';
import { formatPeriod, type Lang } from '../format.ts';
import { localePath } from '../i18n.ts';
import { cell, type Region, type SiteData } from '../data/site-data.ts';
import { MAP_STRINGS } from '../strings/map.ts';
import { describeProblems, readBoundaries, type BoundarySet, type MapLevel } from './boundaries.ts';
import { geoPaths, type GeoPathsResult } from './geo-paths.ts';
import { choroplethModel, tileMapModel, type MapInput, type MapModel } from './map-model.ts';

/** File names read as GeoJSON boundary files. */
export const BOUNDARY_FILE = /\.(geo)?json$/i;

const AREA_DATA_DIR = path.join(REPO_ROOT, 'node_modules', 'idn-area-data', 'data');

/** Kemendagri province and kabupaten codes (without dots) and names, from idn-area-data (ODbL). */
export function referenceRegions(dir = AREA_DATA_DIR): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of ['provinces.csv', 'regencies.csv']) {
    const rows = Papa.parse<{ code: string; name: string }>(readFileSync(path.join(dir, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
    for (const row of rows) names.set(row.code.replaceAll('.', ''), row.name);
  }
  return names;
}

export interface LoadedBoundaries {
  source: string;
  set: BoundarySet;
}

/**
 * Boundary files in `dir`, at most one per level (the first by name; others
 * are reported). A file that cannot be read is reported and skipped: the
 * site then shows the tile grid, it does not fail.
 */
export function loadBoundaryFiles(
  dir: string,
  known: ReadonlySet<string>,
  warn: (message: string) => void = (m) => console.warn(`[map] ${m}`),
): Partial<Record<MapLevel, LoadedBoundaries>> {
  if (!existsSync(dir)) return {};
  const loaded: Partial<Record<MapLevel, LoadedBoundaries>> = {};
  for (const name of readdirSync(dir).filter((n) => BOUNDARY_FILE.test(n)).sort()) {
    const source = path.join(dir, name);
    let set: BoundarySet;
    try {
      set = readBoundaries(JSON.parse(readFileSync(source, 'utf8')), known);
    } catch (error) {
      warn(`${source}: not used: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const line of describeProblems(source, set)) warn(line);
    if (loaded[set.level]) {
      warn(`${source}: a second ${set.level} boundary file, not used (${loaded[set.level]!.source} is)`);
      continue;
    }
    loaded[set.level] = { source, set };
  }
  return loaded;
}

let cachedReference: Map<string, string> | undefined;
const cachedBoundaries = new Map<string, Partial<Record<MapLevel, LoadedBoundaries>>>();
const cachedGeometry = new Map<string, GeoPathsResult | null>();

function boundariesIn(dir: string) {
  cachedReference ??= referenceRegions();
  let loaded = cachedBoundaries.get(dir);
  if (!loaded) {
    loaded = loadBoundaryFiles(dir, new Set(cachedReference.keys()));
    cachedBoundaries.set(dir, loaded);
  }
  return loaded;
}

/** Projected paths of some features of a file, or null (with a warning) when they exceed the size budget. */
function geometryFor(loaded: LoadedBoundaries, key: string, keep: (kode: string) => boolean): GeoPathsResult | null {
  const cacheKey = `${loaded.source}#${key}`;
  if (!cachedGeometry.has(cacheKey)) {
    const features = loaded.set.features.filter((f) => keep(f.kode));
    const result = features.length > 0 ? geoPaths(features) : null;
    if (result && !result.withinBudget) {
      console.warn(`[map] ${loaded.source}: ${result.size} characters of path data even at tolerance ${result.tolerance}; showing the tile grid instead. Simplify the file (docs/maps.md).`);
    }
    cachedGeometry.set(cacheKey, result?.withinBudget ? result : null);
  }
  return cachedGeometry.get(cacheKey)!;
}

const provinceRegions = (data: SiteData) => data.regions.filter((r) => r.tingkat === 'provinsi');

/** Each province's published inclusion error of the first program at its default quarter. */
async function provinceValues(data: SiteData): Promise<Map<string, Published>> {
  const values = new Map<string, Published>();
  for (const region of provinceRegions(data)) {
    const first = (await data.programsFor(region.kode))[0];
    if (first?.row) values.set(region.kode, cell(first.row, 'galat_inklusi'));
  }
  return values;
}

/** Each kabupaten's published inclusion error (same program and quarter) under the given provinces. */
async function kabupatenValues(data: SiteData, provinces: readonly Region[]): Promise<Map<string, Published>> {
  const values = new Map<string, Published>();
  for (const province of provinces) {
    for (const sub of await data.subAreasFor(province.kode)) values.set(sub.region.kode, sub.galatInklusi);
  }
  return values;
}

export interface MapView {
  model: MapModel;
  /** The metric's caption, e.g. "Penerima PKH di luar aturan desil (galat inklusi), Triwulan III 2026". */
  metric: string;
}

function metricText(data: SiteData, lang: Lang): string {
  const program = data.programs.find((p) => p.periode !== null);
  return MAP_STRINGS[lang].metric
    .replace('{program}', program ? program.kode.replace('_', '-') : '–')
    .replace('{period}', program?.periode ? formatPeriod(program.periode, lang) : '–');
}

function inputFor(data: SiteData, lang: Lang, values: Map<string, Published>): MapInput {
  cachedReference ??= referenceRegions();
  const names = new Map(cachedReference);
  for (const region of data.regions) if (region.tingkat === 'provinsi' || region.tingkat === 'kabupaten') names.set(region.kode, region.nama);
  const strings = MAP_STRINGS[lang];
  return {
    lang,
    kind: 'percent',
    precision: 0.1,
    values,
    names,
    hrefFor: (kode) => (data.region(kode) ? localePath(lang, `/wilayah/${kode}/`) : undefined),
    text: { suppressed: strings.suppressed, noData: strings.noData },
  };
}

/**
 * Beranda's map: a choropleth when a province (or else a kabupaten) boundary
 * file is installed and fits the size budget, otherwise the tile grid.
 */
export async function homeMap(data: SiteData, lang: Lang, dir: string = boundariesDir()): Promise<MapView> {
  const metric = metricText(data, lang);
  const boundaries = boundariesIn(dir);
  const provinces = boundaries.provinsi;
  if (provinces) {
    const geometry = geometryFor(provinces, 'all', () => true);
    if (geometry) return { metric, model: choroplethModel(inputFor(data, lang, await provinceValues(data)), 'provinsi', geometry) };
  }
  const kabupaten = boundaries.kabupaten;
  if (kabupaten) {
    const geometry = geometryFor(kabupaten, 'all', () => true);
    if (geometry) {
      const values = await kabupatenValues(data, provinceRegions(data));
      return { metric, model: choroplethModel(inputFor(data, lang, values), 'kabupaten', geometry) };
    }
  }
  return { metric, model: tileMapModel(inputFor(data, lang, await provinceValues(data))) };
}

/** A province's kabupaten map, only when a kabupaten boundary file covers it; otherwise null. */
export async function provinceMap(data: SiteData, province: Region, lang: Lang, dir: string = boundariesDir()): Promise<MapView | null> {
  if (province.tingkat !== 'provinsi') return null;
  const kabupaten = boundariesIn(dir).kabupaten;
  if (!kabupaten) return null;
  const geometry = geometryFor(kabupaten, province.kode, (kode) => kode.startsWith(province.kode));
  if (!geometry) return null;
  const values = await kabupatenValues(data, [province]);
  return { metric: metricText(data, lang), model: choroplethModel(inputFor(data, lang, values), 'kabupaten', geometry) };
}
