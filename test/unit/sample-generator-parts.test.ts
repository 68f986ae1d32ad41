import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, parseIsoDate, weekday } from '../../scripts/sample/dates.ts';
import { NIK_FLAWS, applyFlaw, buildKk, buildNik, excelForm, isStructurallyValidNik } from '../../scripts/sample/nik.ts';
import { readReference } from '../../scripts/sample/reference.ts';
import { rngFor } from '../../scripts/sample/rng.ts';
import { WorkingCalendar } from '../../scripts/sample/working-days.ts';

describe('sample dates', () => {
  it('round-trips day numbers and knows the weekday', () => {
    for (const text of ['1970-01-01', '2000-02-29', '2026-10-31', '1945-08-17']) expect(isoDate(parseIsoDate(text))).toBe(text);
    expect(weekday(parseIsoDate('2026-10-31'))).toBe(6); // a Saturday
    expect(() => parseIsoDate('2026-02-30')).toThrow();
  });
});

describe('sample NIK', () => {
  const birth = dayNumber(1978, 4, 12);

  it('encodes kecamatan, birth date (+40 for women) and serial', () => {
    expect(buildNik('351701', birth, false, 2)).toBe('3517011204780002');
    expect(buildNik('351701', birth, true, 1)).toBe('3517015204780001');
    expect(buildKk('351701', dayNumber(2024, 1, 20), 3)).toBe('3517012001240003');
  });

  it('every flaw breaks exactly the structure, Excel form loses digits', () => {
    const nik = buildNik('351701', birth, true, 7);
    expect(isStructurallyValidNik(nik)).toBe(true);
    for (const flaw of NIK_FLAWS) expect(isStructurallyValidNik(applyFlaw(nik, flaw)), flaw).toBe(false);
    expect(excelForm('3517011204780002')).toBe('3.51701E+15');
    expect(excelForm('3500000000000001')).toBe('3.5E+15');
  });
});

describe('sample randomness', () => {
  it('is a pure function of seed and labels', () => {
    const draw = (seed: number, label: string) => Array.from({ length: 5 }, ((r) => () => r.next())(rngFor(seed, label)));
    expect(draw(42, 'a')).toEqual(draw(42, 'a'));
    expect(draw(42, 'a')).not.toEqual(draw(42, 'b'));
    expect(draw(42, 'a')).not.toEqual(draw(43, 'a'));
  });
});

describe('sample working days', () => {
  const calendar = new WorkingCalendar(readReference().holidays);

  it('skips weekends and the holidays of hari-libur.csv', () => {
    // Thursday 2026-03-19 is Nyepi; Idul Fitri and cuti bersama run to Tuesday 24 March.
    const wednesday = parseIsoDate('2026-03-18');
    expect(calendar.isWorkingDay(wednesday)).toBe(false); // cuti bersama
    expect(isoDate(calendar.add(parseIsoDate('2026-03-17'), 1))).toBe('2026-03-25');
    expect(isoDate(calendar.add(parseIsoDate('2026-10-30'), 1))).toBe('2026-11-02'); // Friday → Monday
    expect(calendar.between(parseIsoDate('2026-10-30'), parseIsoDate('2026-11-06'))).toBe(5);
  });
});
