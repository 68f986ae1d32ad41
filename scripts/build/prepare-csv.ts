/**
 * First pass over a raw export, before DuckDB sees it. One streaming scan of
 * the bytes that:
 * - decides the encoding (UTF-8 with or without BOM, else Windows-1252) and
 *   refuses binary files;
 * - detects the separator (`,` or `;`) from the header line;
 * - maps header names to the contract's canonical names (aliases, case,
 *   spaces) and refuses a file missing a required column;
 * - numbers every record by the line it starts on (as a spreadsheet shows it),
 *   so a quarantined row can be found in the source file;
 * - sets aside records whose number of fields differs from the header (they
 *   would shift every later column) and skips blank lines.
 * It writes a UTF-8 copy with a leading `_row` column and canonical headers,
 * which DuckDB then reads with a fixed schema, without sniffing.
 * A byte loop in JavaScript is fine here: it does no parsing of values.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import type { FileContract } from '../contracts/types.ts';
import { InputFileError } from './errors.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface PreparedCsv {
  source: string;
  output: string;
  encoding: Encoding;
  delimiter: ',' | ';';
  /** Canonical column names in output order (after `_row`). */
  columns: string[];
  /** Header names the contract does not know; kept out of the build. */
  unknownColumns: string[];
  /** Records read, not counting the header or blank lines. */
  rowsRead: number;
  blankLines: number;
  /** Records set aside for a wrong number of fields: line number and field count. */
  misshapen: { row: number; fields: number }[];
  /**
   * True when DuckDB reads the source itself: UTF-8, one line per record, no blank
   * or misshapen lines, so a record's row number is its position + 2. Otherwise
   * `output` is a rewritten copy with a leading `_row` column.
   */
  direct: boolean;
  /**
   * For a file checked in slices: one numbered copy per slice (`output` is the first). Rows
   * with equal key values share a slice (preparedInSlices).
   */
  sliceFiles?: string[];
}

const CHUNK = 1 << 22;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Bytes Windows-1252 leaves undefined: their presence means the file is not text in any encoding we accept. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export const normalizeHeader = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '_');

const splitHeader = (line: string, delimiter: string): string[] => {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
};

const countOutsideQuotes = (line: string, ch: string): number => {
  let quoted = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
};

export const detectDelimiter = (headerLine: string, file: string): ',' | ';' => {
  const commas = countOutsideQuotes(headerLine, ',');
  const semicolons = countOutsideQuotes(headerLine, ';');
  if (commas === 0 && semicolons === 0) {
    const other = countOutsideQuotes(headerLine, '\t') > 0 ? 'tab' : countOutsideQuotes(headerLine, '|') > 0 ? '|' : 'none';
    throw new InputFileError('FILE_DELIMITER', file, `separator: ${other}`);
  }
  return semicolons > commas ? ';' : ',';
};

/** Maps header names to canonical column names; throws on a missing required or repeated column. */
export const mapHeader = (
  rawNames: string[],
  contract: FileContract,
  file: string,
): { columns: string[]; unknownColumns: string[] } => {
  const byName = new Map<string, string>();
  for (const column of contract.columns) {
    byName.set(column.name, column.name);
    for (const alias of column.aliases ?? []) byName.set(alias, column.name);
  }
  const columns: string[] = [];
  const unknownColumns: string[] = [];
  rawNames.forEach((raw, i) => {
    const name = normalizeHeader(raw);
    const canonical = byName.get(name);
    if (canonical) {
      if (columns.includes(canonical)) throw new InputFileError('FILE_DUPLICATE_COLUMN', file, canonical);
      columns.push(canonical);
    } else {
      unknownColumns.push(name || `(kolom ${i + 1})`);
      columns.push(`_unknown_${i + 1}`);
    }
  });
  const missing = contract.columns.filter((c) => c.required && !columns.includes(c.name)).map((c) => c.name);
  if (missing.length > 0) throw new InputFileError('FILE_MISSING_COLUMN', file, missing.join(', '));
  return { columns, unknownColumns };
};

export interface Scan {
  encoding: Encoding;
  delimiterByte: number;
  expectedFields: number;
}

