/**
 * Stage 1 of the data build: every input row is either accepted (clean_X) or
 * reported (quarantine), and the counts reconcile per file. A file that
 * cannot be read at all throws InputFileError before anything is published.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CONTRACTS, fileBelongsTo } from '../contracts/contracts.ts';
import type { FileContract } from '../contracts/types.ts';
import type { Db } from './db.ts';
import { InputFileError, type ErrorCode } from './errors.ts';
import { countedCsv, inspectCsv, preparedInSlices, preparedWhole, type Encoding, type InspectedCsv, type PreparedCsv } from './prepare-csv.ts';
import { prepareInWorker } from './prepare-worker.ts';
import { checkTableSql, cleanTableSql, duplicateKeyIsError, ident, isIdentifier, loadedCellsSql, loadedColumns, type ValidationContext } from './validate-sql.ts';

export interface FileReport {
  contract: string;
  file: string;
  encoding: Encoding;
  delimiter: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  blankLines: number;
  unknownColumns: string[];
  missingOptionalColumns: string[];
  errorsByCode: Partial<Record<ErrorCode, number>>;
}

export interface ValidationOptions {
  rawDir: string;
  referenceDir: string;
  workDir: string;
  asOf: string;
  /**
   * Files of one contract with more rows than this are checked in slices of about this
   * many rows, so the duplicate test and the identifier hashing fit in memory at any
   * scale (default 4 million; see `sliceCount`).
   */
  sliceRows?: number;
  /** Progress of long files (loading, each slice), for people watching a large build. */
  log?: (line: string) => void;
}

/**
 * 4 million: smaller slices keep the duplicate test's and the hashing's tables in cache and
 * memory. Measured on 2026-12-07 (docs/benchmarks.md, eighth run): scale 16 validated in
 * 663 s in slices of 4 million against 899 s in slices of 12 million; scale 4 peaked at
 * 2.9 GB against 5.65 GB; scale 1 in slices of 2 million 34.2 s against 41.7 s whole.
 */
export const DEFAULT_SLICE_ROWS = 4_000_000;

/** How many slices a contract's rows are checked in: one until a file grows past `sliceRows`. */
export const sliceCount = (rows: number, sliceRows: number = DEFAULT_SLICE_ROWS): number =>
  Math.max(1, Math.ceil(rows / Math.max(1, sliceRows)));

/**
 * The columns whose values assign a row to its slice (prepare-csv.ts hashes them). Identical
 * rows share every cell, so any columns keep exact duplicates together; where duplicate keys
 * are errors the whole key must be hashed. Otherwise identifiers are preferred, so each NIK or
 * KK falls in few slices and is hashed few times: those that recur on several rows (a KK on
 * every member of the family; not `onePerRow`, which are hashed row by row anyway), else those
 * of the key. A file whose rows mostly lack one identifier (payments by KK carry no NIK) still
 * splits evenly. The people file is thus sliced by KK: a family's members share a slice, and
 * its KK is hashed once, not once in each slice holding one of them.
 */
export const sliceColumns = (contract: FileContract): string[] => {
  const key = contract.key ?? [];
  if (key.length > 0 && duplicateKeyIsError(contract)) return [...key];
  const recurring = contract.columns.filter((c) => isIdentifier(c) && !c.onePerRow).map((c) => c.name);
  if (recurring.length > 0) return recurring;
  const ids = key.filter((k) => contract.columns.some((c) => c.name === k && isIdentifier(c)));
  if (ids.length > 0) return ids;
  return key.length > 0 ? [...key] : [contract.columns[0]!.name];
};

const sqlPath = (path: string) => `'${path.replace(/'/g, "''")}'`;

/** The files in `dir` that belong to `contract`, sorted so the build is deterministic. */
export const filesFor = (dir: string, contract: FileContract): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => fileBelongsTo(name, contract))
        .sort()
        .map((name) => join(dir, name))
    : [];

/** What the pre-scan needs (plain data: it is sent to a worker thread, prepare-worker.ts). */
export type PrepareOptions = Pick<ValidationOptions, 'rawDir' | 'referenceDir' | 'workDir' | 'sliceRows'>;

