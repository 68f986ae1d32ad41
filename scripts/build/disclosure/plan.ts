/**
 * What the disclosure stage needs to know about one table, checked against
 * the table as it really is in DuckDB before any SQL rewrites it.
 */
import type { Db } from '../db.ts';
import { SUPPRESSED_SUFFIX, derivedValues, type DisclosureRules, type PublishedTable } from '../published-table.ts';

export interface DisclosurePlan {
  table: string;
  rules: DisclosureRules;
  /** The table's columns, in order. */
  columns: string[];
  /** Key columns first, then the rest: the deterministic order of rows and tie-breaks. */
  order: string[];
  /** Whether rows carry `tingkat` and `kode_wilayah`. */
  hasRegion: boolean;
  k: number;
  sensitiveK: number;
  /** Relation kinds per total cell: hierarchy, category, then one per rowSum. */
  kinds: number;
}

const fail = (table: string, message: string): never => {
  throw new Error(`disclosure rules of ${table}: ${message}`);
};

function check(table: string, rules: DisclosureRules, columns: Set<string>): void {
  const need = (column: string, role: string) => {
    if (!columns.has(column)) fail(table, `${role} column "${column}" is not in the table`);
  };
  const counts = new Set(rules.counts);
  rules.counts.forEach((c) => need(c, 'count'));
  rules.slice.forEach((c) => need(c, 'slice'));
  if (rules.category) need(rules.category.column, 'category');
  for (const sum of rules.rowSums ?? []) {
    for (const c of [sum.total, ...sum.parts]) {
      need(c, 'rowSums');
      if (!counts.has(c)) fail(table, `rowSums column "${c}" must also be listed in counts`);
    }
  }
  for (const d of derivedValues(rules)) {
    need(d.column, 'derived');
    need(d.basis, 'derived basis');
    if (counts.has(d.column)) fail(table, `"${d.column}" cannot be both a count and derived`);
    for (const c of d.from ?? []) {
      need(c, 'derived from');
      if (!counts.has(c)) fail(table, `derived "${d.column}" is computed from "${c}", which must be a count`);
    }
  }
  if (rules.hierarchy) ['tingkat', 'kode_wilayah'].forEach((c) => need(c, 'hierarchy'));
  for (const c of [...rules.counts, ...derivedValues(rules).map((d) => d.column)]) {
    if (columns.has(`${c}${SUPPRESSED_SUFFIX}`)) fail(table, `"${c}${SUPPRESSED_SUFFIX}" exists already: was disclosure control applied twice?`);
  }
  if (rules.counts.length > 60) fail(table, 'more than 60 count columns');
}

export async function planFor(
  db: Db,
  table: PublishedTable,
  rules: DisclosureRules,
  thresholds: { k: number; sensitiveK: number },
): Promise<DisclosurePlan> {
  const described = await db.all<{ column_name: string }>(`DESCRIBE "${table.name.replaceAll('"', '""')}"`);
  const columns = described.map((row) => row.column_name);
  const present = new Set(columns);
  check(table.name, rules, present);
  table.key.forEach((c) => present.has(c) || fail(table.name, `key column "${c}" is not in the table`));
  return {
    table: table.name,
    rules,
    columns,
    order: [...table.key, ...columns.filter((c) => !table.key.includes(c))],
    hasRegion: present.has('tingkat') && present.has('kode_wilayah'),
    k: thresholds.k,
    sensitiveK: Math.max(thresholds.k, rules.sensitive?.k ?? thresholds.sensitiveK),
    kinds: 2 + (rules.rowSums?.length ?? 0),
  };
}
