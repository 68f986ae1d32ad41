/**
 * The whole release as one zip file, `terang-<release>.zip`, written inside
 * the release folder by `publish.ts` before the folder is renamed into place.
 *
 * What it holds: every Parquet and CSV file and `datapackage.json` (the data
 * set and its documentation). It leaves out the site's database files
 * (`terang.duckdb` and the pages' small ones, `*.duckdb`: the same tables
 * again, in a form for the browser, and not byte-reproducible) and itself.
 *
 * Deterministic bytes: entries sorted by name, every timestamp fixed at the
 * data date (00:00), fixed compression settings, no extra fields, so the same
 * files always give the same archive, in any time zone. Parquet is already
 * compressed (ZSTD) and is stored as is; text files are deflated.
 *
 * The folder's content hash (its name) is taken before the archive exists,
 * so the archive never feeds into it; its own SHA-256 is computed by the site
 * (the data package cannot list a file that contains the data package).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** The archive's file name in a release folder. */
export const archiveName = (releaseId: string): string => `terang-${releaseId}.zip`;

/** Files a release archive leaves out: the browser's database files. */
const EXCLUDED = /\.duckdb$/;

const STORED = /\.parquet$/;
/** Deflate level for text: fixed, so the bytes never depend on a library default. */
const DEFLATE_LEVEL = 6;

/** The files of a release folder that go into its archive, sorted by name. */
export function archiveEntries(dir: string, releaseId: string): string[] {
  const own = archiveName(releaseId);
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && name !== own && !EXCLUDED.test(name) && statSync(join(dir, name)).isFile())
    .sort();
}

/**
 * A Date whose local-time fields read `yyyy-mm-dd 00:00`: zip headers store
 * local (DOS) time, and fflate reads the local fields, so this gives the same
 * bytes in every time zone.
 */
function dosTimestamp(dataDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dataDate);
  if (!match) throw new Error(`archive: data date must be yyyy-mm-dd, got ${dataDate}`);
  const year = Math.max(1980, Number(match[1]));
  return new Date(year, Number(match[2]) - 1, Number(match[3]), 0, 0, 0, 0);
}

/** Write `terang-<release>.zip` into `dir`; returns its path. */
export function writeReleaseArchive(dir: string, releaseId: string, dataDate: string): string {
  const mtime = dosTimestamp(dataDate);
  const files: Zippable = {};
  for (const name of archiveEntries(dir, releaseId)) {
    files[name] = [readFileSync(join(dir, name)), { level: STORED.test(name) ? 0 : DEFLATE_LEVEL, mtime }];
  }
  const path = join(dir, archiveName(releaseId));
  writeFileSync(path, zipSync(files, { mtime }));
  return path;
}
