/**
 * Reading the latest published release, at site build time.
 *
 * `<publicDataDir>/latest.json` names the current release; its files live in
 * `<publicDataDir>/<release>/`. The data build owns the exact format; this
 * reader accepts the fields below and ignores the rest:
 *
 * ```json
 * { "release": "2026-11-23-3f9a1c2b4d", "dataDate": "2026-11-23",
 *   "generatedAt": "2026-11-23T10:15:00Z",
 *   "tables": [{ "name": "recipients_by_desa", "rows": 1234 }, "complaints"] }
 * ```
 *
 * `tables` may be a list of names, a list of objects with `name`, or an object
 * keyed by table name. If `latest.json` only names the release, the tables
 * are read from `<publicDataDir>/<release>/manifest.json` when it exists.
 * Pure apart from reading files: the folder is passed in.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ReleaseTable {
  name: string;
  rows?: number;
}

export interface ReleaseManifest {
  /** Release id = folder name under the data root, e.g. `2026-11-23`. */
  release: string;
  /** The date the data describes (`dataDate`), if stated. */
  dataDate: string | null;
  /** When the data build produced it (ISO 8601 as written), if stated. */
  generatedAt: string | null;
  tables: ReleaseTable[];
  /** First and last date the data covers (`period.start`, `period.end`), if stated. */
  period: { start: string | null; end: string | null };
  /** The site database file, relative to the data root (`database`), if stated. */
  database: string | null;
  /** Small database files for one page each (`pageDatabases`, e.g. `sasaran`), relative to the data root. */
  pageDatabases: Record<string, string>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function firstString(source: Json, keys: string[]): string | null {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

function toTable(name: string, details: unknown): ReleaseTable {
  const rows = isObject(details) ? (details.rows ?? details.rowCount ?? details.row_count) : undefined;
  return typeof rows === 'number' && Number.isFinite(rows) ? { name, rows } : { name };
}

/** Normalise the `tables` field; `null` when absent or unusable. */
export function parseTables(value: unknown): ReleaseTable[] | null {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (typeof item === 'string') return [{ name: item }];
      if (isObject(item)) {
        const name = firstString(item, ['name', 'table', 'id']);
        return name ? [toTable(name, item)] : [];
      }
      return [];
    });
  }
  if (isObject(value)) return Object.entries(value).map(([name, details]) => toTable(name, details));
  return null;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A release id must be a plain folder name. */
const SAFE_RELEASE_ID = /^[0-9A-Za-z][0-9A-Za-z:._-]*$/;

/**
 * The latest release under `publicDataDir`, or `null` when no release has
 * been published yet (no `latest.json`). A malformed file throws: the site
 * build should stop rather than show a wrong release.
 */
export function readLatestRelease(publicDataDir: string): ReleaseManifest | null {
  const latestFile = path.join(publicDataDir, 'latest.json');
  if (!existsSync(latestFile)) return null;
  const latest = readJson(latestFile);
  if (!isObject(latest)) throw new Error(`${latestFile}: expected a JSON object`);

  const release = firstString(latest, ['release', 'releaseId', 'release_id', 'id']);
  if (!release || !SAFE_RELEASE_ID.test(release)) {
    throw new Error(`${latestFile}: missing or invalid "release" (a folder name such as "2026-11-23")`);
  }
  const dataDate = firstString(latest, ['dataDate', 'data_date', 'asOf']);
  let generatedAt = firstString(latest, ['generatedAt', 'generated_at', 'createdAt']);
  let tables = parseTables(latest.tables);

  const manifestFile = path.join(publicDataDir, release, 'manifest.json');
  if ((tables === null || generatedAt === null) && existsSync(manifestFile)) {
    const manifest = readJson(manifestFile);
    if (isObject(manifest)) {
      tables ??= parseTables(manifest.tables);
      generatedAt ??= firstString(manifest, ['generatedAt', 'generated_at', 'createdAt']);
    }
  }
  const period = isObject(latest.period)
    ? { start: firstString(latest.period, ['start']), end: firstString(latest.period, ['end']) }
    : { start: null, end: null };
  const safe = (file: string | null) => (file && !file.split('/').includes('..') && !path.isAbsolute(file) ? file : null);
  const pageDatabases: Record<string, string> = {};
  if (isObject(latest.pageDatabases)) {
    for (const [page, file] of Object.entries(latest.pageDatabases)) {
      const checked = typeof file === 'string' ? safe(file) : null;
      if (checked) pageDatabases[page] = checked;
    }
  }
  return { release, dataDate, generatedAt, tables: tables ?? [], period, database: safe(firstString(latest, ['database'])), pageDatabases };
}
