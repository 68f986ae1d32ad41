/**
 * Boundary polygons → small SVG path strings, at build time. Pure.
 *
 * Coordinates are projected (Mercator, fitted to the features' extent; near
 * the equator it barely distorts), snapped to a 0.1-unit grid, simplified
 * with Douglas–Peucker at a tolerance in SVG units, and written as relative
 * path commands. Rings that shrink below a few square units disappear,
 * except each region's largest ring, so no region vanishes from the map.
 * The tolerance doubles until all paths fit `budget` characters: the page
 * must stay small on slow mobile data. If even the coarsest tolerance does
 * not fit, the result says so and the caller falls back to the tile grid.
 *
 * Projection by hand (rather than d3's geoPath) keeps ring winding out of
 * the picture: GeoJSON files wind either way, and SVG draws holes with
 * `fill-rule: evenodd` whatever their direction.
 */
import { geoMercator } from 'd3-geo';
import type { BoundaryFeature } from './boundaries.ts';

export interface GeoPath {
  kode: string;
  d: string;
}

export interface GeoPathsResult {
  width: number;
  height: number;
  paths: GeoPath[];
  /** Characters of all `d` attributes. */
  size: number;
  /** Douglas–Peucker tolerance used, in SVG units. */
  tolerance: number;
  /** False when even the coarsest tolerance exceeds the budget. */
  withinBudget: boolean;
}

export interface GeoPathsOptions {
  /** SVG width in user units; the height follows the map's shape. */
  width?: number;
  /** Most characters of path data (all features together). */
  budget?: number;
  /** Tolerances tried in order, in SVG units. */
  tolerances?: readonly number[];
}

/** About 35–45 KB after brotli: well inside a 150 KB page. */
export const DEFAULT_PATH_BUDGET = 120_000;
export const DEFAULT_TOLERANCES = [0.5, 1, 2, 4, 8] as const;
const GRID = 10; // 0.1-unit precision
const MARGIN = 3; // SVG units around the map
const MIN_RING_AREA_FACTOR = 4; // rings smaller than (4 × tolerance²) square units are dropped

type Point = [number, number];

const snap = (v: number) => Math.round(v * GRID) / GRID;

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on an open or closed polyline (iterative: a long coastline must not overflow the stack). */
export function simplify(points: readonly Point[], tolerance: number): Point[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(points[i]!, points[first]!, points[last]!);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** Shoelace area (absolute) of a ring. */
export function ringArea(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return Math.abs(sum / 2);
}

const number = (v: number) => String(Math.round(v * GRID) / GRID);

/** `M x y l dx dy … z` with snapped coordinates; repeated points dropped. */
function ringPath(ring: readonly Point[]): string {
  let d = `M${number(ring[0]![0])} ${number(ring[0]![1])}`;
  let [px, py] = ring[0]!;
  for (const [x, y] of ring.slice(1)) {
    const [dx, dy] = [snap(x - px), snap(y - py)];
    if (dx === 0 && dy === 0) continue;
    d += `l${number(dx)}${dy < 0 ? '' : ' '}${number(dy)}`;
    [px, py] = [x, y];
  }
  return `${d}z`;
}

function featurePath(rings: Point[][], tolerance: number): string {
  const simplified = rings
    .map((ring) => simplify(ring, tolerance))
    .map((ring) => ({ ring, area: ringArea(ring) }))
    .filter(({ ring }) => ring.length >= 4);
  if (simplified.length === 0) return '';
  const largest = simplified.reduce((a, b) => (b.area > a.area ? b : a));
  return simplified
    .filter((r) => r === largest || r.area >= MIN_RING_AREA_FACTOR * tolerance * tolerance)
    .map((r) => ringPath(r.ring))
    .join('');
}

/** Project every feature to SVG units, then simplify until the budget holds. */
export function geoPaths(features: readonly BoundaryFeature[], options: GeoPathsOptions = {}): GeoPathsResult {
  const width = options.width ?? 640;
  const budget = options.budget ?? DEFAULT_PATH_BUDGET;
  const tolerances = options.tolerances ?? DEFAULT_TOLERANCES;
  const all = features.flatMap((f) => f.polygons.flat(2));
  if (all.length === 0) return { width, height: 0, paths: [], size: 0, tolerance: tolerances[0] ?? 0, withinBudget: true };
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const corners = [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
  // A margin so outlines (and the focus ring) at the edges are not cut off.
  const projection = geoMercator().fitWidth(width - 2 * MARGIN, { type: 'MultiPoint', coordinates: corners });
  const [tx, ty] = projection.translate();
  projection.translate([tx + MARGIN, ty + MARGIN]);
  const project = (p: readonly number[]): Point => {
    const xy = projection([p[0]!, p[1]!])!;
    return [snap(xy[0]), snap(xy[1])];
  };
  const projected = features.map((f) => ({ kode: f.kode, rings: f.polygons.flat().map((ring) => ring.map(project)) }));
  const ys = projected.flatMap((f) => f.rings.flat().map((p) => p[1]));
  const height = Math.ceil(Math.max(...ys) + MARGIN);

  let result: GeoPathsResult | undefined;
  for (const tolerance of tolerances) {
    const paths = projected.map((f) => ({ kode: f.kode, d: featurePath(f.rings, tolerance) })).filter((p) => p.d !== '');
    const size = paths.reduce((total, p) => total + p.d.length, 0);
    result = { width, height, paths, size, tolerance, withinBudget: size <= budget };
    if (result.withinBudget) break;
  }
  return result!;
}
