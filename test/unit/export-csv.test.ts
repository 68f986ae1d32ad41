/**
 * The export bar's CSV writer (`src/lib/export/csv.ts`): what a reader gets
 * when downloading a chart's or table's data.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BOM, csvField, exportFileName, neutraliseFormula, slug, tableToCsv, type ExportCell } from '../../src/lib/export/csv.ts';

const v = (value: string): ExportCell => ({ value, suppressed: false });
const suppressed: ExportCell = { value: '', suppressed: true };

describe('tableToCsv', () => {
  it('writes a BOM, a header row, comma-separated fields and CRLF line ends', () => {
    const csv = tableToCsv({ columns: ['desil', 'keluarga'], rows: [[v('1'), v('1234')], [v('2'), v('56.5')]] });
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('desil,keluarga\r\n1,1234\r\n2,56.5\r\n');
  });

  it('leaves out the BOM on request', () => {
    expect(tableToCsv({ columns: ['a'], rows: [[v('1')]] }, { bom: false })).toBe('a\r\n1\r\n');
  });

  it('writes a suppressed cell empty, never 0, with a _disamarkan column after it', () => {
    const csv = tableToCsv({ columns: ['wilayah', 'penerima', 'layak'], rows: [[v('Aceh'), suppressed, v('10')], [v('Bali'), v('7'), v('')]] }, { bom: false });
    expect(csv).toBe('wilayah,penerima,penerima_disamarkan,layak\r\nAceh,,true,10\r\nBali,7,false,\r\n');
  });

  it('adds no _disamarkan column where nothing is suppressed, and keeps an empty value empty', () => {
    expect(tableToCsv({ columns: ['a', 'b'], rows: [[v(''), v('3')]] }, { bom: false })).toBe('a,b\r\n,3\r\n');
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('Kota Bandung, Jawa Barat')).toBe('"Kota Bandung, Jawa Barat"');
    expect(csvField('kata "kunci"')).toBe('"kata ""kunci"""');
    expect(csvField('dua\nbaris')).toBe('"dua\nbaris"');
    expect(csvField('Nanggroe Aceh')).toBe('Nanggroe Aceh');
    const csv = tableToCsv({ columns: ['nama'], rows: [[v('A, B')]] }, { bom: false });
    expect(csv).toBe('nama\r\n"A, B"\r\n');
  });

  it('pads a short row with empty cells', () => {
    expect(tableToCsv({ columns: ['a', 'b'], rows: [[v('1')]] }, { bom: false })).toBe('a,b\r\n1,\r\n');
  });
});

describe('formulas', () => {
  it('writes text a spreadsheet would run as a formula with a leading apostrophe, quoted', () => {
    expect(csvField('=1+2')).toBe(`"'=1+2"`);
    expect(csvField('+SUM(A1:A9)')).toBe(`"'+SUM(A1:A9)"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\t=1+2')).toBe(`"'\t=1+2"`);
    expect(csvField('\r=1+2')).toBe(`"'\r=1+2"`);
    expect(csvField('=HYPERLINK("http://example.com/?x","klik")')).toBe(`"'=HYPERLINK(""http://example.com/?x"",""klik"")"`);
    expect(csvField('-')).toBe(`"'-"`);
    expect(csvField('- 5')).toBe(`"'- 5"`);
    expect(csvField('-Infinity')).toBe(`"'-Infinity"`);
  });

  it('keeps numbers, negative ones included, and ordinary text as they are', () => {
    for (const number of ['-12.5', '-3', '+4', '0', '-0.25', '-.5', '12.', '-1.5e-7', '+2E10', '1234567']) {
      expect(csvField(number), number).toBe(number);
      expect(neutraliseFormula(number), number).toBe(number);
    }
    for (const text of ['Kota Bandung', 'a=b', 'x-1', 'nama@contoh.id', '2026-10-31', '–']) expect(csvField(text), text).toBe(text);
  });

  it('neutralises cells and column names in the whole table; a spreadsheet-style reader gets the text back with its apostrophe', () => {
    const csv = tableToCsv({ columns: ['=nama', 'nilai'], rows: [[v('=cmd|"/c calc"!A1'), v('-12.5')], [v('@x'), v('-7')]] }, { bom: false });
    expect(csv).toBe(`"'=nama",nilai\r\n"'=cmd|""/c calc""!A1",-12.5\r\n"'@x",-7\r\n`);
    expect(Papa.parse<string[]>(csv, { skipEmptyLines: true }).data).toEqual([
      ["'=nama", 'nilai'],
      [`'=cmd|"/c calc"!A1`, '-12.5'],
      ["'@x", '-7'],
    ]);
  });
});

describe('file names', () => {
  it('name the figure, release and period, file-name safe', () => {
    expect(exportFileName({ id: 'desil-chart', release: '2026-11-23-ab12cd', period: '23 November 2026' }, 'csv')).toBe('terang-desil-chart-2026-11-23-ab12cd-23-november-2026.csv');
    expect(exportFileName({ id: 'sasaran-ranked', release: '2026-11-23', period: 'Triwulan III 2026' }, 'png')).toBe('terang-sasaran-ranked-2026-11-23-triwulan-iii-2026.png');
  });

  it('leave out what a table does not have', () => {
    expect(exportFileName({ id: 'regions-table' }, 'csv')).toBe('terang-regions-table.csv');
    expect(exportFileName({ id: 'x', release: null, period: '' }, 'svg')).toBe('terang-x.svg');
  });

  it('slug drops accents and punctuation', () => {
    expect(slug('Pengaduan · Jan–Des 2026 (é)')).toBe('pengaduan-jan-des-2026-e');
  });
});
