/**
 * The Jelajah page's pure helpers: Arrow values to plain rows, paging, cell
 * text, chart-shape detection, CSV and XLSX rows, the read-only check (on
 * a real DuckDB, @duckdb/node-api), and the URL state.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cellText,
  cellValue,
  engineMessage,
  chartBars,
  chartShape,
  columnOf,
  pageOf,
  readOnlyCheckSql,
  readOnlyVerdict,
  shapeResult,
  suppressionFlags,
  toCsv,
  xlsxRows,
  type ResultColumn,
  type ResultTable,
  type Value,
} from '../../src/client/explore-result.ts';
import { exploreSearch, parseExploreUrl } from '../../src/client/explore-url.ts';
import { ACCEPTED_SQL, DYNAMIC_PIVOT_SQL, REFUSED_SQL } from '../fixtures/read-only-sql.ts';

const field = (name: string, typeId: number, scale?: number) => ({ name, type: { typeId, ...(scale !== undefined ? { scale } : {}), toString: () => String(typeId) } });
const col = (name: string, kind: ResultColumn['kind'], integer = false): ResultColumn => ({ name, kind, integer });
const table = (columns: ResultColumn[], rows: Value[][]): ResultTable => ({ columns, rows, totalRows: rows.length });

describe('Arrow values', () => {
  it('maps Arrow types to column kinds', () => {
    expect(columnOf(field('n', 2))).toEqual({ name: 'n', kind: 'number', integer: true });
    expect(columnOf(field('x', 3))).toEqual({ name: 'x', kind: 'number', integer: false });
    expect(columnOf(field('d', 7, 2))).toEqual({ name: 'd', kind: 'number', integer: false });
    expect(columnOf(field('h', 7, 0))).toEqual({ name: 'h', kind: 'number', integer: true });
    expect(columnOf(field('s', 5)).kind).toBe('text');
    expect(columnOf(field('b', 6)).kind).toBe('boolean');
    expect(columnOf(field('t', 8)).kind).toBe('date');
    expect(columnOf(field('l', 12)).kind).toBe('other');
  });

  it('turns BIGINT, DECIMAL, dates and nested values into plain values', () => {
    expect(cellValue(123n, field('n', 2))).toBe(123);
    expect(cellValue(null, field('n', 2))).toBeNull();
    expect(cellValue(undefined, field('n', 2))).toBeNull();
    // Arrow JS gives a decimal's unscaled integer; scale 2 → divide by 100.
    expect(cellValue({ valueOf: () => 1234 }, field('d', 7, 2))).toBe(12.34);
    expect(cellValue({ valueOf: () => 99 }, field('h', 7, 0))).toBe(99);
    expect(cellValue(Date.UTC(2026, 9, 31), field('t', 8))).toBe('2026-10-31');
    expect(cellValue(new Date(Date.UTC(2026, 9, 31, 12, 30)), field('ts', 10))).toBe('2026-10-31 12:30:00');
    expect(cellValue({ toJSON: () => [1n, 2n] }, field('l', 12))).toBe('[1,2]');
    expect(cellValue('teks', field('s', 5))).toBe('teks');
    expect(cellValue(true, field('b', 6))).toBe(true);
  });

  it('shapes record batches into rows, cut at the row limit but counting all', () => {
    const batch = (values: [string, bigint][]) => ({
      numRows: values.length,
      getChildAt: (index: number) => ({ get: (row: number) => values[row]![index] }),
    });
    const result = shapeResult({ schema: { fields: [field('nama', 5), field('n', 2)] }, batches: [batch([['a', 1n], ['b', 2n]]), batch([['c', 3n]])] }, 2);
    expect(result.columns.map((c) => c.name)).toEqual(['nama', 'n']);
    expect(result.rows).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(result.totalRows).toBe(3);
  });
});

describe('paging and cell text', () => {
  const rows = Array.from({ length: 120 }, (_, i): Value[] => [i]);
  const result = table([col('i', 'number', true)], rows);

  it('pages 50 rows at a time and clamps the page number', () => {
    expect(pageOf(result, 1)).toMatchObject({ page: 1, pages: 3, first: 1, last: 50 });
    expect(pageOf(result, 3)).toMatchObject({ page: 3, first: 101, last: 120 });
    expect(pageOf(result, 3).rows).toHaveLength(20);
    expect(pageOf(result, 9).page).toBe(3);
    expect(pageOf(result, 0).page).toBe(1);
    expect(pageOf(table([col('i', 'number')], []), 1)).toMatchObject({ page: 1, pages: 1, first: 0, last: 0 });
  });

  it('formats numbers by language, keeps years and codes plain, shows NULL and suppressed values', () => {
    expect(cellText(1234567, col('penerima', 'number', true), 'id')).toBe('1.234.567');
    expect(cellText(1234567, col('penerima', 'number', true), 'en')).toBe('1,234,567');
    expect(cellText(25.75, col('galat_inklusi', 'number'), 'id')).toBe('25,75');
    expect(cellText(2025, col('tahun', 'number', true), 'id')).toBe('2025');
    expect(cellText(null, col('penerima', 'number', true), 'id')).toBe('–');
    expect(cellText(null, col('penerima', 'number', true), 'id', true)).toBe('disamarkan');
    expect(cellText(null, col('penerima', 'number', true), 'en', true)).toBe('suppressed');
    expect(cellText(true, col('penerima_disamarkan', 'boolean'), 'id')).toBe('ya');
    expect(cellText(false, col('penerima_disamarkan', 'boolean'), 'en')).toBe('no');
  });

  it('finds each column’s _disamarkan companion', () => {
    const columns = [col('penerima', 'number', true), col('nama', 'text'), col('penerima_disamarkan', 'boolean'), col('nama_disamarkan', 'text')];
    expect(suppressionFlags(columns)).toEqual([2, null, null, null]);
  });
});

describe('chart shape', () => {
  it('draws one text and one numeric column, ignoring flags and label numbers', () => {
    const result = table(
      [col('kode_wilayah', 'text'), col('nama', 'text'), col('tahun', 'number', true), col('penerima', 'number', true), col('penerima_disamarkan', 'boolean')],
      [['35', 'Jawa Timur', 2025, 10, false]],
    );
    expect(chartShape(result)).toEqual({ label: 1, value: 3 });
  });

  it('draws nothing for two numeric columns, no label, or no rows', () => {
    expect(chartShape(table([col('a', 'text'), col('x', 'number'), col('y', 'number')], [['a', 1, 2]]))).toBeNull();
    expect(chartShape(table([col('x', 'number')], [[1]]))).toBeNull();
    expect(chartShape(table([col('a', 'text'), col('x', 'number')], []))).toBeNull();
  });

  it('leaves out rows without a value and caps the bars', () => {
    const rows: Value[][] = [['a', 3], ['b', null], ['c', 1], ['d', 2]];
    const result = table([col('nama', 'text'), col('n', 'number', true)], rows);
    expect(chartBars(result, { label: 0, value: 1 }, 2)).toEqual({ bars: [{ label: 'a', value: 3 }, { label: 'c', value: 1 }], withoutValue: 1, left: 1 });
  });
});

describe('downloads', () => {
  const result = table(
    [col('nama', 'text'), col('penerima', 'number', true), col('galat', 'number'), col('penerima_disamarkan', 'boolean')],
    [
      ['Desa "Maju", Timur', 1234, 25.5, false],
      ['Desa Baru', null, null, true],
    ],
  );

  it('writes CSV with a header, commas, dot decimals, quotes where needed and NULL empty', () => {
    const csv = toCsv(result);
    expect(csv).toBe('nama,penerima,galat,penerima_disamarkan\r\n"Desa ""Maju"", Timur",1234,25.5,false\r\nDesa Baru,,,true');
    expect(Papa.parse(csv, { skipEmptyLines: true }).data).toEqual([
      ['nama', 'penerima', 'galat', 'penerima_disamarkan'],
      ['Desa "Maju", Timur', '1234', '25.5', 'false'],
      ['Desa Baru', '', '', 'true'],
    ]);
  });

  it('neutralises formulas in text cells and column names, and keeps negative numbers numeric', () => {
    const risky = table(
      [col('=1+2', 'text'), col('nilai', 'number'), col('teks', 'text')],
      [
        ['=HYPERLINK("http://example.com","x")', -12.5, '-12.5'],
        ['+1', -3, '-2+3'],
        ['@SUM(A1)', 0, '\tx'],
        ['aman', null, 'a=b'],
      ],
    );
    const csv = toCsv(risky);
    expect(csv).toBe(
      [`"'=1+2",nilai,teks`, `"'=HYPERLINK(""http://example.com"",""x"")",-12.5,-12.5`, `+1,-3,"'-2+3"`, `"'@SUM(A1)",0,"'\tx"`, 'aman,,a=b'].join('\r\n'),
    );
    expect(Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.map((row) => row[1])).toEqual(['nilai', '-12.5', '-3', '0', '']);
  });

  it('writes XLSX rows with numbers as numbers and NULL as empty cells', () => {
    const rows = xlsxRows(result);
    expect(rows[0]!.map((c) => c?.value)).toEqual(['nama', 'penerima', 'galat', 'penerima_disamarkan']);
    expect(rows[1]).toEqual([
      { value: 'Desa "Maju", Timur', type: String },
      { value: 1234, type: Number },
      { value: 25.5, type: Number },
      { value: false, type: Boolean },
    ]);
    expect(rows[2]).toEqual([{ value: 'Desa Baru', type: String }, null, null, { value: true, type: Boolean }]);
  });
});

describe('read-only check (DuckDB 1.5 in Node; the browser test runs the same cases in DuckDB-wasm)', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run("CREATE TABLE wilayah AS SELECT * FROM (VALUES ('desa', '1101012001', 'Desa A'), ('kecamatan', '110101', 'Kec B')) t(tingkat, kode_wilayah, nama)");
    await connection.run("CREATE TABLE program AS SELECT 'PKH' AS kode, 'Program Keluarga Harapan' AS nama");
  });

  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  /** The check as the page does it: prepare the wrapper (nothing runs), then read DuckDB's answer. */
  async function verdict(sql: string) {
    try {
      const prepared = await connection.prepare(readOnlyCheckSql(sql));
      prepared.destroySync();
      return readOnlyVerdict(null);
    } catch (error) {
      return readOnlyVerdict((error as Error).message);
    }
  }

  const userObjects = async () =>
    (await connection.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE database_name = 'temp' UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal UNION ALL SELECT function_name FROM duckdb_functions() WHERE NOT internal")).getRowsJS();

  it('embeds the text faithfully: DuckDB reads the literal back as exactly the reader’s text', async () => {
    for (const sql of [...ACCEPTED_SQL.map((c) => c.sql), ...REFUSED_SQL]) {
      const literal = readOnlyCheckSql(sql).replace(/^FROM query\(/, 'SELECT ').replace(/\)$/, ' AS s');
      expect((await connection.runAndReadAll(literal)).getRowsJS()[0]![0], sql).toBe(sql);
    }
  });

  it('lets one read statement through, escape strings, dollar quotes and comments included, and it then runs as written', async () => {
    for (const { sql, x } of ACCEPTED_SQL) {
      expect(await verdict(sql), sql).toEqual({ kind: 'read' });
      const result = await connection.runAndReadAll(sql);
      if (x !== undefined) expect(result.getRowObjectsJS()[0]!.x, sql).toBe(x);
    }
    expect(await userObjects()).toEqual([]);
  });

  it('refuses writes, settings, extensions, attaching, several statements and no statement, and nothing is created', async () => {
    for (const sql of REFUSED_SQL) expect(await verdict(sql), sql).toEqual({ kind: 'refused' });
    expect(await verdict(DYNAMIC_PIVOT_SQL)).toEqual({ kind: 'error', message: expect.stringMatching(/^Parser Error: PIVOT statements without explicit IN clauses/) });
    expect(await userObjects()).toEqual([]);
    // The same texts run directly would have created the shadowing view: the check is what stops them.
    await connection.run(REFUSED_SQL[0]!);
    expect(await userObjects()).toEqual([['wilayah']]);
    await connection.run('DROP VIEW temp.main.wilayah');
  });

  it('shows DuckDB’s own message for a syntax error or an unknown table, without the wrapper’s context, and never lets it run', async () => {
    const typo = await verdict('SELEC * FROM wilayah');
    expect(typo).toEqual({ kind: 'error', message: expect.stringMatching(/^Parser Error: syntax error at or near "SELEC"$/) });
    const unknown = await verdict('SELECT nama FROM tabel_yang_tidak_ada');
    expect(unknown.kind).toBe('error');
    expect(unknown.kind === 'error' && unknown.message).toMatch(/^Catalog Error: Table with name tabel_yang_tidak_ada does not exist!/);
    expect(unknown.kind === 'error' && unknown.message).not.toMatch(/LINE 1|query\(/);
    // A NUL cuts DuckDB's parse short: the literal is then unterminated, an error, so nothing runs.
    expect((await verdict('SELECT 1 AS a\u0000; CREATE TEMP VIEW wilayah AS SELECT 1')).kind).toBe('error');
  });

  it('reads DuckDB-wasm’s JSON errors and keeps other messages', () => {
    const json = JSON.stringify({ exception_type: 'Parser', exception_message: "Expected a single SELECT statement\n\nLINE 1: FROM query('SET x = 1')\n             ^" });
    expect(readOnlyVerdict(json)).toEqual({ kind: 'refused' });
    expect(readOnlyVerdict('Error: Parser Error: Expected a single SELECT statement')).toEqual({ kind: 'refused' });
    expect(readOnlyVerdict("Binder Error: Referenced column \"nme\" not found in FROM clause!\n\nLINE 1: FROM query('SELECT nme FROM wilayah')\n             ^")).toEqual({
      kind: 'error',
      message: 'Binder Error: Referenced column "nme" not found in FROM clause!',
    });
    expect(readOnlyVerdict('Something else')).toEqual({ kind: 'error', message: 'Something else' });
  });
});

