/**
 * The BPS import, start to end: read each downloaded table, match its region
 * names to Kemendagri codes, read its numbers by the documented rules, check
 * ranges and conflicts, and return the normalized rows with a full account
 * of what was matched, skipped and rejected. `importBpsTables` is pure;
 * `runBpsImport` does the file I/O (reads inputs and overrides, writes the
 * normalized file, the report and the crosswalk).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCsvRecords } from './csv.ts';
import { BPS_ERRORS, BpsFileError, type BpsErrorCode } from './errors.ts';
import { INDICATOR, NORMALIZED_COLUMNS, NORMALIZED_FILE, OVERRIDES_FILE, type BpsIndicator } from './indicators.ts';
import { looksLikeProvince, RegionIndex, type Candidate, type Override, type RegionRef } from './names.ts';
import { parseColumn } from './numbers.ts';
import { detectDelimiter, readBpsTable, type BpsTable } from './read-table.ts';
import { writeImportReport } from './report.ts';

export interface NormalizedRow {
  kode_wilayah: string;
  tahun: number;
  indikator: BpsIndicator;
  /** Canonical decimal text (`9.55`, `40490`). */
  nilai: string;
  satuan: string;
  sumber_berkas: string;
}

export interface Rejection {
  file: string;
  row: number;
  name: string;
  column?: string;
  value?: string;
  code: BpsErrorCode;
  reason: { id: string; en: string };
  candidates?: Candidate[];
}

export interface NameEntry {
  name: string;
  /** The province context it was looked up in (name), or '' when none. */
  province: string;
  status: 'matched' | 'ambiguous' | 'unknown';
  code?: string;
  officialName?: string;
  tingkat?: 'provinsi' | 'kabupaten';
  method?: string;
  candidates?: Candidate[];
  rows: number;
  files: string[];
}

export interface FileSummary {
  file: string;
  encoding: string;
  delimiter: string;
  title: string;
  columns: { header: string; indicator: BpsIndicator; year: number; unit: string }[];
  ignoredColumns: { header: string; code: string; reason: string }[];
  regionRows: number;
  values: number;
  missing: number;
  footnotes: { line: number; text: string }[];
  nationalRows: number[];
}

export interface ImportResult {
  rows: NormalizedRow[];
  files: FileSummary[];
  names: NameEntry[];
  rejected: Rejection[];
  duplicatesMerged: number;
}

const reason = (code: BpsErrorCode) => BPS_ERRORS[code].message;

