/**
 * Reading a boundary file (GeoJSON) keyed by Kemendagri region code. Pure:
 * the caller reads the file and passes the parsed JSON and the reference
 * code list; problems come back as a list, never thrown away silently.
 *
 * A feature's code is the first of these properties that holds one (names
 * compared without regard to case), else the feature's `id`:
 * `kode_wilayah`, `kode_kemendagri`, `kode_kemendagri_2`... see
 * CODE_PROPERTIES. Codes may be written with or without dots (`35.17` or
 * `3517`), as text or as a number. Two digits are a province, four a
 * kabupaten/kota; a file holds one level (the level of most of its features).
 *
 * BPS statistical codes are not Kemendagri codes (see docs/maps.md): a file
 * keyed by BPS codes shows up here as unknown or wrongly placed codes.
 */
import type { Level } from '../data/site-data.ts';

export type MapLevel = Extract<Level, 'provinsi' | 'kabupaten'>;

/**
 * Property names read as the Kemendagri code, in order of preference. The
 * kabupaten names come before the province names because a kabupaten file
 * (for example BIG's administrative boundaries: `KDPKAB` `35.17`, `KDPPUM`
 * `35`) carries both.
 */
export const CODE_PROPERTIES = [
  'kode_wilayah',
  'kode_kemendagri',
  'kode_kab',
  'kode_kabupaten',
  'kdpkab',
  'kode_prov',
  'kode_provinsi',
  'kdppum',
  'kode',
  'code',
] as const;

type Position = [number, number];
type Ring = Position[];
/** Polygons as rings of [longitude, latitude]; the first ring of each is its outline. */
export type Polygons = Ring[][];

export interface BoundaryFeature {
  kode: string;
  polygons: Polygons;
}

export interface BoundaryProblem {
  kind: 'unknown-code' | 'no-code' | 'other-level' | 'not-polygon' | 'missing-shape';
  /** The codes concerned (normalised), or raw values for `no-code`. */
  codes: string[];
}

export interface BoundarySet {
  level: MapLevel;
  /** One entry per code, in code order; features sharing a code are merged. */
  features: BoundaryFeature[];
  /** Features not drawn or codes not found: report them, never drop them silently. */
  problems: BoundaryProblem[];
}

const LEVEL_BY_LENGTH: Record<number, MapLevel> = { 2: 'provinsi', 4: 'kabupaten' };

/** `35.17` → `3517`, `35` → `35`, 3517 → `3517`; null for anything that is not 2, 4, 6 or 10 digits. */
export function normalizeCode(raw: unknown): string | null {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) raw = String(raw);
  if (typeof raw !== 'string') return null;
  const digits = raw.trim().replace(/[.\s]/g, '');
  return /^(\d{2}|\d{4}|\d{6}|\d{10})$/.test(digits) ? digits : null;
}

/** The feature's code and the raw value it came from. */
export function featureCode(feature: { id?: unknown; properties?: unknown }): { kode: string | null; raw: unknown } {
  const properties = (feature.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
  const byLowerName = new Map(Object.entries(properties).map(([name, value]) => [name.toLowerCase(), value]));
  for (const name of CODE_PROPERTIES) {
    const value = byLowerName.get(name);
    if (value === undefined || value === null || value === '') continue;
    return { kode: normalizeCode(value), raw: value };
  }
  return { kode: normalizeCode(feature.id), raw: feature.id };
}

const isPosition = (p: unknown): p is Position => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number';
const toRing = (ring: unknown): Ring | null =>
  Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition) ? ring.map((p) => [p[0], p[1]] as Position) : null;
const toPolygon = (polygon: unknown): Ring[] | null => {
  if (!Array.isArray(polygon) || polygon.length === 0) return null;
  const rings = polygon.map(toRing);
  return rings.every((r): r is Ring => r !== null) ? rings : null;
};

/** Polygons of a GeoJSON geometry (Polygon, MultiPolygon, or a collection of them); null for anything else. */
export function polygonsOf(geometry: unknown): Polygons | null {
  if (!geometry || typeof geometry !== 'object') return null;
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (g.type === 'Polygon') {
    const polygon = toPolygon(g.coordinates);
    return polygon ? [polygon] : null;
  }
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
    const polygons = g.coordinates.map(toPolygon);
    return polygons.every((p): p is Ring[] => p !== null) ? polygons : null;
  }
  if (g.type === 'GeometryCollection' && Array.isArray(g.geometries)) {
    const parts = g.geometries.map(polygonsOf);
    return parts.every((p): p is Polygons => p !== null) ? parts.flat() : null;
  }
  return null;
}

