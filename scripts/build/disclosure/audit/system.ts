/**
 * The attacker's knowledge as one linear system. Every count and rupiah cell
 * of every controlled table is a variable; a published cell is fixed at its
 * value, a hidden one is free within what the public rules say (a hidden
 * count is ≥ 1, because zeros are published and only non-zero cells are
 * hidden). Relations a reader can derive are rows of the form
 *   Σ coef × cell = 0   or   Σ coef × cell ≤ 0,
 * generated in SQL from the tables' disclosure rules (region hierarchy,
 * category totals, row sums, period sums, same-row inequalities, amounts
 * against their counts, published percentages with their bases) and from the
 * cross-table links of `links.ts`.
 *
 * Built from two versions of each table with the same rows: as published
 * (hidden values NULL) and the truth. Each relation is checked against the
 * truth before use: a relation that does not hold is a bug in the catalog,
 * and the build stops rather than audit with a wrong model.
 */
import type { Db } from '../../db.ts';
import type { DisclosureRules, PublishedTable } from '../../published-table.ts';
import { ident, literal } from '../sql.ts';
import type { Link } from './links.ts';

export const CELL_KIND = { count: 0, amount: 1 } as const;

export interface AuditTable {
  table: PublishedTable;
  rules: DisclosureRules;
  /** SQL relation with the table as published (hidden cells NULL). */
  published: string;
  /** SQL relation with the true values, same key. */
  truth: string;
  /** Threshold for this table's counts. */
  k: number;
}

/** One controlled table inside the system. */
export interface SystemTable {
  name: string;
  /** Cell columns (counts, then amounts), in cell order. */
  columns: string[];
  base: number;
  rows: number;
  k: number;
  /** Working table holding `_rid`, the key, published (`p_<col>`) and true (`t_<col>`) cells. */
  work: string;
}

export interface AuditSystem {
  tables: SystemTable[];
  /** Number of cells. */
  n: number;
  truth: Float64Array;
  /** 1 when the cell is hidden (NULL) in the published table. */
  hidden: Uint8Array;
  kind: Uint8Array;
  /** Required width of an attacker's interval; 0 when the cell needs no protection. */
  need: Float64Array;
  /**
   * A local block per cell: the kecamatan of desa and kecamatan rows, the kabupaten or
   * province of their rows, 0 without a region. The auditor first clears cells within their block.
   */
  block: Float64Array;
  /** Relations in compressed rows: cells relCell[relStart[r] .. relStart[r+1]) with coefficients relCoef. */
  relStart: Int32Array;
  relCell: Int32Array;
  relCoef: Float64Array;
  /** 1 for Σ = 0, 0 for Σ ≤ 0. */
  relEq: Uint8Array;
  /** Kind of each relation (index into `relKinds`), for reports. */
  relKind: Uint16Array;
  relKinds: string[];
}

const cellExpr = (t: SystemTable, alias: string, column: string): string => {
  const ci = t.columns.indexOf(column);
  if (ci < 0) throw new Error(`audit: ${t.name}.${column} is not a cell column`);
  return `(${t.base} + ${alias}._rid * ${t.columns.length} + ${ci})::BIGINT`;
};

/** What a relation generator needs to name cells. */
export interface CellNamer {
  table(name: string): SystemTable;
  cell(table: string, alias: string, column: string): string;
}

/** One generator: SQL selecting (g VARCHAR, cell BIGINT, coef DOUBLE) for relations of one kind. */
export interface Generator {
  kind: string;
  eq: boolean;
  sql: string;
}

const regionOther = (keys: string[]) => keys.filter((k) => k !== 'tingkat' && k !== 'kode_wilayah');
const eqAll = (a: string, b: string, columns: string[]) =>
  columns.length === 0 ? 'true' : columns.map((c) => `${a}.${ident(c)} IS NOT DISTINCT FROM ${b}.${ident(c)}`).join(' AND ');
const keyText = (alias: string, columns: string[]) =>
  columns.length === 0 ? `''` : `concat_ws('|', ${columns.map((c) => `coalesce(${alias}.${ident(c)}::VARCHAR, '∅')`).join(', ')})`;

