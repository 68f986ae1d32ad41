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
