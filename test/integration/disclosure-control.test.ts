/**
 * Disclosure control on small hand-built tables in a real (in-memory) DuckDB.
 * Each table is small enough to check by eye; the comments say why a cell is hidden.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import { applyDisclosureControl, findRecoverableCells, type Row } from '../../scripts/build/disclosure.ts';
import type { DisclosureRules, PublishedTable } from '../../scripts/build/published-table.ts';

const K = 10;

const tableOf = (name: string, key: string[], disclosure: DisclosureRules): PublishedTable => ({
  name,
  title: { id: name, en: name },
  description: { id: '', en: '' },
  columns: [],
  key,
  disclosure,
});

/** Two kecamatan (3 + 2 desa) in one kabupaten and province; desil 1–3 with a SEMUA total; jumlah = laki + perempuan. */
const DESA_LAKI_PEREMPUAN: Record<string, Record<string, [number, number]>> = {
  '3517012001': { '1': [3, 2], '2': [14, 15], '3': [0, 0] },
  '3517012002': { '1': [20, 21], '2': [12, 11], '3': [6, 0] },
  '3517012003': { '1': [15, 16], '2': [30, 31], '3': [11, 12] },
  '3517022001': { '1': [40, 41], '2': [9, 20], '3': [0, 0] },
  '3517022002': { '1': [25, 22], '2': [18, 17], '3': [0, 0] },
};

const RULES: DisclosureRules = {
  counts: ['jumlah', 'laki', 'perempuan'],
  rowSums: [{ total: 'jumlah', parts: ['laki', 'perempuan'] }],
  category: { column: 'desil', total: 'SEMUA' },
  slice: ['program'],
  hierarchy: true,
};
const TABLE = tableOf('penerima_desil', ['program', 'tingkat', 'kode_wilayah', 'desil'], RULES);