/** Imports already-read tables (sorted by file name for a stable result). */
export const importBpsTables = (tables: BpsTable[], index: RegionIndex): ImportResult => {
  const names = new Map<string, NameEntry>();
  const rejected: Rejection[] = [];
  const values: (NormalizedRow & { line: number })[] = [];
  const files: FileSummary[] = [];

  for (const table of [...tables].sort((a, b) => a.file.localeCompare(b.file))) {
    const parsed = table.columns.map((c) => parseColumn(table.rows.map((r) => r.cells[c.index] ?? ''), c.unit));
    let context: RegionRef | null = null;
    let valueCount = 0;
    let missing = 0;
    table.rows.forEach((row, r) => {
      if (table.provinceColumn !== null) context = row.province ? index.matchProvince(row.province) : null;
      const hasValues = parsed.some((col) => col[r]!.kind !== 'empty');
      if (row.name === '') {
        if (hasValues) rejected.push({ file: table.file, row: row.line, name: '', code: 'BPS_NAME_MISSING', reason: reason('BPS_NAME_MISSING') });
        return;
      }
      const province = looksLikeProvince(row.name) ? index.matchProvince(row.name) : null;
      let region: RegionRef | null = null;
      let entry: Omit<NameEntry, 'rows' | 'files'>;
      if (province) {
        context = province;
        region = province;
        entry = { name: row.name, province: '', status: 'matched', code: province.code, officialName: province.name, tingkat: 'provinsi', method: 'provinsi' };
      } else {
        const contextName: string = context ? context.name : '';
        const match = index.matchRegency(row.name, context ? context.code : null);
        if (match.status === 'matched') {
          region = match.region;
          entry = { name: row.name, province: contextName, status: 'matched', code: region.code, officialName: region.name, tingkat: region.tingkat, method: match.method };
        } else {
          entry = { name: row.name, province: contextName, status: match.status, candidates: match.candidates };
          // An upper-case name that is neither a province nor a known kabupaten may be a province we do not recognise:
          // later rows must not be matched inside the previous province.
          if (match.status === 'unknown' && looksLikeProvince(row.name) && table.provinceColumn === null) context = null;
          if (hasValues) {
            const code: BpsErrorCode = match.status === 'ambiguous' ? 'BPS_NAME_AMBIGUOUS' : 'BPS_NAME_UNKNOWN';
            rejected.push({ file: table.file, row: row.line, name: row.rawName, code, reason: reason(code), candidates: match.candidates });
          }
        }
      }
      const key = `${entry.name}|${entry.province}`;
      const seen = names.get(key) ?? { ...entry, rows: 0, files: [] };
      seen.rows++;
      if (!seen.files.includes(table.file)) seen.files.push(table.file);
      names.set(key, seen);
      if (!region) return;

      table.columns.forEach((column, c) => {
        const cell = parsed[c]![r]!;
        const raw = (row.cells[column.index] ?? '').trim();
        const reject = (code: BpsErrorCode) =>
          rejected.push({ file: table.file, row: row.line, name: row.rawName, column: column.header, value: raw, code, reason: reason(code) });
        if (cell.kind === 'empty') return;
        if (cell.kind === 'missing') {
          missing++;
          return;
        }
        if (cell.kind === 'invalid') return reject(cell.code);
        const definition = INDICATOR[column.indicator];
        const number = Number(cell.text);
        if (!(number >= definition.min && number <= definition.max)) return reject('BPS_VALUE_OUT_OF_RANGE');
        valueCount++;
        values.push({
          kode_wilayah: region!.code,
          tahun: column.year,
          indikator: column.indicator,
          nilai: cell.text,
          satuan: definition.satuan,
          sumber_berkas: table.file,
          line: row.line,
        });
      });
    });
    files.push({
      file: table.file,
      encoding: table.encoding,
      delimiter: table.delimiter === '\t' ? 'tab' : table.delimiter,
      title: table.title,
      columns: table.columns.map((c) => ({ header: c.header, indicator: c.indicator, year: c.year, unit: c.unit })),
      ignoredColumns: table.ignoredColumns.map((c) => ({ header: c.header, code: c.code, reason: BPS_ERRORS[c.code].message.en })),
      regionRows: table.rows.length,
      values: valueCount,
      missing,
      footnotes: table.footnotes,
      nationalRows: table.national,
    });
  }

  // One value per region, year and indicator: equal repeats merge, conflicting ones are all rejected.
  const byKey = new Map<string, typeof values>();
  for (const v of values) {
    const key = `${v.kode_wilayah}|${v.tahun}|${v.indikator}`;
    byKey.set(key, [...(byKey.get(key) ?? []), v]);
  }
  const rows: NormalizedRow[] = [];
  let duplicatesMerged = 0;
  for (const group of byKey.values()) {
    const first = group[0]!;
    if (group.every((v) => v.nilai === first.nilai)) {
      duplicatesMerged += group.length - 1;
      const sources = [...new Set(group.map((v) => v.sumber_berkas))].sort();
      const { line: _line, ...row } = first;
      rows.push({ ...row, sumber_berkas: sources.join('; ') });
    } else {
      for (const v of group) {
        rejected.push({
          file: v.sumber_berkas,
          row: v.line,
          name: index.byCode.get(v.kode_wilayah)?.name ?? v.kode_wilayah,
          column: `${v.indikator} ${v.tahun}`,
          value: v.nilai,
          code: 'BPS_DUPLICATE_CONFLICT',
          reason: reason('BPS_DUPLICATE_CONFLICT'),
        });
      }
    }
  }
  rows.sort((a, b) => a.kode_wilayah.localeCompare(b.kode_wilayah) || a.tahun - b.tahun || a.indikator.localeCompare(b.indikator));
  rejected.sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
  const nameList = [...names.values()].sort((a, b) => a.status.localeCompare(b.status) || a.province.localeCompare(b.province) || a.name.localeCompare(b.name));
  return { rows, files, names: nameList, rejected, duplicatesMerged };
};

