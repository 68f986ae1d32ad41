/**
 * What a map component draws, as plain data: one area per region (a tile or
 * a path), its published value, its colour or state, its label and link,
 * and the legend. Pure, so it is tested without Astro or a browser.
 */
import { formatPublished, formatValue, type Lang, type Published, type ValueKind } from '../format.ts';
import type { MapLevel } from './boundaries.ts';
import { buildColorScale, shadeFor, type ColorScale, type Shade } from './color-scale.ts';
import type { GeoPathsResult } from './geo-paths.ts';
import { placeTiles } from './tile-layout.ts';

export type AreaShape = { kind: 'tile'; x: number; y: number; size: number; abbr: string } | { kind: 'path'; d: string };

export interface MapArea {
  kode: string;
  name: string;
  shape: AreaShape;
  cell: Published | undefined;
  shade: Shade;
  /** The value as text: formatted, "disamarkan", or "tidak ada data". */
  valueText: string;
  /** Page of the region, when the release has one. */
  href?: string;
}

export interface LegendEntry {
  kind: 'class' | 'suppressed' | 'missing';
  label: string;
  fill?: string;
}

export interface MapModel {
  kind: 'tiles' | 'choropleth';
  level: MapLevel;
  width: number;
  height: number;
  areas: MapArea[];
  scale: ColorScale;
  legend: LegendEntry[];
}

export interface MapInput {
  lang: Lang;
  kind: ValueKind;
  /** Smallest step of the values: 0.1 for shares (the build rounds them), 1 for counts. */
  precision: number;
  values: ReadonlyMap<string, Published>;
  /** Region names by code (from the release, else the reference list). */
  names: ReadonlyMap<string, string>;
  /** Link for a region code, or undefined when the site has no page for it. */
  hrefFor: (kode: string) => string | undefined;
  text: { suppressed: string; noData: string };
}

function scaleFor(input: MapInput, codes: readonly string[]): ColorScale {
  const values = codes.flatMap((kode) => {
    const cell = input.values.get(kode);
    return cell && !cell.suppressed && cell.value !== null ? [cell.value] : [];
  });
  return buildColorScale(values, input.precision);
}

function area(input: MapInput, scale: ColorScale, kode: string, shape: AreaShape): MapArea {
  const cell = input.values.get(kode);
  const shade = shadeFor(cell, scale);
  const valueText =
    shade.state === 'suppressed' ? input.text.suppressed : shade.state === 'missing' ? input.text.noData : formatPublished(cell!, input.kind, input.lang);
  return { kode, name: input.names.get(kode) ?? kode, shape, cell, shade, valueText, href: input.hrefFor(kode) };
}

function legendFor(input: MapInput, scale: ColorScale, areas: readonly MapArea[]): LegendEntry[] {
  const text = (v: number) => formatValue(v, input.kind, input.lang);
  const classes: LegendEntry[] = scale.classes.map((c) => ({
    kind: 'class',
    fill: c.fill,
    label: c.from === c.to ? text(c.from) : `${text(c.from)} – ${text(c.to)}`,
  }));
  const states: LegendEntry[] = [];
  if (areas.some((a) => a.shade.state === 'suppressed')) states.push({ kind: 'suppressed', label: input.text.suppressed });
  if (areas.some((a) => a.shade.state === 'missing')) states.push({ kind: 'missing', label: input.text.noData });
  return [...classes, ...states];
}

/** The province tile grid: all 38 provinces, whether or not the release covers them. */
export function tileMapModel(input: MapInput): MapModel {
  const { tiles, width, height } = placeTiles();
  const scale = scaleFor(input, tiles.map((t) => t.kode));
  const areas = tiles.map((t) => area(input, scale, t.kode, { kind: 'tile', x: t.x, y: t.y, size: t.size, abbr: t.abbr }));
  return { kind: 'tiles', level: 'provinsi', width, height, areas, scale, legend: legendFor(input, scale, areas) };
}

/** A choropleth from projected boundary paths (geo-paths.ts). */
export function choroplethModel(input: MapInput, level: MapLevel, geometry: GeoPathsResult): MapModel {
  const scale = scaleFor(input, geometry.paths.map((p) => p.kode));
  const areas = geometry.paths.map((p) => area(input, scale, p.kode, { kind: 'path', d: p.d }));
  return { kind: 'choropleth', level, width: geometry.width, height: geometry.height, areas, scale, legend: legendFor(input, scale, areas) };
}