/** Number of bytes at the end of `view` that start a UTF-8 character without finishing it. */
export const incompleteUtf8Tail = (view: Uint8Array): number => {
  for (let back = 1; back <= Math.min(4, view.length); back++) {
    const byte = view[view.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const length = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
};

/** Decides the encoding by reading the whole file once; refuses binary content. */
const sniffEncoding = (path: string, file: string): { encoding: Encoding; size: number } => {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK + 4);
    let carry = 0;
    let first = true;
    let bom = false;
    let utf8 = true;
    let size = 0;
    let nonBlank = false;
    for (;;) {
      const n = readSync(fd, buf, carry, CHUNK, null);
      if (n === 0) break;
      size += n;
      let view = buf.subarray(0, carry + n);
      if (first && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) {
        bom = true;
        view = view.subarray(3);
      }
      first = false;
      if (view.indexOf(0) !== -1) throw new InputFileError('FILE_ENCODING', file, 'NUL byte');
      if (!nonBlank && /\S/.test(view.toString('latin1', 0, Math.min(view.length, 4096)))) nonBlank = true;
      if (utf8) {
        // Hold back a multi-byte character cut in two by the chunk boundary.
        const back = incompleteUtf8Tail(view);
        const end = view.length - back;
        if (!isUtf8(view.subarray(0, end))) utf8 = false;
        view.copy(buf, 0, end);
        carry = back;
      } else {
        carry = 0;
      }
      if (!utf8) {
        for (const byte of view) if (CP1252_UNDEFINED.has(byte)) throw new InputFileError('FILE_ENCODING', file, `byte 0x${byte.toString(16)}`);
      }
    }
    if (utf8 && carry > 0) utf8 = false;
    if (!nonBlank) throw new InputFileError('FILE_EMPTY', file);
    return { encoding: utf8 ? (bom ? 'utf-8-bom' : 'utf-8') : 'windows-1252', size };
  } finally {
    closeSync(fd);
  }
};

const readHeaderLine = (path: string, encoding: Encoding): string => {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let view = buf.subarray(0, n);
    const lf = view.indexOf(LF);
    if (lf !== -1) view = view.subarray(0, lf);
    const text = encoding === 'windows-1252' ? iconv.decode(view, 'win1252') : view.toString('utf8');
    return text.replace(/^\uFEFF/, '').replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
};

/** Streams records from `path` to `output`, numbering them and setting aside misshapen ones. */
interface RecordCounts {
  rowsRead: number;
  blankLines: number;
  misshapen: PreparedCsv['misshapen'];
  /** Line breaks inside quoted values: records then span several lines. */
  quotedLineBreaks: number;
}

/** Where copied records go: one file, or one of several by a hash of the key fields. */
interface Sink {
  outputs: string[];
  /** 0-based field positions hashed to choose the output (only read when there are several). */
  keyFields: number[];
}

const SPACE = 0x20;
const TAB = 0x09;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a of one field's value as DuckDB will read it, mixed into `h`: surrounding spaces and
 * quotes removed, so `"123"`, ` 123` and `123` agree. Values DuckDB reads as equal always get
 * the same hash, which is all slicing needs (validate.ts).
 */
export const hashField = (buf: Uint8Array, start: number, end: number, h: number): number => {
  // Inline loops, no closure: this runs for every key cell of a 100-million-row file.
  while (start < end && (buf[start] === SPACE || buf[start] === TAB)) start++;
  while (end > start && (buf[end - 1] === SPACE || buf[end - 1] === TAB)) end--;
  if (end - start >= 2 && buf[start] === QUOTE && buf[end - 1] === QUOTE) {
    start++;
    end--;
    while (start < end && (buf[start] === SPACE || buf[start] === TAB)) start++;
    while (end > start && (buf[end - 1] === SPACE || buf[end - 1] === TAB)) end--;
  }
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, FNV_PRIME);
  return Math.imul(h ^ 0x1f, FNV_PRIME); // field separator, so ("ab","c") differs from ("a","bc")
};

/** Writes `n` (a non-negative integer) in decimal at `at`; returns the position after it. Spares a string per record. */
const writeDecimal = (out: Buffer, at: number, n: number): number => {
  let digits = 1;
  for (let t = n; t >= 10; t = (t - (t % 10)) / 10) digits++;
  for (let j = at + digits - 1; j >= at; j--) {
    out[j] = 0x30 + (n % 10);
    n = (n - (n % 10)) / 10;
  }
  return at + digits;
};

