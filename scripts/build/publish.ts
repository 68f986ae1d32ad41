/**
 * The only code that writes under public/data/. A release is written to a
 * temporary folder, checked, and renamed into place only when complete; the
 * `latest.json` pointer is replaced the same way. A release folder never
 * changes once written: its name carries a hash of its content.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReleaseArchive } from './archive.ts';
import type { Db } from './db.ts';
import { derivedValues, type PublishedColumnType, type PublishedTable } from './published-table.ts';
import { SUPPRESSED_SUFFIX } from './published-table.ts';

export const SITE_DB_FILE = 'terang.duckdb';

/**
 * Small database files for one page each, which the browser fetches whole (in one request,
 * compressed, while the wasm compiles) instead of by range: at the default sample the
 * Sasaran page's file is about 1.3 MB, 0.2 MB gzipped, where its first query over range
 * requests read 2.7 MB of `terang.duckdb` in about 25 sequential requests. Each lists the
 * published tables it holds and which rows: the Sasaran page shows provinsi, kabupaten and
 * kecamatan (src/lib/targeting/view.ts, TARGETING_LEVELS), never desa.
 */
export const PAGE_DB_FILES: { file: string; tables: { name: string; where?: string }[] }[] = [
  {
    file: 'sasaran.duckdb',
    tables: [
      { name: 'sasaran_program', where: `tingkat <> 'desa'` },
      { name: 'sasaran_tumpang_tindih', where: `tingkat <> 'desa'` },
      { name: 'sasaran_mutu_data' },
      { name: 'wilayah', where: `tingkat <> 'desa'` },
    ],
  },
];
/** Every DuckDB file of a release: not in the data package, nor in the release's content hash (DuckDB stamps each file with a random identifier). */
export const DB_FILES = new Set([SITE_DB_FILE, ...PAGE_DB_FILES.map((d) => d.file)]);
/** DuckDB-wasm 1.32 (DuckDB 1.4) must read the file the Node build (DuckDB 1.5) writes. */
const SITE_DB_STORAGE_VERSION = 'v1.0.0';

export interface ReleaseInfo {
  id: string;
  dir: string;
  tables: { name: string; rows: number }[];
}

export interface PublishOptions {
  publicDataDir: string;
  asOf: string;
  period: { start: string | null; end: string | null };
  /** Suppression threshold used, recorded in the data package. */
  k: number;
  /** Threshold for the sensitive tables (PPKS sensitive categories, violence complaints). */
  sensitiveK?: number;
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const sqlPath = (path: string) => `'${path.replace(/'/g, "''")}'`;

const FRICTIONLESS_TYPE: Record<PublishedColumnType, string> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  date: 'date',
  boolean: 'boolean',
};

/** Columns as published: each suppressible column is followed by its `_disamarkan` marker. */
export const publishedColumns = (table: PublishedTable) => {
  const marked = new Set([...(table.disclosure?.counts ?? []), ...(table.disclosure ? derivedValues(table.disclosure) : []).map((d) => d.column)]);
  return table.columns.flatMap((c) =>
    marked.has(c.name)
      ? [
          c,
          {
            name: `${c.name}${SUPPRESSED_SUFFIX}`,
            type: 'boolean' as const,
            description: {
              id: `true bila ${c.name} disamarkan (jumlah kecil); nilainya lalu kosong, bukan 0`,
              en: `true when ${c.name} is suppressed (small count); the value is then empty, not 0`,
            },
          },
        ]
      : [c],
  );
};

