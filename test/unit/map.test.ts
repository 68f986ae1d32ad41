/**
 * The map's pure parts: the province tile layout against the Kemendagri list
 * (idn-area-data), the colour scale (suppressed and missing are never a
 * colour), the boundary-file reader on self-made fixtures
 * (test/fixtures/boundaries/), projection and simplification, and the model
 * the component draws.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/paths.ts';
import { describeProblems, featureCode, normalizeCode, readBoundaries } from '../../src/lib/map/boundaries.ts';
import { buildColorScale, contrast, PALETTE, shadeFor } from '../../src/lib/map/color-scale.ts';
import { geoPaths, simplify } from '../../src/lib/map/geo-paths.ts';
import { loadBoundaryFiles, referenceRegions } from '../../src/lib/map/map-data.ts';
import { choroplethModel, tileMapModel, type MapInput } from '../../src/lib/map/map-model.ts';
import { GRID, placeTiles, PROVINCE_TILES } from '../../src/lib/map/tile-layout.ts';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/boundaries');
const readFixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
const provincesCsv = Papa.parse<{ code: string; name: string }>(
  readFileSync(path.join(REPO_ROOT, 'node_modules/idn-area-data/data/provinces.csv'), 'utf8'),
  { header: true, skipEmptyLines: true },
).data;
const reference = referenceRegions();
const known = new Set(reference.keys());

describe('province tile layout', () => {
  it('has exactly the 38 current Kemendagri provinces, once each', () => {
    const codes = PROVINCE_TILES.map((t) => t.kode).sort();
    expect(provincesCsv).toHaveLength(38);
    expect(codes).toEqual(provincesCsv.map((p) => p.code).sort());
  });

  it('puts no two tiles on the same cell and no tile overlaps another once placed', () => {
    const cells = new Set(PROVINCE_TILES.map((t) => `${t.col},${t.row}`));
    expect(cells.size).toBe(38);
    const { tiles, width, height } = placeTiles(44, 4);
    for (const [i, a] of tiles.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.size).toBeLessThanOrEqual(width);
      expect(a.y + a.size).toBeLessThanOrEqual(height);
      for (const b of tiles.slice(i + 1)) {
        const apart = a.x + a.size <= b.x || b.x + b.size <= a.x || a.y + a.size <= b.y || b.y + b.size <= a.y;
        expect(apart, `${a.kode} and ${b.kode}`).toBe(true);
      }
    }
  });

  it('keeps rough geography: Aceh top-left, Papua Selatan bottom-right of Papua, Java below Kalimantan', () => {
    const at = (kode: string) => PROVINCE_TILES.find((t) => t.kode === kode)!;
    expect(at('11')).toMatchObject({ col: 0, row: 0 });
    expect(Math.max(...PROVINCE_TILES.map((t) => t.col))).toBe(at('91').col);
    expect(at('93').row).toBeGreaterThan(at('91').row);
    expect(at('35').row).toBeGreaterThan(at('63').row);
    expect(at('96').col).toBeLessThan(at('92').col);
    expect(GRID).toEqual({ cols: 14, rows: 6 });
  });

  it('labels every tile with a distinct two-letter ISO 3166-2:ID code', () => {
    const abbrs = PROVINCE_TILES.map((t) => t.abbr);
    expect(new Set(abbrs).size).toBe(38);
    for (const abbr of abbrs) expect(abbr).toMatch(/^[A-Z]{2}$/);
  });
});

describe('colour scale', () => {
  it('breaks on round numbers inside the published range, and each class states its exact range', () => {
    const scale = buildColorScale([17.7, 19.1, 22.1, 22.2], 0.1);
    expect(scale.breaks).toEqual([18, 20, 22]);
    expect(scale.classes.map((c) => [c.from, c.to])).toEqual([
      [17.7, 17.9],
      [18, 19.9],
      [20, 21.9],
      [22, 22.2],
    ]);
    expect(shadeFor({ value: 17.7, suppressed: false }, scale)).toMatchObject({ state: 'value', classIndex: 0 });
    expect(shadeFor({ value: 18, suppressed: false }, scale)).toMatchObject({ state: 'value', classIndex: 1 });
    expect(shadeFor({ value: 22.2, suppressed: false }, scale)).toMatchObject({ state: 'value', classIndex: 3 });
  });

  it('never colours a suppressed value, even one that carries a number, nor a missing one', () => {
    const scale = buildColorScale([0, 10, 20], 1);
    expect(shadeFor({ value: 0, suppressed: true }, scale)).toEqual({ state: 'suppressed' });
    expect(shadeFor({ value: null, suppressed: true }, scale)).toEqual({ state: 'suppressed' });
    expect(shadeFor({ value: null, suppressed: false }, scale)).toEqual({ state: 'missing' });
    expect(shadeFor(undefined, scale)).toEqual({ state: 'missing' });
    expect(shadeFor({ value: Number.NaN, suppressed: false }, scale)).toEqual({ state: 'missing' });
    // A real 0 is a value, in the lowest class.
    expect(shadeFor({ value: 0, suppressed: false }, scale)).toMatchObject({ state: 'value', classIndex: 0 });
  });

  it('handles one value, and no values at all', () => {
    const one = buildColorScale([12.5, 12.5], 0.1);
    expect(one.classes).toHaveLength(1);
    expect(one.classes[0]).toMatchObject({ from: 12.5, to: 12.5 });
    const none = buildColorScale([], 0.1);
    expect(none.classes).toEqual([]);
    expect(shadeFor({ value: 3, suppressed: false }, none)).toEqual({ state: 'missing' });
  });

  it('uses at most five classes, counts break on whole numbers', () => {
    const scale = buildColorScale([3, 17, 250, 999, 4000, 12000], 1);
    expect(scale.classes.length).toBeLessThanOrEqual(5);
    for (const b of scale.breaks) expect(Number.isInteger(b)).toBe(true);
  });

  it('writes tile text with at least 4.5:1 contrast on every palette colour', () => {
    const scale = buildColorScale([1, 2, 3, 4, 5], 1);
    expect(scale.classes.map((c) => c.fill)).toEqual([...PALETTE]);
    for (const c of scale.classes) expect(contrast(c.fill, c.text), c.fill).toBeGreaterThanOrEqual(4.5);
  });
});

describe('boundary files', () => {
  it('reads codes with or without dots, as text or number, from any accepted property or the id', () => {
    expect(normalizeCode('35.17')).toBe('3517');
    expect(normalizeCode(' 3517 ')).toBe('3517');
    expect(normalizeCode(35)).toBe('35');
    expect(normalizeCode('35.17.01.2001')).toBe('3517012001');
    expect(normalizeCode('ID-JI')).toBeNull();
    expect(normalizeCode(3.5)).toBeNull();
    expect(featureCode({ properties: { KODE_WILAYAH: '35' } }).kode).toBe('35');
    expect(featureCode({ properties: { KDPPUM: '35', KDPKAB: '35.17' } }).kode).toBe('3517');
    expect(featureCode({ id: '63', properties: {} }).kode).toBe('63');
    expect(featureCode({ properties: { nama: 'x' } }).kode).toBeNull();
  });

  it('reads the province fixture and reports unknown, code-less and missing provinces', () => {
    const set = readBoundaries(readFixture('provinsi.geojson'), known);
    expect(set.level).toBe('provinsi');
    expect(set.features.map((f) => f.kode)).toEqual(['11', '13', '21', '35', '63']);
    expect(set.features.find((f) => f.kode === '21')!.polygons).toHaveLength(3);
    const byKind = Object.fromEntries(set.problems.map((p) => [p.kind, p.codes]));
    expect(byKind['unknown-code']).toEqual(['99']);
    expect(byKind['no-code']).toEqual(['(none)']);
    expect(byKind['missing-shape']).toHaveLength(38 - 5);
    expect(byKind['missing-shape']).toContain('96');
    const lines = describeProblems('provinsi.geojson', set);
    expect(lines.find((l) => l.includes('not Kemendagri'))).toContain('99');
  });

  it('reads the kabupaten fixture: dotted KDPKAB codes, merged levels reported, Points reported', () => {
    const set = readBoundaries(readFixture('kabupaten.geojson'), known);
    expect(set.level).toBe('kabupaten');
    expect(set.features.map((f) => f.kode)).toEqual(['1305', '3507', '3517', '3578', '6310', '6311']);
    const byKind = Object.fromEntries(set.problems.map((p) => [p.kind, p.codes]));
    expect(byKind['unknown-code']).toEqual(['3599']);
    expect(byKind['other-level']).toEqual(['35']);
    expect(byKind['not-polygon']).toEqual(['3573']);
    // Missing kabupaten are those of the covered provinces only (13, 35, 63), not all of Indonesia.
    expect(byKind['missing-shape']!.every((kode) => ['13', '35', '63'].includes(kode.slice(0, 2)))).toBe(true);
    expect(byKind['missing-shape']).toContain('3573');
  });

  it('refuses what it cannot draw at all', () => {
    expect(() => readBoundaries({ type: 'Topology', objects: {} }, known)).toThrow(/FeatureCollection/);
    expect(() => readBoundaries({ type: 'FeatureCollection', features: [{ properties: { nama: 'x' } }] }, known)).toThrow(/no feature has/);
  });

  it('loads a folder: one file per level, warnings for every problem, unreadable files skipped', () => {
    const warnings: string[] = [];
    const loaded = loadBoundaryFiles(FIXTURES, known, (m) => warnings.push(m));
    expect(loaded.provinsi?.set.features).toHaveLength(5);
    expect(loaded.kabupaten?.set.features).toHaveLength(6);
    expect(warnings.some((w) => w.includes('provinsi.geojson') && w.includes('99'))).toBe(true);
    expect(warnings.some((w) => w.includes('kabupaten.geojson') && w.includes('3599'))).toBe(true);
    expect(loadBoundaryFiles(path.join(FIXTURES, 'does-not-exist'), known)).toEqual({});
  });
});

describe('projection and simplification', () => {
  it('keeps the corners of a square and drops points within the tolerance', () => {
    const line: [number, number][] = [
      [0, 0],
      [5, 0.2],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    expect(simplify(line, 0.5)).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ]);
  });

  it('projects the fixture into the SVG box with short, precision-rounded paths', () => {
    const set = readBoundaries(readFixture('provinsi.geojson'), known);
    const result = geoPaths(set.features, { width: 640 });
    expect(result.withinBudget).toBe(true);
    expect(result.paths.map((p) => p.kode)).toEqual(['11', '13', '21', '35', '63']);
    expect(result.height).toBeGreaterThan(100);
    expect(result.height).toBeLessThan(640);
    for (const { d } of result.paths) {
      expect(d).toMatch(/^M[\d.]+ [\d.]+l/);
      // At most one decimal anywhere.
      expect(d).not.toMatch(/\.\d\d/);
    }
    // Aceh (west) starts left of Jawa Timur (east); the hole in Aceh is kept, the tiny Kepri island dropped.
    const start = (kode: string) => Number(/^M([\d.]+)/.exec(result.paths.find((p) => p.kode === kode)!.d)![1]);
    expect(start('11')).toBeLessThan(start('35'));
    expect(result.paths.find((p) => p.kode === '11')!.d.match(/M/g)).toHaveLength(2);
    expect(result.paths.find((p) => p.kode === '21')!.d.match(/M/g)).toHaveLength(2);
  });

  it('raises the tolerance until the budget holds, and says so when it cannot', () => {
    // A wiggly coastline: 2,000 points along a line.
    const wiggle = Array.from({ length: 2000 }, (_, i) => [100 + i * 0.01, (i % 2) * 0.02] as [number, number]);
    const ring = [...wiggle, [120, 5], [100, 5], wiggle[0]!] as [number, number][];
    const features = [{ kode: '35', polygons: [[ring]] }];
    const loose = geoPaths(features, { budget: 1_000_000 });
    const tight = geoPaths(features, { budget: 2_000 });
    expect(tight.tolerance).toBeGreaterThan(loose.tolerance);
    expect(tight.size).toBeLessThanOrEqual(2_000);
    const impossible = geoPaths(features, { budget: 10 });
    expect(impossible.withinBudget).toBe(false);
  });
});

describe('map model', () => {
  const input = (values: Record<string, { value: number | null; suppressed: boolean }>): MapInput => ({
    lang: 'id',
    kind: 'percent',
    precision: 0.1,
    values: new Map(Object.entries(values)),
    names: reference,
    hrefFor: (kode) => (kode in values ? `/wilayah/${kode}/` : undefined),
    text: { suppressed: 'disamarkan', noData: 'tidak ada data' },
  });

  it('draws all 38 tiles: values coloured, suppressed marked, the rest neutral without a link', () => {
    const model = tileMapModel(input({ '35': { value: 17.7, suppressed: false }, '13': { value: 19.1, suppressed: false }, '63': { value: null, suppressed: true } }));
    expect(model.areas).toHaveLength(38);
    const at = (kode: string) => model.areas.find((a) => a.kode === kode)!;
    expect(at('35')).toMatchObject({ valueText: '17,7%', href: '/wilayah/35/', name: 'Jawa Timur', shade: { state: 'value' } });
    expect(at('63')).toMatchObject({ valueText: 'disamarkan', href: '/wilayah/63/', shade: { state: 'suppressed' } });
    expect(at('11')).toMatchObject({ valueText: 'tidak ada data', href: undefined, shade: { state: 'missing' } });
    // Two published values: two classes, then the two states.
    expect(model.legend.map((l) => l.kind)).toEqual(['class', 'class', 'suppressed', 'missing']);
    expect(model.legend[0]!.label).toBe('17,7% – 18,9%');
    expect(model.legend[1]!.label).toBe('19,0% – 19,1%');
  });

  it('builds a choropleth from the fixture paths, with only the drawn regions', () => {
    const set = readBoundaries(readFixture('kabupaten.geojson'), known);
    const model = choroplethModel(input({ '3517': { value: 20.5, suppressed: false }, '6310': { value: 2, suppressed: true } }), 'kabupaten', geoPaths(set.features));
    expect(model.kind).toBe('choropleth');
    expect(model.areas.map((a) => a.kode)).toEqual(['1305', '3507', '3517', '3578', '6310', '6311']);
    expect(model.areas.find((a) => a.kode === '3517')).toMatchObject({ name: 'Kabupaten Jombang', shade: { state: 'value' } });
    expect(model.areas.find((a) => a.kode === '6310')!.shade.state).toBe('suppressed');
    expect(model.areas.find((a) => a.kode === '3578')!.shade.state).toBe('missing');
  });
});
