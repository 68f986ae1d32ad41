/**
 * A BPS table as downloaded (bps.go.id "tabel dinamis" CSV, or a regional
 * open-data portal), turned into cells we can import: one entry per region
 * row and value column, each value column knowing its indicator, year and
 * unit. Pure: bytes in, structure out.
 *
 * What real downloads contain, and what this does with it:
 * - UTF-8 with or without BOM, else Windows-1252; binary (xlsx) is refused;
 * - `;`, `,` or tab separators (the one most lines use, `;` first: a `;`
 *   file often has unquoted decimal commas), CRLF or LF, quoted fields;
 * - title lines (one cell) and several header rows: a group header
 *   ("Persentase Penduduk Miskin (P0)") spans the empty cells to its right,
 *   years sit in the row below ("years as column groups");
 * - the region name column (first column, or the one headed Kabupaten/Kota,
 *   Wilayah…); a BPS code column is ignored, never used to match; a
 *   Provinsi column gives each row its province;
 * - footnote rows after the data ("Sumber: …", "Catatan: …", "*) …") and
 *   the national row (INDONESIA) are skipped and listed in the report.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { BPS_INDICATORS, type BpsIndicator } from './indicators.ts';
import { BpsFileError } from './errors.ts';
import { cleanCell, shapeOf, type ColumnUnit } from './numbers.ts';
import { parseCsvRecords } from './csv.ts';
import { cleanName } from './names.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export type Delimiter = ';' | ',' | '\t';

export const decode = (bytes: Buffer, file: string): { text: string; encoding: Encoding } => {
  if (bytes.length === 0) throw new BpsFileError('BPS_FILE_EMPTY', file);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) throw new BpsFileError('BPS_FILE_NOT_TEXT', file, 'zip/xlsx');
  if (bytes.includes(0)) throw new BpsFileError('BPS_FILE_NOT_TEXT', file, 'NUL byte');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { text: body.toString('utf8'), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  return { text: iconv.decode(body, 'win1252'), encoding: 'windows-1252' };
};

const outsideQuotes = (line: string, ch: string): number => {
  let quoted = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
};

/** The separator most non-blank lines use: `;` if at least half do, else tab, else `,`. */
export const detectDelimiter = (text: string): Delimiter => {
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '').slice(0, 60);
  const using = (ch: string) => lines.filter((l) => outsideQuotes(l, ch) > 0).length;
  if (using(';') * 2 >= lines.length && using(';') > 0) return ';';
  if (using('\t') * 2 >= lines.length && using('\t') > 0) return '\t';
  return ',';
};

export interface ValueColumn {
  index: number;
  /** The header text this column was read from (group + sub-header), for the report. */
  header: string;
  indicator: BpsIndicator;
  year: number;
  unit: ColumnUnit;
}

export interface IgnoredColumn {
  index: number;
  header: string;
  code: 'BPS_COLUMN_NO_YEAR' | 'BPS_COLUMN_NO_INDICATOR' | 'BPS_COLUMN_UNIT_UNKNOWN';
}

export interface TableRow {
  line: number;
  /** Name as written (trimmed), and cleaned of codes and footnote marks. */
  rawName: string;
  name: string;
  /** From a Provinsi column, when the table has one. */
  province: string | null;
  cells: string[];
}

export interface BpsTable {
  file: string;
  encoding: Encoding;
  delimiter: Delimiter;
  title: string;
  headerLines: number[];
  nameColumn: number;
  provinceColumn: number | null;
  columns: ValueColumn[];
  ignoredColumns: IgnoredColumn[];
  rows: TableRow[];
  footnotes: { line: number; text: string }[];
  national: number[];
}

