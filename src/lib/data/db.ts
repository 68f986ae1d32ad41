/**
 * The one seam between the site build and the published data: `query(sql)`
 * returning plain rows. One DuckDB instance per site build, created lazily on
 * the first query; it attaches the release's `terang.duckdb` read-only as
 * schema `r` (or, if a release has no database file, exposes its Parquet
 * files as views in `r`). Build-time only: never imported by browser code.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ReleaseManifest } from '../release.ts';

/** A row as the site reads it: BIGINT becomes number (published counts fit), everything else as DuckDB gives it to JS. */
export type Row = Record<string, string | number | boolean | null>;

export type Query = (sql: string, params?: (string | number)[]) => Promise<Row[]>;

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

function toRow(raw: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'bigint') row[key] = Number(value);
    else if (value === null || value === undefined) row[key] = null;
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') row[key] = value;
    else row[key] = String(value);
  }
  return row;
}

/** `query` over an open connection, one statement at a time (a DuckDB connection runs one at once; Astro may render pages concurrently). */
export function connectionQuery(connection: Promise<DuckDBConnection> | DuckDBConnection): Query {
  let queue: Promise<unknown> = Promise.resolve();
  return (sql, params) => {
    const run = queue.then(async () => {
      const reader = await (await connection).runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((raw) => toRow(raw as Record<string, unknown>));
    });
    queue = run.catch(() => undefined);
    return run;
  };
}

async function attachRelease(connection: DuckDBConnection, publicDataDir: string, release: ReleaseManifest): Promise<void> {
  const releaseDir = path.join(publicDataDir, release.release);
  const database = path.join(publicDataDir, release.database ?? path.join(release.release, 'terang.duckdb'));
  if (existsSync(database)) {
    await connection.run(`ATTACH ${sqlString(database)} AS r (READ_ONLY)`);
    return;
  }
  await connection.run('CREATE SCHEMA r');
  for (const table of release.tables) {
    const file = path.join(releaseDir, `${table.name}.parquet`);
    if (!/^[a-z0-9_]+$/.test(table.name) || !existsSync(file)) continue;
    await connection.run(`CREATE VIEW r."${table.name}" AS SELECT * FROM read_parquet(${sqlString(file)})`);
  }
}

/** A `query` function over one release; the database opens on first use. */
export function openReleaseQuery(publicDataDir: string, release: ReleaseManifest): { query: Query; close: () => void } {
  let opened: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | null = null;
  const open = () =>
    (opened ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
      const connection = await instance.connect();
      await attachRelease(connection, publicDataDir, release);
      return { instance, connection };
    })());
  let inner: Query | null = null;
  const query: Query = (sql, params) => {
    inner ??= connectionQuery(open().then(({ connection }) => connection));
    return inner(sql, params);
  };
  const close = () => {
    inner = null;
    if (!opened) return;
    void opened.then(({ instance, connection }) => {
      connection.closeSync();
      instance.closeSync();
    });
    opened = null;
  };
  return { query, close };
}
