/**
 * Numbers as BPS tables write them, read without guessing. The rules
 * (docs/bps-import.md, "Number rules"):
 *
 * 1. Missing: empty, `-`, `–`, `—`, `..`, `...`, `…`, `NA`, `N/A`, `n.a.` →
 *    no value (no row is written; the report counts them).
 * 2. A value with both `.` and `,`: the last one is the decimal separator,
 *    the other groups thousands in threes (`1.234,5` = `1,234.5` = 1234.5).
 * 3. One separator repeated: thousands grouping (`1.234.567`).
 * 4. One separator once, followed by 1, 2 or 4+ digits: decimal (`9,55`, `9.5`).
 * 5. One separator once, followed by exactly 3 digits (`12.345`) is
 *    ambiguous on its own. The column decides: a separator proven decimal
 *    (rules 2, 4) or grouping (rules 2, 3) by another value of the same
 *    column keeps that role. If the column proves nothing (or proves both
 *    roles), the unit decides: rupiah and persons → grouping; percent and
 *    index → decimal; thousands of persons (ribu jiwa) → rejected as
 *    ambiguous, never guessed.
 * 6. Spaces between digit groups (`1 234`) are grouping; a trailing `*` or
 *    superscript (provisional figure mark) is dropped.
 * 7. Thousands of persons are stored as persons: the decimal point moves
 *    three places, in the text, so `40,49` ribu jiwa is exactly 40490 jiwa.
 * Values come back as canonical decimal text (`9.55`, `40490`) so nothing
 * passes through floating point before DuckDB reads it.
 */

/** How a column's numbers are written, from its header. */
export type ColumnUnit = 'persen' | 'indeks' | 'rupiah' | 'ribu_jiwa' | 'jiwa';

export type CellValue =
  | { kind: 'value'; text: string }
  | { kind: 'missing'; marker: string }
  | { kind: 'empty' }
  | { kind: 'invalid'; code: 'BPS_NUMBER_INVALID' | 'BPS_NUMBER_AMBIGUOUS' };

const MISSING = new Set(['-', '–', '—', '..', '...', '…', 'na', 'n/a', 'n.a', 'n.a.']);

type Sep = '.' | ',';
type Shape =
  | { kind: 'plain'; digits: string }
  | { kind: 'decimal'; int: string; frac: string; sep: Sep; grouping?: Sep }
  | { kind: 'grouped'; digits: string; sep: Sep }
  | { kind: 'ambiguous'; int: string; frac: string; sep: Sep }
  | { kind: 'missing'; marker: string }
  | { kind: 'empty' }
  | { kind: 'invalid' };

export const cleanCell = (raw: string): string =>
  raw
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim()
    .replace(/(\*+\)?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\)?)$/u, '')
    .trim();

const groupsOk = (int: string, sep: Sep) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(int);

/** The shape of one cell, before the column's evidence is known. */
export const shapeOf = (raw: string): Shape => {
  let text = cleanCell(raw);
  if (text === '') return { kind: 'empty' };
  if (MISSING.has(text.toLowerCase())) return { kind: 'missing', marker: text };
  if (/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(text)) text = text.replace(/ /g, '');
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return { kind: 'invalid' };
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  if (dots === 0 && commas === 0) return { kind: 'plain', digits: text };
  if (dots > 0 && commas > 0) {
    const sep: Sep = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const grouping: Sep = sep === '.' ? ',' : '.';
    const at = text.lastIndexOf(sep);
    const int = text.slice(0, at);
    const frac = text.slice(at + 1);
    if (int.includes(sep) || !groupsOk(int, grouping)) return { kind: 'invalid' };
    return { kind: 'decimal', int: int.split(grouping).join(''), frac, sep, grouping };
  }
  const sep: Sep = dots > 0 ? '.' : ',';
  if (dots + commas > 1) return groupsOk(text, sep) ? { kind: 'grouped', digits: text.split(sep).join(''), sep } : { kind: 'invalid' };
  const [int = '', frac = ''] = text.split(sep);
  return frac.length === 3 ? { kind: 'ambiguous', int, frac, sep } : { kind: 'decimal', int, frac, sep };
};

/** Canonical decimal text: no leading zeros, no trailing fractional zeros. */
export const canonical = (int: string, frac: string): string => {
  const i = int.replace(/^0+(?=\d)/, '') || '0';
  const f = frac.replace(/0+$/, '');
  return f ? `${i}.${f}` : i;
};

/** Multiplies a canonical decimal by 1000 by moving its decimal point (exact). */
export const timesThousand = (text: string): string => {
  const [int = '0', frac = ''] = text.split('.');
  const padded = frac.padEnd(3, '0');
  return canonical(int + padded.slice(0, 3), padded.slice(3));
};

/** What the column's other values prove about each separator. */
export interface SeparatorEvidence {
  decimal: Set<Sep>;
  grouping: Set<Sep>;
}

export const evidenceOf = (shapes: Shape[]): SeparatorEvidence => {
  const evidence: SeparatorEvidence = { decimal: new Set(), grouping: new Set() };
  for (const s of shapes) {
    if (s.kind === 'decimal') {
      evidence.decimal.add(s.sep);
      if (s.grouping) evidence.grouping.add(s.grouping);
    } else if (s.kind === 'grouped') evidence.grouping.add(s.sep);
  }
  return evidence;
};

/** Rule 5: the role of a lone separator followed by three digits. */
export const resolveAmbiguous = (sep: Sep, evidence: SeparatorEvidence, unit: ColumnUnit): 'decimal' | 'grouping' | null => {
  const other: Sep = sep === '.' ? ',' : '.';
  const isDecimal = evidence.decimal.has(sep) || (evidence.grouping.has(other) && !evidence.decimal.has(other));
  const isGrouping = evidence.grouping.has(sep) || (evidence.decimal.has(other) && !evidence.decimal.has(sep));
  if (isDecimal && !isGrouping) return 'decimal';
  if (isGrouping && !isDecimal) return 'grouping';
  if (unit === 'rupiah' || unit === 'jiwa') return 'grouping';
  if (unit === 'persen' || unit === 'indeks') return 'decimal';
  return null;
};

/** Reads every cell of one value column, applying the rules above; ribu jiwa become jiwa. */
export const parseColumn = (cells: string[], unit: ColumnUnit): CellValue[] => {
  const shapes = cells.map(shapeOf);
  const evidence = evidenceOf(shapes);
  return shapes.map((s): CellValue => {
    let text: string;
    switch (s.kind) {
      case 'empty':
        return { kind: 'empty' };
      case 'missing':
        return { kind: 'missing', marker: s.marker };
      case 'invalid':
        return { kind: 'invalid', code: 'BPS_NUMBER_INVALID' };
      case 'plain':
        text = canonical(s.digits, '');
        break;
      case 'grouped':
        text = canonical(s.digits, '');
        break;
      case 'decimal':
        text = canonical(s.int, s.frac);
        break;
      case 'ambiguous': {
        const role = resolveAmbiguous(s.sep, evidence, unit);
        if (role === null) return { kind: 'invalid', code: 'BPS_NUMBER_AMBIGUOUS' };
        text = role === 'decimal' ? canonical(s.int, s.frac) : canonical(s.int + s.frac, '');
        break;
      }
    }
    return { kind: 'value', text: unit === 'ribu_jiwa' ? timesThousand(text) : text };
  });
};
