/**
 * Pure helpers of the Jelajah (SQL explorer) page: turning DuckDB-wasm's
 * Arrow result into plain rows, pages of rows, cell text, the shape a quick
 * chart can draw, CSV and XLSX rows, the read-only check, and the URL state.
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

export type ReadOnlyProblem = { kind: 'not-select' } | { kind: 'several' } | { kind: 'empty' };

/** Words that only statements which write, load, attach or configure use. */
const WRITE_WORDS = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'ATTACH', 'DETACH', 'COPY', 'EXPORT', 'IMPORT',
  'INSTALL', 'LOAD', 'FORCE', 'SET', 'RESET', 'PRAGMA', 'CALL', 'USE', 'CHECKPOINT', 'VACUUM', 'BEGIN', 'COMMIT', 'ROLLBACK', 'PREPARE', 'EXECUTE', 'DEALLOCATE',
]);

/**
 * The SQL's words per statement, skipping comments, string literals
 * ('…', $$…$$) and quoted identifiers ("…"), so a value such as 'DELETE' or
 * a column "set" is not mistaken for a keyword.
 */
export function sqlStatements(sql: string): string[][] {
  const statements: string[][] = [[]];
  let i = 0;
  const skipTo = (end: string, from: number) => {
    const at = sql.indexOf(end, from);
    return at < 0 ? sql.length : at + end.length;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') i = skipTo('\n', i + 2);
    else if (c === '/' && sql[i + 1] === '*') i = skipTo('*/', i + 2);
    else if (c === "'" || c === '"') {
      // A doubled quote inside is an escaped quote: keep skipping.
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      i = j + 1;
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      i = skipTo(tag, i + tag.length);
    } else if (c === ';') {
      statements.push([]);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))![0];
      statements.at(-1)!.push(word.toUpperCase());
      i += word.length;
    } else i++;
  }
  return statements.filter((words) => words.length > 0);
}

/**
 * What stops the reader's SQL from running on a read-only page: a word only
 * statements that write, load, attach or configure use, several statements,
 * or nothing at all. `null`: one statement without such words; DuckDB then
 * parses it and reports any error (a typo, an unknown table) in its own words. A lexical check on purpose: DuckDB's
 * parser-to-JSON (`json_serialize_sql`) lives in the json extension, which
 * the wasm build does not include. The engine's own settings (external
 * access off, configuration locked, the release attached READ_ONLY) stay
 * the real boundary.
 */
export function readOnlyProblem(sql: string): ReadOnlyProblem | null {
  const statements = sqlStatements(sql);
  if (statements.length === 0) return { kind: 'empty' };
  // A statement that starts like no read and no write (a typo such as SELEC) goes to DuckDB, whose parser explains it.
  if (statements.some((words) => words.some((word) => WRITE_WORDS.has(word)))) return { kind: 'not-select' };
  return statements.length > 1 ? { kind: 'several' } : null;
}
