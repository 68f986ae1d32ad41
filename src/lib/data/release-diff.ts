/**
 * What changed between two published releases, per table, computed at site
 * build time with DuckDB over the two releases' Parquet files. Releases stay
 * immutable: nothing is written into either of them (a diff depends on which
 * release came before, which a release cannot know when it is made).
 *
 * Per table: rows in each release; rows added and removed (by the table's
 * primary key, from `datapackage.json`); rows whose key is in both but whose
 * values differ (over the columns both releases have).
 *
 * Key totals (`KEY_TOTALS`, stated once here): a few headline counts added up
 * over the provinces' rows, as Beranda does, per period where the table has
 * one. A total is the sum of the published province values; when some are
 * suppressed it is "at least" that sum, and suppressed when all are. No
 * published metric is recomputed: only counts are added, never shares.
 */
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Published } from '../format.ts';
import { connectionQuery, type Query } from './db.ts';
import { listReleases, type PublishedRelease, type TableDoc } from './downloads.ts';

export interface KeyTotal {
  table: string;
  columns: string[];
  /** Extra condition on the province rows (the table's "all" category). */
  where?: string;
  /** Columns that split the total (periods, programs). */
  by?: string[];
}

export const KEY_TOTALS: KeyTotal[] = [
  { table: 'keluarga_desil', columns: ['keluarga', 'jiwa'], where: "desil = 'SEMUA'" },
  { table: 'verval_kemutakhiran', columns: ['keluarga', 'diverval_2_tahun'] },
  { table: 'ppks_kategori', columns: ['orang'], where: "kategori = 'SEMUA'" },
  { table: 'sasaran_program', columns: ['penerima', 'nilai_dibayar'], by: ['kode_program', 'periode'] },
  { table: 'pengaduan_waktu', columns: ['kasus', 'selesai'], where: "kategori = 'SEMUA'", by: ['tahun'] },
  { table: 'pengaduan_tunggakan', columns: ['terbuka', 'lewat_tenggat_selesai'], where: "kategori = 'SEMUA'" },
];

export interface TotalChange {
  column: string;
  /** The group (`PKH · 2026-Q3`), or null for a table without groups. */
  group: string | null;
  previous: Published;
  next: Published;
}

export interface TableChange {
  table: string;
  title: { id: string; en: string };
  rowsPrevious: number | null;
  rowsNext: number | null;
  added: number;
  removed: number;
  changed: number;
  /** Key totals that differ (every one for a table without groups). */
  totals: TotalChange[];
  /** Groups of key totals left out because nothing changed in them. */
  unchangedGroups: number;
}

