/**
 * One quirk of real BPS downloads per fixture and test (DOMAIN.md, issue 6).
 * Each file in test/fixtures/bps/quirks/ is plain (comma, LF, one header row,
 * no BOM) except for the one quirk its name says, so a test fails for that
 * quirk alone. Every test reads the bytes (scripts/bps/read-table.ts) and
 * imports them (scripts/bps/import.ts), and checks the values exactly, as the
 * canonical decimal text the importer writes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpsTables, type ImportResult } from '../../scripts/bps/import.ts';
import { RegionIndex } from '../../scripts/bps/names.ts';
import { readBpsTable, type BpsTable } from '../../scripts/bps/read-table.ts';

const index = RegionIndex.load();
const bytesOf = (name: string) => readFileSync(new URL(`../fixtures/bps/quirks/${name}`, import.meta.url));

function load(name: string): { bytes: Buffer; table: BpsTable; result: ImportResult; values: Record<string, string> } {
  const bytes = bytesOf(name);
  const table = readBpsTable(bytes, name);
  const result = importBpsTables([table], index);
  const values = Object.fromEntries(result.rows.map((r) => [`${r.kode_wilayah} ${r.tahun} ${r.indikator}`, r.nilai]));
  return { bytes, table, result, values };
}

describe('UTF-8 BOM (bom.csv)', () => {
  const { bytes, table, result, values } = load('bom.csv');

  it('drops the BOM: the title and the first name carry no U+FEFF', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.title.startsWith('Persentase')).toBe(true);
    expect(JSON.stringify(table)).not.toContain('\uFEFF');
  });

  it('imports the value', () => {
    expect(values).toEqual({ '3517 2025 p0': '9.05' });
    expect(result.rejected).toEqual([]);
  });
});

describe('several header rows (header-rows.csv)', () => {
  const { table, values } = load('header-rows.csv');

  it('reads two title lines, a group header, a year row and a "(1) (2) (3)" row as headers', () => {
    expect(table.headerLines).toEqual([3, 4, 5]);
    expect(table.columns.map((c) => [c.indicator, c.year, c.unit])).toEqual([
      ['p0', 2025, 'persen'],
      ['jumlah_miskin', 2025, 'jiwa'],
    ]);
    expect(table.rows.map((r) => [r.line, r.name])).toEqual([[6, 'Jombang']]);
  });

  it('imports the one data row, not a header as data', () => {
    expect(values).toEqual({ '3517 2025 p0': '9.05', '3517 2025 jumlah_miskin': '121480' });
  });
});

describe('years as column groups (years-columns.csv)', () => {
  const { table, values } = load('years-columns.csv');

  it('takes the indicator from the title and one year per column', () => {
    expect(table.columns.map((c) => [c.index, c.indicator, c.year])).toEqual([
      [1, 'garis_kemiskinan', 2023],
      [2, 'garis_kemiskinan', 2024],
      [3, 'garis_kemiskinan', 2025],
    ]);
    expect(values).toEqual({
      '3517 2023 garis_kemiskinan': '466210',
      '3517 2024 garis_kemiskinan': '489940',
      '3517 2025 garis_kemiskinan': '512330',
    });
  });
});

describe('province rows marked only by upper case (province-rows.csv)', () => {
  const { result, values } = load('province-rows.csv');

  it('imports each upper-case row at province level', () => {
    expect(values['63 2025 p0']).toBe('3.97');
    expect(values['32 2025 p0']).toBe('7.02');
  });

  it('matches the same bare name inside the province above it: Banjar is Kabupaten Banjar in Kalimantan Selatan, Kota Banjar in Jawa Barat', () => {
    expect(values['6303 2025 p0']).toBe('2.72');
    expect(values['3279 2025 p0']).toBe('5.8');
    const banjar = result.names.filter((n) => n.name === 'Banjar').map((n) => [n.province, n.code, n.officialName]);
    expect(banjar).toEqual([
      ['Jawa Barat', '3279', 'Kota Banjar'],
      ['Kalimantan Selatan', '6303', 'Kabupaten Banjar'],
    ]);
  });

  it('without the province rows, the same name is ambiguous and nothing is imported for it', () => {
    const text = bytesOf('province-rows.csv').toString('utf8').split('\n').filter((line) => !/^[A-Z ]+,/.test(line)).join('\n');
    const bare = importBpsTables([readBpsTable(Buffer.from(text), 'tanpa-provinsi.csv')], index);
    expect(bare.rows).toEqual([]);
    expect(bare.rejected.map((r) => r.code)).toEqual(['BPS_NAME_AMBIGUOUS', 'BPS_NAME_AMBIGUOUS']);
  });
});

describe('`-` and `...` on matched rows (missing.csv)', () => {
  const { result, values } = load('missing.csv');

  it('imports no value for them, counts them missing and does not reject them', () => {
    expect(result.names.map((n) => [n.name, n.status])).toEqual([
      ['Jombang', 'matched'],
      ['Tanah Bumbu', 'matched'],
    ]);
    expect(values).toEqual({ '3517 2025 p0': '9.05', '6310 2024 p0': '4.74' });
    expect(values['3517 2024 p0']).toBeUndefined(); // "-"
    expect(values['6310 2025 p0']).toBeUndefined(); // "..."
    expect(result.files[0]!.missing).toBe(2);
    expect(result.files[0]!.values).toBe(2);
    expect(result.rejected).toEqual([]);
  });
});

describe('decimal commas mixed with dots in one column (decimal-mixed.csv)', () => {
  const { table, values } = load('decimal-mixed.csv');

  it('reads "1,12" as 1.12 beside 1.05, "0,9" as 0.9 beside 0.617', () => {
    expect(table.columns.map((c) => [c.indicator, c.year])).toEqual([['p1', 2025]]);
    expect(values).toEqual({
      '3517 2025 p1': '1.12',
      '6310 2025 p1': '1.05',
      '6311 2025 p1': '0.9',
      '2103 2025 p1': '0.617',
    });
  });
});

describe('`;` separator (semicolon.csv)', () => {
  const { table, values } = load('semicolon.csv');

  it('splits on ; and keeps the unquoted decimal comma inside its cell', () => {
    expect(table.delimiter).toBe(';');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Jombang', '9,05'],
      ['Tanah Bumbu', '4,54'],
    ]);
    expect(values).toEqual({ '3517 2025 p0': '9.05', '6310 2025 p0': '4.54' });
  });
});

describe('CRLF line ends (crlf.csv)', () => {
  const { bytes, table, values } = load('crlf.csv');

  it('counts CRLF as one line end and leaves no \\r in any cell', () => {
    expect(bytes.toString('latin1').split('\r\n')).toHaveLength(5);
    expect(table.rows.map((r) => r.line)).toEqual([3, 4]);
    expect(table.rows.flatMap((r) => r.cells).some((c) => c.includes('\r'))).toBe(false);
    expect(values).toEqual({ '3517 2025 p0': '9.05', '6310 2025 p0': '4.54' });
  });
});

describe('footnote rows (footnotes.csv)', () => {
  const { table, result, values } = load('footnotes.csv');

  it('sets "*) …", "Sumber:" and "Catatan:" aside by line, and imports none of them', () => {
    expect(table.footnotes.map((f) => f.line)).toEqual([5, 6, 7]);
    expect(table.footnotes.map((f) => f.text)).toEqual(['*) angka sementara', 'Sumber: Badan Pusat Statistik', 'Catatan: angka fiktif untuk pengujian']);
    expect(table.rows.map((r) => r.name)).toEqual(['Jombang', 'Tanah Bumbu']);
    expect(result.rejected).toEqual([]);
    expect(result.files[0]!.footnotes).toHaveLength(3);
  });

  it('drops the footnote mark from a value: "9.05*" is 9.05', () => {
    expect(values).toEqual({ '3517 2025 p0': '9.05', '6310 2025 p0': '4.54' });
  });
});

describe('trailing (and leading) spaces (trailing-spaces.csv)', () => {
  const { table, result, values } = load('trailing-spaces.csv');

  it('trims names, headers and values', () => {
    expect(table.rows.map((r) => r.rawName)).toEqual(['Jombang', 'Tanah Bumbu']);
    expect(table.columns.map((c) => c.year)).toEqual([2025]);
    expect(result.names.every((n) => n.status === 'matched')).toBe(true);
    expect(values).toEqual({ '3517 2025 p0': '9.05', '6310 2025 p0': '4.54' });
  });
});

describe('names without codes, and BPS codes that are not Kemendagri codes', () => {
  const expected = { '3174 2025 p0': '3.05', '3171 2025 p0': '4.1' }; // Kemendagri: 31.74 Jakarta Selatan, 31.71 Jakarta Pusat

  it('matches names alone to Kemendagri codes (names-without-codes.csv)', () => {
    const { table, values } = load('names-without-codes.csv');
    expect(table.nameColumn).toBe(0);
    expect(values).toEqual(expected);
  });

  it('ignores a BPS code column: BPS 3171 (Jakarta Selatan) is imported as Kemendagri 3174, never by its digits (bps-codes.csv)', () => {
    const { table, values } = load('bps-codes.csv');
    expect(table.nameColumn).toBe(1);
    expect(table.rows[0]!.cells[0]).toBe('3171');
    expect(values).toEqual(expected);
  });
});

describe('all five indicators for two years in one wide table (five-indicators.csv)', () => {
  const { table, result, values } = load('five-indicators.csv');

  it('reads ten columns: five indicator groups × two years', () => {
    expect(table.columns.map((c) => `${c.indicator} ${c.year}`)).toEqual([
      'p0 2024', 'p0 2025', 'jumlah_miskin 2024', 'jumlah_miskin 2025', 'p1 2024', 'p1 2025', 'p2 2024', 'p2 2025', 'garis_kemiskinan 2024', 'garis_kemiskinan 2025',
    ]);
  });

  it('imports every value exactly (counts in persons, trailing zeros of the text dropped)', () => {
    expect(result.rejected).toEqual([]);
    const row = (kode: string, year: number, p0: string, jumlah: string, p1: string, p2: string, garis: string) => ({
      [`${kode} ${year} p0`]: p0,
      [`${kode} ${year} jumlah_miskin`]: jumlah,
      [`${kode} ${year} p1`]: p1,
      [`${kode} ${year} p2`]: p2,
      [`${kode} ${year} garis_kemiskinan`]: garis,
    });
    expect(values).toEqual({
      ...row('35', 2024, '9.79', '3982690', '1.55', '0.35', '523430'),
      ...row('35', 2025, '9.5', '3893740', '1.49', '0.33', '548010'),
      ...row('3517', 2024, '9.05', '121480', '1.33', '0.28', '489940'),
      ...row('3517', 2025, '8.88', '119700', '1.3', '0.27', '512330'),
      ...row('3578', 2024, '3.96', '118520', '0.52', '0.11', '701245'),
      ...row('3578', 2025, '3.82', '114310', '0.49', '0.1', '733586'),
    });
    expect(result.rows.map((r) => r.satuan).filter((s, i, all) => all.indexOf(s) === i).sort()).toEqual(['%', 'indeks', 'jiwa', 'rupiah/kapita/bulan']);
  });
});
