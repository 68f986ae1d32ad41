import { describe, expect, it } from 'vitest';
import { BACKLOG_BUCKETS, COMPLAINT_TABLES } from '../../scripts/build/metrics/complaints.ts';
import { derivedValues } from '../../scripts/build/published-table.ts';

describe.each(COMPLAINT_TABLES.map((t) => [t.name, t] as const))('published table %s', (_name, table) => {
  const names = table.columns.map((c) => c.name);

  it('is named in lower snake_case, with unique columns that start with the region', () => {
    expect(table.name).toMatch(/^pengaduan_[a-z_]+$/);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_]+$/);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 2)).toEqual(['tingkat', 'kode_wilayah']);
    expect(table.key.slice(0, 2)).toEqual(['tingkat', 'kode_wilayah']);
    for (const key of table.key) expect(names).toContain(key);
  });

  it('describes every column in both languages', () => {
    for (const column of table.columns) {
      expect(column.description.id.length, column.name).toBeGreaterThan(5);
      expect(column.description.en.length, column.name).toBeGreaterThan(5);
    }
  });

  it('lists every count column as a count, and bases every derived value (percentages too) on counts', () => {
    const rules = table.disclosure!;
    const countColumns = table.columns.filter((c) => c.unit === 'kasus').map((c) => c.name);
    expect([...rules.counts].sort()).toEqual([...countColumns].sort());
    for (const { column, basis, from } of derivedValues(rules)) {
      expect(names).toContain(column);
      expect(rules.counts).toContain(basis);
      for (const c of from ?? []) expect(rules.counts).toContain(c);
    }
    for (const share of rules.shares ?? []) expect([share.numerator, share.base].every((c) => rules.counts.includes(c))).toBe(true);
    const derivedColumns = table.columns.filter((c) => c.unit === '%' || /median|p90|teramati/.test(c.name)).map((c) => c.name);
    expect(derivedValues(rules).map((d) => d.column).sort()).toEqual(derivedColumns.sort());
    // Violence cases are kept out of every table but pengaduan_sensitif, which is kabupaten-level only.
    if (table.name === 'pengaduan_sensitif') expect(rules.sensitive?.minLevel).toBe('kabupaten');
    else expect(rules.sensitive).toBeUndefined();
  });
});

it('backlog buckets cover every age exactly once', () => {
  const ranges = BACKLOG_BUCKETS.map(([, lo, hi]) => [lo, hi ?? Infinity] as const);
  expect(ranges[0]![0]).toBe(0);
  for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1);
  expect(ranges.at(-1)![1]).toBe(Infinity);
});
