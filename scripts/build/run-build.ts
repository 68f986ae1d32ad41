/**
 * The data build, start to end: validate → link and measure → disclosure
 * control → publish. Side effects (folders, clock, logging) come in through
 * options so tests run it in a temporary workspace.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from './db.ts';
import { applyDisclosureControl } from './disclosure.ts';
import { InputFileError } from './errors.ts';
import { buildComplaintMetrics } from './metrics/complaints.ts';
import { buildDimensionTables } from './metrics/dimensions.ts';
import { buildBpsTable } from './metrics/bps.ts';
import { buildPovertyMetrics } from './metrics/poverty.ts';
import { buildTargetingMetrics } from './metrics/targeting.ts';
import { publishRelease, type ReleaseInfo } from './publish.ts';
import type { PublishedTable } from './published-table.ts';
import { loadRegions } from './regions.ts';
import { summarize, writeValidationReport, type ValidationReport } from './report.ts';
import { validateInputs, type FileReport } from './validate.ts';

export interface BuildOptions {
  rawDir: string;
  referenceDir: string;
  publicDataDir: string;
  reportsDir: string;
  /** Scratch space for prepared CSVs and DuckDB spill files; removed at the end. */
  workDir: string;
  secret: Buffer;
  /** The data's reference date (yyyy-mm-dd): later dates are "in the future", open cases are censored here. */
  asOf: string;
  k: number;
  sensitiveK: number;
  threads?: number;
  memoryLimit?: string;
  /**
   * Raw inputs up to this many bytes are worked on in memory; larger ones in a database file
   * in `workDir` (default 1.5 GB: the default sample, about 0.7 GB, stays in memory).
   */
  inMemoryMaxBytes?: number;
  /** Rows per slice for very large files, in validation (validate.ts; default 4 million) and, unless `recipientSliceRows` is set, in the recipients' aggregation (targeting.ts; default 12 million paid payments). */
  sliceRows?: number;
  /** Paid payments per share of recipients in targeting, when it should differ from `sliceRows` (default: `sliceRows` when given, else 12 million). */
  recipientSliceRows?: number;
  /** The BPS importer's normalized file (docs/bps-import.md); when absent the release has no bps_kemiskinan table. */
  bpsFile?: string;
  log?: (line: string) => void;
}

export interface BuildResult {
  release: ReleaseInfo;
  report: ValidationReport;
  stages: { stage: string; seconds: number; rows?: number }[];
  peakRssMb: number;
}

const periodCovered = async (db: Db) => {
  const [row] = await db.all<{ start: string | null; end: string | null }>(`
    SELECT strftime(min(d), '%Y-%m-%d') AS start, strftime(max(d), '%Y-%m-%d') AS "end" FROM (
      SELECT min(periode) AS d FROM clean_payments UNION ALL SELECT max(last_day(periode)) FROM clean_payments
      UNION ALL SELECT min(diterima)::DATE FROM clean_complaints UNION ALL SELECT max(diterima)::DATE FROM clean_complaints)`);
  return { start: row?.start ?? null, end: row?.end ?? null };
};

/** 1.5 GB of raw CSV: about twice the default sample. */
export const DEFAULT_IN_MEMORY_MAX_BYTES = 1.5e9;

const rawBytes = (dir: string): number =>
  existsSync(dir) ? readdirSync(dir).reduce((n, name) => n + (statSync(join(dir, name)).isFile() ? statSync(join(dir, name)).size : 0), 0) : 0;

export const runDataBuild = async (options: BuildOptions): Promise<BuildResult> => {
  const log = options.log ?? (() => {});
  const stages: BuildResult['stages'] = [];
  const stage = async <T>(name: string, work: () => Promise<T>, rows?: (value: T) => number): Promise<T> => {
    const started = performance.now();
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    stages.push({ stage: name, seconds: Math.round(seconds * 1000) / 1000, ...(rows ? { rows: rows(value) } : {}) });
    log(`  ${name.padEnd(22)} ${seconds.toFixed(2)} s${rows ? `  (${rows(value).toLocaleString('en')} rows)` : ''}`);
    return value;
  };

  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  // Large inputs are worked on in a database file, not memory: DuckDB compresses stored tables
  // and pages them through its buffer pool, so a 100-million-row payment file does not have to
  // fit in memory. Small ones stay in memory, which is faster (default sample: 62 s against 79 s).
  const inMemory = rawBytes(options.rawDir) <= (options.inMemoryMaxBytes ?? DEFAULT_IN_MEMORY_MAX_BYTES);
  log(`  ${inMemory ? 'basis data kerja di memori / working database in memory' : `basis data kerja / working database: ${join(options.workDir, 'work.duckdb')}`}`);
  const db = await openDb({
    path: inMemory ? ':memory:' : join(options.workDir, 'work.duckdb'),
    threads: options.threads,
    // DuckDB's limit covers its buffer pool, not every allocation: 4 GB keeps the whole process under 8 GB at scale 16.
    memoryLimit: options.memoryLimit ?? '4GB',
    tempDirectory: join(options.workDir, 'spill'),
  });
  try {
    await loadRegions(db);
    let files: FileReport[];
    try {
      files = await stage(
        'validate',
        () => validateInputs(db, options.secret, { rawDir: options.rawDir, referenceDir: options.referenceDir, workDir: options.workDir, asOf: options.asOf, sliceRows: options.sliceRows, log }),
        (f) => f.reduce((n, r) => n + r.rowsRead, 0),
      );
    } catch (error) {
      if (error instanceof InputFileError) {
        const fatal = { code: error.code, file: error.file, message: error.message };
        await writeValidationReport(null, options.reportsDir, summarize([], options.asOf, fatal, stages, null));
      }
      throw error;
    }
    const report = summarize(files, options.asOf, null, stages, 'quarantine.csv');
    await writeValidationReport(db, options.reportsDir, report);

    // Read before targeting, which frees the payment and person rows once it has placed them.
    const period = await periodCovered(db);
    const metricOptions = { asOf: options.asOf };
    const tables: PublishedTable[] = [];
    tables.push(...(await stage('poverty', () => buildPovertyMetrics(db, metricOptions))));
    tables.push(...(await stage('targeting', () => buildTargetingMetrics(db, { ...metricOptions, log, sliceRows: options.recipientSliceRows ?? options.sliceRows }))));
    tables.push(...(await stage('complaints', () => buildComplaintMetrics(db, metricOptions))));
    tables.push(...(await stage('dimensions', () => buildDimensionTables(db, tables))));
    // After the lookup tables: BPS covers regions beyond the registry, which get no region page.
    tables.push(...(await stage('bps', () => buildBpsTable(db, options.bpsFile))));

    await stage('disclosure', async () => {
      for (const table of tables) {
        if (table.disclosure) await applyDisclosureControl(db, table, { k: options.k, sensitiveK: options.sensitiveK });
      }
    });
    const release = await stage(
      'publish',
      () => publishRelease(db, tables, { publicDataDir: options.publicDataDir, asOf: options.asOf, period, k: options.k, sensitiveK: options.sensitiveK }),
      (r) => r.tables.reduce((n, t) => n + t.rows, 0),
    );
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return { release, report, stages, peakRssMb };
  } finally {
    db.close();
    rmSync(options.workDir, { recursive: true, force: true });
  }
};