const sourcesFor = (contract: FileContract, options: PrepareOptions): string[] => {
  if (contract.kind === 'reference') {
    const own = join(options.referenceDir, contract.fileName);
    // The holiday calendar is the one reference list a Dinas extends with its own file.
    const extra = contract.id === 'holidays' ? filesFor(options.rawDir, contract) : [];
    return [...(existsSync(own) ? [own] : []), ...extra];
  }
  return filesFor(options.rawDir, contract);
};

/**
 * Loads one prepared file (or one slice of it) into its own TEMP table: the loaded text, like
 * the wide check table made from it, is scratch and never needs to reach the work database
 * file of a large build (run-build.ts), where writing it cost more than checking it. A file read in place keeps
 * file order (rowid = position in the file); a numbered copy carries its row numbers, so
 * DuckDB may load it in any order, which spares it holding back batches at scale.
 */
const loadPrepared = async (db: Db, prepared: PreparedCsv, table: string, contract: FileContract, path: string = prepared.output): Promise<void> => {
  const names = prepared.direct ? prepared.columns : ['_row', ...prepared.columns];
  const columnsSql = `{${names.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
  await db.run(`${prepared.direct ? '' : 'SET preserve_insertion_order = false;'}
    CREATE OR REPLACE TEMP TABLE ${table} AS
    SELECT ${prepared.direct ? '' : '_row, '}${loadedCellsSql(contract, prepared.columns)}
    FROM read_csv(${sqlPath(path)}, delim='${prepared.delimiter}', quote='"', escape='"', header=true,
                  auto_detect=false, columns=${columnsSql});
    RESET preserve_insertion_order;`);
};

/** The rows of one loaded file with their source row number (header = row 1), trimmed cells and row hash. */
const selectPrepared = (prepared: PreparedCsv, table: string, contract: FileContract): string => {
  const row = prepared.direct ? '(rowid + 2)::INTEGER' : '_row::INTEGER';
  return `SELECT ${sqlPath(basename(prepared.source))} AS _file, ${row} AS _row, ${loadedColumns(contract).join(', ')} FROM ${table}`;
};

export const setUpMacros = async (db: Db, secret: Buffer): Promise<void> => {
  // HMAC-SHA256 (RFC 2104) in SQL: the secret never appears in a table, and
  // these TEMP macros vanish with the connection.
  const block = Buffer.alloc(64);
  (secret.length > 64 ? Buffer.from(secret.subarray(0, 64)) : secret).copy(block);
  const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte)).toString('hex');
  await db.run(`
    -- The first 64 bits of the HMAC, as UBIGINT: joins on integers are several times faster
    -- than on strings, and a collision among 40 million identifiers has odds of about 1 in 20,000.
    CREATE OR REPLACE TEMP MACRO hmac_id(v) AS
      ('0x' || left(sha256(unhex('${pad(0x5c)}') || unhex(sha256(unhex('${pad(0x36)}') || v::BLOB))), 16))::UBIGINT;
    CREATE OR REPLACE TEMP MACRO mask_id(d) AS
      CASE WHEN d IS NULL THEN NULL
           WHEN length(d) <= 6 THEN repeat('*', length(d))
           ELSE d[1:4] || repeat('*', length(d) - 6) || d[-2:] END;
    CREATE OR REPLACE TABLE quarantine (
      contract VARCHAR, file VARCHAR, "row" INTEGER, "column" VARCHAR, code VARCHAR, value VARCHAR, nik_masked VARCHAR);
  `);
};

/**
 * Reads and prepares the files of one contract (synchronous, JavaScript); throws when a file
 * cannot be read. Past `sliceRows` rows, every file of the contract is split into the same
 * number of slices by the same hash, so each slice holds all rows sharing a key.
 */
export const prepareContract = (contract: FileContract, options: PrepareOptions): PreparedCsv[] => {
  const sources = sourcesFor(contract, options);
  if (sources.length === 0 && contract.requiredFile) {
    throw new InputFileError('FILE_MISSING', contract.fileName, contract.kind === 'raw' ? options.rawDir : options.referenceDir);
  }
  const inspected = sources.map((source) => inspectCsv(source, contract));
  const output = (i: number, slice?: number) => join(options.workDir, `${contract.id}-${i}${slice === undefined ? '' : `-s${slice}`}.csv`);
  const sliced = (files: InspectedCsv[], slices: number) =>
    files.map((s, i) => preparedInSlices(s, Array.from({ length: slices }, (_, k) => output(i, k)), sliceColumns(contract), contract));
  // A file that will be checked in slices anyway is numbered, sliced and counted in one pass;
  // the slice count then comes from the estimate, which changes nothing but the slices' sizes.
  const estimate = inspected.reduce((n, s) => n + s.estimatedRows, 0);
  if (contract.kind === 'raw' && sliceCount(estimate, options.sliceRows) > 1) return sliced(inspected, sliceCount(estimate, options.sliceRows));
  const scanned = inspected.map((s) => countedCsv(s, contract));
  const rows = scanned.reduce((n, s) => n + s.rowsRead, 0);
  const slices = contract.kind === 'raw' ? sliceCount(rows, options.sliceRows) : 1;
  return slices === 1 ? scanned.map((s, i) => preparedWhole(s, output(i))) : sliced(scanned, slices);
};

/** Loads prepared files into DuckDB and checks every row (asynchronous: DuckDB works on its own threads). */
export const checkContract = async (db: Db, contract: FileContract, prepared: PreparedCsv[], ctx: ValidationContext): Promise<FileReport[]> => {
  const empty = `SELECT NULL::VARCHAR AS _file, NULL::INTEGER AS _row, ${loadedCellsSql(contract, [])} WHERE false`;
  const tables = prepared.map((_, i) => `raw_${contract.id}_${i}`);
  const rows = prepared.reduce((n, p) => n + p.rowsRead, 0);
  // Progress only for files large enough that someone waits on them.
  const log = rows >= 1_000_000 && ctx.log ? ctx.log : () => {};
  let started = performance.now();
  const since = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const slices = prepared[0]?.sliceFiles?.length ?? 1;
  if (slices === 1) {
    for (const [i, p] of prepared.entries()) await loadPrepared(db, p, tables[i]!, contract);
    log(`    ${contract.id}: ${rows.toLocaleString('en')} baris dimuat / rows loaded, ${since()}`);
  }
  const sources = prepared.length > 0 ? prepared.map((p, i) => selectPrepared(p, tables[i]!, contract)).join('\nUNION ALL\n') : empty;
  const id = contract.id;
  for (let slice = 0; slice < slices; slice++) {
    started = performance.now();
    if (slices > 1) {
      for (const [i, p] of prepared.entries()) {
        await loadPrepared(db, p, tables[i]!, contract, p.sliceFiles![slice]!);
        rmSync(p.sliceFiles![slice]!, { force: true }); // loaded: the copy is no longer needed
      }
    }
    await db.run(`CREATE OR REPLACE TEMP VIEW raw_${id} AS ${sources}`);
    await db.run(checkTableSql(contract, ctx));
    await db.run(`
      INSERT INTO quarantine
        SELECT '${id}', _file, _row, e.col, e.code, e.val, _nik_masked
        FROM (SELECT _file, _row, _nik_masked, unnest(_errors) AS e FROM chk_${id} WHERE len(_errors) > 0);
      DROP VIEW raw_${id};`);
    await db.run(cleanTableSql(contract, ctx, slices > 1 ? { into: { table: `clean_${id}__all`, append: slice > 0 } } : {}));
    log(`    ${contract.id}: ${slices > 1 ? `bagian / slice ${slice + 1}/${slices} ` : ''}diperiksa / checked, ${since()}`);
    started = performance.now();
    if (slices === 1) break;
    // Each slice's accepted rows went straight into the one table later stages read (in the work
    // database file); its rejected rows are gathered into a TEMP table; the next slice reuses the name.
    await db.run(
      slice === 0
        ? `ALTER TABLE chk_${id} RENAME TO chk_${id}__all;`
        : `INSERT INTO chk_${id}__all SELECT * FROM chk_${id}; DROP TABLE chk_${id};`,
    );
    if (slice === slices - 1) {
      await db.run(`ALTER TABLE clean_${id}__all RENAME TO clean_${id}; ALTER TABLE chk_${id}__all RENAME TO chk_${id};`);
    }
  }
  await db.run(tables.map((t) => `DROP TABLE ${t};`).join(' ') || 'SELECT 1');
  for (const p of prepared) {
    if (p.misshapen.length === 0) continue;
    const values = p.misshapen.map((m) => `('${contract.id}', ${sqlPath(basename(p.source))}, ${m.row}, '*', 'ROW_COLUMN_COUNT', '${m.fields} kolom', NULL)`);
    await db.run(`INSERT INTO quarantine VALUES ${values.join(', ')}`);
  }
  return reportFiles(db, contract, prepared);
};

const reportFiles = async (db: Db, contract: FileContract, prepared: PreparedCsv[]): Promise<FileReport[]> => {
  const reports: FileReport[] = [];
  for (const p of prepared) {
    const file = basename(p.source);
    const [counts] = await db.all<{ accepted: number; quarantined: number }>(`
      SELECT (SELECT count(*) FROM clean_${contract.id} WHERE _file = ${sqlPath(file)}) AS accepted,
             (SELECT count(DISTINCT "row") FROM quarantine WHERE contract = '${contract.id}' AND file = ${sqlPath(file)}) AS quarantined`);
    const codes = await db.all<{ code: ErrorCode; n: number }>(
      `SELECT code, count(*) AS n FROM quarantine WHERE contract = '${contract.id}' AND file = ${sqlPath(file)} GROUP BY code ORDER BY code`,
    );
    const report: FileReport = {
      contract: contract.id,
      file,
      encoding: p.encoding,
      delimiter: p.delimiter,
      rowsRead: p.rowsRead,
      rowsAccepted: counts!.accepted,
      rowsQuarantined: counts!.quarantined,
      blankLines: p.blankLines,
      unknownColumns: p.unknownColumns,
      missingOptionalColumns: contract.columns.filter((c) => !p.columns.includes(c.name)).map((c) => c.name),
      errorsByCode: Object.fromEntries(codes.map((c) => [c.code, c.n])),
    };
    if (report.rowsRead !== report.rowsAccepted + report.rowsQuarantined) {
      throw new Error(
        `Internal error: ${file} read ${report.rowsRead} rows but accepted ${report.rowsAccepted} + quarantined ${report.rowsQuarantined}`,
      );
    }
    if (contract.kind === 'reference' && report.rowsQuarantined > 0) {
      const [first] = await db.all<{ row: number; column: string; code: string }>(
        `SELECT "row", "column", code FROM quarantine WHERE contract = '${contract.id}' ORDER BY "row" LIMIT 1`,
      );
      throw new Error(`Reference file ${file} has ${report.rowsQuarantined} invalid rows (first: row ${first?.row}, ${first?.column}, ${first?.code})`);
    }
    reports.push(report);
  }
  return reports;
};

export const codesOf = async (db: Db, table: string, column: string): Promise<string[]> =>
  (await db.all<{ c: unknown }>(`SELECT DISTINCT ${ident(column)}::VARCHAR AS c FROM ${table} ORDER BY 1`)).map((r) => String(r.c));

/**
 * Validates reference files first (their codes drive the raw files' allowed values),
 * then every raw file. While DuckDB checks one file, a worker thread prepares the next.
 */
export const validateInputs = async (db: Db, secret: Buffer, options: ValidationOptions): Promise<FileReport[]> => {
  await setUpMacros(db, secret);
  const ctx: ValidationContext = { referenceCodes: {}, asOf: options.asOf, sliceRows: options.sliceRows, log: options.log };
  const reports: FileReport[] = [];
  for (const contract of CONTRACTS.filter((c) => c.kind === 'reference')) {
    reports.push(...(await checkContract(db, contract, prepareContract(contract, options), ctx)));
    const key = contract.key?.[0];
    if (key) ctx.referenceCodes[`${contract.id}.${key}`] = await codesOf(db, `clean_${contract.id}`, key);
  }
  const raw = CONTRACTS.filter((c) => c.kind === 'raw');
  const prepareOptions: PrepareOptions = { rawDir: options.rawDir, referenceDir: options.referenceDir, workDir: options.workDir, sliceRows: options.sliceRows };
  let next = prepareInWorker(raw[0]!, prepareOptions);
  try {
    for (let i = 0; i < raw.length; i++) {
      // A file that cannot be read stops the build here, after the previous file's checks have finished.
      const prepared = await next.result;
      if (i + 1 < raw.length) next = prepareInWorker(raw[i + 1]!, prepareOptions);
      reports.push(...(await checkContract(db, raw[i]!, prepared, ctx)));
    }
  } catch (error) {
    await next.stop();
    throw error;
  }
  return reports;
};
