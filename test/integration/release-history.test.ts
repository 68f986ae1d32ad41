/**
 * Two real small releases in one data folder (two fictional samples, two data
 * dates), as the Unduh pages see them: the list of releases in order, the
 * "what changed" diff against this test's own SQL over the Parquet files, and
 * the release archive (deterministic, every file equal to the release's).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveName, writeReleaseArchive } from '../../scripts/build/archive.ts';
import { runDataBuild, type BuildResult } from '../../scripts/build/run-build.ts';
import { generateSample } from '../../scripts/sample/generate.ts';
import { listReleases } from '../../src/lib/data/downloads.ts';
import { diffReleases, KEY_TOTALS, type ReleaseChange } from '../../src/lib/data/release-diff.ts';

const root = mkdtempSync(join(tmpdir(), 'terang-history-'));
const publicDataDir = join(root, 'public', 'data');
let older: BuildResult;
let newer: BuildResult;
let change: ReleaseChange;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function build(seed: number, asOf: string): Promise<BuildResult> {
  const raw = join(root, `raw-${seed}`);
  await generateSample({ scale: 0.01, seed, out: raw });
  return runDataBuild({
    rawDir: raw,
    referenceDir: new URL('../../data/reference/', import.meta.url).pathname,
    publicDataDir,
    reportsDir: join(root, `reports-${seed}`),
    workDir: join(root, `work-${seed}`),
    secret: Buffer.from('history-test-secret-history-test-secret'),
    asOf,
    k: 10,
    sensitiveK: 20,
  });
}

async function one(sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  const [row] = reader.getRowObjectsJS();
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
}

beforeAll(async () => {
  older = await build(7, '2026-10-31');
  newer = await build(8, '2026-11-23');
  const releases = listReleases(publicDataDir);
  change = await diffReleases(publicDataDir, releases[0]!, releases[1]!);
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
}, 300_000);

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
  rmSync(root, { recursive: true, force: true });
});

describe('the list of releases', () => {
  it('keeps both releases, ordered by data date, the newer one current', () => {
    const releases = listReleases(publicDataDir);
    expect(releases.map((r) => r.id)).toEqual([older.release.id, newer.release.id]);
    expect(releases.map((r) => r.isLatest)).toEqual([false, true]);
    expect(releases[1]!.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    for (const release of releases) {
      expect(release.licence.name).toBe('CC-BY-4.0');
      expect(release.archive?.name).toBe(archiveName(release.id));
      expect(release.tables.length).toBe(older.release.tables.length);
    }
  });
});

describe('what changed between the two releases', () => {
  it('counts rows added, removed and changed per table as this test’s own SQL does', async () => {
    expect(change.tables.length).toBe(newer.release.tables.length);
    let anyDifference = false;
    for (const table of change.tables) {
      const pkg = JSON.parse(readFileSync(join(newer.release.dir, 'datapackage.json'), 'utf8'));
      const resource = pkg.resources.find((r: { path: string }) => r.path === `${table.table}.parquet`);
      const keys: string[] = resource.schema.primaryKey;
      const key = `concat_ws('|', ${keys.map((k) => `coalesce("${k}"::VARCHAR, '∅')`).join(', ')})`;
      const a = `read_parquet('${join(older.release.dir, `${table.table}.parquet`)}')`;
      const b = `read_parquet('${join(newer.release.dir, `${table.table}.parquet`)}')`;
      const expected = await one(`
        WITH ka AS (SELECT ${key} AS k, to_json(t) AS v FROM ${a} t), kb AS (SELECT ${key} AS k, to_json(t) AS v FROM ${b} t)
        SELECT (SELECT count(*) FROM ka) AS rows_a, (SELECT count(*) FROM kb) AS rows_b,
               (SELECT count(*) FROM kb WHERE k NOT IN (SELECT k FROM ka)) AS added,
               (SELECT count(*) FROM ka WHERE k NOT IN (SELECT k FROM kb)) AS removed,
               (SELECT count(*) FROM ka JOIN kb USING (k) WHERE ka.v::VARCHAR <> kb.v::VARCHAR) AS changed`);
      expect(
        { rows: [table.rowsPrevious, table.rowsNext], added: table.added, removed: table.removed, changed: table.changed },
        table.table,
      ).toEqual({ rows: [expected.rows_a, expected.rows_b], added: expected.added, removed: expected.removed, changed: expected.changed });
      if (table.added + table.removed + table.changed > 0) anyDifference = true;
    }
    expect(anyDifference, 'two different samples differ somewhere').toBe(true);
  });

  it('adds up the key totals over the provinces, "at least" when a part is suppressed', async () => {
    const families = change.tables.find((t) => t.table === 'keluarga_desil')!;
    for (const [release, side] of [[older, 'previous'], [newer, 'next']] as const) {
      const expected = await one(`
        SELECT sum(keluarga) FILTER (WHERE NOT keluarga_disamarkan) AS v, bool_or(keluarga_disamarkan) AS s
        FROM read_parquet('${join(release.release.dir, 'keluarga_desil.parquet')}') WHERE tingkat = 'provinsi' AND desil = 'SEMUA'`);
      const total = families.totals.find((t) => t.column === 'keluarga')![side];
      expect(total.value).toBe(expected.v);
      expect(Boolean(total.atLeast)).toBe(expected.s === true);
    }
    const targeting = change.tables.find((t) => t.table === 'sasaran_program')!;
    const groups = new Set(targeting.totals.map((t) => t.group));
    expect(groups.size + targeting.unchangedGroups).toBeGreaterThan(0);
    expect(KEY_TOTALS.every((spec) => change.tables.some((t) => t.table === spec.table))).toBe(true);
  });
});

describe('the release archive', () => {
  it('holds every Parquet and CSV file and datapackage.json, each byte-equal to the release file', () => {
    const dir = newer.release.dir;
    const entries = unzipSync(readFileSync(join(dir, archiveName(newer.release.id))));
    const expected = readdirSync(dir).filter((n) => /\.(parquet|csv)$/.test(n) || n === 'datapackage.json').sort();
    expect(Object.keys(entries).sort()).toEqual(expected);
    for (const name of expected) expect(sha256(entries[name]!), name).toBe(sha256(readFileSync(join(dir, name))));
  });

  it('has the same bytes when written again, in another time zone', () => {
    const copy = join(root, 'copy');
    cpSync(older.release.dir, copy, { recursive: true });
    rmSync(join(copy, archiveName(older.release.id)));
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Jayapura';
    try {
      writeReleaseArchive(copy, older.release.id, '2026-10-31');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(sha256(readFileSync(join(copy, archiveName(older.release.id))))).toBe(
      sha256(readFileSync(join(older.release.dir, archiveName(older.release.id)))),
    );
  });
});
