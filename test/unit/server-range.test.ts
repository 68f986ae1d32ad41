import { describe, expect, it } from 'vitest';
import { acceptableEncodings } from '../../scripts/server/encoding.ts';
import { cacheControlFor, RELEASE_ID_PATTERN } from '../../scripts/server/headers.ts';
import { parseRange } from '../../scripts/server/range.ts';

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'none' }],
    ['bytes=0-0', { kind: 'range', range: { start: 0, end: 0 } }],
    ['bytes=10-19', { kind: 'range', range: { start: 10, end: 19 } }],
    ['bytes=10-', { kind: 'range', range: { start: 10, end: 99 } }],
    ['bytes=-10', { kind: 'range', range: { start: 90, end: 99 } }],
    ['bytes=-500', { kind: 'range', range: { start: 0, end: 99 } }],
    ['bytes=50-1000', { kind: 'range', range: { start: 50, end: 99 } }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'ignore', reason: 'multiple' }],
    ['bytes=20-10', { kind: 'ignore', reason: 'malformed' }],
    ['items=0-1', { kind: 'ignore', reason: 'malformed' }],
    ['bytes=a-b', { kind: 'ignore', reason: 'malformed' }],
    ['bytes=-', { kind: 'ignore', reason: 'malformed' }],
  ])('%s on 100 bytes → %j', (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });

  it('finds nothing to send in an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('acceptableEncodings', () => {
  const names = (header: string | undefined) => acceptableEncodings(header).map((e) => e.encoding);
  it.each([
    [undefined, []],
    ['', []],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['gzip', ['gzip']],
    ['br;q=0, gzip;q=0.5', ['gzip']],
    ['*', ['br', 'gzip']],
    ['*, br;q=0', ['gzip']],
    ['identity', []],
  ])('%j → %j', (header, expected) => {
    expect(names(header)).toEqual(expected);
  });
});

describe('release folders and caching', () => {
  it.each(['2026-11-23', '2026-11-23T101500Z', '2026-11-23T10:15:00Z', '2026-11-23-rev2', '2026-11-23_b'])('%s is a release id', (id) => {
    expect(RELEASE_ID_PATTERN.test(id)).toBe(true);
  });
  it.each(['latest', 'notes', '2026-11', '20261123', '2026-11-23/'])('%s is not', (id) => {
    expect(RELEASE_ID_PATTERN.test(id)).toBe(false);
  });
  it('only files inside a release folder are immutable', () => {
    expect(cacheControlFor('/data/2026-11-23/site.duckdb')).toContain('immutable');
    expect(cacheControlFor('/data/2026-11-23/sub/x.parquet')).toContain('immutable');
    expect(cacheControlFor('/data/2026-11-23/')).toBe('no-cache');
    expect(cacheControlFor('/data/latest.json')).toBe('no-cache');
    expect(cacheControlFor('/other/2026-11-23/x.csv')).toBe('no-cache');
  });
});