/** A child row's parent level and the length of the parent's code. */
const PARENT_SQL = {
  level: `CASE t.tingkat WHEN 'desa' THEN 'kecamatan' WHEN 'kecamatan' THEN 'kabupaten' WHEN 'kabupaten' THEN 'provinsi' END`,
  code: `left(t.kode_wilayah, CASE t.tingkat WHEN 'desa' THEN 6 WHEN 'kecamatan' THEN 4 WHEN 'kabupaten' THEN 2 ELSE 0 END)`,
};

/** The within-table relations of one table, from its rules. */
function tableGenerators(t: SystemTable, at: AuditTable, names: CellNamer): Generator[] {
  const rules = at.rules;
  const w = t.work;
  const gens: Generator[] = [];
  const keys = at.table.key;
  const counts = rules.counts;
  const amounts = (rules.amounts ?? []).map((a) => a.column);
  const additiveColumns = [...counts, ...amounts];
  const cell = (alias: string, column: string) => names.cell(t.name, alias, column);
  const unionColumns = (columns: string[], make: (column: string) => string) => columns.map(make).join('\nUNION ALL\n');

  if (rules.hierarchy) {
    // Each child row names its parent (`_plevel`, `_pcode`), so parents and children meet in an equality join.
    const other = regionOther(keys);
    const pairs = `${w} p JOIN ${w} ch ON ch._plevel = p.tingkat AND ch._pcode = p.kode_wilayah AND ${eqAll('ch', 'p', other)}`;
    gens.push({
      kind: `${t.name}: wilayah`,
      eq: true,
      sql: unionColumns(additiveColumns, (c) => `
        SELECT ${literal(`${t.name}|h|${c}|`)} || p._rid AS g, ${cell('p', c)} AS cell, 1.0 AS coef FROM ${w} p
        WHERE p._rid IN (SELECT p._rid FROM ${pairs})
        UNION ALL
        SELECT ${literal(`${t.name}|h|${c}|`)} || p._rid, ${cell('ch', c)}, -1.0 FROM ${pairs}`),
    });
  }
  if (rules.category) {
    const { column, total } = rules.category;
    const group = keys.filter((k) => k !== column);
    gens.push({
      kind: `${t.name}: ${column}`,
      eq: true,
      sql: unionColumns(additiveColumns, (c) => `
        SELECT ${literal(`${t.name}|c|${c}|`)} || ${keyText('r', group)} AS g, ${cell('r', c)} AS cell,
               CASE WHEN r.${ident(column)} = ${literal(total)} THEN 1.0 ELSE -1.0 END AS coef
        FROM ${w} r
        WHERE EXISTS (SELECT 1 FROM ${w} tot WHERE tot.${ident(column)} = ${literal(total)} AND ${eqAll('tot', 'r', group)})`),
    });
  }
  for (const sum of rules.rowSums ?? []) {
    gens.push({
      kind: `${t.name}: ${sum.total} = ${sum.parts.join(' + ')}`,
      eq: true,
      sql: [sum.total, ...sum.parts]
        .map((c) => `SELECT ${literal(`${t.name}|s|${sum.total}|`)} || r._rid AS g, ${cell('r', c)} AS cell, ${c === sum.total ? '1.0' : '-1.0'} AS coef FROM ${w} r`)
        .join('\nUNION ALL\n'),
    });
  }
  for (const bound of rules.bounds ?? []) {
    gens.push({
      kind: `${t.name}: ${bound.part} ≤ ${bound.whole}`,
      eq: false,
      sql: `SELECT ${literal(`${t.name}|b|${bound.part}|${bound.whole}|`)} || r._rid AS g, ${cell('r', bound.part)} AS cell, 1.0 AS coef FROM ${w} r
            UNION ALL SELECT ${literal(`${t.name}|b|${bound.part}|${bound.whole}|`)} || r._rid, ${cell('r', bound.whole)}, -1.0 FROM ${w} r`,
    });
  }
  if (rules.periods) {
    const p = rules.periods;
    const pc = ident(p.column);
    const other = keys.filter((k) => k !== p.column);
    // y: a year row; q: its quarters.
    const pairs = `${w} y JOIN ${w} q ON length(y.${pc}) = 4 AND length(q.${pc}) = 7 AND left(q.${pc}, 4) = y.${pc} AND ${eqAll('q', 'y', other)}`;
    const years = `${w} y WHERE length(y.${pc}) = 4 AND EXISTS (SELECT 1 FROM ${w} q WHERE length(q.${pc}) = 7 AND left(q.${pc}, 4) = y.${pc} AND ${eqAll('q', 'y', other)})`;
    if (p.additive.length > 0) {
      gens.push({
        kind: `${t.name}: tahun = Σ triwulan`,
        eq: true,
        sql: unionColumns(p.additive, (c) => `
          SELECT ${literal(`${t.name}|pa|${c}|`)} || y._rid AS g, ${cell('y', c)} AS cell, 1.0 AS coef FROM ${years}
          UNION ALL SELECT ${literal(`${t.name}|pa|${c}|`)} || y._rid, ${cell('q', c)}, -1.0 FROM ${pairs}`),
      });
    }
    if (p.distinct.length > 0) {
      gens.push({
        kind: `${t.name}: triwulan ≤ tahun ≤ Σ triwulan`,
        eq: false,
        sql: unionColumns(p.distinct, (c) => `
          SELECT ${literal(`${t.name}|pd|${c}|`)} || y._rid AS g, ${cell('y', c)} AS cell, 1.0 AS coef FROM ${years}
          UNION ALL SELECT ${literal(`${t.name}|pd|${c}|`)} || y._rid, ${cell('q', c)}, -1.0 FROM ${pairs}
          UNION ALL SELECT ${literal(`${t.name}|pq|${c}|`)} || q._rid, ${cell('q', c)}, 1.0 FROM ${pairs}
          UNION ALL SELECT ${literal(`${t.name}|pq|${c}|`)} || q._rid, ${cell('y', c)}, -1.0 FROM ${pairs}`),
      });
    }
    if (p.constant.length > 0) {
      gens.push({
        kind: `${t.name}: sama di setiap periode`,
        eq: true,
        sql: unionColumns(p.constant, (c) => `
          SELECT ${literal(`${t.name}|pc|${c}|`)} || q._rid AS g, ${cell('q', c)} AS cell, 1.0 AS coef FROM ${pairs}
          UNION ALL SELECT ${literal(`${t.name}|pc|${c}|`)} || q._rid, ${cell('y', c)}, -1.0 FROM ${pairs}`),
      });
    }
  }
  for (const a of rules.amounts ?? []) {
    // minU × count ≤ amount ≤ maxU × count, with minU and maxU the smallest and largest
    // amount per recipient over the rows of the unit group: true for every row, so a
    // reader who knows the program's benefit rules knows at least this much.
    const unit = `(SELECT ${a.unitBy.map((c) => `r.${ident(c)}`).join(', ')}${a.unitBy.length ? ', ' : ''}
                    min(r.${ident(`t_${a.column}`)} / r.${ident(`t_${a.count}`)}) AS lo, max(r.${ident(`t_${a.column}`)} / r.${ident(`t_${a.count}`)}) AS hi
                  FROM ${w} r WHERE r.${ident(`t_${a.count}`)} > 0 ${a.unitBy.length ? 'GROUP BY ALL' : ''})`;
    const on = a.unitBy.length ? a.unitBy.map((c) => `u.${ident(c)} IS NOT DISTINCT FROM r.${ident(c)}`).join(' AND ') : 'true';
    gens.push({
      kind: `${t.name}: ${a.column} per ${a.count}`,
      eq: false,
      sql: `
        SELECT ${literal(`${t.name}|ah|${a.column}|`)} || r._rid AS g, ${cell('r', a.column)} AS cell, 1.0 AS coef FROM ${w} r
        UNION ALL SELECT ${literal(`${t.name}|ah|${a.column}|`)} || r._rid, ${cell('r', a.count)}, -coalesce(u.hi, 0) FROM ${w} r LEFT JOIN ${unit} u ON ${on}
        UNION ALL SELECT ${literal(`${t.name}|al|${a.column}|`)} || r._rid, ${cell('r', a.column)}, -1.0 FROM ${w} r
        UNION ALL SELECT ${literal(`${t.name}|al|${a.column}|`)} || r._rid, ${cell('r', a.count)}, coalesce(u.lo, 0) FROM ${w} r LEFT JOIN ${unit} u ON ${on}`,
    });
  }
  for (const s of rules.shares ?? []) {
    // A published percentage p = round(100 × num / base, d): 100 × num ∈ [(p − h) × base, (p + h) × base], h = half a unit of the last decimal.
    const h = 0.5 * 10 ** -s.decimals + 1e-9;
    const sc = ident(`p_${s.column}`);
    const baseJoin =
      s.baseRow === 'categoryTotal' && rules.category
        ? `JOIN ${w} b ON b.${ident(rules.category.column)} = ${literal(rules.category.total)} AND ${eqAll('b', 'r', keys.filter((k) => k !== rules.category!.column))}`
        : `JOIN ${w} b ON b._rid = r._rid`;
    gens.push({
      kind: `${t.name}: ${s.column} = ${s.numerator} / ${s.base}`,
      eq: false,
      sql: `
        SELECT ${literal(`${t.name}|su|${s.column}|`)} || r._rid AS g, ${cell('r', s.numerator)} AS cell, 100.0 AS coef FROM ${w} r WHERE r.${sc} IS NOT NULL
        UNION ALL SELECT ${literal(`${t.name}|su|${s.column}|`)} || r._rid, ${cell('b', s.base)}, -(r.${sc} + ${h}) FROM ${w} r ${baseJoin} WHERE r.${sc} IS NOT NULL
        UNION ALL SELECT ${literal(`${t.name}|sl|${s.column}|`)} || r._rid, ${cell('r', s.numerator)}, -100.0 FROM ${w} r WHERE r.${sc} IS NOT NULL
        UNION ALL SELECT ${literal(`${t.name}|sl|${s.column}|`)} || r._rid, ${cell('b', s.base)}, r.${sc} - ${h} FROM ${w} r ${baseJoin} WHERE r.${sc} IS NOT NULL`,
    });
  }
  return gens;
}