/** With `sink` null, only counts (the scan that decides whether a copy is needed). */
const copyRecords = (path: string, sink: Sink | null, headerOut: string, scan: Scan): RecordCounts => {
  const inFd = openSync(path, 'r');
  const outputs = sink?.outputs ?? [];
  const fds: number[] = [];
  try {
    for (const output of outputs) fds.push(openSync(output, 'w'));
  } catch (error) {
    for (const fd of fds) closeSync(fd);
    closeSync(inFd);
    throw error;
  }
  // One buffer per output; with many outputs each is smaller, so memory stays flat.
  const size = outputs.length > 1 ? Math.max(1 << 20, Math.floor((CHUNK * 2) / outputs.length)) : CHUNK * 2;
  const bufs = fds.map(() => Buffer.allocUnsafe(size + 64));
  const lens = bufs.map((b) => b.write(`${headerOut}\n`, 0, 'utf8'));
  const flush = (k: number) => {
    writeSync(fds[k]!, bufs[k]!, 0, lens[k]!);
    lens[k] = 0;
  };
  const slices = fds.length;
  const isKey = new Uint8Array(scan.expectedFields + 1);
  if (slices > 1) for (const f of sink!.keyFields) isKey[f] = 1;
  let quotedLineBreaks = 0;
  const misshapen: PreparedCsv['misshapen'] = [];
  let rowsRead = 0;
  let blankLines = 0;
  let line = 1; // line the next record starts on; the header is line 1
  let headerDone = false;
  let carry: Buffer = Buffer.alloc(0);
  const raw = Buffer.allocUnsafe(CHUNK);
  let firstChunk = true;
  try {
    for (;;) {
      const n = readSync(inFd, raw, 0, CHUNK, null);
      const eof = n === 0;
      let chunk: Buffer = raw.subarray(0, n);
      if (firstChunk && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      firstChunk = false;
      if (scan.encoding === 'windows-1252' && n > 0) chunk = Buffer.from(iconv.decode(chunk, 'win1252'), 'utf8');
      let buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      if (eof && buf.length > 0 && buf[buf.length - 1] !== LF) buf = Buffer.concat([buf, Buffer.from([LF])]);
      let start = 0;
      let quoted = false;
      let fields = 1;
      let innerLines = 0;
      let fieldStart = 0;
      let h = FNV_OFFSET;
      for (let i = 0; i < buf.length; i++) {
        const b = buf[i]!;
        if (b === QUOTE) quoted = !quoted;
        else if (quoted) {
          if (b === LF) innerLines++;
        } else if (b === scan.delimiterByte) {
          if (isKey[fields - 1] === 1) h = hashField(buf, fieldStart, i, h);
          fields++;
          fieldStart = i + 1;
        } else if (b === LF) {
          let end = i;
          if (end > start && buf[end - 1] === CR) end--;
          if (!headerDone) headerDone = true;
          else if (end === start) blankLines++;
          else {
            rowsRead++;
            if (fields !== scan.expectedFields) misshapen.push({ row: line, fields });
            else if (slices > 0) {
              let k = 0;
              if (slices > 1) {
                if (isKey[fields - 1] === 1) h = hashField(buf, fieldStart, end, h);
                k = (h >>> 0) % slices;
              }
              const out = bufs[k]!;
              if (lens[k]! + (end - start) + 24 > out.length) flush(k);
              if (end - start + 24 > out.length) throw new Error(`record at line ${line} is larger than ${out.length} bytes`);
              let len = lens[k]!;
              len = writeDecimal(out, len, line);
              out[len++] = scan.delimiterByte;
              if (end - start <= 256) for (let j = start; j < end; j++) out[len++] = buf[j]!;
              else len += buf.copy(out, len, start, end);
              out[len++] = LF;
              lens[k] = len;
            }
          }
          quotedLineBreaks += innerLines;
          line += 1 + innerLines;
          start = i + 1;
          fields = 1;
          innerLines = 0;
          fieldStart = i + 1;
          h = FNV_OFFSET;
        }
      }
      carry = Buffer.from(buf.subarray(start));
      if (eof) break;
    }
    for (let k = 0; k < slices; k++) flush(k);
  } finally {
    closeSync(inFd);
    for (const fd of fds) closeSync(fd);
  }
  return { rowsRead, blankLines, misshapen, quotedLineBreaks };
};

/** A raw file after its header is read: what DuckDB will be told about it, before its records are counted. */
export interface InspectedCsv extends Pick<PreparedCsv, 'source' | 'encoding' | 'delimiter' | 'columns' | 'unknownColumns'> {
  scan: Scan;
  headerOut: string;
  /**
   * Records the file holds, judged from the line breaks in its first 4 MB and its size: enough
   * to tell a file that will be checked in slices (validate.ts) without a counting pass.
   */
  estimatedRows: number;
}

/** A raw file after the counting scan: what it holds, before deciding how DuckDB reads it. */
export interface ScannedCsv extends InspectedCsv, Pick<PreparedCsv, 'rowsRead' | 'blankLines' | 'misshapen'> {
  /** True when DuckDB could read the file as it is (see PreparedCsv.direct). */
  plain: boolean;
}

const estimateRows = (path: string, size: number): number => {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    let lines = 0;
    for (let i = buf.indexOf(LF, 0); i !== -1 && i < n; i = buf.indexOf(LF, i + 1)) lines++;
    if (n >= size) return Math.max(0, lines - (buf[n - 1] === LF ? 1 : 0)); // the header; a last line without a break still counts
    return Math.round((lines * size) / n);
  } finally {
    closeSync(fd);
  }
};

