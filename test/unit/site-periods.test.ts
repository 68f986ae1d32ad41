import { describe, expect, it } from 'vitest';
import { latestCompleteQuarter, latestFullYear, quarterEnd } from '../../src/lib/data/periods.ts';

describe('default periods of the site', () => {
  it('knows when a quarter ends', () => {
    expect(quarterEnd('2026-Q1')).toBe('2026-03-31');
    expect(quarterEnd('2024-Q1')).toBe('2024-03-31');
    expect(quarterEnd('2026-Q4')).toBe('2026-12-31');
    expect(quarterEnd('2026')).toBeNull();
  });

  it('shows the latest quarter that has ended by the data date', () => {
    const periods = ['2026', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
    expect(latestCompleteQuarter(periods, '2026-10-31')).toBe('2026-Q3');
    expect(latestCompleteQuarter(periods, '2026-12-31')).toBe('2026-Q4');
    // A program paid only in some quarters (PIP, by semester).
    expect(latestCompleteQuarter(['2025-Q4', '2026-Q2', '2026'], '2026-10-31')).toBe('2026-Q2');
    // Nothing ended yet: the latest there is.
    expect(latestCompleteQuarter(['2026-Q4'], '2026-10-31')).toBe('2026-Q4');
    expect(latestCompleteQuarter(['2026'], '2026-10-31')).toBeNull();
  });

  it('shows the latest year fully inside the data', () => {
    expect(latestFullYear([2024, 2025, 2026], '2026-10-31', '2024-10-01')).toBe(2025);
    expect(latestFullYear([2024, 2025, 2026], '2026-10-31', '2025-02-01')).toBe(2025);
    expect(latestFullYear([2025, 2026], '2026-10-31', '2025-02-01')).toBe(2025);
    expect(latestFullYear([2026], '2026-10-31', '2026-01-01')).toBe(2026);
    expect(latestFullYear([], '2026-10-31', null)).toBeNull();
  });
});