const sortedUnique = (codes: Iterable<string>) => [...new Set(codes)].sort();

/**
 * Features of a GeoJSON FeatureCollection by Kemendagri code.
 * `known` is the reference list (idn-area-data), codes without dots.
 * Throws only when the input is not a FeatureCollection or holds no usable
 * province or kabupaten code at all: then there is nothing to draw.
 */
export function readBoundaries(json: unknown, known: ReadonlySet<string>): BoundarySet {
  const collection = json as { type?: unknown; features?: unknown };
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new Error('not a GeoJSON FeatureCollection (TopoJSON: convert it to GeoJSON first, see docs/maps.md)');
  }
  const features = collection.features as { id?: unknown; properties?: unknown; geometry?: unknown }[];
  const coded = features.map((feature) => ({ ...featureCode(feature), feature }));

  const counts = new Map<MapLevel, number>();
  for (const { kode } of coded) {
    const level = kode ? LEVEL_BY_LENGTH[kode.length] : undefined;
    if (level) counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const level = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!level) throw new Error(`no feature has a province or kabupaten code in a property named ${CODE_PROPERTIES.join(', ')} or in its id`);
  const codeLength = level === 'provinsi' ? 2 : 4;

  const noCode: string[] = [];
  const otherLevel: string[] = [];
  const unknown: string[] = [];
  const notPolygon: string[] = [];
  const merged = new Map<string, Polygons>();
  for (const { kode, raw, feature } of coded) {
    if (!kode) {
      noCode.push(raw === undefined ? '(none)' : String(raw));
      continue;
    }
    if (kode.length !== codeLength) {
      otherLevel.push(kode);
      continue;
    }
    if (!known.has(kode)) {
      unknown.push(kode);
      continue;
    }
    const polygons = polygonsOf(feature.geometry);
    if (!polygons) {
      notPolygon.push(kode);
      continue;
    }
    merged.set(kode, [...(merged.get(kode) ?? []), ...polygons]);
  }
  // A kabupaten file may cover a few provinces only: expect the kabupaten of those.
  const provincesCovered = new Set([...merged.keys()].map((kode) => kode.slice(0, 2)));
  const missing = [...known].filter(
    (kode) => kode.length === codeLength && !merged.has(kode) && (level === 'provinsi' || provincesCovered.has(kode.slice(0, 2))),
  );

  const problems: BoundaryProblem[] = [];
  const report = (kind: BoundaryProblem['kind'], codes: string[]) => {
    if (codes.length > 0) problems.push({ kind, codes: kind === 'no-code' ? codes : sortedUnique(codes) });
  };
  report('unknown-code', unknown);
  report('no-code', noCode);
  report('other-level', otherLevel);
  report('not-polygon', notPolygon);
  report('missing-shape', missing);

  return {
    level,
    features: [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kode, polygons]) => ({ kode, polygons })),
    problems,
  };
}

/** One line per problem, in English, for the build log. */
export function describeProblems(source: string, set: BoundarySet): string[] {
  const list = (codes: string[]) => (codes.length > 20 ? `${codes.slice(0, 20).join(', ')} … (${codes.length} in all)` : codes.join(', '));
  return set.problems.map((problem) => {
    switch (problem.kind) {
      case 'unknown-code':
        return `${source}: ${problem.codes.length} code(s) are not Kemendagri ${set.level} codes (idn-area-data), not drawn — BPS codes? ${list(problem.codes)}`;
      case 'no-code':
        return `${source}: ${problem.codes.length} feature(s) without a readable code, not drawn: ${list(problem.codes)}`;
      case 'other-level':
        return `${source}: ${problem.codes.length} feature(s) of another level than ${set.level}, not drawn: ${list(problem.codes)}`;
      case 'not-polygon':
        return `${source}: ${problem.codes.length} feature(s) whose geometry is not a Polygon or MultiPolygon, not drawn: ${list(problem.codes)}`;
      case 'missing-shape':
        return `${source}: ${problem.codes.length} ${set.level} code(s) have no shape in this file (their values stay in the table): ${list(problem.codes)}`;
    }
  });
}
