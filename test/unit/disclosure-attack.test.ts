import { describe, expect, it } from 'vitest';
import { findRecoverableCells, type Row } from '../../scripts/build/disclosure.ts';
import type { DisclosureRules } from '../../scripts/build/published-table.ts';

const rules: DisclosureRules = {
  counts: ['jumlah', 'laki', 'perempuan'],
  rowSums: [{ total: 'jumlah', parts: ['laki', 'perempuan'] }],
  category: { column: 'desil', total: 'SEMUA' },
  slice: ['program'],
  hierarchy: true,
};

const row = (tingkat: string, kode: string, desil: string, laki: number | null, perempuan: number | null, jumlah?: number | null): Row => ({
  program: 'PKH',
  tingkat,
  kode_wilayah: kode,
  desil,
  laki,
  perempuan,
  jumlah: jumlah === undefined ? (laki ?? 0) + (perempuan ?? 0) : jumlah,
});

const hide = (r: Row, ...columns: string[]): Row =>
  Object.fromEntries(
    Object.entries(r).concat(columns.flatMap((c) => [[c, null], [`${c}_disamarkan`, true]])),
  );

describe('findRecoverableCells (the subtraction attack)', () => {
  it('recovers a lone hidden child from its parent region', () => {
    const rows = [
      row('kecamatan', '351701', 'SEMUA', 30, 30),
      hide(row('desa', '3517012001', 'SEMUA', 3, 2), 'laki'),
      row('desa', '3517012002', 'SEMUA', 27, 28),
    ];
    const found = findRecoverableCells(rows, { ...rules, rowSums: [] });
    expect(found).toEqual([{ row: 1, column: 'laki', via: 'hierarchy', value: 3, suppressed: true, totalRow: 0 }]);
  });

  it('recovers a lone hidden category from the total row, and a hidden total by addition', () => {
    const rows = [
      hide(row('kabupaten', '3517', '1', 4, 20), 'laki'),
      row('kabupaten', '3517', '2', 16, 20),
      hide(row('kabupaten', '3517', 'SEMUA', 20, 40), 'perempuan'),
    ];
    const found = findRecoverableCells(rows, { ...rules, rowSums: [], hierarchy: false });
    expect(found.map((f) => [f.row, f.column, f.via, f.value])).toEqual([
      [0, 'laki', 'category', 4],
      [2, 'perempuan', 'category', 40],
    ]);
  });

  it('recovers a hidden part of a row sum', () => {
    const found = findRecoverableCells([hide(row('provinsi', '35', 'SEMUA', 5, 30), 'laki')], {
      ...rules,
      category: undefined,
      hierarchy: false,
    });
    expect(found).toEqual([{ row: 0, column: 'laki', via: 'rowSum', value: 5, suppressed: true, totalRow: 0 }]);
  });

  it('finds nothing when every relation hides two cells or none', () => {
    const rows = [
      row('kecamatan', '351701', 'SEMUA', 30, 30),
      hide(row('desa', '3517012001', 'SEMUA', 3, 12), 'laki', 'jumlah'),
      hide(row('desa', '3517012002', 'SEMUA', 12, 3), 'perempuan', 'jumlah'),
      hide(row('desa', '3517012003', 'SEMUA', 15, 15), 'laki', 'perempuan'),
    ];
    // laki: 2 hidden; perempuan: 2 hidden; jumlah: 2 hidden; each row sum: 2 hidden.
    expect(findRecoverableCells(rows, rules)).toEqual([]);
  });

  it('never mixes slices or levels', () => {
    const rows = [
      row('kecamatan', '351701', 'SEMUA', 30, 30),
      { ...row('desa', '3517012001', 'SEMUA', 30, 30), program: 'SEMBAKO' },
      hide(row('desa', '3517012002', 'SEMUA', 3, 30), 'laki', 'jumlah'),
      hide(row('desa', '3517012003', 'SEMUA', 27, 0), 'laki', 'jumlah'),
    ];
    expect(findRecoverableCells(rows, { ...rules, rowSums: [] })).toEqual([]);
  });

  it('reports a NULL that was never suppressed as unmarked', () => {
    const rows = [row('kecamatan', '351701', 'SEMUA', 30, 30), row('desa', '3517012001', 'SEMUA', null, 30, null)];
    const found = findRecoverableCells(rows, { ...rules, rowSums: [] });
    expect(found.map((f) => [f.column, f.value, f.suppressed])).toEqual([
      ['jumlah', 60, false],
      ['laki', 30, false],
    ]);
  });
});