/** Reads `overrides.csv` (`nama,provinsi,kode`; `#` lines are comments). Throws BpsFileError on an invalid row. */
export const readOverrides = (text: string, index: RegionIndex, file = OVERRIDES_FILE): Override[] => {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return [];
  const records = parseCsvRecords(body, detectDelimiter(body)).filter((r) => r.cells.some((c) => c.trim() !== '') && !r.cells[0]!.trim().startsWith('#'));
  const [header, ...rest] = records;
  const columns = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  const at = (name: string, fallback: number) => (columns.includes(name) ? columns.indexOf(name) : fallback);
  const [nameAt, provinceAt, codeAt] = [at('nama', 0), at('provinsi', 1), at('kode', 2)];
  return rest.map((record) => {
    const name = (record.cells[nameAt] ?? '').trim();
    const provinceText = (record.cells[provinceAt] ?? '').trim();
    const code = (record.cells[codeAt] ?? '').trim().replace(/\./g, '');
    const invalid = (detail: string) => new BpsFileError('BPS_OVERRIDES_INVALID', file, `baris/line ${record.line}: ${detail}`);
    if (!name) throw invalid('nama kosong / empty name');
    if (!index.byCode.has(code)) throw invalid(`kode ${code || '(kosong/empty)'}`);
    let provinceCode: string | null = null;
    if (provinceText) {
      provinceCode = /^\d{2}$/.test(provinceText) ? provinceText : (index.matchProvince(provinceText)?.code ?? null);
      if (!provinceCode || !index.byCode.has(provinceCode)) throw invalid(`provinsi ${provinceText}`);
      if (!code.startsWith(provinceCode)) throw invalid(`${code} ∉ ${provinceText}`);
    }
    return { name, provinceCode, code };
  });
};

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const toCsv = (header: readonly string[], rows: (string | number)[][]): string =>
  [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';

/** Written atomically: a reader never sees half a file. */
const writeFileAtomic = (path: string, text: string) => {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
};

export interface RunOptions {
  files: string[];
  /** Holds overrides.csv (read) and kemiskinan-bps.csv (written). */
  bpsDir: string;
  reportsDir: string;
  strict?: boolean;
  index?: RegionIndex;
}

export interface RunOutcome {
  /** 0: imported (maybe with rejected rows); 1: --strict and rows were rejected; 2: a file could not be read. */
  exitCode: 0 | 1 | 2;
  result: ImportResult | null;
  fatal: { code: BpsErrorCode; file: string; message: string }[];
  written: string | null;
}

export const runBpsImport = (options: RunOptions): RunOutcome => {
  const index = options.index ?? RegionIndex.load();
  const fatal: RunOutcome['fatal'] = [];
  const asFatal = (error: unknown) => {
    if (!(error instanceof BpsFileError)) throw error;
    fatal.push({ code: error.code, file: error.file, message: error.message });
  };
  const overridesPath = join(options.bpsDir, OVERRIDES_FILE);
  try {
    index.setOverrides(existsSync(overridesPath) ? readOverrides(readFileSync(overridesPath, 'utf8'), index) : []);
  } catch (error) {
    asFatal(error);
  }
  const tables: BpsTable[] = [];
  for (const path of options.files) {
    const file = basename(path);
    try {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        throw new BpsFileError('BPS_FILE_UNREADABLE', file, path);
      }
      tables.push(readBpsTable(bytes, file));
    } catch (error) {
      asFatal(error);
    }
  }
  const result = importBpsTables(tables, index);
  const exitCode: RunOutcome['exitCode'] = fatal.length > 0 ? 2 : options.strict && result.rejected.length > 0 ? 1 : 0;
  let written: string | null = null;
  if (exitCode === 0) {
    mkdirSync(options.bpsDir, { recursive: true });
    written = join(options.bpsDir, NORMALIZED_FILE);
    writeFileAtomic(written, toCsv(NORMALIZED_COLUMNS, result.rows.map((r) => NORMALIZED_COLUMNS.map((c) => r[c]))));
  }
  writeImportReport(options.reportsDir, { result, fatal, written: written ? NORMALIZED_FILE : null, strict: options.strict ?? false, exitCode });
  return { exitCode, result, fatal, written };
};
