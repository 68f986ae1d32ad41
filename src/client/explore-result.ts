/**
 * Pure helpers of the Jelajah (SQL explorer) page: turning DuckDB-wasm's
 * Arrow result into plain rows, pages of rows, cell text, the shape a quick
 * chart can draw, CSV and XLSX rows, the read-only check's statement and
 * verdict, and the URL state.
 * No DOM and no DuckDB here: unit tests run them in Node
 * (`test/unit/explore-result.test.ts`).
 */
import Papa from 'papaparse';
import { FORMULA_START } from '../lib/export/csv.ts';
import { formatNumber, MISSING_TEXT, SUPPRESSED_TEXT, type Lang } from '../lib/format.ts';

export type Value = string | number | boolean | null;
export type ColumnKind = 'number' | 'text' | 'boolean' | 'date' | 'other';

export interface ResultColumn {
  name: string;
  kind: ColumnKind;
  /** Whole numbers (Arrow Int, or Decimal with scale 0). */
  integer: boolean;
}

export interface ResultTable {
  columns: ResultColumn[];
  rows: Value[][];
  /** Rows DuckDB returned; more than `rows.length` when the result was cut at the row limit. */
  totalRows: number;
}

/** Rows kept from one result: enough for any honest question, few enough for a phone's memory. */
export const MAX_ROWS = 100_000;
export const PAGE_SIZE = 50;
/** Bars a quick chart draws at most (the table lists every row). */
export const MAX_CHART_BARS = 30;

// ------------------------------------------------------------ Arrow → rows

/** Arrow's type ids (`apache-arrow` `Type` enum; stable in the Arrow format). */
const ARROW = { Int: 2, Float: 3, Utf8: 5, Bool: 6, Decimal: 7, Date: 8, Time: 9, Timestamp: 10, LargeUtf8: 20, Dictionary: -1 } as const;

export interface ArrowLikeField {
  name: string;
  type: { typeId: number; scale?: number; toString(): string };
}

export function columnOf(field: ArrowLikeField): ResultColumn {
  const { typeId, scale } = field.type;
  if (typeId === ARROW.Int) return { name: field.name, kind: 'number', integer: true };
  if (typeId === ARROW.Decimal) return { name: field.name, kind: 'number', integer: (scale ?? 0) === 0 };
  if (typeId === ARROW.Float) return { name: field.name, kind: 'number', integer: false };
  if (typeId === ARROW.Bool) return { name: field.name, kind: 'boolean', integer: false };
  if (typeId === ARROW.Utf8 || typeId === ARROW.LargeUtf8 || typeId === ARROW.Dictionary) return { name: field.name, kind: 'text', integer: false };
  if (typeId === ARROW.Date || typeId === ARROW.Timestamp) return { name: field.name, kind: 'date', integer: false };
  return { name: field.name, kind: 'other', integer: false };
}

const isoDate = (ms: number, withTime: boolean) => {
  const iso = new Date(ms).toISOString();
  return withTime ? iso.replace('T', ' ').replace(/\.000Z$|Z$/, '') : iso.slice(0, 10);
};

/** One Arrow value as a plain value: BIGINT and DECIMAL as numbers, dates as ISO text, nested values as JSON. */
export function cellValue(raw: unknown, field: ArrowLikeField): Value {
  if (raw === null || raw === undefined) return null;
  const { typeId, scale } = field.type;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeId === ARROW.Decimal) {
    // Arrow JS returns a decimal as its unscaled integer (an object that converts to a number).
    const unscaled = typeof raw === 'number' ? raw : Number(raw as number);
    return (scale ?? 0) === 0 ? unscaled : unscaled / 10 ** (scale ?? 0);
  }
  if (typeof raw === 'number') {
    if (typeId === ARROW.Date) return isoDate(raw, false);
    if (typeId === ARROW.Timestamp) return isoDate(raw, true);
    return raw;
  }
  if (raw instanceof Date) return isoDate(raw.getTime(), typeId === ARROW.Timestamp);
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  const json = (raw as { toJSON?: () => unknown }).toJSON?.() ?? raw;
  return JSON.stringify(json, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value));
}

export interface ArrowLikeResult {
  schema: { fields: ArrowLikeField[] };
  batches: { numRows: number; getChildAt(index: number): { get(row: number): unknown } | null }[];
}

/** The whole result as plain rows, at most `maxRows` of them. */
export function shapeResult(result: ArrowLikeResult, maxRows = MAX_ROWS): ResultTable {
  const fields = result.schema.fields;
  const columns = fields.map(columnOf);
  const rows: Value[][] = [];
  let totalRows = 0;
  for (const batch of result.batches) {
    totalRows += batch.numRows;
    const vectors = fields.map((_, index) => batch.getChildAt(index));
    for (let row = 0; row < batch.numRows && rows.length < maxRows; row++) {
      rows.push(vectors.map((vector, index) => cellValue(vector?.get(row), fields[index]!)));
    }
  }
  return { columns, rows, totalRows };
}

