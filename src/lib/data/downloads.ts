/**
 * The published releases as the Unduh pages describe them, read at site
 * build time from each release folder's `datapackage.json` (the data build's
 * own documentation of its files: titles, columns, rows, sizes, SHA-256) and
 * the folder itself (the zip archive and the site database, which the data
 * package does not list). Nothing here reads a table's contents.
 *
 * Every release folder under the data root stays published: `public/` is
 * copied to `dist/` by Astro, so `/data/<release>/<file>` is a stable URL.
 *
 * Order of releases: by data date, then by when each was generated, then by
 * id. A release holds no wall-clock time (its files are byte-reproducible), so
 * "generated at" is known only for the current release (`latest.json`); for
 * older ones the modification time of their `datapackage.json` stands in.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { archiveName } from '../../../scripts/build/archive.ts';
import { readLatestRelease } from '../release.ts';

/** Where the data root is served: `public/data/` → `/data/`. */
export const DATA_URL_BASE = '/data/';

export interface Bilingual {
  id: string;
  en: string;
}

export interface ReleaseFile {
  name: string;
  url: string;
  bytes: number;
  sha256: string;
}

export interface ColumnDoc {
  name: string;
  type: string;
  description: Bilingual;
  unit: string | null;
}

export interface CsvDialect {
  delimiter: string;
  encoding: string;
  header: boolean;
}

export interface TableDoc {
  name: string;
  title: Bilingual;
  description: Bilingual;
  rows: number | null;
  primaryKey: string[];
  columns: ColumnDoc[];
  parquet: ReleaseFile | null;
  csv: ReleaseFile | null;
  csvDialect: CsvDialect | null;
}