/** Cell columns of a table: counts, then amounts. */
export const cellColumns = (rules: DisclosureRules): string[] => [...rules.counts, ...(rules.amounts ?? []).map((a) => a.column)];

/** Builds the working tables and the generators; the caller reads the result with `readSystem`. */
export async function buildSystem(db: Db, tables: AuditTable[], links: Link[]): Promise<AuditSystem> {
  const sys: SystemTable[] = [];
  let base = 0;
  for (const [i, at] of tables.entries()) {
    const columns = cellColumns(at.rules);
    const work = `_au_r${i}`;
    const keys = at.table.key;
    const shareCols = (at.rules.shares ?? []).map((s) => s.column);
    const [counts] = await db.all<{ p: number; t: number }>(
      `SELECT (SELECT count(*) FROM ${at.published}) AS p, (SELECT count(*) FROM ${at.truth}) AS t`,
    );
    await db.run(`
      CREATE OR REPLACE TEMP TABLE ${work} AS
      SELECT (row_number() OVER (ORDER BY ${keys.map((k) => `t.${ident(k)}`).join(', ')}) - 1)::INTEGER AS _rid,
             t.* EXCLUDE (${columns.map(ident).join(', ')}),
             ${at.rules.hierarchy ? `${PARENT_SQL.level} AS _plevel, ${PARENT_SQL.code} AS _pcode,` : ''}
             ${columns.map((c) => `p.${ident(c)} AS ${ident(`p_${c}`)}, t.${ident(c)} AS ${ident(`t_${c}`)}`).join(', ')}
             ${shareCols.map((c) => `, p.${ident(c)} AS ${ident(`p_${c}`)}`).join('')}
      FROM ${at.truth} t JOIN ${at.published} p ON ${keys.map((k) => `p.${ident(k)} IS NOT DISTINCT FROM t.${ident(k)}`).join(' AND ')}`);
    const [joined] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${work}`);
    if (!counts || !joined || counts.p !== counts.t || joined.n !== counts.t) {
      throw new Error(`audit: ${at.table.name} as published (${counts?.p} rows) and its truth (${counts?.t} rows) do not have the same rows`);
    }
    sys.push({ name: at.table.name, columns, base, rows: joined.n, k: at.k, work });
    base += joined.n * columns.length;
  }
  const byName = new Map(sys.map((t) => [t.name, t]));
  const names: CellNamer = {
    table(name) {
      const t = byName.get(name);
      if (!t) throw new Error(`audit: table ${name} is not controlled`);
      return t;
    },
    cell: (table, alias, column) => cellExpr(names.table(table), alias, column),
  };

  // Cells: truth, hidden, kind and the protection each needs.
  const cellSelects = tables.flatMap((at, i) => {
    const t = sys[i]!;
    const amountOf = new Map((at.rules.amounts ?? []).map((a) => [a.column, a]));
    return t.columns.map((c) => {
      const amount = amountOf.get(c);
      const small = (col: string) => `(r.${ident(`t_${col}`)} BETWEEN 1 AND ${t.k - 1})`;
      // A count must keep at least k possible values (a width of k − 1); an amount the width
      // of k − 1 recipients' average amount in its unit group.
      const need = amount
        ? `CASE WHEN ${small(amount.count)} THEN ${t.k - 1} * (SELECT sum(x.${ident(`t_${c}`)}) / nullif(sum(x.${ident(`t_${amount.count}`)}), 0) FROM ${t.work} x
             WHERE ${amount.unitBy.map((u) => `x.${ident(u)} IS NOT DISTINCT FROM r.${ident(u)}`).join(' AND ') || 'true'}) ELSE 0 END`
        : `CASE WHEN ${small(c)} THEN ${t.k - 1} ELSE 0 END`;
      return `SELECT ${cellExpr(t, 'r', c)} AS cell, r.${ident(`t_${c}`)}::DOUBLE AS truth, r.${ident(`p_${c}`)} IS NULL AS hidden,
                ${amount ? CELL_KIND.amount : CELL_KIND.count}::TINYINT AS kind, coalesce(${need}, 0)::DOUBLE AS need,
                ${at.table.key.includes('kode_wilayah') && at.table.key.includes('tingkat') ? `TRY_CAST(left(r.kode_wilayah, CASE r.tingkat WHEN 'desa' THEN 6 ELSE length(r.kode_wilayah) END) AS DOUBLE)` : '0'}::DOUBLE AS block
                FROM ${t.work} r`;
    });
  });
  await db.run(`CREATE OR REPLACE TEMP TABLE _au_cells AS ${cellSelects.join('\nUNION ALL\n')}`);

  const gens = [...tables.flatMap((at, i) => tableGenerators(sys[i]!, at, names)), ...links.flatMap((l) => l.generators(names))];
  await db.run(`CREATE OR REPLACE TEMP TABLE _au_m (kind SMALLINT, eq BOOLEAN, g VARCHAR, cell BIGINT, coef DOUBLE)`);
  for (const [i, gen] of gens.entries()) {
    await db.run(`INSERT INTO _au_m SELECT ${i}, ${gen.eq}, x.g, x.cell, x.coef FROM (${gen.sql}) x`);
  }
  // Merge duplicate members (a cell twice in one relation), drop zero coefficients.
  await db.run(`
    CREATE OR REPLACE TEMP TABLE _au_rel AS
    SELECT kind, eq, g, cell, sum(coef) AS coef FROM _au_m GROUP BY ALL HAVING abs(sum(coef)) > 1e-12;
    DROP TABLE _au_m;
    CREATE OR REPLACE TEMP TABLE _au_rel AS
    SELECT dense_rank() OVER (ORDER BY g) - 1 AS rel, * FROM _au_rel`);
  const broken = await db.all<{ g: string; kind: number; s: number }>(`
    SELECT m.g, any_value(m.kind) AS kind, sum(m.coef * c.truth) AS s, any_value(m.eq) AS eq
    FROM _au_rel m JOIN _au_cells c USING (cell) GROUP BY m.g
    HAVING (any_value(m.eq) AND abs(sum(m.coef * c.truth)) > 1e-6 * greatest(1, max(abs(m.coef * c.truth))))
        OR (NOT any_value(m.eq) AND sum(m.coef * c.truth) > 1e-6 * greatest(1, max(abs(m.coef * c.truth))))
    LIMIT 5`);
  if (broken.length > 0) {
    throw new Error(
      `audit: relations that do not hold on the true values (a bug in the relation catalog): ${broken
        .map((b) => `${gens[b.kind]?.kind} [${b.g}] off by ${b.s}`)
        .join('; ')}`,
    );
  }
  return readSystem(db, sys, gens.map((g) => g.kind));
}

async function readSystem(db: Db, tables: SystemTable[], relKinds: string[]): Promise<AuditSystem> {
  const n = tables.reduce((s, t) => s + t.rows * t.columns.length, 0);
  const cells = await db.columns(`SELECT cell, truth, hidden, kind, need, coalesce(block, 0) AS block FROM _au_cells ORDER BY cell`);
  if ((cells.cell?.length ?? 0) !== n) throw new Error(`audit: expected ${n} cells, found ${cells.cell?.length}`);
  const truth = Float64Array.from(cells.truth as number[], (v) => v ?? 0);
  const hidden = Uint8Array.from(cells.hidden as boolean[], (v) => (v ? 1 : 0));
  const kind = Uint8Array.from(cells.kind as number[]);
  const need = Float64Array.from(cells.need as number[]);
  const block = Float64Array.from(cells.block as number[]);
  const rel = await db.columns(`SELECT rel, kind, eq, cell, coef FROM _au_rel ORDER BY rel, cell`);
  const relIds = rel.rel as number[];
  const relCount = relIds.length ? Number(relIds[relIds.length - 1]) + 1 : 0;
  const relStart = new Int32Array(relCount + 1);
  const relEq = new Uint8Array(relCount);
  const relKind = new Uint16Array(relCount);
  for (let i = 0; i < relIds.length; i++) {
    const r = Number(relIds[i]);
    relStart[r + 1]!++;
    relEq[r] = (rel.eq as boolean[])[i] ? 1 : 0;
    relKind[r] = Number((rel.kind as number[])[i]);
  }
  for (let r = 0; r < relCount; r++) relStart[r + 1]! += relStart[r]!;
  const relCell = Int32Array.from(rel.cell as number[], Number);
  const relCoef = Float64Array.from(rel.coef as number[]);
  return { tables, n, truth, hidden, kind, need, block, relStart, relCell, relCoef, relEq, relKind, relKinds };
}

/** Names a cell for reports: table, row key and column. */
export async function describeCells(db: Db, system: AuditSystem, tables: AuditTable[], cells: number[]): Promise<string[]> {
  const out: string[] = [];
  for (const cell of cells) {
    const ti = system.tables.findIndex((t) => cell >= t.base && cell < t.base + t.rows * t.columns.length);
    const t = system.tables[ti]!;
    const rid = Math.floor((cell - t.base) / t.columns.length);
    const column = t.columns[(cell - t.base) % t.columns.length]!;
    const keys = tables[ti]!.table.key;
    const [row] = await db.all<Record<string, unknown>>(`SELECT ${keys.map(ident).join(', ')} FROM ${t.work} WHERE _rid = ${rid}`);
    out.push(`${t.name}[${keys.map((k) => `${k}=${String(row?.[k])}`).join(', ')}].${column}`);
  }
  return out;
}
