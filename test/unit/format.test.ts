import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatPublished,
  formatRupiah,
  formatRupiahFull,
} from '../../src/lib/format.ts';

describe('format', () => {
  it('writes numbers with the language’s separators', () => {
    expect(formatNumber(1234567, 'id')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(0, 'id')).toBe('0');
  });

  it('writes shares with one decimal', () => {
    expect(formatPercent(12.3, 'id')).toBe('12,3%');
    expect(formatPercent(12.3, 'en')).toBe('12.3%');
    expect(formatPercent(100, 'id')).toBe('100,0%');
  });

  it('writes rupiah in words for large amounts and in full otherwise', () => {
    expect(formatRupiah(1_234_567_890, 'id')).toBe('Rp1,2 miliar');
    expect(formatRupiah(1_234_567_890, 'en')).toBe('Rp1.2 billion');
    expect(formatRupiah(350_000_000, 'id')).toBe('Rp350 juta');
    expect(formatRupiah(2_500_000_000_000, 'id')).toBe('Rp2,5 triliun');
    expect(formatRupiah(200_000, 'id')).toBe('Rp\u00a0200.000');
    expect(formatRupiahFull(1_234_567, 'id')).toBe('Rp\u00a01.234.567');
    expect(formatRupiahFull(1_234_567, 'en')).toBe('Rp\u00a01,234,567');
    // The same as Intl's own IDR format, without decimals.
    expect(formatRupiahFull(1_234_567, 'id')).toBe(
      new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(1_234_567),
    );
  });

  it('writes dates and quarters in words', () => {
    expect(formatDate('2026-10-31', 'id')).toBe('31 Oktober 2026');
    expect(formatDate('2026-10-31', 'en')).toBe('31 October 2026');
    expect(formatDate('2026-03-01', 'id')).toBe('1 Maret 2026');
    expect(formatDate('not a date', 'id')).toBe('not a date');
    expect(formatPeriod('2026-Q3', 'id')).toBe('Triwulan III 2026');
    expect(formatPeriod('2026-Q3', 'en')).toBe('Q3 2026');
    expect(formatPeriod('2025', 'id')).toBe('2025');
  });

  it('reads a suppressed value as "disamarkan", never 0', () => {
    expect(formatPublished({ value: null, suppressed: true }, 'count', 'id')).toBe('disamarkan');
    expect(formatPublished({ value: null, suppressed: true }, 'percent', 'en')).toBe('suppressed');
    // The flag wins even if a value came along with it.
    expect(formatPublished({ value: 0, suppressed: true }, 'count', 'id')).toBe('disamarkan');
    expect(formatPublished({ value: null, suppressed: false }, 'count', 'id')).toBe('–');
    expect(formatPublished({ value: 0, suppressed: false }, 'count', 'id')).toBe('0');
    expect(formatPublished({ value: 57, suppressed: false }, 'percent', 'id')).toBe('57,0%');
    expect(formatPublished({ value: 1234, suppressed: false, atLeast: true }, 'count', 'id')).toBe('sedikitnya 1.234');
    expect(formatPublished({ value: 1234, suppressed: false, atLeast: true }, 'count', 'en')).toBe('at least 1,234');
  });
});
