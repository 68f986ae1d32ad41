/**
 * Every code in the error catalog has a fixture in test/fixtures/errors/
 * named `<CODE>.<raw file>.csv`: it replaces that file in a small valid input
 * set and must trigger exactly its code, with the catalog's message.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import { ERRORS, InputFileError, type ErrorCode } from '../../scripts/build/errors.ts';
import { loadRegions } from '../../scripts/build/regions.ts';
import { validateInputs, type FileReport } from '../../scripts/build/validate.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const REFERENCE = new URL('../../data/reference/', import.meta.url).pathname;
const SECRET = Buffer.from('test-secret-test-secret-test-secret!');
const fixtureFiles = readdirSync(join(FIXTURES, 'errors'));
const codeOf = (file: string) => file.split('.')[0] as ErrorCode;

const workspaces: string[] = [];
const workspace = (fixture?: string, without?: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'terang-errors-'));
  workspaces.push(dir);
  for (const name of readdirSync(join(FIXTURES, 'base'))) if (name !== without) copyFileSync(join(FIXTURES, 'base', name), join(dir, name));
  if (fixture) copyFileSync(join(FIXTURES, 'errors', fixture), join(dir, fixture.split('.').slice(1).join('.')));
  return dir;
};

let db: Db;
const validate = async (rawDir: string): Promise<FileReport[]> => {
  db = await openDb();
  await loadRegions(db);
  const workDir = mkdtempSync(join(tmpdir(), 'terang-work-'));
  workspaces.push(workDir);
  return validateInputs(db, SECRET, { rawDir, referenceDir: REFERENCE, workDir, asOf: '2026-11-23' });
};

afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

describe('error catalog', () => {
  it('every code has a fixture (FILE_MISSING is the absence of a file)', () => {
    const covered = new Set([...fixtureFiles.map(codeOf), 'FILE_MISSING']);
    expect([...Object.keys(ERRORS)].filter((code) => !covered.has(code))).toEqual([]);
  });

  it('every message and hint exists in Indonesian and English, and they differ', () => {
    for (const [code, def] of Object.entries(ERRORS)) {
      for (const text of [def.message, def.hint]) {
        expect(text.id.length, code).toBeGreaterThan(10);
        expect(text.en.length, code).toBeGreaterThan(10);
        expect(text.id, code).not.toBe(text.en);
      }
    }
  });
});

describe('the valid base set', () => {
  it('is accepted whole', async () => {
    const reports = await validate(workspace());
    for (const r of reports) expect(r.rowsQuarantined, r.file).toBe(0);
    db.close();
  });
});

describe.each(fixtureFiles.filter((f) => ERRORS[codeOf(f)].level === 'row'))('row error fixture %s', (fixture) => {
  const code = codeOf(fixture);
  let reports: FileReport[];
  let rows: { code: string; row: number; column: string; value: string | null; nik_masked: string | null }[];
  beforeAll(async () => {
    reports = await validate(workspace(fixture));
    rows = await db.all(`SELECT code, "row", "column", value, nik_masked FROM quarantine`);
    db.close();
  });

  it(`quarantines one row with ${code} and accepts the rest`, () => {
    const file = reports.find((r) => r.file === fixture.split('.').slice(1).join('.'))!;
    expect(file.errorsByCode[code]).toBeGreaterThanOrEqual(1); // a row closed before both receipt and response breaks two rules
    expect(file.rowsQuarantined).toBe(1);
    expect(file.rowsRead).toBe(file.rowsAccepted + file.rowsQuarantined);
    expect(new Set(rows.filter((r) => r.code === code).map((r) => r.row))).toEqual(new Set([3])); // header row 1, good row 2, bad row 3
  });

  it('never reports a full NIK', () => {
    for (const r of rows) {
      expect(r.nik_masked ?? '').not.toMatch(/\d{16}/);
      expect(r.value ?? '').not.toMatch(/\d{16}/);
    }
  });
});

describe.each(fixtureFiles.filter((f) => ERRORS[codeOf(f)].level === 'file'))('file error fixture %s', (fixture) => {
  const code = codeOf(fixture);
  it(`stops with ${code} and a message in both languages`, async () => {
    const error = await validate(workspace(fixture)).catch((e: unknown) => e);
    db.close();
    expect(error).toBeInstanceOf(InputFileError);
    const fileError = error as InputFileError;
    expect(fileError.code).toBe(code);
    expect(fileError.message).toContain(ERRORS[code].message.id);
    expect(fileError.message).toContain(ERRORS[code].message.en);
    expect(fileError.message).toContain(ERRORS[code].hint.en);
    expect(fileError.message).toContain(fixture.split('.').slice(1).join('.'));
  });
});

describe('FILE_MISSING', () => {
  it('stops when a required file is absent', async () => {
    const error = await validate(workspace(undefined, 'pembayaran.csv')).catch((e: unknown) => e);
    db.close();
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).code).toBe('FILE_MISSING');
    expect((error as InputFileError).message).toContain('pembayaran.csv');
  });
});

describe('DUPLICATE_ROW and hash collisions', () => {
  // DuckDB's hash() gives these two KK numbers the same 64-bit value (found among the sample's
  // payments), so whole rows that differ only in them share a row hash. The duplicate test
  // finds candidates by that hash and must still compare the cells.
  const a = ',1305052312240001,SEMBAKO,2024-10,400000,HIMBARA,DIBAYAR,2024-10-19';
  const b = ',1305052812240006,SEMBAKO,2024-10,400000,HIMBARA,DIBAYAR,2024-10-19';

  it('does not call a row a duplicate because its hash repeats', async () => {
    const dir = workspace();
    const file = join(dir, 'pembayaran.csv');
    const content = `${readFileSync(file, 'utf8').trimEnd()}\n${a}\n${b}\n${b}\n`;
    writeFileSync(file, content);
    const lastRow = content.trimEnd().split(/\r?\n/).length; // a reported row is its line in the file
    await validate(dir);
    // The row hash as the check computes it: hash() of every cell, the blank NIK as NULL.
    const rowHash = (line: string) => `hash(${line.split(',').map((v) => (v ? `'${v}'` : 'NULL::VARCHAR')).join(', ')})`;
    const [same] = await db.all<{ same: boolean }>(`SELECT ${rowHash(a)} = ${rowHash(b)} AS same`);
    const duplicates = await db.all<{ row: number }>(
      `SELECT "row" FROM quarantine WHERE file = 'pembayaran.csv' AND code = 'DUPLICATE_ROW' ORDER BY "row"`,
    );
    db.close();
    expect(same!.same).toBe(true); // the collision is real, so the test below can fail
    expect(duplicates.map((d) => d.row)).toEqual([lastRow]); // only the true repeat of b
  });
});
