/**
 * The auditor on small hand-made tables in a real DuckDB: each leak the
 * issue names is found, a well-protected table passes, intervals always hold
 * the truth, and on random small tables the auditor's intervals contain every
 * value a brute-force enumeration of whole numbers allows (so what it calls
 * exposed is exposed).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import { audit } from '../../scripts/build/disclosure/audit/audit.ts';
import { buildSystem, type AuditSystem, type AuditTable } from '../../scripts/build/disclosure/audit/system.ts';
import type { DisclosureRules, PublishedTable } from '../../scripts/build/published-table.ts';

type Row = Record<string, string | number | null>;

let db: Db;
beforeEach(async () => {
  db = await openDb();
});
afterEach(() => db.close());

const sqlValue = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);

/** Creates `<name>_pub` and `<name>_tru` from rows where a hidden value is written as `[n]` (true n, published NULL). */
async function tables(name: string, rules: DisclosureRules, key: string[], rows: Record<string, string | number | [number] | null>[]): Promise<AuditTable> {
  const columns = Object.keys(rows[0]!);
  const pub: Row[] = rows.map((r) => Object.fromEntries(columns.map((c) => [c, Array.isArray(r[c]) ? null : (r[c] as string | number | null)])));
  const tru: Row[] = rows.map((r) => Object.fromEntries(columns.map((c) => [c, Array.isArray(r[c]) ? (r[c] as [number])[0] : (r[c] as string | number | null)])));
  for (const [suffix, data] of [['pub', pub], ['tru', tru]] as const) {
    const types = columns.map((c) => `"${c}" ${rows.some((r) => typeof r[c] === 'string') ? 'VARCHAR' : 'DOUBLE'}`);
    await db.run(`CREATE TABLE ${name}_${suffix} (${types.join(', ')})`);
    await db.run(`INSERT INTO ${name}_${suffix} VALUES ${data.map((r) => `(${columns.map((c) => sqlValue(r[c]!)).join(', ')})`).join(', ')}`);
  }
  const table: PublishedTable = { name, title: { id: name, en: name }, description: { id: '', en: '' }, columns: [], key, disclosure: rules };
  return { table, rules, published: `${name}_pub`, truth: `${name}_tru`, k: 10 };
}

const cellOf = (sys: AuditSystem, table: string, rid: number, column: string) => {
  const t = sys.tables.find((x) => x.name === table)!;
  return t.base + rid * t.columns.length + t.columns.indexOf(column);
};

const region = (tingkat: string, kode: string) => ({ tingkat, kode_wilayah: kode });
const hierarchyRules: DisclosureRules = { counts: ['n'], slice: [], hierarchy: true };