describe('engine messages', () => {
  it('turns DuckDB-wasm’s JSON errors into DuckDB’s own wording, and keeps plain text', () => {
    const raw = JSON.stringify({ exception_type: 'Parser', exception_message: 'syntax error at or near "SELEC"\n\nLINE 1: SELEC nama', error_subtype: 'SYNTAX_ERROR' });
    expect(engineMessage(raw)).toBe('Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC nama');
    expect(engineMessage('Catalog Error: Table with name x does not exist!')).toBe('Catalog Error: Table with name x does not exist!');
    expect(engineMessage('Error: {not json')).toBe('{not json');
  });
});

describe('URL state', () => {
  it('reads and writes ?q= and hal=, keeping other parameters', () => {
    expect(parseExploreUrl('?q=SELECT%201&hal=3')).toEqual({ q: 'SELECT 1', page: 3 });
    expect(parseExploreUrl('?hal=x')).toEqual({ q: '', page: 1 });
    expect(parseExploreUrl('')).toEqual({ q: '', page: 1 });
    expect(exploreSearch({ q: 'SELECT * FROM wilayah', page: 1 })).toBe('?q=SELECT+*+FROM+wilayah');
    expect(exploreSearch({ q: 'SELECT 1', page: 2 }, '?lain=1')).toBe('?lain=1&q=SELECT+1&hal=2');
    expect(exploreSearch({ q: '  ', page: 2 }, '?q=old&hal=4')).toBe('');
    const sql = "SELECT nama FROM wilayah WHERE nama LIKE '%Jaya%' AND x = 'a&b'";
    expect(parseExploreUrl(exploreSearch({ q: sql, page: 5 }))).toEqual({ q: sql, page: 5 });
  });
});