/** Reads a raw file's encoding, separator and columns. Throws InputFileError when it cannot be read at all. */
export const inspectCsv = (path: string, contract: FileContract): InspectedCsv => {
  const file = basename(path);
  const { encoding, size } = sniffEncoding(path, file);
  const headerLine = readHeaderLine(path, encoding);
  const delimiter = detectDelimiter(headerLine, file);
  const { columns, unknownColumns } = mapHeader(splitHeader(headerLine, delimiter), contract, file);
  const headerOut = ['_row', ...columns].join(delimiter);
  const scan: Scan = { encoding, delimiterByte: delimiter.charCodeAt(0), expectedFields: columns.length };
  return { source: path, encoding, delimiter, columns, unknownColumns, scan, headerOut, estimatedRows: estimateRows(path, size) };
};

const refuseEmpty = (rowsRead: number, path: string, contract: FileContract) => {
  if (rowsRead === 0 && contract.requiredFile) throw new InputFileError('FILE_EMPTY', basename(path), 'no data rows');
};

/** Counts an inspected file's records (one pass over it) and tells whether DuckDB can read it in place. */
export const countedCsv = (inspected: InspectedCsv, contract: FileContract): ScannedCsv => {
  const { rowsRead, blankLines, misshapen, quotedLineBreaks } = copyRecords(inspected.source, null, inspected.headerOut, inspected.scan);
  refuseEmpty(rowsRead, inspected.source, contract);
  const plain = inspected.encoding !== 'windows-1252' && blankLines === 0 && misshapen.length === 0 && quotedLineBreaks === 0;
  return { ...inspected, rowsRead, blankLines, misshapen, plain };
};

/** Inspects a raw file and counts its records. Throws InputFileError when it cannot be read at all. */
export const scanCsv = (path: string, contract: FileContract): ScannedCsv => countedCsv(inspectCsv(path, contract), contract);

const prepared = (file: InspectedCsv, counts: Pick<PreparedCsv, 'rowsRead' | 'blankLines' | 'misshapen'>, output: string, direct: boolean, sliceFiles?: string[]): PreparedCsv => {
  const { source, encoding, delimiter, columns, unknownColumns } = file;
  const { rowsRead, blankLines, misshapen } = counts;
  return { source, output, direct, encoding, delimiter, columns, unknownColumns, rowsRead, blankLines, misshapen, ...(sliceFiles ? { sliceFiles } : {}) };
};

/** A scanned file for DuckDB to read whole: in place when plain (most exports), else as a numbered copy. */
export const preparedWhole = (scanned: ScannedCsv, output: string): PreparedCsv => {
  if (scanned.plain) return prepared(scanned, scanned, scanned.source, true);
  return prepared(scanned, copyRecords(scanned.source, { outputs: [output], keyFields: [] }, scanned.headerOut, scanned.scan), output, false);
};

/**
 * A file split into `outputs.length` numbered copies by a hash of `keyColumns`, so DuckDB
 * loads and checks each on its own (validate.ts). Rows with equal key values always land in
 * the same slice; each slice keeps its rows' source line numbers. The copy counts the records
 * as it goes, so an inspected file needs no counting pass first (one read of a large file
 * instead of two).
 */
export const preparedInSlices = (file: InspectedCsv, outputs: string[], keyColumns: string[], contract?: FileContract): PreparedCsv => {
  const keyFields = keyColumns.map((c) => file.columns.indexOf(c)).filter((i) => i >= 0);
  const counts = copyRecords(file.source, { outputs, keyFields }, file.headerOut, file.scan);
  if (contract) refuseEmpty(counts.rowsRead, file.source, contract);
  return prepared(file, counts, outputs[0]!, false, outputs);
};

/** Prepares one raw file for DuckDB to read whole. Throws InputFileError when the file cannot be read at all. */
export const prepareCsv = (path: string, output: string, contract: FileContract): PreparedCsv => preparedWhole(scanCsv(path, contract), output);
