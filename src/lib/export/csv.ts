/**
 * CSV of a table as a reader sees it (issue 5, `docs/downloads-and-reports.md`).
 * Pure: the browser (`src/client/export.ts`) reads the cells from the page,
 * this writes them. The dialect follows the published CSV files (comma,
 * header row, decimal point, numbers unformatted, empty = no value or
 * suppressed) with two additions for a file a person opens by double-click:
 * a UTF-8 byte-order mark, so Excel on Windows reads the accents right, and
 * CRLF line ends (RFC 4180). Text that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, CR first) is written with a leading `'`; numbers,
 * negative ones included, are written as they are.
 */

/** One cell: its machine value (`''` when none) and whether it was suppressed. */
export interface ExportCell {
  value: string;
  suppressed: boolean;
}

export interface ExportTable {
  /** Column names, one per cell of every row. */
  columns: string[];
  rows: ExportCell[][];
}

export const BOM = '\uFEFF';
export const SUPPRESSED_SUFFIX = '_disamarkan';

/**
 * A cell a spreadsheet would run as a formula when the CSV is opened: text
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list,
 * and papaparse's), unless the whole text is a plain decimal number such as
 * `-12.5`, `+3` or `-1.5e-7`, which Excel and LibreOffice read as a number
 * and never as a formula. Used by every CSV writer of the site: `csvField`
 * here and the Jelajah result (`toCsv`, papaparse's `escapeFormulae`).
 */
export const FORMULA_START = /^(?![+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$)[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula, made inert with a leading `'` (shown as text, never evaluated); numbers and other text unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: a would-be formula gets a leading `'` and quotes (as
 * papaparse's `escapeFormulae` does); a field holding a comma, quote or line
 * break is quoted (RFC 4180). Negative numbers stay as they are.
 */
export function csvField(text: string): string {
  const safe = neutraliseFormula(text);
  return safe !== text || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The CSV text. A suppressed cell is written empty, never as 0; every column
 * with at least one suppressed cell gets a `<column>_disamarkan` column right
 * after it (`true`/`false`), as the published tables have.
 */
export function tableToCsv(table: ExportTable, options: { bom?: boolean } = {}): string {
  const flagged = table.columns.map((_, i) => table.rows.some((row) => row[i]?.suppressed === true));
  const header = table.columns.flatMap((name, i) => (flagged[i] ? [name, `${name}${SUPPRESSED_SUFFIX}`] : [name]));
  const lines = [header, ...table.rows.map((row) => table.columns.flatMap((_, i) => {
    const cell = row[i] ?? { value: '', suppressed: false };
    const value = cell.suppressed ? '' : cell.value;
    return flagged[i] ? [value, String(cell.suppressed)] : [value];
  }))];
  return (options.bom === false ? '' : BOM) + lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file-name-safe slug: lower case ASCII letters, digits and hyphens. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `terang-<id>-<release>-<period>.<ext>`, leaving out the parts a table does not have. */
export function exportFileName(parts: { id: string; release?: string | null; period?: string | null }, extension: string): string {
  const pieces = ['terang', parts.id, parts.release ?? '', parts.period ?? ''].map(slug).filter((p) => p !== '');
  return `${pieces.join('-')}.${extension}`;
}
