/** Small SQL helpers for the disclosure stage. */

/** A quoted identifier. */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A quoted string literal. */
export const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Working tables of this stage: temporary, prefixed, dropped at the end. */
export const WORK = {
  rows: '_sdc_rows',
  hierarchyPairs: '_sdc_hpairs',
  categoryPairs: '_sdc_cpairs',
  cells: '_sdc_cells',
  members: '_sdc_members',
  hidden: '_sdc_hidden',
  groups: '_sdc_groups',
  fresh: '_sdc_fresh',
  delta: '_sdc_delta',
  unsafe: '_sdc_unsafe',
  stuck: '_sdc_stuck',
  marks: '_sdc_marks',
} as const;

/**
 * Why a cell is hidden (`_sdc_hidden.kind`).
 * - primary: a count in 1…k−1;
 * - complementary: hidden so that another hidden cell cannot be recovered;
 * - removed: the row is deleted (sensitive category below kabupaten);
 * - unknown: the count was NULL already (the attacker does not know it either).
 */
export const HIDDEN = { primary: 1, complementary: 2, removed: 3, unknown: 4 } as const;
