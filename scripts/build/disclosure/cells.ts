/**
 * The table as cells and additive relations, in working DuckDB tables:
 * - `_sdc_rows`: the table's rows with a deterministic id (`_rid`, by key),
 *   their level, slice ids and per-row threshold;
 * - `_sdc_cells`: one row per count cell, `cid = _rid × #counts + column index`,
 *   with why it is hidden before any complement (`kind`, 0 when published);
 * - `_sdc_members`: (relation, cell) pairs. A relation is named by its total
 *   cell: `gid = total cid × kinds + kind` (0 hierarchy, 1 category,
 *   2… row sums), so ids are unique and stable without a counter.
 */
import type { Db } from '../db.ts';
import { LEVEL_RANK } from './levels.ts';
import type { DisclosurePlan } from './plan.ts';
import { HIDDEN, WORK, ident, literal } from './sql.ts';

const MIN_LEVEL_RANK = LEVEL_RANK.kabupaten;

/**
 * An id shared by rows with equal values in `columns` (NULLs equal). Only
 * compared for equality, never ordered, so a hash will do; collisions are
 * ruled out by `assertSliceIdsUnique`.
 */
const sliceId = (columns: string[]): string => (columns.length === 0 ? '0::UBIGINT' : `hash(${columns.map(ident).join(', ')})`);

/** Slice ids must not collide: a collision would merge two groups. Checked, not assumed. */
async function assertSliceIdsUnique(db: Db, plan: DisclosurePlan): Promise<void> {
  const { rules, hasRegion } = plan;
  const checks: [string, string[]][] = [
    ['_hs', rules.category ? [...rules.slice, rules.category.column] : rules.slice],
    ['_cs', [...rules.slice, ...(hasRegion ? ['tingkat', 'kode_wilayah'] : [])]],
  ];
  for (const [id, columns] of checks) {
    if (columns.length === 0) continue;
    const [row] = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT ${id} FROM (SELECT DISTINCT ${id}, ${columns.map(ident).join(', ')} FROM ${WORK.rows})
       GROUP BY ${id} HAVING count(*) > 1)`,
    );
    if ((row?.n ?? 0) > 0) throw new Error(`disclosure of ${plan.table}: slice hash collision; report this as a bug`);
  }
}

function rowsSql(plan: DisclosurePlan): string {
  const { rules, hasRegion } = plan;
  const category = rules.category;
  const levelCases = Object.entries(LEVEL_RANK)
    .map(([name, rank]) => `WHEN ${literal(name)} THEN ${rank}`)
    .join(' ');
  const level = hasRegion ? `CASE tingkat::VARCHAR ${levelCases} END` : '0';
  const sensitive = rules.sensitive ? `coalesce((${rules.sensitive.where}), false)` : 'false';
  const regionCols = hasRegion ? ['tingkat', 'kode_wilayah'] : [];
  const isTotal = category ? `${ident(category.column)}::VARCHAR = ${literal(category.total)}` : 'false';
  const isPart = category ? `${ident(category.column)} IS NOT NULL AND NOT (${isTotal})` : 'false';
  return `
    CREATE OR REPLACE TEMP TABLE ${WORK.rows} AS
    SELECT *,
      _sens AND coalesce(_lvl < ${MIN_LEVEL_RANK}, false) AS _removed,
      CASE WHEN _sens THEN ${plan.sensitiveK} ELSE ${plan.k} END AS _k,
      CASE _lvl WHEN 0 THEN left(_kode, 6) WHEN 1 THEN left(_kode, 4) WHEN 2 THEN left(_kode, 2) END AS _pcode
    FROM (
      SELECT
        (row_number() OVER (ORDER BY ${plan.order.map(ident).join(', ')}) - 1)::BIGINT AS _rid,
        ${sliceId(category ? [...rules.slice, category.column] : rules.slice)} AS _hs,
        ${sliceId([...rules.slice, ...regionCols])} AS _cs,
        (${level})::TINYINT AS _lvl,
        ${hasRegion ? 'kode_wilayah::VARCHAR' : 'NULL::VARCHAR'} AS _kode,
        ${sensitive} AS _sens,
        coalesce(${isTotal}, false) AS _ctotal,
        coalesce(${isPart}, false) AS _cpart,
        *
      FROM ${ident(plan.table)}
    )`;
}

function cellsSql(plan: DisclosurePlan): string {
  const n = plan.rules.counts.length;
  const selects = plan.rules.counts.map(
    (column, ci) => `
      SELECT _rid * ${n} + ${ci} AS cid, _rid AS rid, ${ci}::TINYINT AS ci, ${ident(column)}::BIGINT AS v,
             _lvl AS lvl, _removed AS removed, _k AS k
      FROM ${WORK.rows}`,
  );
  return `CREATE OR REPLACE TEMP TABLE ${WORK.cells} AS
    SELECT *, (CASE WHEN removed THEN ${HIDDEN.removed} WHEN v IS NULL THEN ${HIDDEN.unknown}
                    WHEN v >= 1 AND v < k THEN ${HIDDEN.primary} ELSE 0 END)::TINYINT AS kind
    FROM (${selects.join(' UNION ALL ')})`;
}

function pairsSql(): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE ${WORK.hierarchyPairs} AS
     SELECT c._rid AS child, p._rid AS parent
     FROM ${WORK.rows} c JOIN ${WORK.rows} p
       ON p._hs = c._hs AND p._lvl = c._lvl + 1 AND p._kode = c._pcode`,
    `CREATE OR REPLACE TEMP TABLE ${WORK.categoryPairs} AS
     SELECT part._rid AS part, total._rid AS total
     FROM ${WORK.rows} part JOIN ${WORK.rows} total ON total._cs = part._cs
     WHERE part._cpart AND total._ctotal`,
  ];
}

