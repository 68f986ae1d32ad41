/**
 * Statistical disclosure control for published metric tables (see
 * docs/methodology.md, "Kontrol pengungkapan / Disclosure control").
 *
 * `applyDisclosureControl` rewrites one DuckDB table in place, following its
 * `DisclosureRules`:
 * 1. primary suppression: counts in 1…k−1 become NULL, marked `<col>_disamarkan`;
 * 2. complementary suppression, so no hidden count comes back by one
 *    subtraction from a published region, category or row total;
 * 3. derived values (rates, medians) hidden when their basis is small or hidden;
 * 4. sensitive rows kept only at kabupaten and provinsi, with a higher k.
 * Zeros are published. Nothing is rounded.
 *
 * All the work is SQL over working tables (`disclosure/cells.ts`,
 * `disclosure/complement.ts`); `findRecoverableCells` (`disclosure/attack.ts`)
 * is the independent JavaScript attack the tests run on the result.
 */
import type { Db } from './db.ts';
import { SUPPRESSED_SUFFIX, derivedValues, type PublishedTable } from './published-table.ts';
import { buildCells } from './disclosure/cells.ts';
import { complement, countUnsafeRelations } from './disclosure/complement.ts';
import { planFor, type DisclosurePlan } from './disclosure/plan.ts';
import { HIDDEN, WORK, ident } from './disclosure/sql.ts';
import { DEFAULT_SENSITIVE_K, assertThreshold } from './disclosure/thresholds.ts';

export { findRecoverableCells, type RecoverableCell, type Row } from './disclosure/attack.ts';
export { DEFAULT_K, DEFAULT_SENSITIVE_K, resolveThresholds, type Thresholds } from './disclosure/thresholds.ts';

export interface DisclosureOptions {
  /** Counts from 1 to k−1 are suppressed (default in the build: 10, `TERANG_K`). */
  k: number;
  /** Threshold for rows matching `sensitive.where` when the table sets none (default 20, `TERANG_SENSITIVE_K`); never below k. */
  sensitiveK?: number;
}

export interface DisclosureSummary {
  table: string;
  k: number;
  sensitiveK: number;
  /** Count cells in 1…k−1 (or 1…sensitiveK−1 for sensitive rows). */
  suppressedPrimary: number;
  /** Count cells hidden so that others cannot be recovered. */
  suppressedComplementary: number;
  /** Derived cells hidden because of their basis. */
  suppressedDerived: number;
  /** Sensitive rows deleted below kabupaten. */
  rowsRemovedSensitive: number;
  /** Rounds of the complementary heuristic. */
  iterations: number;
  /** Relations still exposing one hidden cell (nothing left to hide in them, e.g. inconsistent totals). 0 in a sound table. */
  unresolvedRelations: number;
}

const marker = (column: string): string => ident(`${column}${SUPPRESSED_SUFFIX}`);
const markOf = (ci: number): string => `coalesce(mk.m${ci}, false)`;

/** When a derived value is hidden: its basis small or hidden, or a count it is computed from hidden. */
function derivedCondition(plan: DisclosurePlan, basis: string, from: string[]): string {
  const index = (column: string) => plan.rules.counts.indexOf(column);
  const conditions = [`(r.${ident(basis)} >= 1 AND r.${ident(basis)} < r._k)`];
  for (const column of [basis, ...from]) if (index(column) >= 0) conditions.push(markOf(index(column)));
  return conditions.join(' OR ');
}

function selectList(plan: DisclosurePlan): string[] {
  const derived = new Map(derivedValues(plan.rules).map((d) => [d.column, d]));
  return plan.columns.flatMap((column) => {
    const ci = plan.rules.counts.indexOf(column);
    const rule = derived.get(column);
    const hide = ci >= 0 ? markOf(ci) : rule ? `(${derivedCondition(plan, rule.basis, rule.from ?? [])})` : null;
    if (!hide) return [`r.${ident(column)}`];
    return [`CASE WHEN ${hide} THEN NULL ELSE r.${ident(column)} END AS ${ident(column)}`, `${hide} AS ${marker(column)}`];
  });
}

async function rewrite(db: Db, plan: DisclosurePlan): Promise<void> {
  const n = plan.rules.counts.length;
  const flags = plan.rules.counts.map((_, ci) => `bool_or(cid % ${n} = ${ci}) AS m${ci}`).join(', ');
  await db.run(`
    CREATE OR REPLACE TEMP TABLE ${WORK.marks} AS
    SELECT cid // ${n} AS rid, ${flags} FROM ${WORK.hidden}
    WHERE kind IN (${HIDDEN.primary}, ${HIDDEN.complementary}) GROUP BY rid`);
  await db.run(`
    CREATE OR REPLACE TABLE ${ident(plan.table)} AS
    SELECT ${selectList(plan).join(',\n      ')}
    FROM ${WORK.rows} r LEFT JOIN ${WORK.marks} mk ON mk.rid = r._rid
    WHERE NOT r._removed
    ORDER BY r._rid`);
}

async function count(db: Db, sql: string): Promise<number> {
  const [row] = await db.all<{ n: number | null }>(sql);
  return row?.n ?? 0;
}

async function dropWorkTables(db: Db): Promise<void> {
  for (const name of Object.values(WORK)) await db.run(`DROP TABLE IF EXISTS ${name}`);
}

/** Rewrite `table.name` in place so that it is safe to publish; see the module comment. */
export async function applyDisclosureControl(
  db: Db,
  table: PublishedTable,
  options: DisclosureOptions,
): Promise<DisclosureSummary> {
  const sensitiveK = options.sensitiveK ?? DEFAULT_SENSITIVE_K;
  assertThreshold('k', options.k);
  assertThreshold('sensitiveK', sensitiveK);
  const rules = table.disclosure;
  const summary: DisclosureSummary = {
    table: table.name,
    k: options.k,
    sensitiveK: Math.max(options.k, rules?.sensitive?.k ?? sensitiveK),
    suppressedPrimary: 0,
    suppressedComplementary: 0,
    suppressedDerived: 0,
    rowsRemovedSensitive: 0,
    iterations: 0,
    unresolvedRelations: 0,
  };
  if (!rules) return summary;
  if (rules.sensitive?.k !== undefined) assertThreshold(`sensitive.k of ${table.name}`, rules.sensitive.k);

  const plan = await planFor(db, table, rules, { k: options.k, sensitiveK });
  try {
    await buildCells(db, plan);
    summary.iterations = await complement(db);
    summary.unresolvedRelations = await countUnsafeRelations(db);
    const byKind = (kind: number) => count(db, `SELECT count(*) AS n FROM ${WORK.hidden} WHERE kind = ${kind}`);
    summary.suppressedPrimary = await byKind(HIDDEN.primary);
    summary.suppressedComplementary = await byKind(HIDDEN.complementary);
    summary.rowsRemovedSensitive = await count(db, `SELECT count(*) AS n FROM ${WORK.rows} WHERE _removed`);
    await rewrite(db, plan);
    const derived = derivedValues(rules).map((d) => `count(*) FILTER (WHERE ${marker(d.column)})`);
    if (derived.length > 0) {
      summary.suppressedDerived = await count(db, `SELECT ${derived.join(' + ')} AS n FROM ${ident(table.name)}`);
    }
  } finally {
    await dropWorkTables(db);
  }
  return summary;
}
