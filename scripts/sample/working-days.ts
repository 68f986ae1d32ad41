/**
 * Working-day arithmetic for complaint deadlines: weekends and the dates in
 * data/reference/hari-libur.csv (national holidays and cuti bersama) are not
 * working days. The holiday list is data because it changes every year.
 */
import { weekday } from './dates.ts';

export class WorkingCalendar {
  private readonly holidays: ReadonlySet<number>;

  constructor(holidayDays: Iterable<number>) {
    this.holidays = new Set(holidayDays);
  }

  isWorkingDay(day: number): boolean {
    const wd = weekday(day);
    return wd !== 0 && wd !== 6 && !this.holidays.has(day);
  }

  /** The same day if it is a working day, else the next one. */
  onOrAfter(day: number): number {
    let d = day;
    while (!this.isWorkingDay(d)) d++;
    return d;
  }

  /** The working day `count` working days after `day` (count 0 = onOrAfter(day)). */
  add(day: number, count: number): number {
    let d = this.onOrAfter(day);
    for (let left = count; left > 0; left--) d = this.onOrAfter(d + 1);
    return d;
  }

  /** Working days strictly after `from` up to and including `to`. */
  between(from: number, to: number): number {
    let count = 0;
    for (let d = from + 1; d <= to; d++) if (this.isWorkingDay(d)) count++;
    return count;
  }
}
