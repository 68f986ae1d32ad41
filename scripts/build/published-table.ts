/**
 * What a published table is: its name, meaning, columns and disclosure rules.
 * Each metric module exports its tables' definitions next to the SQL that
 * fills them; the publish stage writes Parquet/CSV and datapackage.json from
 * these definitions, and disclosure control reads their rules. One definition,
 * used by the build, the docs and the site.
 */
import type { Bilingual } from '../contracts/types.ts';

export type PublishedColumnType = 'string' | 'integer' | 'number' | 'date' | 'boolean';

export interface PublishedColumn {
  name: string;
  type: PublishedColumnType;
  description: Bilingual;
  /** Unit shown to readers, e.g. 'keluarga', 'rupiah', 'hari kerja', '%'. */
  unit?: string;
}

/**
 * Disclosure rules for one table (see docs/methodology.md).
 * Region hierarchy comes from the code itself: a 10-digit desa code's parent
 * is its 6-digit kecamatan, then the 4-digit kabupaten, then the 2-digit
 * province. Every table with a region has the columns `tingkat`
 * ('provinsi' | 'kabupaten' | 'kecamatan' | 'desa') and `kode_wilayah`.
 */
export interface DisclosureRules {
  /** Columns whose values are counts of people, families, payments or cases: suppressed below k. */
  counts: string[];
  /**
   * Additive relations inside a row: `total` = sum of `parts`. Complementary
   * suppression keeps each relation safe against subtraction.
   */
  rowSums?: { total: string; parts: string[] }[];
  /**
   * A categorical column whose values add up to a total row in the same
   * slice (e.g. desil '1'…'10' add up to 'SEMUA'). Complementary suppression
   * keeps each such group safe.
   */
  category?: { column: string; total: string };
  /** Columns that fix a slice: groups never mix rows with different values of these (e.g. program, period). */
  slice: string[];
  /**
   * Derived values (rates, medians) with the count they are computed from: suppressed when that count is below k or suppressed.
   * `from` lists other count columns of the same row the value is computed from (e.g. a rate's numerator): the value is
   * also suppressed when any of them is, since value × basis would give the hidden count back.
   */
  derived?: { column: string; basis: string; from?: string[] }[];
  /**
   * Publish only at kabupaten level and above, with a higher threshold (sensitive categories).
   * `where` is an SQL predicate over the table's columns; `k` defaults to the build's sensitive threshold (TERANG_K_SENSITIVE).
   */
  sensitive?: { where: string; k?: number; minLevel: 'kabupaten' };
  /** Columns that are already totals over larger areas (e.g. totals per kabupaten) need no hierarchy check. */
  hierarchy: boolean;
  /**
   * Rupiah amounts paid to the recipients counted in `count` (same row). An amount is hidden
   * with its count, and protected like it: the auditor requires an attacker's interval for it
   * to be at least k × the average amount per recipient of its `unitBy` group wide.
   */
  amounts?: { column: string; count: string; unitBy: string[] }[];
  /**
   * Percentages published as round(100 × numerator / base, decimals). With its base
   * published, a percentage gives its numerator back, so it is hidden whenever either is.
   * `baseRow: 'categoryTotal'` when the base is in the category's total row (a share of all).
   */
  shares?: { column: string; numerator: string; base: string; decimals: number; baseRow?: 'categoryTotal' }[];
  /** Same-row inequalities a reader knows: part ≤ whole (e.g. a flag counts some of the recipients). */
  bounds?: { part: string; whole: string }[];
  /**
   * A period column holding years ('2026') and quarters ('2026-Q1'): `additive` columns of a
   * year are the sum of its quarters (rupiah), `distinct` ones count each recipient once per
   * period (every quarter ≤ the year ≤ the sum of the quarters), `constant` ones are the same
   * in every period (the register is a snapshot); `monotone` ones only never exceed the year
   * in a quarter (a family with two programs in a year may have them in different quarters).
   */
  periods?: { column: string; additive: string[]; distinct: string[]; monotone?: string[]; constant: string[] };
  /**
   * A survival curve over the groups of another table: a group's rows are published only
   * when that table's `counts` for the group are (a curve of hidden cases would show each
   * case's time). The auditor checks this rather than solving for it.
   */
  curveOf?: { table: string; group: string[]; counts: string[] };
}

/** A value hidden because of the counts it rests on. */
export interface DerivedValue {
  column: string;
  basis: string;
  from?: string[];
}

/**
 * Every value hidden because of the counts it rests on: the declared derived values, each
 * amount with its count, and each share with the counts behind its base and numerator
 * (an amount's count stands in for the amount).
 */
export function derivedValues(rules: DisclosureRules): DerivedValue[] {
  const countOf = (column: string) => rules.amounts?.find((a) => a.column === column)?.count ?? column;
  return [
    ...(rules.derived ?? []),
    ...(rules.amounts ?? []).map((a) => ({ column: a.column, basis: a.count })),
    ...(rules.shares ?? []).map((s) => ({ column: s.column, basis: countOf(s.base), from: [...new Set([countOf(s.numerator), countOf(s.base)])] })),
  ];
}

export interface PublishedTable {
  /** File and table name: lower snake_case, Indonesian (journalists read it). */
  name: string;
  title: Bilingual;
  description: Bilingual;
  columns: PublishedColumn[];
  /** Columns that identify a row. */
  key: string[];
  disclosure: DisclosureRules | null;
}

/** Suffix of the boolean column that marks a suppressed value (the value itself is NULL, never 0). */
export const SUPPRESSED_SUFFIX = '_disamarkan';