export interface ReleaseChange {
  previous: PublishedRelease;
  next: PublishedRelease;
  tables: TableChange[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;
const ABSENT: Published = { value: null, suppressed: false };

async function tableRows(query: Query, view: string): Promise<number> {
  const [row] = await query(`SELECT count(*) AS n FROM ${view}`);
  return Number(row?.n ?? 0);
}

async function countsFor(query: Query, prev: TableDoc, next: TableDoc) {
  const keys = (next.primaryKey.length ? next.primaryKey : prev.primaryKey).map(quote).join(', ');
  const prevColumns = new Set(prev.columns.map((c) => c.name));
  const common = next.columns.filter((c) => prevColumns.has(c.name)).map((c) => quote(c.name)).join(', ');
  const [row] = await query(`
    SELECT
      (SELECT count(*) FROM (SELECT ${keys} FROM n EXCEPT SELECT ${keys} FROM p)) AS added,
      (SELECT count(*) FROM (SELECT ${keys} FROM p EXCEPT SELECT ${keys} FROM n)) AS removed,
      (SELECT count(*) FROM (SELECT ${common} FROM n EXCEPT SELECT ${common} FROM p)) AS differing`);
  const added = Number(row?.added ?? 0);
  return { added, removed: Number(row?.removed ?? 0), changed: Number(row?.differing ?? 0) - added };
}

type Totals = Map<string, Map<string, Published>>;

/** Province sums of the key columns, per group, in one release (view `view`). */
async function totalsFor(query: Query, view: string, spec: KeyTotal, doc: TableDoc): Promise<Totals> {
  const present = new Set(doc.columns.map((c) => c.name));
  const columns = spec.columns.filter((c) => present.has(c));
  const by = (spec.by ?? []).filter((c) => present.has(c));
  const group = by.length ? `concat_ws(' · ', ${by.map((c) => `${quote(c)}::VARCHAR`).join(', ')})` : "''";
  const parts = columns.flatMap((c) => [
    `sum(${quote(c)}) FILTER (WHERE NOT coalesce(${quote(`${c}_disamarkan`)}, false)) AS ${quote(`${c}__sum`)}`,
    `count(*) FILTER (WHERE coalesce(${quote(`${c}_disamarkan`)}, false)) AS ${quote(`${c}__sup`)}`,
  ]);
  const rows = await query(
    `SELECT ${group} AS grp, count(*) AS n${parts.length ? `, ${parts.join(', ')}` : ''} FROM ${view}
     WHERE tingkat = 'provinsi'${spec.where ? ` AND ${spec.where}` : ''} GROUP BY ALL ORDER BY grp`,
  );
  const totals: Totals = new Map();
  for (const row of rows) {
    const values = new Map<string, Published>();
    for (const column of columns) {
      const suppressedParts = Number(row[`${column}__sup`] ?? 0);
      const sum = row[`${column}__sum`];
      const value = typeof sum === 'number' ? sum : sum === null ? null : Number(sum);
      if (suppressedParts === Number(row.n)) values.set(column, { value: null, suppressed: true });
      else values.set(column, { value: value ?? 0, suppressed: false, ...(suppressedParts > 0 ? { atLeast: true } : {}) });
    }
    totals.set(String(row.grp ?? ''), values);
  }
  return totals;
}

const samePublished = (a: Published, b: Published) => a.value === b.value && a.suppressed === b.suppressed && Boolean(a.atLeast) === Boolean(b.atLeast);

function compareTotals(spec: KeyTotal, previous: Totals, next: Totals): { totals: TotalChange[]; unchangedGroups: number } {
  const groups = [...new Set([...previous.keys(), ...next.keys()])].sort();
  const totals: TotalChange[] = [];
  let unchangedGroups = 0;
  for (const group of groups) {
    const changes = spec.columns.map((column) => ({
      column,
      group: spec.by ? group : null,
      previous: previous.get(group)?.get(column) ?? ABSENT,
      next: next.get(group)?.get(column) ?? ABSENT,
    }));
    if (spec.by && changes.every((c) => samePublished(c.previous, c.next))) unchangedGroups += 1;
    else totals.push(...changes);
  }
  return { totals, unchangedGroups };
}

/** The changes from `previous` to `next`, table by table (tables of either release). */
export async function diffReleases(publicDataDir: string, previous: PublishedRelease, next: PublishedRelease): Promise<ReleaseChange> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const query = connectionQuery(connection);
  try {
    const names = [...new Set([...next.tables.map((t) => t.name), ...previous.tables.map((t) => t.name)])];
    const tables: TableChange[] = [];
    for (const name of names) {
      const prevDoc = previous.tables.find((t) => t.name === name);
      const nextDoc = next.tables.find((t) => t.name === name);
      const parquet = (release: PublishedRelease) => sqlString(path.join(publicDataDir, release.id, `${name}.parquet`));
      if (prevDoc?.parquet) await query(`CREATE OR REPLACE VIEW p AS SELECT * FROM read_parquet(${parquet(previous)})`);
      if (nextDoc?.parquet) await query(`CREATE OR REPLACE VIEW n AS SELECT * FROM read_parquet(${parquet(next)})`);
      const rowsPrevious = prevDoc?.parquet ? await tableRows(query, 'p') : null;
      const rowsNext = nextDoc?.parquet ? await tableRows(query, 'n') : null;
      const counts =
        prevDoc?.parquet && nextDoc?.parquet
          ? await countsFor(query, prevDoc, nextDoc)
          : { added: rowsNext ?? 0, removed: rowsPrevious ?? 0, changed: 0 };
      const spec = KEY_TOTALS.find((t) => t.table === name);
      const compared =
        spec && (prevDoc?.parquet || nextDoc?.parquet)
          ? compareTotals(
              spec,
              prevDoc?.parquet ? await totalsFor(query, 'p', spec, prevDoc) : new Map(),
              nextDoc?.parquet ? await totalsFor(query, 'n', spec, nextDoc) : new Map(),
            )
          : { totals: [], unchangedGroups: 0 };
      tables.push({ table: name, title: (nextDoc ?? prevDoc)!.title, rowsPrevious, rowsNext, ...counts, ...compared });
    }
    return { previous, next, tables };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

let cached: { dir: string; history: Promise<{ releases: PublishedRelease[]; changes: ReleaseChange[] }> } | undefined;

/** Every release (oldest first) and the change from each to the next; computed once per site build. */
export function releaseHistory(publicDataDir: string): Promise<{ releases: PublishedRelease[]; changes: ReleaseChange[] }> {
  if (cached?.dir !== publicDataDir) {
    cached = {
      dir: publicDataDir,
      history: (async () => {
        const releases = listReleases(publicDataDir);
        const changes: ReleaseChange[] = [];
        for (let i = 1; i < releases.length; i += 1) changes.push(await diffReleases(publicDataDir, releases[i - 1]!, releases[i]!));
        return { releases, changes };
      })(),
    };
  }
  return cached.history;
}