export interface PublishedRelease {
  id: string;
  dataDate: string | null;
  /** From `latest.json` for the current release; null when not recorded. */
  generatedAt: string | null;
  period: { start: string | null; end: string | null };
  licence: { name: string; title: string; url: string };
  suppressionThreshold: number | null;
  tables: TableDoc[];
  datapackage: ReleaseFile;
  archive: ReleaseFile | null;
  database: ReleaseFile | null;
  isLatest: boolean;
  /** Sort key: data date, then generated-at (or the data package's file time), then id. */
  orderKey: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const SAFE_ID = /^[0-9A-Za-z][0-9A-Za-z:._-]*$/;

const hashCache = new Map<string, string>();
function fileInfo(dir: string, releaseId: string, name: string, listedHash?: string | null): ReleaseFile | null {
  const file = path.join(dir, name);
  if (!existsSync(file)) return null;
  const { size, mtimeMs } = statSync(file);
  const cacheKey = `${file}:${size}:${mtimeMs}`;
  let sha256 = listedHash?.replace(/^sha256:/, '') ?? hashCache.get(cacheKey);
  if (!sha256) {
    sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    hashCache.set(cacheKey, sha256);
  }
  return { name, url: `${DATA_URL_BASE}${releaseId}/${name}`, bytes: size, sha256 };
}

function bilingual(source: Json, key: string): Bilingual {
  const id = str(source[key]) ?? '';
  return { id, en: str(source[`${key}_en`]) ?? id };
}

function tableDocs(pkg: Json, dir: string, releaseId: string): TableDoc[] {
  const resources = Array.isArray(pkg.resources) ? pkg.resources.filter(isObject) : [];
  const byTable = new Map<string, { parquet?: Json; csv?: Json }>();
  for (const resource of resources) {
    const file = str(resource.path);
    const format = str(resource.format);
    if (!file || (format !== 'parquet' && format !== 'csv')) continue;
    const table = file.replace(/\.(parquet|csv)$/, '');
    const entry = byTable.get(table) ?? {};
    entry[format] = resource;
    byTable.set(table, entry);
  }
  return [...byTable].map(([name, { parquet, csv }]) => {
    const main = (parquet ?? csv)!;
    const schema = isObject(main.schema) ? main.schema : {};
    const fields = Array.isArray(schema.fields) ? schema.fields.filter(isObject) : [];
    const dialect = csv && isObject(csv.dialect) ? csv.dialect : null;
    const file = (resource: Json | undefined) => (resource ? fileInfo(dir, releaseId, str(resource.path) ?? '', str(resource.hash)) : null);
    return {
      name,
      title: bilingual(main, 'title'),
      description: bilingual(main, 'description'),
      rows: typeof main.rows === 'number' ? main.rows : null,
      primaryKey: Array.isArray(schema.primaryKey) ? schema.primaryKey.filter((k): k is string => typeof k === 'string') : [],
      columns: fields.map((field) => ({
        name: str(field.name) ?? '',
        type: str(field.type) ?? 'string',
        description: bilingual(field, 'description'),
        unit: str(field.unit),
      })),
      parquet: file(parquet),
      csv: file(csv),
      csvDialect: csv
        ? {
            delimiter: (dialect && str(dialect.delimiter)) ?? ',',
            encoding: str(csv.encoding) ?? 'utf-8',
            header: dialect?.header !== false,
          }
        : null,
    };
  });
}

function readRelease(publicDataDir: string, releaseId: string, latest: { id: string; generatedAt: string | null } | null): PublishedRelease | null {
  const dir = path.join(publicDataDir, releaseId);
  const pkgFile = path.join(dir, 'datapackage.json');
  if (!SAFE_ID.test(releaseId) || !existsSync(pkgFile)) return null;
  const pkg: unknown = JSON.parse(readFileSync(pkgFile, 'utf8'));
  if (!isObject(pkg)) return null;
  const terang = isObject(pkg.terang) ? pkg.terang : {};
  const temporal = isObject(pkg.temporal) ? pkg.temporal : {};
  const licence = (Array.isArray(pkg.licenses) ? pkg.licenses.find(isObject) : undefined) ?? {};
  const isLatest = latest?.id === releaseId;
  const generatedAt = isLatest ? latest.generatedAt : null;
  const dataDate = str(terang.dataDate) ?? str(pkg.created)?.slice(0, 10) ?? null;
  const stamp = generatedAt ?? new Date(statSync(pkgFile).mtimeMs).toISOString();
  return {
    id: releaseId,
    dataDate,
    generatedAt,
    period: { start: str(temporal.start), end: str(temporal.end) },
    licence: { name: str(licence.name) ?? 'CC-BY-4.0', title: str(licence.title) ?? 'Creative Commons Attribution 4.0', url: str(licence.path) ?? 'https://creativecommons.org/licenses/by/4.0/' },
    suppressionThreshold: typeof terang.suppressionThreshold === 'number' ? terang.suppressionThreshold : null,
    tables: tableDocs(pkg, dir, releaseId),
    datapackage: fileInfo(dir, releaseId, 'datapackage.json')!,
    archive: fileInfo(dir, releaseId, archiveName(releaseId)),
    database: fileInfo(dir, releaseId, 'terang.duckdb'),
    isLatest,
    orderKey: `${dataDate ?? ''}|${stamp}|${releaseId}`,
  };
}

const listed = new Map<string, PublishedRelease[]>();

/** Every release folder with a data package under `publicDataDir`, oldest first (read once per site build). */
export function listReleases(publicDataDir: string): PublishedRelease[] {
  let releases = listed.get(publicDataDir);
  if (!releases) {
    releases = readReleases(publicDataDir);
    listed.set(publicDataDir, releases);
  }
  return releases;
}

function readReleases(publicDataDir: string): PublishedRelease[] {
  if (!existsSync(publicDataDir)) return [];
  const pointer = readLatestRelease(publicDataDir);
  const latest = pointer ? { id: pointer.release, generatedAt: pointer.generatedAt } : null;
  return readdirSync(publicDataDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .flatMap((entry) => readRelease(publicDataDir, entry.name, latest) ?? [])
    .sort((a, b) => (a.orderKey < b.orderKey ? -1 : a.orderKey > b.orderKey ? 1 : 0));
}

/** The release `latest.json` points at, described; null when there is none. */
export function latestRelease(publicDataDir: string): PublishedRelease | null {
  return listReleases(publicDataDir).find((release) => release.isLatest) ?? null;
}

/** `Terang (2026). … Rilis <id>. CC BY 4.0. <url>` — one line to cite a release. */
export function citation(release: PublishedRelease, siteUrl: URL, lang: 'id' | 'en'): string {
  const year = release.dataDate?.slice(0, 4) ?? '';
  const url = new URL(`${DATA_URL_BASE}${release.id}/`, siteUrl).href;
  return lang === 'id'
    ? `Terang (${year}). Statistik bansos teranonimkan, rilis ${release.id} [data set]. Lisensi CC BY 4.0. ${url}`
    : `Terang (${year}). Anonymised social-assistance statistics, release ${release.id} [data set]. Licence CC BY 4.0. ${url}`;
}
