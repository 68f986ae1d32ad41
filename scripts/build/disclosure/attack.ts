/**
 * The attack that complementary suppression defends against, written
 * independently of the SQL so each checks the other: given the rows as
 * published, find every hidden count that one subtraction recovers from a
 * published total (a parent region, a category total row, or a row total).
 *
 * Pure: plain rows in, findings out. Any NULL count is unknown to the
 * attacker; a row absent from the table adds nothing to a sum (metric tables
 * list every row of a group, so absent means zero). Only the additive
 * relations named in the rules are used: this is the single-equation attack,
 * not a linear-programming one (see docs/methodology.md).
 */
import { SUPPRESSED_SUFFIX, type DisclosureRules } from '../published-table.ts';
import { PARENT_CODE_LENGTH, PARENT_LEVEL, type RegionLevel } from './levels.ts';

export type Row = Readonly<Record<string, unknown>>;

export type RelationKind = 'hierarchy' | 'category' | 'rowSum';

export interface RecoverableCell {
  /** Index of the row in the input. */
  row: number;
  column: string;
  via: RelationKind;
  /** What the attacker computes. */
  value: number;
  /** Whether the cell is marked `<column>_disamarkan` (false for a NULL that was never a suppression). */
  suppressed: boolean;
  /** Row index of the relation's total (the same row for a row sum). */
  totalRow: number;
}

interface Cell {
  row: number;
  column: string;
}

interface Relation {
  via: RelationKind;
  total: Cell;
  parts: Cell[];
}

const known = (rows: readonly Row[], cell: Cell): number | null => {
  const value = rows[cell.row]?.[cell.column];
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
};

const keyOf = (row: Row, columns: readonly string[], extra: unknown[] = []): string =>
  JSON.stringify([...columns.map((column) => row[column] ?? null), ...extra]);

function hierarchyRelations(rows: readonly Row[], rules: DisclosureRules): Relation[] {
  const sliceColumns = rules.category ? [...rules.slice, rules.category.column] : rules.slice;
  const index = new Map<string, number>();
  rows.forEach((row, i) => index.set(keyOf(row, sliceColumns, [row.tingkat, row.kode_wilayah]), i));
  const children = new Map<number, number[]>();
  rows.forEach((row, i) => {
    const level = row.tingkat as RegionLevel;
    const parentLevel = PARENT_LEVEL[level];
    if (!parentLevel) return;
    const parentCode = String(row.kode_wilayah).slice(0, PARENT_CODE_LENGTH[level]);
    const parent = index.get(keyOf(row, sliceColumns, [parentLevel, parentCode]));
    if (parent === undefined) return;
    children.set(parent, [...(children.get(parent) ?? []), i]);
  });
  return [...children].flatMap(([parent, kids]) =>
    rules.counts.map((column) => ({
      via: 'hierarchy' as const,
      total: { row: parent, column },
      parts: kids.map((row) => ({ row, column })),
    })),
  );
}

function categoryRelations(rows: readonly Row[], rules: DisclosureRules): Relation[] {
  const category = rules.category;
  if (!category) return [];
  const regionColumns = rows.some((row) => 'kode_wilayah' in row) ? ['tingkat', 'kode_wilayah'] : [];
  const groupColumns = [...rules.slice, ...regionColumns];
  const totals = new Map<string, number>();
  const parts = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const value = row[category.column];
    if (value === null || value === undefined) return;
    const key = keyOf(row, groupColumns);
    if (String(value) === category.total) totals.set(key, i);
    else parts.set(key, [...(parts.get(key) ?? []), i]);
  });
  return [...totals].flatMap(([key, total]) =>
    rules.counts.map((column) => ({
      via: 'category' as const,
      total: { row: total, column },
      parts: (parts.get(key) ?? []).map((row) => ({ row, column })),
    })),
  );
}

function rowSumRelations(rows: readonly Row[], rules: DisclosureRules): Relation[] {
  return (rules.rowSums ?? []).flatMap((sum) =>
    rows.map((_, row) => ({
      via: 'rowSum' as const,
      total: { row, column: sum.total },
      parts: sum.parts.map((column) => ({ row, column })),
    })),
  );
}

/** Every additive relation the rules declare, over the given rows. */
export function relationsOf(rows: readonly Row[], rules: DisclosureRules): Relation[] {
  return [
    ...(rules.hierarchy ? hierarchyRelations(rows, rules) : []),
    ...categoryRelations(rows, rules),
    ...rowSumRelations(rows, rules),
  ];
}

function attackRelation(rows: readonly Row[], relation: Relation): RecoverableCell | null {
  if (relation.parts.length === 0) return null;
  const total = known(rows, relation.total);
  const partValues = relation.parts.map((cell) => known(rows, cell));
  const unknownParts = partValues.filter((value) => value === null).length;
  const partSum = partValues.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  let target: Cell;
  let value: number;
  if (total === null && unknownParts === 0) {
    target = relation.total;
    value = partSum;
  } else if (total !== null && unknownParts === 1) {
    target = relation.parts[partValues.indexOf(null)] as Cell;
    value = total - partSum;
  } else {
    return null;
  }
  const suppressed = rows[target.row]?.[`${target.column}${SUPPRESSED_SUFFIX}`] === true;
  return { row: target.row, column: target.column, via: relation.via, value, suppressed, totalRow: relation.total.row };
}

/**
 * Hidden counts that one subtraction recovers from a published total.
 * Each cell is reported once (the first relation that exposes it).
 */
export function findRecoverableCells(rows: readonly Row[], rules: DisclosureRules): RecoverableCell[] {
  const found = new Map<string, RecoverableCell>();
  for (const relation of relationsOf(rows, rules)) {
    const hit = attackRelation(rows, relation);
    const id = hit && `${hit.row}\u0000${hit.column}`;
    if (hit && id && !found.has(id)) found.set(id, hit);
  }
  return [...found.values()].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
}