// ------------------------------------------------------------ paging and cell text

export interface ResultPage {
  /** 1-based page number, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based numbers of the first and last row shown (0 and 0 for an empty result). */
  first: number;
  last: number;
  rows: Value[][];
}

export function pageOf(result: ResultTable, page: number, pageSize = PAGE_SIZE): ResultPage {
  const pages = Math.max(1, Math.ceil(result.rows.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (current - 1) * pageSize;
  const rows = result.rows.slice(start, start + pageSize);
  return { page: current, pages, first: rows.length ? start + 1 : 0, last: start + rows.length, rows };
}

/** For each column, the index of its `<name>_disamarkan` companion in the result, if there is one. */
export function suppressionFlags(columns: ResultColumn[]): (number | null)[] {
  const byName = new Map(columns.map((column, index) => [column.name, index]));
  return columns.map((column) => {
    const flag = byName.get(`${column.name}_disamarkan`);
    return flag !== undefined && columns[flag]!.kind === 'boolean' ? flag : null;
  });
}

const BOOLEAN_TEXT: Record<Lang, [string, string]> = { id: ['ya', 'tidak'], en: ['yes', 'no'] };

/** Codes and years read as numbers but are labels: no thousands separator (`2025`, not `2.025`). */
const isLabelNumber = (column: ResultColumn) => column.integer && /(^|_)(tahun|kode|desil|year|id)(_|$)/i.test(column.name);

/**
 * A cell as the page shows it: numbers in the page's language (`1.234,5` in
 * Indonesian), NULL as "–", or "disamarkan"/"suppressed" when the row's
 * `<name>_disamarkan` flag says the value was withheld.
 */
export function cellText(value: Value, column: ResultColumn, lang: Lang, suppressed = false): string {
  if (value === null) return suppressed ? SUPPRESSED_TEXT[lang] : MISSING_TEXT;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    return isLabelNumber(column) ? String(value) : formatNumber(value, lang, column.integer ? 0 : 4);
  }
  if (typeof value === 'boolean') return BOOLEAN_TEXT[lang][value ? 0 : 1];
  return value;
}

// ------------------------------------------------------------ quick chart

export interface ChartShape {
  /** Index of the column naming each bar. */
  label: number;
  /** Index of the numeric column giving its length. */
  value: number;
}

/**
 * A result a bar chart can show honestly: exactly one numeric column (not
 * counting `_disamarkan` flags and label numbers such as years or codes), at
 * least one text column to name the bars (one called `nama…` or the first),
 * and at least one row. Anything else: no chart (the table says it all).
 */
export function chartShape(result: ResultTable): ChartShape | null {
  if (result.rows.length === 0) return null;
  const numeric = result.columns.flatMap((column, index) => (column.kind === 'number' && !isLabelNumber(column) ? [index] : []));
  const labels = result.columns.flatMap((column, index) => (column.kind === 'text' || column.kind === 'date' || isLabelNumber(column) ? [index] : []));
  if (numeric.length !== 1 || labels.length === 0) return null;
  const named = labels.find((index) => /^(nama|name)/i.test(result.columns[index]!.name));
  const textLabel = labels.find((index) => result.columns[index]!.kind === 'text');
  return { label: named ?? textLabel ?? labels[0]!, value: numeric[0]! };
}

export interface ChartBar {
  label: string;
  value: number;
}

/** The bars to draw, in the result's order, at most `max`; rows without a value (NULL, suppressed) are counted, not drawn. */
export function chartBars(result: ResultTable, shape: ChartShape, max = MAX_CHART_BARS): { bars: ChartBar[]; withoutValue: number; left: number } {
  const withValue = result.rows.filter((row) => typeof row[shape.value] === 'number' && Number.isFinite(row[shape.value]));
  const bars = withValue.slice(0, max).map((row) => ({ label: row[shape.label] === null ? MISSING_TEXT : String(row[shape.label]), value: row[shape.value] as number }));
  return { bars, withoutValue: result.rows.length - withValue.length, left: withValue.length - bars.length };
}

// ------------------------------------------------------------ downloads

/**
 * The result as CSV: UTF-8 text, comma, a header row, numbers as DuckDB
 * returned them (dot decimal, negative ones too), NULL empty. Text a
 * spreadsheet would run as a formula, in a cell or a column name (a reader's
 * SQL chooses both, and a shared link can choose them for someone else), gets
 * a leading `'` and quotes: papaparse's `escapeFormulae` with the site's one
 * rule (`FORMULA_START`), which papaparse applies to text, never to numbers.
 */
export function toCsv(result: ResultTable): string {
  return Papa.unparse(
    { fields: result.columns.map((column) => column.name), data: result.rows.map((row) => row.map((value) => (value === null ? '' : value))) },
    { newline: '\r\n', escapeFormulae: FORMULA_START },
  );
}

export type XlsxCell = { value: string | number | boolean; type: typeof String | typeof Number | typeof Boolean; fontWeight?: 'bold' } | null;

/** The result as `write-excel-file` rows: bold header, numbers as numbers, NULL as an empty cell. */
export function xlsxRows(result: ResultTable): XlsxCell[][] {
  const header: XlsxCell[] = result.columns.map((column) => ({ value: column.name, type: String, fontWeight: 'bold' }));
  const rows = result.rows.map((row) =>
    row.map((value): XlsxCell => {
      if (value === null) return null;
      if (typeof value === 'number') return Number.isFinite(value) ? { value, type: Number } : { value: String(value), type: String };
      if (typeof value === 'boolean') return { value, type: Boolean };
      return { value, type: String };
    }),
  );
  return [header, ...rows];
}

// ------------------------------------------------------------ engine messages

/**
 * DuckDB's error as a reader should see it. DuckDB-wasm passes some errors
 * on as DuckDB's JSON (`{"exception_type":"Parser","exception_message":"syntax
 * error at or near …"}`): those become `Parser Error: syntax error at or near …`,
 * as DuckDB itself prints them; any other text stays as it is.
 */
export function engineMessage(raw: string): string {
  const text = raw.replace(/^Error:\s*/, '').trim();
  if (!text.startsWith('{')) return text;
  try {
    const parsed = JSON.parse(text) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof parsed.exception_message !== 'string') return text;
    const type = typeof parsed.exception_type === 'string' && parsed.exception_type !== '' ? `${parsed.exception_type} Error: ` : '';
    return `${type}${parsed.exception_message}`.trim();
  } catch {
    return text;
  }
}

