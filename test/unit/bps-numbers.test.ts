/**
 * The number rules of the BPS importer (scripts/bps/numbers.ts,
 * docs/bps-import.md): every separator convention BPS files use, read
 * exactly, and the one case that is never guessed.
 */
import { describe, expect, it } from 'vitest';
import { parseColumn, timesThousand, type CellValue, type ColumnUnit } from '../../scripts/bps/numbers.ts';

const values = (cells: string[], unit: ColumnUnit) => parseColumn(cells, unit).map((v: CellValue) => (v.kind === 'value' ? v.text : v.kind === 'invalid' ? v.code : v.kind));

describe('decimal separators', () => {
  it('reads decimal commas and decimal dots, even mixed in one column', () => {
    expect(values(['9,55', '10.35', '0,2', '12'], 'persen')).toEqual(['9.55', '10.35', '0.2', '12']);
  });

  it('keeps the value exactly: canonical text, no floating point on the way', () => {
    expect(values(['0,10', '007,50', '3,141592653589793'], 'indeks')).toEqual(['0.1', '7.5', '3.141592653589793']);
  });

  it('with both separators, the last is the decimal one: 1.234,5 = 1,234.5', () => {
    expect(values(['1.234,5', '1,234.5', '1.234.567,89'], 'rupiah')).toEqual(['1234.5', '1234.5', '1234567.89']);
  });
});

describe('thousands separators', () => {
  it('a repeated separator groups thousands', () => {
    expect(values(['1.234.567', '1,234,567'], 'jiwa')).toEqual(['1234567', '1234567']);
  });

  it('spaces between groups of three are grouping', () => {
    expect(values(['4 181,29', '609 160'], 'rupiah')).toEqual(['4181.29', '609160']);
  });

  it('refuses groups that are not three digits', () => {
    expect(values(['1.23.456', '12,34,567', '1.234,5,6'], 'rupiah')).toEqual(['BPS_NUMBER_INVALID', 'BPS_NUMBER_INVALID', 'BPS_NUMBER_INVALID']);
  });
});

describe('a lone separator before three digits (12.345)', () => {
  it('takes the role another value of the same column proves', () => {
    // ',' is proven decimal by 6,34 → '.' groups thousands.
    expect(values(['12.345', '6,34'], 'ribu_jiwa')).toEqual(['12345000', '6340']);
    // '.' is proven decimal by 6.34 → 12.345 thousand.
    expect(values(['12.345', '6.34'], 'ribu_jiwa')).toEqual(['12345', '6340']);
    // '.' is proven grouping by 1.234.567 → 609.160 is grouping too.
    expect(values(['609.160', '1.234.567'], 'rupiah')).toEqual(['609160', '1234567']);
  });

  it('otherwise the unit decides: rupiah and persons group, percent and index are decimal', () => {
    expect(values(['609.160', '582,932'], 'rupiah')).toEqual(['609160', '582932']);
    expect(values(['121.480'], 'jiwa')).toEqual(['121480']);
    expect(values(['12.345'], 'persen')).toEqual(['12.345']);
    expect(values(['0,125'], 'indeks')).toEqual(['0.125']);
  });

  it('is never guessed in a thousands-of-persons column that proves nothing', () => {
    expect(values(['12.345', '40'], 'ribu_jiwa')).toEqual(['BPS_NUMBER_AMBIGUOUS', '40000']);
  });
});

describe('missing values, marks and units', () => {
  it('reads -, ..., … and NA as missing and empty cells as empty', () => {
    expect(values(['-', '...', '…', '..', 'NA', 'n.a.', '–', '', '  '], 'persen')).toEqual([
      'missing', 'missing', 'missing', 'missing', 'missing', 'missing', 'missing', 'empty', 'empty',
    ]);
  });

  it('drops trailing spaces, no-break spaces and a provisional-figure mark', () => {
    expect(values([' 9,55 ', '9,55\u00a0', '9,55*', '9,55*)', '9,55¹'], 'persen')).toEqual(['9.55', '9.55', '9.55', '9.55', '9.55']);
  });

  it('refuses words, units and signs', () => {
    expect(values(['9,55 %', 'Rp 609.160', 'n/a x', '-3', '1,2 juta'], 'persen').every((v) => v === 'BPS_NUMBER_INVALID')).toBe(true);
  });

  it('stores thousands of persons as persons by moving the decimal point, exactly', () => {
    expect(values(['40,49', '121,48', '3 982,69', '0,005', '12'], 'ribu_jiwa')).toEqual(['40490', '121480', '3982690', '5', '12000']);
    expect(timesThousand('1.23456')).toBe('1234.56');
    expect(Number(timesThousand('40.49'))).toBe(40490); // 40.49 * 1000 in floating point is 40490.00000000001
  });
});