const copyTable = async (db: Db, table: PublishedTable, dir: string): Promise<number> => {
  const columns = publishedColumns(table).map((c) => `"${c.name}"`).join(', ');
  const order = table.key.map((k) => `"${k}"`).join(', ');
  const select = `SELECT ${columns} FROM "${table.name}" ORDER BY ${order}`;
  await db.run(`
    COPY (${select}) TO ${sqlPath(join(dir, `${table.name}.parquet`))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000);
    COPY (${select}) TO ${sqlPath(join(dir, `${table.name}.csv`))} (FORMAT csv, HEADER true, DELIMITER ',', NULLSTR '');
  `);
  const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM "${table.name}"`);
  return row?.n ?? 0;
};

/** A database file for the browser: the tables (all rows, or those `where` keeps), with their columns as published. */
const writeDb = async (db: Db, file: string, tables: { table: PublishedTable; where?: string }[]): Promise<void> => {
  await db.run(`ATTACH ${sqlPath(file)} AS site (STORAGE_VERSION '${SITE_DB_STORAGE_VERSION}')`);
  try {
    for (const { table, where } of tables) {
      const columns = publishedColumns(table).map((c) => `"${c.name}"`).join(', ');
      const order = table.key.map((k) => `"${k}"`).join(', ');
      await db.run(`CREATE TABLE site."${table.name}" AS SELECT ${columns} FROM "${table.name}" ${where ? `WHERE ${where}` : ''} ORDER BY ${order}`);
    }
  } finally {
    await db.run('DETACH site');
  }
};

/** The database file the site attaches in the browser (every table), and the pages' small ones. */
const writeSiteDbs = async (db: Db, tables: PublishedTable[], dir: string): Promise<void> => {
  await writeDb(db, join(dir, SITE_DB_FILE), tables.map((table) => ({ table })));
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const page of PAGE_DB_FILES) {
    const chosen = page.tables.map(({ name, where }) => {
      const table = byName.get(name);
      if (!table) throw new Error(`${page.file}: table ${name} is not among the published tables`);
      return { table, where };
    });
    await writeDb(db, join(dir, page.file), chosen);
  }
};

const dataPackage = (tables: PublishedTable[], rows: Map<string, number>, dir: string, id: string, options: PublishOptions) => ({
  profile: 'tabular-data-package',
  name: 'terang-bansos',
  id,
  title: 'Terang: statistik bansos teranonimkan / anonymised social-assistance statistics',
  description:
    'Statistik kemiskinan, ketepatan sasaran dan penanganan pengaduan bansos, teragregasi dan disamarkan (ambang k). / Poverty, targeting and complaint-handling statistics for social assistance, aggregated and suppressed (threshold k).',
  version: id,
  created: `${options.asOf}T00:00:00Z`,
  temporal: options.period,
  licenses: [{ name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
  terang: {
    suppressionThreshold: options.k,
    ...(options.sensitiveK !== undefined ? { sensitiveSuppressionThreshold: options.sensitiveK } : {}),
    dataDate: options.asOf,
  },
  resources: tables.flatMap((table) =>
    (['parquet', 'csv'] as const).map((format) => {
      const file = `${table.name}.${format}`;
      return {
        name: format === 'parquet' ? table.name : `${table.name}-csv`,
        path: file,
        format,
        mediatype: format === 'parquet' ? 'application/vnd.apache.parquet' : 'text/csv',
        encoding: format === 'csv' ? 'utf-8' : undefined,
        ...(format === 'csv' ? { dialect: { delimiter: ',', header: true, doubleQuote: true } } : {}),
        title: table.title.id,
        'title_en': table.title.en,
        description: table.description.id,
        'description_en': table.description.en,
        bytes: statSync(join(dir, file)).size,
        hash: `sha256:${sha256(join(dir, file))}`,
        rows: rows.get(table.name),
        schema: {
          fields: publishedColumns(table).map((c) => ({
            name: c.name,
            type: FRICTIONLESS_TYPE[c.type],
            description: c.description.id,
            'description_en': c.description.en,
            ...('unit' in c && c.unit ? { unit: c.unit } : {}),
          })),
          primaryKey: table.key,
          missingValues: [''],
        },
      };
    }),
  ),
});

/** Content hash of a finished release folder, used in its name. */
const folderHash = (dir: string): string => {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (DB_FILES.has(name) || name === 'datapackage.json') continue;
    hash.update(name).update(sha256(join(dir, name)));
  }
  return hash.digest('hex').slice(0, 10);
};

export const publishRelease = async (db: Db, tables: PublishedTable[], options: PublishOptions): Promise<ReleaseInfo> => {
  mkdirSync(options.publicDataDir, { recursive: true });
  const tmp = join(options.publicDataDir, `.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    const rows = new Map<string, number>();
    for (const table of tables) rows.set(table.name, await copyTable(db, table, tmp));
    const id = `${options.asOf}-${folderHash(tmp)}`;
    await writeSiteDbs(db, tables, tmp);
    writeFileSync(join(tmp, 'datapackage.json'), `${JSON.stringify(dataPackage(tables, rows, tmp, id, options), null, 2)}\n`);
    writeReleaseArchive(tmp, id, options.asOf);
    const dir = join(options.publicDataDir, id);
    if (existsSync(dir)) rmSync(tmp, { recursive: true, force: true }); // same content: the release already exists and stays untouched
    else renameSync(tmp, dir);
    const pointer = {
      release: id,
      path: `${id}/`,
      // The pointer, unlike the release, may carry the wall clock: it says when this release was made current.
      generatedAt: new Date().toISOString(),
      dataDate: options.asOf,
      period: options.period,
      database: `${id}/${SITE_DB_FILE}`,
      // The pages' small database files, by page (`sasaran`).
      pageDatabases: Object.fromEntries(PAGE_DB_FILES.map((p) => [p.file.replace(/\.duckdb$/, ''), `${id}/${p.file}`])),
      datapackage: `${id}/datapackage.json`,
      tables: tables.map((t) => ({ name: t.name, rows: rows.get(t.name) ?? 0 })),
    };
    const pointerTmp = join(options.publicDataDir, `.latest-${process.pid}.json`);
    writeFileSync(pointerTmp, `${JSON.stringify(pointer, null, 2)}\n`);
    renameSync(pointerTmp, join(options.publicDataDir, 'latest.json'));
    return { id, dir, tables: pointer.tables };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
};