const HEADER_NAME = /^(nama\s+)?(wilayah|provinsi|province|kabupaten|kab|kota|regency|region|daerah)(\s*\/\s*(kabupaten|kab|kota|city|municipality|regency|provinsi))*\.?$/i;
const CODE_HEADER = /^(kode|code|kd|id)\b/i;
const PROVINCE_HEADER = /^(provinsi|propinsi|province)$/i;
const FOOTNOTE = /^(sumber|source|catatan|note|notes|keterangan|ket\.|\*|\d+\)|[¹²³]|data\s+(ini|diolah)|diolah)/i;
const YEAR = /\b(19[5-9]\d|20\d{2})\b/g;
const NATIONAL = /^(indonesia|nasional|national)$/i;

const norm = (s: string) => s.toLowerCase().replace(/[(),.;:/_-]+/g, ' ').replace(/\s+/g, ' ').trim();
const years = (s: string): number[] => [...new Set([...s.matchAll(YEAR)].map((m) => Number(m[1])))];
const isYearCell = (s: string) => /^(19[5-9]\d|20\d{2})\*?$/.test(cleanCell(s));
const numericLike = (s: string) => {
  const shape = shapeOf(s).kind;
  return shape !== 'empty' && shape !== 'invalid' && !isYearCell(s);
};

const unitFor = (indicator: BpsIndicator, text: string): ColumnUnit | null => {
  switch (indicator) {
    case 'p0':
      return 'persen';
    case 'p1':
    case 'p2':
      return 'indeks';
    case 'garis_kemiskinan':
      return 'rupiah';
    case 'jumlah_miskin':
      if (/\bribu\b|\b000\b|thousand/.test(text)) return 'ribu_jiwa';
      if (/\bjiwa\b|\borang\b|person|people/.test(text)) return 'jiwa';
      return null;
  }
};

const indicatorIn = (text: string): BpsIndicator | null => BPS_INDICATORS.find((d) => d.pattern.test(norm(text)))?.code ?? null;