// ------------------------------------------------------------ read-only check

/**
 * The statement that asks DuckDB's own parser whether the reader's `sql` is
 * exactly one read statement. DuckDB's `query()` table function (core, in
 * DuckDB-wasm 1.32 / DuckDB 1.4.3 and in DuckDB 1.5) parses its text and
 * refuses anything that is not one `SELECT` statement ("Expected a single
 * SELECT statement"): several statements, none, or any other kind (CREATE,
 * SET, ATTACH, COPY, INSTALL, LOAD, PRAGMA, CALL, USE, EXPLAIN, INSERT…).
 * The page *prepares* this statement (parse, bind, plan; nothing runs) and
 * runs the reader's text only when the preparation succeeds.
 *
 * DuckDB's parser counts as `SELECT`: SELECT, WITH … SELECT, FROM-first
 * queries, VALUES, TABLE, set operations, DESCRIBE, SHOW, SUMMARIZE, UNPIVOT,
 * and PIVOT with its values listed (`ON col IN (…)`); a PIVOT without them
 * is two statements to DuckDB (it first creates an ENUM type) and is refused.
 *
 * Why not simpler tools: `json_serialize_sql` lives in the json extension,
 * which DuckDB-wasm 1.32 does not include (loading it would call DuckDB's
 * site), and a hand-written lexer disagreed with DuckDB about escape strings
 * (`E'\''`), letting `CREATE TEMP VIEW` through. Here the text is embedded as
 * a standard string literal, whose only escape is a doubled quote; backslashes
 * and `$$` mean nothing inside it. A NUL character ends DuckDB's parse early,
 * which makes the literal unterminated: an error, so nothing runs.
 */
export function readOnlyCheckSql(sql: string): string {
  return `FROM query('${sql.replaceAll("'", "''")}')`;
}

/** DuckDB's answer (from `query()`) when the text is not exactly one SELECT statement. */
export const NOT_ONE_SELECT = /^Parser Error: Expected a single SELECT statement/;

export type ReadOnlyVerdict =
  /** DuckDB's parser found one read statement: run the reader's text as it is. */
  | { kind: 'read' }
  /** Not one read statement: say so in the page's words; nothing runs. */
  | { kind: 'refused' }
  /** The check failed otherwise (a syntax error, an unknown table): DuckDB's message; nothing runs. */
  | { kind: 'error'; message: string };

/**
 * What the check's outcome means. `error` is the preparation's error text
 * (null when it succeeded). Only a successful check lets the text run: any
 * other failure (a syntax error, an unknown column, `query()` itself missing
 * from some future engine) is shown, never passed over. DuckDB quotes the
 * statement it was given under its message (`LINE 1: FROM query('…')` and a
 * caret); that context is dropped, since its caret points into the check's
 * wrapper, not at the reader's text.
 */
export function readOnlyVerdict(error: string | null): ReadOnlyVerdict {
  if (error === null) return { kind: 'read' };
  const message = engineMessage(error);
  if (NOT_ONE_SELECT.test(message)) return { kind: 'refused' };
  return { kind: 'error', message: message.replace(/\s*LINE \d+: FROM query\('[\s\S]*$/, '') };
}