function membersSql(plan: DisclosurePlan): string {
  const n = plan.rules.counts.length;
  const g = plan.kinds;
  const cols = 'c.cid, c.v, c.lvl, c.kind';
  const parts: string[] = [];
  if (plan.rules.hierarchy && plan.hasRegion) {
    parts.push(
      `SELECT (p.parent * ${n} + c.ci) * ${g} AS gid, false AS is_total, ${cols}
       FROM ${WORK.hierarchyPairs} p JOIN ${WORK.cells} c ON c.rid = p.child`,
      `SELECT c.cid * ${g}, true, ${cols} FROM ${WORK.cells} c
       WHERE c.rid IN (SELECT parent FROM ${WORK.hierarchyPairs})`,
    );
  }
  if (plan.rules.category) {
    parts.push(
      `SELECT (p.total * ${n} + c.ci) * ${g} + 1, false, ${cols}
       FROM ${WORK.categoryPairs} p JOIN ${WORK.cells} c ON c.rid = p.part`,
      `SELECT c.cid * ${g} + 1, true, ${cols} FROM ${WORK.cells} c
       WHERE c.rid IN (SELECT total FROM ${WORK.categoryPairs})`,
    );
  }
  (plan.rules.rowSums ?? []).forEach((sum, j) => {
    const index = (column: string) => plan.rules.counts.indexOf(column);
    const total = index(sum.total);
    const all = [total, ...sum.parts.map(index)];
    parts.push(
      `SELECT (c.rid * ${n} + ${total}) * ${g} + ${2 + j}, c.ci = ${total}, ${cols}
       FROM ${WORK.cells} c WHERE c.ci IN (${all.join(', ')})`,
    );
  });
  const body = parts.length > 0 ? parts.join(' UNION ALL ') : 'SELECT 0::BIGINT, false, 0::BIGINT, 0::BIGINT, 0::TINYINT, 0::TINYINT WHERE false';
  return `CREATE OR REPLACE TEMP TABLE ${WORK.members} AS
          SELECT * FROM (${body}) AS m(gid, is_total, cid, v, lvl, kind)`;
}

/** Cells hidden before any complement: small counts, removed rows, and counts that were NULL already. */
function hiddenSql(): string {
  return `
    CREATE OR REPLACE TEMP TABLE ${WORK.hidden} AS SELECT cid, kind FROM ${WORK.cells} WHERE kind > 0`;
}

/** Build every working table; afterwards `_sdc_hidden` holds the primary suppressions. */
export async function buildCells(db: Db, plan: DisclosurePlan): Promise<void> {
  await db.run(rowsSql(plan));
  if (plan.hasRegion) {
    const odd = await db.all<{ tingkat: string }>(
      `SELECT DISTINCT tingkat::VARCHAR AS tingkat FROM ${WORK.rows} WHERE _lvl IS NULL AND tingkat IS NOT NULL LIMIT 5`,
    );
    if (odd.length > 0) {
      throw new Error(`disclosure rules of ${plan.table}: unknown tingkat ${odd.map((r) => `"${r.tingkat}"`).join(', ')}`);
    }
  }
  await assertSliceIdsUnique(db, plan);
  await db.run(cellsSql(plan));
  for (const sql of pairsSql()) await db.run(sql);
  await db.run(membersSql(plan));
  await db.run(hiddenSql());
}