/** Reads one downloaded table. Throws BpsFileError when it cannot be read at all. */
export const readBpsTable = (bytes: Buffer, file: string): BpsTable => {
  const { text, encoding } = decode(bytes, file);
  const delimiter = detectDelimiter(text);
  const records = parseCsvRecords(text, delimiter).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (records.length === 0) throw new BpsFileError('BPS_FILE_EMPTY', file);

  // Name column: headed like one in the first rows, else the first column that is not a code column.
  const head = records.slice(0, 12);
  const width = Math.max(...records.map((r) => r.cells.length));
  const headerOf = (i: number) => head.map((r) => cleanCell(r.cells[i] ?? ''));
  let nameColumn = -1;
  let provinceColumn: number | null = null;
  for (let i = 0; i < width; i++) {
    const cells = headerOf(i);
    if (provinceColumn === null && cells.some((c) => PROVINCE_HEADER.test(c)) && i < width - 1) {
      const next = headerOf(i + 1);
      if (next.some((c) => HEADER_NAME.test(c) && !PROVINCE_HEADER.test(c))) {
        provinceColumn = i;
        continue;
      }
    }
    if (nameColumn < 0 && cells.some((c) => HEADER_NAME.test(c))) nameColumn = i;
  }
  const codeColumns = new Set<number>();
  for (let i = 0; i < width; i++) if (headerOf(i).some((c) => CODE_HEADER.test(c))) codeColumns.add(i);
  if (nameColumn < 0) nameColumn = [...Array(width).keys()].find((i) => !codeColumns.has(i) && i !== provinceColumn) ?? 0;
  const skip = new Set([nameColumn, ...codeColumns, ...(provinceColumn === null ? [] : [provinceColumn])]);

  // The first data row: a name that is not a header word, and a number (not a year) or a missing mark in a value column.
  const isData = (cells: string[]) => {
    const name = cleanCell(cells[nameColumn] ?? '');
    if (name === '' || HEADER_NAME.test(name) || !/\p{L}/u.test(name)) return false;
    return cells.some((c, i) => !skip.has(i) && numericLike(c));
  };
  const first = records.findIndex((r) => isData(r.cells));
  if (first < 0) throw new BpsFileError('BPS_FILE_EMPTY', file, 'no data rows');

  const before = records.slice(0, first);
  const titleRows = before.filter((r) => r.cells.filter((c) => c.trim() !== '').length === 1 && (r.cells[0] ?? '').trim() !== '' && r.cells.slice(1).every((c) => c.trim() === ''));
  const headerRows = before.filter((r) => !titleRows.includes(r));
  const title = titleRows.map((r) => cleanCell(r.cells[0] ?? '')).join(' ');

  // Each header row's labels span the empty cells to their right (merged cells in the original).
  const filled = headerRows.map((r) => {
    const out: string[] = [];
    let last = '';
    for (let i = 0; i < width; i++) {
      const cell = skip.has(i) ? '' : cleanCell(r.cells[i] ?? '');
      if (cell !== '') last = cell;
      out.push(skip.has(i) ? '' : cell || last);
    }
    return out;
  });

  const data = records.slice(first);
  const columns: ValueColumn[] = [];
  const ignoredColumns: IgnoredColumn[] = [];
  for (let i = 0; i < width; i++) {
    if (skip.has(i)) continue;
    const hasNumbers = data.some((r) => numericLike(r.cells[i] ?? ''));
    if (!hasNumbers) continue;
    const labels = filled.map((row) => row[i] ?? '').filter(Boolean);
    const header = [...new Set(labels)].join(' | ');
    // The column's own labels first (innermost row last in the file), then the title.
    const ownText = labels.join(' ');
    const indicator = [...labels].reverse().map(indicatorIn).find((x) => x !== null) ?? indicatorIn(title);
    if (!indicator) {
      ignoredColumns.push({ index: i, header, code: 'BPS_COLUMN_NO_INDICATOR' });
      continue;
    }
    const own = [...labels].reverse().map(years).find((y) => y.length > 0);
    const found = own ?? years(title);
    if (found.length !== 1) {
      ignoredColumns.push({ index: i, header, code: 'BPS_COLUMN_NO_YEAR' });
      continue;
    }
    const unit = unitFor(indicator, norm(`${ownText} ${title}`));
    if (!unit) {
      ignoredColumns.push({ index: i, header, code: 'BPS_COLUMN_UNIT_UNKNOWN' });
      continue;
    }
    columns.push({ index: i, header: header || title, indicator, year: found[0]!, unit });
  }
  if (columns.length === 0) throw new BpsFileError('BPS_FILE_NO_INDICATOR', file, ignoredColumns.map((c) => c.header).join('; '));

  const rows: TableRow[] = [];
  const footnotes: BpsTable['footnotes'] = [];
  const national: number[] = [];
  for (const record of data) {
    const rawName = (record.cells[nameColumn] ?? '').trim();
    const filledCells = record.cells.filter((c) => c.trim() !== '');
    const values = columns.map((c) => record.cells[c.index] ?? '');
    const hasValues = values.some((v) => cleanCell(v) !== '');
    const firstText = cleanCell(filledCells[0] ?? '');
    if (FOOTNOTE.test(firstText) || (!hasValues && filledCells.length === 1 && !/\p{Lu}/u.test(firstText.slice(0, 1)) && firstText.length > 40)) {
      footnotes.push({ line: record.line, text: filledCells.join(' ').trim() });
      continue;
    }
    const name = cleanName(rawName);
    if (NATIONAL.test(name)) {
      national.push(record.line);
      continue;
    }
    if (!hasValues && filledCells.length === 1 && name.length > 60) {
      footnotes.push({ line: record.line, text: firstText });
      continue;
    }
    const province = provinceColumn === null ? null : cleanName(record.cells[provinceColumn] ?? '') || null;
    rows.push({ line: record.line, rawName, name, province, cells: record.cells });
  }
  return { file, encoding, delimiter, title, headerLines: headerRows.map((r) => r.line), nameColumn, provinceColumn, columns, ignoredColumns, rows, footnotes, national };
};