/** Desa values rolled up to every level and to desil SEMUA, in SQL, as a metric module would. */
async function createRollup(db: Db, name: string, base: [string, string, string, number, number][]): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE base (program VARCHAR, kode VARCHAR, desil VARCHAR, laki BIGINT, perempuan BIGINT)`);
  await db.run(`INSERT INTO base VALUES ${base.map((r) => `('${r[0]}', '${r[1]}', '${r[2]}', ${r[3]}, ${r[4]})`).join(', ')}`);
  await db.run(`
    CREATE OR REPLACE TABLE ${name} AS
    SELECT program, tingkat, left(kode, len) AS kode_wilayah,
           CASE WHEN grouping(desil) = 1 THEN 'SEMUA' ELSE desil END AS desil,
           sum(laki + perempuan)::BIGINT AS jumlah, sum(laki)::BIGINT AS laki, sum(perempuan)::BIGINT AS perempuan
    FROM base, (VALUES ('desa', 10), ('kecamatan', 6), ('kabupaten', 4), ('provinsi', 2)) AS l(tingkat, len)
    GROUP BY GROUPING SETS ((program, tingkat, len, kode_wilayah, desil), (program, tingkat, len, kode_wilayah))`);
}

const baseRows = (): [string, string, string, number, number][] =>
  Object.entries(DESA_LAKI_PEREMPUAN).flatMap(([kode, byDesil]) =>
    Object.entries(byDesil).map(([desil, [l, p]]) => ['PKH', kode, desil, l, p] as [string, string, string, number, number]),
  );

const readTable = (db: Db, name: string, key: string[]) => db.all<Row>(`SELECT * FROM ${name} ORDER BY ${key.join(', ')}`);

/** Primary suppression alone, done independently in JavaScript: what publishing without complements would leak. */
const primaryOnly = (rows: Row[], counts: string[], k: number): Row[] =>
  rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const c of counts) {
      const v = row[c] as number;
      out[`${c}_disamarkan`] = v >= 1 && v < k;
      if (v >= 1 && v < k) out[c] = null;
    }
    return out;
  });

const keyOf = (row: Row, key: string[]) => key.map((c) => row[c]).join('|');

/** The invariants every controlled table must satisfy, checked against the input. */
function expectSafe(before: Row[], after: Row[], rules: DisclosureRules, key: string[], k: number): void {
  const original = new Map(before.map((row) => [keyOf(row, key), row]));
  for (const row of after) {
    const source = original.get(keyOf(row, key))!;
    for (const c of rules.counts) {
      const value = row[c] as number | null;
      const marked = row[`${c}_disamarkan`];
      if (marked) expect(value, `${keyOf(row, key)} ${c}`).toBeNull();
      else {
        expect(marked).toBe(false);
        expect(value).toBe(source[c]);
        expect(value === 0 || value! >= k, `${keyOf(row, key)} ${c} = ${value}`).toBe(true);
      }
      if (source[c] === 0) expect(value).toBe(0);
    }
  }
  expect(findRecoverableCells(after, rules)).toEqual([]);
}

describe('applyDisclosureControl on hand-built tables', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('hides small counts and their complements; zeros stay; the attack finds nothing', async () => {
    await createRollup(db, TABLE.name, baseRows());
    const before = await readTable(db, TABLE.name, TABLE.key);
    const summary = await applyDisclosureControl(db, TABLE, { k: K });
    const after = await readTable(db, TABLE.name, TABLE.key);

    expect(after).toHaveLength(before.length);
    expectSafe(before, after, RULES, TABLE.key, K);
    expect(summary.suppressedPrimary).toBeGreaterThan(0);
    expect(summary.suppressedComplementary).toBeGreaterThan(0);
    expect(summary.unresolvedRelations).toBe(0);
    expect(summary.iterations).toBeGreaterThan(1);

    const marked = after.flatMap((row) => RULES.counts.filter((c) => row[`${c}_disamarkan`]).map(() => 1)).length;
    expect(marked).toBe(summary.suppressedPrimary + summary.suppressedComplementary);

    // Desa 3517012001, desil 1: 3 + 2 = 5: all three cells are primary suppressions.
    const small = after.find((r) => r.kode_wilayah === '3517012001' && r.desil === '1')!;
    expect([small.jumlah, small.laki, small.perempuan]).toEqual([null, null, null]);
    // A desil with nobody in it is published as 0, never hidden.
    const empty = after.find((r) => r.kode_wilayah === '3517012001' && r.desil === '3')!;
    expect([empty.jumlah, empty.jumlah_disamarkan]).toEqual([0, false]);
    // Province totals are large and stay published.
    const province = after.find((r) => r.tingkat === 'provinsi' && r.desil === 'SEMUA')!;
    expect(province.jumlah_disamarkan).toBe(false);
  });

  it('the attack recovers the exact hidden values when complements are missing', async () => {
    await createRollup(db, TABLE.name, baseRows());
    const before = await readTable(db, TABLE.name, TABLE.key);
    const leaked = findRecoverableCells(primaryOnly(before, RULES.counts, K), RULES);
    expect(leaked.length).toBeGreaterThan(0);
    for (const cell of leaked) {
      expect(cell.suppressed).toBe(true);
      expect(cell.value).toBe(before[cell.row]![cell.column]);
    }
    // Each kind of relation leaks on its own here.
    const exposed = primaryOnly(before, RULES.counts, K);
    expect(findRecoverableCells(exposed, { ...RULES, rowSums: [], category: undefined }).length).toBeGreaterThan(0);
    expect(findRecoverableCells(exposed, { ...RULES, rowSums: [], hierarchy: false }).length).toBeGreaterThan(0);
    expect(findRecoverableCells(exposed, { ...RULES, category: undefined, hierarchy: false }).length).toBeGreaterThan(0);
  });

  it('is deterministic: the same input gives the same table, whatever the thread count', async () => {
    const other = await openDb({ threads: 1 });
    try {
      for (const d of [db, other]) {
        await createRollup(d, TABLE.name, baseRows());
        await applyDisclosureControl(d, TABLE, { k: K });
      }
      expect(await readTable(db, TABLE.name, TABLE.key)).toEqual(await readTable(other, TABLE.name, TABLE.key));
    } finally {
      other.close();
    }
  });

  it('refuses to run twice on the same table', async () => {
    await createRollup(db, TABLE.name, baseRows());
    await applyDisclosureControl(db, TABLE, { k: K });
    await expect(applyDisclosureControl(db, TABLE, { k: K })).rejects.toThrow(/applied twice/);
  });

  it('hides a derived value when its basis is small or hidden, or a count it comes from is hidden', async () => {
    await db.run(`CREATE TABLE cakupan (kode_wilayah VARCHAR, tingkat VARCHAR, layak BIGINT, menerima BIGINT, tidak_menerima BIGINT, cakupan DOUBLE, median_hari DOUBLE)`);
    await db.run(`INSERT INTO cakupan VALUES
      ('3517', 'kabupaten', 120, 100, 20, 0.833, 4.0),   -- all published
      ('3518', 'kabupaten', 8, 8, 0, 1.0, 3.0),         -- basis 8 < k: rate and median hidden
      ('3519', 'kabupaten', 60, 55, 5, 0.917, 6.0),     -- tidak_menerima 5 hidden, so menerima too; the rate would give them back
      ('3520', 'kabupaten', 0, 0, 0, NULL, NULL)         -- nobody: zeros published, nothing to hide`);
    const rules: DisclosureRules = {
      counts: ['layak', 'menerima', 'tidak_menerima'],
      rowSums: [{ total: 'layak', parts: ['menerima', 'tidak_menerima'] }],
      derived: [
        { column: 'cakupan', basis: 'layak', from: ['menerima'] },
        { column: 'median_hari', basis: 'menerima' },
      ],
      slice: [],
      hierarchy: false,
    };
    const summary = await applyDisclosureControl(db, tableOf('cakupan', ['kode_wilayah'], rules), { k: K });
    const rows = await readTable(db, 'cakupan', ['kode_wilayah']);
    const pick = (r: Row) => [r.layak, r.menerima, r.tidak_menerima, r.cakupan, r.cakupan_disamarkan, r.median_hari, r.median_hari_disamarkan];
    expect(rows.map(pick)).toEqual([
      [120, 100, 20, 0.833, false, 4.0, false],
      [null, null, 0, null, true, null, true],
      [60, null, null, null, true, null, true],
      [0, 0, 0, null, false, null, false],
    ]);
    expect(summary.suppressedDerived).toBe(4);
    // Markers sit right after their column, so a CSV reads naturally.
    expect(Object.keys(rows[0]!)).toEqual([
      'kode_wilayah', 'tingkat', 'layak', 'layak_disamarkan', 'menerima', 'menerima_disamarkan',
      'tidak_menerima', 'tidak_menerima_disamarkan', 'cakupan', 'cakupan_disamarkan', 'median_hari', 'median_hari_disamarkan',
    ]);
  });

  it('keeps sensitive categories only at kabupaten and provinsi, with the higher threshold, and hides what would reveal them below', async () => {
    // PPKS by category: '16' (HIV) is sensitive. Kecamatan totals (SEMUA) include it, so a kecamatan total minus
    // its published categories would reveal the HIV count there: another cell must be hidden in that kecamatan.
    await db.run(`CREATE TABLE ppks (tingkat VARCHAR, kode_wilayah VARCHAR, kategori VARCHAR, jumlah BIGINT)`);
    await db.run(`INSERT INTO ppks VALUES
      ('provinsi', '35', '16', 40), ('provinsi', '35', '24', 400), ('provinsi', '35', '8', 120), ('provinsi', '35', 'SEMUA', 560),
      ('kabupaten', '3517', '16', 15), ('kabupaten', '3517', '24', 150), ('kabupaten', '3517', '8', 50), ('kabupaten', '3517', 'SEMUA', 215),
      ('kabupaten', '3518', '16', 25), ('kabupaten', '3518', '24', 250), ('kabupaten', '3518', '8', 70), ('kabupaten', '3518', 'SEMUA', 345),
      ('kecamatan', '351701', '16', 9), ('kecamatan', '351701', '24', 100), ('kecamatan', '351701', '8', 30), ('kecamatan', '351701', 'SEMUA', 139),
      ('kecamatan', '351702', '16', 6), ('kecamatan', '351702', '24', 50), ('kecamatan', '351702', '8', 20), ('kecamatan', '351702', 'SEMUA', 76),
      ('kecamatan', '351801', '16', 0), ('kecamatan', '351801', '24', 120), ('kecamatan', '351801', '8', 35), ('kecamatan', '351801', 'SEMUA', 155),
      ('kecamatan', '351802', '16', 25), ('kecamatan', '351802', '24', 130), ('kecamatan', '351802', '8', 35), ('kecamatan', '351802', 'SEMUA', 190)`);
    const rules: DisclosureRules = {
      counts: ['jumlah'],
      category: { column: 'kategori', total: 'SEMUA' },
      slice: [],
      sensitive: { where: `kategori IN ('16', '18', '19')`, minLevel: 'kabupaten' },
      hierarchy: true,
    };
    const key = ['tingkat', 'kode_wilayah', 'kategori'];
    const before = await readTable(db, 'ppks', key);
    const summary = await applyDisclosureControl(db, tableOf('ppks', key, rules), { k: K, sensitiveK: 20 });
    const after = await readTable(db, 'ppks', key);
    const cell = (kode: string, kategori: string) => after.find((r) => r.kode_wilayah === kode && r.kategori === kategori);

    expect(summary.rowsRemovedSensitive).toBe(4);
    expect(after.filter((r) => r.kategori === '16').map((r) => r.tingkat).sort()).toEqual(['kabupaten', 'kabupaten', 'provinsi']);
    // 15 ≥ k but < the sensitive threshold 20: hidden; then 25 too, or province 40 − 15 would give it back.
    expect(cell('3517', '16')).toMatchObject({ jumlah: null, jumlah_disamarkan: true });
    expect(cell('3518', '16')).toMatchObject({ jumlah: null, jumlah_disamarkan: true });
    expect(cell('35', '16')).toMatchObject({ jumlah: 40, jumlah_disamarkan: false });
    // Kecamatan with HIV cases hide one more category, so SEMUA − published ≠ the HIV count.
    for (const kode of ['351701', '351702', '351802']) {
      expect(after.some((r) => r.kode_wilayah === kode && r.jumlah_disamarkan), kode).toBe(true);
    }

    // The attacker knows which rows were withheld (the docs say so): give them as unknowns.
    const withheld = before
      .filter((r) => r.kategori === '16' && r.tingkat === 'kecamatan')
      .map((r) => ({ ...r, jumlah: null }));
    const found = findRecoverableCells([...after, ...withheld], rules);
    expect(found).toEqual([]);
  });
});
