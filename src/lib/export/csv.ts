/**
 * CSV of a table as a reader sees it (issue 5, `docs/downloads-and-reports.md`).
 * Pure: the browser (`src/client/export.ts`) reads the cells from the page,
 * this writes them. The dialect follows the published CSV files (comma,
 * header row, decimal point, numbers unformatted, empty = no value or
 * suppressed) with two additions for a file a person opens by double-click:
 * a UTF-8 byte-order mark, so Excel on Windows reads the accents right, and
 * CRLF line ends (RFC 4180).
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

/** A field quoted when it holds a comma, quote or line break (RFC 4180); a leading `=+-@` is not touched: values are data, never formulas we write. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