describe('the auditor', () => {
  it('pins a hidden desa whose siblings are all published (one subtraction), and says it would need width 9', async () => {
    const t = await tables('t', hierarchyRules, ['tingkat', 'kode_wilayah'], [
      { ...region('kecamatan', '351701'), n: 40 },
      { ...region('desa', '3517012001'), n: [3] },
      { ...region('desa', '3517012002'), n: 37 },
    ]);
    const sys = await buildSystem(db, [t], []);
    const result = await audit(sys);
    expect(result.protectedCells).toBe(1);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ reason: 'narrow', lo: 3, hi: 3, need: 9, certain: true });
  });

  it('finds a published small count, and passes two hidden desa with room to spare', async () => {
    const leaky = await tables('a', hierarchyRules, ['tingkat', 'kode_wilayah'], [
      { ...region('kecamatan', '351701'), n: 40 },
      { ...region('desa', '3517012001'), n: 4 },
      { ...region('desa', '3517012002'), n: 36 },
    ]);
    const found = await audit(await buildSystem(db, [leaky], []));
    expect(found.findings.map((f) => f.reason)).toEqual(['published']);

    const safe = await tables('b', hierarchyRules, ['tingkat', 'kode_wilayah'], [
      { ...region('kecamatan', '351701'), n: 60 },
      { ...region('desa', '3517012001'), n: [3] },
      { ...region('desa', '3517012002'), n: [27] },
      { ...region('desa', '3517012003'), n: 30 },
    ]);
    const sys = await buildSystem(db, [safe], []);
    const result = await audit(sys);
    expect(result.findings).toEqual([]);
    // The attacker can prove only 0 ≤ desa 1 ≤ 30 (a hidden cell may be a hidden zero).
    const c = cellOf(sys, 'b', 0, 'n');
    expect([result.bounds.lb[c], result.bounds.ub[c]]).toEqual([0, 30]);
  });

  it('recovers a hidden numerator from a published percentage and its base (42.86 % × 28 = 12, at k = 20)', async () => {
    const rules: DisclosureRules = {
      counts: ['kasus', 'selesai_dalam_tenggat'],
      shares: [{ column: 'persen', numerator: 'selesai_dalam_tenggat', base: 'kasus', decimals: 2 }],
      slice: [],
      hierarchy: false,
    };
    const t = await tables('s', rules, ['kode_wilayah'], [{ kode_wilayah: '3517', kasus: 28, selesai_dalam_tenggat: [12], persen: 42.86 }]);
    t.k = 20;
    const result = await audit(await buildSystem(db, [t], []));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ lo: 12, hi: 12 });
  });

  it('recovers a hidden quarter\'s rupiah from the year and the other quarters, and flags the amount as protected', async () => {
    const rules: DisclosureRules = {
      counts: ['penerima'],
      amounts: [{ column: 'nilai', count: 'penerima', unitBy: [] }],
      periods: { column: 'periode', additive: ['nilai'], distinct: ['penerima'], constant: [] },
      slice: ['periode'],
      hierarchy: false,
    };
    const t = await tables('p', rules, ['periode'], [
      { periode: '2026', penerima: 40, nilai: 40_500_000 },
      { periode: '2026-Q1', penerima: 30, nilai: 27_000_000 },
      { periode: '2026-Q2', penerima: [3], nilai: [2_700_000] },
      { periode: '2026-Q3', penerima: 12, nilai: 10_800_000 },
    ]);
    const sys = await buildSystem(db, [t], []);
    const result = await audit(sys);
    const amount = cellOf(sys, 'p', 2, 'nilai');
    const count = cellOf(sys, 'p', 2, 'penerima');
    expect(sys.need[amount]).toBeGreaterThan(0);
    expect(result.findings.find((f) => f.cell === amount)).toMatchObject({ lo: 2_700_000, hi: 2_700_000 });
    // Rp2,700,000 at Rp900,000–1,012,500 per recipient (the rates of the table's rows) pins the count too.
    expect(result.findings.find((f) => f.cell === count)).toMatchObject({ lo: 3, hi: 3 });
    // 12 published (Q3) is not protected.
    expect(sys.need[cellOf(sys, 'p', 3, 'penerima')]).toBe(0);
  });

  it('stops on a relation that does not hold on the true values', async () => {
    const t = await tables('w', hierarchyRules, ['tingkat', 'kode_wilayah'], [
      { ...region('kecamatan', '351701'), n: 41 },
      { ...region('desa', '3517012001'), n: [3] },
      { ...region('desa', '3517012002'), n: 37 },
    ]);
    await expect(buildSystem(db, [t], [])).rejects.toThrow(/do not hold on the true values/);
  });

  it('on random small tables, every interval holds every whole-number solution (brute force) and the truth', async () => {
    // Two-way tables: 3 desa × 3 categories plus totals; hidden cells chosen at random.
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    let checked = 0;
    for (let trial = 0; trial < 16; trial++) {
      const values = [0, 1, 2].map(() => [0, 1, 2].map(() => 1 + Math.floor(random() * 12)));
      const hiddenMask = values.map((row) => row.map(() => random() < 0.45));
      const name = `r${trial}`;
      const rows: Record<string, string | number | [number] | null>[] = [];
      const cats = ['A', 'B', 'C'];
      const colTotals = cats.map((_, j) => values.reduce((s, row) => s + row[j]!, 0));
      rows.push(...cats.map((cat, j) => ({ ...region('kecamatan', '351701'), kategori: cat, n: colTotals[j]! })));
      rows.push({ ...region('kecamatan', '351701'), kategori: 'SEMUA', n: colTotals.reduce((a, b) => a + b, 0) });
      values.forEach((row, i) => {
        const kode = `351701200${i + 1}`;
        row.forEach((v, j) => rows.push({ ...region('desa', kode), kategori: cats[j]!, n: hiddenMask[i]![j] ? [v] : v }));
        rows.push({ ...region('desa', kode), kategori: 'SEMUA', n: row.reduce((a, b) => a + b, 0) });
      });
      const rules: DisclosureRules = { counts: ['n'], category: { column: 'kategori', total: 'SEMUA' }, slice: [], hierarchy: true };
      const t = await tables(name, rules, ['tingkat', 'kode_wilayah', 'kategori'], rows);
      const sys = await buildSystem(db, [t], []);
      // Every other trial skips the witnesses, so each protected cell is solved alone (min and max).
      const result = await audit(sys, { exact: true, witnessRounds: trial % 2 === 0 ? 6 : 0 });
      // Brute force over the hidden cells (each 1..20): the set of values each can take.
      const hiddenCells: [number, number][] = [];
      hiddenMask.forEach((row, i) => row.forEach((h, j) => h && hiddenCells.push([i, j])));
      const seen = hiddenCells.map(() => new Set<number>());
      const x = values.map((row) => [...row]);
      const search = (k: number) => {
        if (k === hiddenCells.length) {
          const rowsOk = x.every((row, i) => row.reduce((a, b) => a + b, 0) === values[i]!.reduce((a, b) => a + b, 0));
          const colsOk = cats.every((_, j) => x.reduce((s, row) => s + row[j]!, 0) === colTotals[j]);
          if (rowsOk && colsOk) hiddenCells.forEach(([i, j], h) => seen[h]!.add(x[i]![j]!));
          return;
        }
        const [i, j] = hiddenCells[k]!;
        for (let v = 1; v <= 20; v++) {
          x[i]![j] = v;
          search(k + 1);
        }
      };
      if (hiddenCells.length === 0 || hiddenCells.length > 4) continue;
      search(0);
      checked++;
      // Rows are numbered in key order: the desa rows (A, B, C, SEMUA each) come before 'kecamatan'.
      const rid = (i: number, j: number) => i * 4 + j;
      hiddenCells.forEach(([i, j], h) => {
        const c = cellOf(sys, name, rid(i, j), 'n');
        const possible = [...seen[h]!];
        expect(possible).toContain(values[i]![j]);
        expect(result.bounds.lb[c]).toBeLessThanOrEqual(values[i]![j]!);
        expect(result.bounds.ub[c]).toBeGreaterThanOrEqual(values[i]![j]!);
        expect(Math.min(...possible)).toBeGreaterThanOrEqual(result.bounds.lb[c]!);
        expect(Math.max(...possible)).toBeLessThanOrEqual(result.bounds.ub[c]!);
        const finding = result.findings.find((f) => f.cell === c);
        const width = Math.max(...possible) - Math.min(...possible);
        // Whatever the auditor calls exposed is exposed: the whole-number solutions are no wider,
        // and the interval it reports holds them all.
        if (finding) {
          expect(width).toBeLessThanOrEqual(finding.hi - finding.lo);
          expect(finding.lo).toBeLessThanOrEqual(Math.min(...possible));
          expect(finding.hi).toBeGreaterThanOrEqual(Math.max(...possible));
        }
      });
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
