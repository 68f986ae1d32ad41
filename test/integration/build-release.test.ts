/**
 * The whole data build on a small messy sample, built twice: what a new user
 * and a privacy officer would check. Real sample files, a real DuckDB, real
 * Parquet: nothing mocked.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../scripts/build/db.ts';
import { findRecoverableCells } from '../../scripts/build/disclosure.ts';
import { InputFileError } from '../../scripts/build/errors.ts';
import { DB_FILES, PAGE_DB_FILES, SITE_DB_FILE } from '../../scripts/build/publish.ts';
import { TARGETING_LEVELS } from '../../src/lib/targeting/view.ts';
import { SUPPRESSED_SUFFIX, type PublishedTable } from '../../scripts/build/published-table.ts';
import { runDataBuild, type BuildOptions, type BuildResult } from '../../scripts/build/run-build.ts';
import { generateSample, type SampleManifest } from '../../scripts/sample/generate.ts';
import { POVERTY_TABLES } from '../../scripts/build/metrics/poverty.ts';
import { TARGETING_TABLES } from '../../scripts/build/metrics/targeting.ts';
import { COMPLAINT_TABLES } from '../../scripts/build/metrics/complaints.ts';

const K = 10;
const root = mkdtempSync(join(tmpdir(), 'terang-release-'));
const raw = join(root, 'raw');
let manifest: SampleManifest;
let first: BuildResult;
let second: BuildResult;

const options = (name: string): BuildOptions => ({
  rawDir: raw,
  referenceDir: new URL('../../data/reference/', import.meta.url).pathname,
  publicDataDir: join(root, name, 'data'),
  reportsDir: join(root, name, 'reports'),
  workDir: join(root, name, 'work'),
  secret: Buffer.from('release-test-secret-release-test-secret'),
  asOf: '2026-11-23',
  k: K,
  sensitiveK: 20,
});

const releaseFiles = (result: BuildResult) => readdirSync(result.release.dir).sort();

beforeAll(async () => {
  manifest = await generateSample({ scale: 0.01, seed: 7, out: raw, messy: true });
  first = await runDataBuild(options('a'));
  // The second build works in a database file, not memory, and checks large files in slices
  // (validate.ts): the payments (about 66,000 rows here) in 4, the people in 2. Neither may
  // change anything in the report or the release.
  second = await runDataBuild({ ...options('b'), sliceRows: 20_000, inMemoryMaxBytes: 0 });
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('validation of a messy export', () => {
  it('reads every row of every file and reconciles: read = accepted + quarantined', () => {
    for (const [file, info] of Object.entries(manifest.files)) {
      const report = first.report.files.find((f) => f.file === file);
      expect(report, file).toBeDefined();
      expect(report!.rowsRead, file).toBe(info.rows);
      expect(report!.rowsRead, file).toBe(report!.rowsAccepted + report!.rowsQuarantined);
    }
  });

  it('quarantines at least every injected bad row, by the codes they should trigger', () => {
    const codesFor: Record<string, string[]> = {
      textInNumber: ['NUMBER_INVALID'],
      formattedRupiah: ['NUMBER_INVALID'],
      invalidEnum: ['CODE_UNKNOWN'],
      unknownProgram: ['CODE_UNKNOWN'],
      unknownVillage: ['REGION_UNKNOWN'],
      futureDate: ['DATE_FUTURE'],
      emptyRequired: ['REQUIRED_MISSING', 'ID_MISSING'],
      duplicateRow: ['DUPLICATE_ROW'],
      closedBeforeReceived: ['TIMESTAMP_ORDER'],
    };
    for (const [file, kinds] of Object.entries(manifest.messyRows ?? {})) {
      const report = first.report.files.find((f) => f.file === file)!;
      const expected = new Map<string, number>();
      for (const [kind, n] of Object.entries(kinds)) {
        const codes = codesFor[kind];
        expect(codes, `${file}: no code mapped for ${kind}`).toBeDefined();
        const key = codes!.join('|');
        expected.set(key, (expected.get(key) ?? 0) + n);
      }
      for (const [key, n] of expected) {
        const found = key.split('|').reduce((sum, code) => sum + (report.errorsByCode[code as keyof typeof report.errorsByCode] ?? 0), 0);
        expect(found, `${file} ${key}`).toBeGreaterThanOrEqual(n);
      }
      expect(report.rowsQuarantined).toBeGreaterThanOrEqual(Object.values(kinds).reduce((a, b) => a + b, 0));
    }
  });

  it('reads the Windows-1252 file and the `;` file', () => {
    const encodings = new Set(first.report.files.map((f) => f.encoding));
    expect(encodings.has('windows-1252')).toBe(true);
    expect(first.report.files.some((f) => f.delimiter === ';')).toBe(true);
  });

  it('writes the validation report with masked NIKs only', () => {
    const reports = options('a').reportsDir;
    const quarantine = readFileSync(join(reports, 'quarantine.csv'), 'utf8');
    const rows = quarantine.trim().split('\n').length - 1;
    expect(rows).toBeGreaterThanOrEqual(first.report.totals.rowsQuarantined);
    expect(quarantine).not.toMatch(/\d{16}/);
    expect(readFileSync(join(reports, 'validation.html'), 'utf8')).toContain('Laporan validasi');
  });

  it('reports the same rows when large files are checked in slices', () => {
    const read = (name: string) => readFileSync(join(options(name).reportsDir, 'quarantine.csv'), 'utf8');
    expect(first.report.files.find((f) => f.contract === 'payments')!.rowsRead).toBeGreaterThan(3 * 20_000);
    expect(read('b')).toBe(read('a'));
    expect(second.report.files).toEqual(first.report.files);
  });
});

describe('the release', () => {
  it('is byte-identical when built twice from the same inputs and secret, once checked in slices (Parquet, CSV, datapackage.json)', () => {
    expect(first.release.id).toBe(second.release.id);
    expect(releaseFiles(first)).toEqual(releaseFiles(second));
    for (const name of releaseFiles(first).filter((n) => !DB_FILES.has(n))) {
      expect(readFileSync(join(second.release.dir, name)).equals(readFileSync(join(first.release.dir, name))), name).toBe(true);
    }
  });

  it('writes each database file with the same contents both times (DuckDB stamps each file with a random identifier, so its bytes differ)', async () => {
    const db = await openDb();
    try {
      for (const file of DB_FILES) {
        await db.run(`ATTACH '${join(first.release.dir, file)}' AS a (READ_ONLY); ATTACH '${join(second.release.dir, file)}' AS b (READ_ONLY)`);
        const tables = await db.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_catalog = 'a' ORDER BY 1`);
        expect(tables.length, file).toBeGreaterThan(file === SITE_DB_FILE ? 10 : 1);
        for (const { name } of tables) {
          const [diff] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ((FROM a."${name}" EXCEPT ALL FROM b."${name}") UNION ALL (FROM b."${name}" EXCEPT ALL FROM a."${name}"))`);
          expect(diff?.n, `${file}: ${name}`).toBe(0);
          const [parquet] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ((FROM a."${name}" EXCEPT ALL FROM read_parquet('${join(first.release.dir, `${name}.parquet`)}')))`);
          expect(parquet?.n, `${file}: ${name} vs its Parquet`).toBe(0);
        }
        await db.run('DETACH a; DETACH b');
      }
    } finally {
      db.close();
    }
  });

  it("writes the Sasaran page's small database with exactly the rows of the levels that page offers, as in the Parquet", async () => {
    const page = PAGE_DB_FILES.find((p) => p.file === 'sasaran.duckdb')!;
    const db = await openDb();
    try {
      await db.run(`ATTACH '${join(first.release.dir, page.file)}' AS s (READ_ONLY)`);
      const tables = await db.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_catalog = 's' ORDER BY 1`);
      expect(tables.map((t) => t.name)).toEqual(page.tables.map((t) => t.name).sort());
      for (const { name } of page.tables) {
        const parquet = `read_parquet('${join(first.release.dir, `${name}.parquet`)}')`;
        const hasLevel = (await db.all<{ n: number }>(`SELECT count(*) AS n FROM (DESCRIBE SELECT * FROM ${parquet}) WHERE column_name = 'tingkat'`))[0]!.n > 0;
        const expected = hasLevel ? `(FROM ${parquet} WHERE tingkat IN (${TARGETING_LEVELS.map((l) => `'${l}'`).join(', ')}))` : parquet;
        const [diff] = await db.all<{ n: number; rows: number }>(
          `SELECT (SELECT count(*) FROM ((FROM s."${name}" EXCEPT ALL FROM ${expected}) UNION ALL (FROM ${expected} EXCEPT ALL FROM s."${name}"))) AS n, (SELECT count(*) FROM s."${name}") AS rows`,
        );
        expect(diff?.n, name).toBe(0);
        expect(diff?.rows, name).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
  });

  it('lists every file in datapackage.json with its SHA-256, size and rows', async () => {
    const pkg = JSON.parse(readFileSync(join(first.release.dir, 'datapackage.json'), 'utf8'));
    expect(pkg.licenses[0].name).toBe('CC-BY-4.0');
    expect(pkg.terang).toMatchObject({ suppressionThreshold: K, sensitiveSuppressionThreshold: 20, dataDate: '2026-11-23' });
    const { createHash } = await import('node:crypto');
    for (const resource of pkg.resources) {
      const bytes = readFileSync(join(first.release.dir, resource.path));
      expect(resource.hash, resource.path).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(resource.bytes).toBe(bytes.length);
      expect(resource.schema.fields.length).toBeGreaterThan(0);
    }
    expect(existsSync(join(first.release.dir, SITE_DB_FILE))).toBe(true);
    const latest = JSON.parse(readFileSync(join(options('a').publicDataDir, 'latest.json'), 'utf8'));
    expect(latest.release).toBe(first.release.id);
  });

  it('leaves no temporary folder behind', () => {
    expect(readdirSync(options('a').publicDataDir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(existsSync(options('a').workDir)).toBe(false);
  });
});

/** Every string in every published file: CSV and JSON as text, Parquet and the DuckDB file through DuckDB. */
const publishedStrings = async (dir: string): Promise<Set<string>> => {
  const values = new Set<string>();
  const db = await openDb();
  try {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.endsWith('.csv')) {
        const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true });
        for (const row of parsed.data) for (const cell of row) values.add(cell);
      } else if (name.endsWith('.parquet')) {
        for (const row of await db.all<Record<string, unknown>>(`SELECT * FROM read_parquet('${path}')`)) {
          for (const v of Object.values(row)) values.add(String(v));
        }
      } else if (DB_FILES.has(name)) {
        await db.run(`ATTACH '${path}' AS site (READ_ONLY)`);
        const tables = await db.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_catalog = 'site'`);
        for (const t of tables) for (const row of await db.all<Record<string, unknown>>(`SELECT * FROM site."${t.name}"`)) for (const v of Object.values(row)) values.add(String(v));
        await db.run('DETACH site');
      } else if (name.endsWith('.json')) {
        JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), (_k, v) => {
          if (typeof v === 'string') values.add(v);
          return v;
        });
      }
    }
  } finally {
    db.close();
  }
  return values;
};

describe('privacy', () => {
  let strings: Set<string>;
  beforeAll(async () => {
    strings = await publishedStrings(first.release.dir);
  });

  it('publishes no 16-digit number anywhere, in any file, as text or bytes', () => {
    // Sixteen digits standing alone: a NIK or KK. (A SHA-256 in hex may hold a run of digits inside it.)
    const identifier = /(?<![0-9A-Za-z])\d{16}(?![0-9A-Za-z])/;
    for (const s of strings) expect(s).not.toMatch(identifier);
    for (const name of readdirSync(first.release.dir)) {
      const bytes = readFileSync(join(first.release.dir, name)).toString('latin1');
      expect(bytes.match(identifier), name).toBeNull();
    }
  });

  it('publishes no name, NIK, KK number, address or complaint text from the inputs', () => {
    const personal = new Set<string>();
    const take = (file: string, columns: string[]) => {
      const parsed = Papa.parse<Record<string, string>>(readFileSync(join(raw, file), file === 'keluarga.csv' ? 'latin1' : 'utf8'), {
        header: true,
        skipEmptyLines: true,
      });
      for (const row of parsed.data) for (const c of columns) if (row[c] && row[c]!.length >= 6) personal.add(row[c]!.trim());
    };
    take('individu.csv', ['nik', 'no_kk', 'nama']);
    take('keluarga.csv', ['no_kk', 'nik_kepala', 'nama_kepala', 'alamat']);
    take('pengaduan.csv', ['uraian', 'nik_pelapor', 'id_kasus']);
    take('kematian.csv', ['nik', 'nama']);
    expect(personal.size).toBeGreaterThan(1000);
    const leaked = [...personal].filter((p) => strings.has(p));
    expect(leaked).toEqual([]);
  });

  const tables: PublishedTable[] = [...POVERTY_TABLES, ...TARGETING_TABLES, ...COMPLAINT_TABLES];
  const rowsOf = async (table: PublishedTable) => {
    const db = await openDb();
    try {
      return await db.all<Record<string, unknown>>(`SELECT * FROM read_parquet('${join(first.release.dir, `${table.name}.parquet`)}')`);
    } finally {
      db.close();
    }
  };

  it.each(tables.filter((t) => t.disclosure).map((t) => [t.name, t] as const))('%s: no published count lies between 1 and k−1; suppressed reads as empty, not 0', async (_name, table) => {
    const rows = await rowsOf(table);
    const sensitiveK = table.disclosure!.sensitive?.k ?? K;
    for (const row of rows) {
      for (const column of table.disclosure!.counts) {
        const value = row[column];
        if (value !== null && value !== undefined) {
          expect(Number(value) === 0 || Number(value) >= K, `${column}=${value}`).toBe(true);
          if (table.disclosure!.sensitive?.where === 'true') expect(Number(value) === 0 || Number(value) >= sensitiveK, `${column}=${value}`).toBe(true);
        }
        if (row[`${column}${SUPPRESSED_SUFFIX}`] === true) expect(value).toBeNull();
      }
    }
  });

  it.each(tables.filter((t) => t.disclosure).map((t) => [t.name, t] as const))('%s: no suppressed cell can be recovered by subtraction', async (_name, table) => {
    const rows = await rowsOf(table);
    expect(findRecoverableCells(rows, table.disclosure!)).toEqual([]);
  });
});

describe('a file that cannot be read', () => {
  it.each(['keluarga.csv', 'individu.csv', 'pembayaran.csv', 'kematian.csv', 'ppks.csv'])(
    'broken %s stops the build with a non-zero result and leaves the previous release untouched',
    async (file) => {
      const unreadable = join(`${raw}-unreadable`, file);
      if (!existsSync(unreadable)) return expect.unreachable(`sample --messy did not write ${unreadable}`);
      const broken = join(root, `raw-broken-${file}`);
      mkdirSync(broken);
      for (const name of readdirSync(raw)) copyFileSync(join(raw, name), join(broken, name));
      copyFileSync(unreadable, join(broken, file));
      const before = readdirSync(options('a').publicDataDir).map((n) => [n, statSync(join(options('a').publicDataDir, n)).mtimeMs]);
      const latest = readFileSync(join(options('a').publicDataDir, 'latest.json'), 'utf8');
      const error = await runDataBuild({ ...options('a'), rawDir: broken }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputFileError);
      expect(readFileSync(join(options('a').publicDataDir, 'latest.json'), 'utf8')).toBe(latest);
      expect(readdirSync(options('a').publicDataDir).map((n) => [n, statSync(join(options('a').publicDataDir, n)).mtimeMs])).toEqual(before);
      const report = JSON.parse(readFileSync(join(options('a').reportsDir, 'validation.json'), 'utf8'));
      expect(report.ok).toBe(false);
      expect(report.fatal.file).toBe(file);
    },
    60_000,
  );
});
