/**
 * Reading BPS tables as downloaded (scripts/bps/read-table.ts), one quirk per
 * test, on the fixtures in test/fixtures/bps/:
 * - jatim-kalsel-p0-jumlah.csv: UTF-8 BOM, `;`, CRLF, two title lines, two
 *   header rows (indicator groups × years) plus a "(1) (2)…" row, upper-case
 *   province rows, decimal commas, space-grouped thousands, `-` and `...`,
 *   trailing spaces, footnote rows;
 * - garis-kemiskinan-sumbar-kepri.csv: `,`, quoted cells, a BPS code column,
 *   the INDONESIA row, the indicator only in the title;
 * - p1-p2-2025.csv: Windows-1252, a Provinsi column, the year only in the title;
 * - not-a-csv.xlsx.csv: an Excel workbook renamed to .csv.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BpsFileError } from '../../scripts/bps/errors.ts';
import { readBpsTable } from '../../scripts/bps/read-table.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/bps/${name}`, import.meta.url));
const read = (name: string) => readBpsTable(fixture(name), name);

describe('a regional portal export (BOM, ;, CRLF, several header rows)', () => {
  const table = read('jatim-kalsel-p0-jumlah.csv');

  it('decodes UTF-8 with a BOM and detects the ; separator despite unquoted decimal commas', () => {
    expect(fixture('jatim-kalsel-p0-jumlah.csv').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.delimiter).toBe(';');
    expect(table.title.startsWith('Persentase')).toBe(true); // no BOM character left in the text
  });

  it('reads years as column groups under their indicator', () => {
    expect(table.columns.map((c) => [c.indicator, c.year, c.unit])).toEqual([
      ['p0', 2024, 'persen'],
      ['p0', 2025, 'persen'],
      ['jumlah_miskin', 2024, 'ribu_jiwa'],
      ['jumlah_miskin', 2025, 'ribu_jiwa'],
    ]);
    expect(table.headerLines).toEqual([3, 4, 5]);
  });

  it('numbers rows by their line in the file (CRLF counted once) and trims trailing spaces from names', () => {
    expect(table.rows.map((r) => [r.line, r.name])).toEqual([
      [6, 'JAWA TIMUR'],
      [7, 'Jombang'],
      [8, 'Kota Malang'],
      [9, 'Malang'],
      [10, 'Mojokerto'],
      [11, 'KALIMANTAN SELATAN'],
      [12, 'Banjar'],
      [13, 'Tanah Bumbu'],
    ]);
  });

  it('sets footnote rows aside', () => {
    expect(table.footnotes.map((f) => f.line)).toEqual([14, 15]);
    expect(table.footnotes[0]!.text).toContain('Sumber');
  });
});

describe('a bps.go.id export (, and quotes, a code column, the national row)', () => {
  const table = read('garis-kemiskinan-sumbar-kepri.csv');

  it('ignores the BPS code column and takes the indicator from the title', () => {
    expect(table.delimiter).toBe(',');
    expect(table.nameColumn).toBe(1);
    expect(table.columns.map((c) => [c.index, c.indicator, c.year, c.unit])).toEqual([
      [2, 'garis_kemiskinan', 2024, 'rupiah'],
      [3, 'garis_kemiskinan', 2025, 'rupiah'],
    ]);
  });

  it('skips the INDONESIA row', () => {
    expect(table.national).toEqual([3]);
    expect(table.rows.map((r) => r.name)).not.toContain('INDONESIA');
  });
});

describe('a Windows-1252 file with a province column', () => {
  const table = read('p1-p2-2025.csv');

  it('decodes Windows-1252 (the en dash in the title)', () => {
    expect(table.encoding).toBe('windows-1252');
    expect(table.title).toContain('\u2013 Maret 2025');
  });

  it('takes the year from the title and each row’s province from its column', () => {
    expect(table.columns.map((c) => [c.indicator, c.year])).toEqual([
      ['p1', 2025],
      ['p2', 2025],
    ]);
    expect(table.provinceColumn).toBe(0);
    expect(table.rows[0]).toMatchObject({ name: 'Padang Pariaman', province: 'Sumatera Barat' });
  });
});

describe('files that cannot be read', () => {
  it('refuses an Excel workbook renamed to .csv', () => {
    expect(() => read('not-a-csv.xlsx.csv')).toThrow(BpsFileError);
    expect(() => read('not-a-csv.xlsx.csv')).toThrow(/BPS_FILE_NOT_TEXT/);
  });

  it('refuses a table with no recognisable indicator, and an empty file', () => {
    expect(() => readBpsTable(Buffer.from('Tabel;\nKabupaten/Kota;Angka 2025\nJombang;12\n'), 'x.csv')).toThrow(/BPS_FILE_NO_INDICATOR/);
    expect(() => readBpsTable(Buffer.from(''), 'x.csv')).toThrow(/BPS_FILE_EMPTY/);
  });

  it('leaves out a column whose year or unit is unknown, and says why', () => {
    const table = readBpsTable(
      Buffer.from('Kabupaten/Kota;P0 2025;P0;Jumlah Penduduk Miskin 2025\nJombang;9,05;9,1;121,48\n'),
      'x.csv',
    );
    expect(table.columns.map((c) => c.index)).toEqual([1]);
    expect(table.ignoredColumns.map((c) => c.code)).toEqual(['BPS_COLUMN_NO_YEAR', 'BPS_COLUMN_UNIT_UNKNOWN']);
  });
});
