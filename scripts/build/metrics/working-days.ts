/**
 * The working-day calendar in SQL: `cal_workday(tanggal, is_workday,
 * workday_index)`. Saturdays, Sundays and every date in `clean_holidays`
 * (national holidays and cuti bersama, kept as data because the joint decree
 * changes every year) are not working days.
 *
 * `workday_index` counts the working days from the start of the calendar up to
 * and including `tanggal`, so a non-working day has the index of the working
 * day before it. The working days between two moments are
 *
 *     workday_index(end date) − workday_index(start date)
 *
 * i.e. the working days strictly after the start date up to and including the
 * end date. The day a complaint is received is day 0; a reply on the next
 * working day is 1; received on a Saturday and answered on Monday is also 1
 * (the clock starts on the next working day); answered the same day is 0.
 * Time of day is ignored: deadlines in the service standards count days.
 */
import type { Db } from '../db.ts';

export const WORKDAY_TABLE = 'cal_workday';

export interface CalendarRange {
  /** First date (inclusive), 'YYYY-MM-DD' or a SQL DATE expression in parentheses. */
  from: string;
  /** Last date (inclusive). */
  to: string;
}

const dateLiteral = (value: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `DATE '${value}'` : value);

/** Creates (or replaces) `cal_workday` for [from, to]; reads `clean_holidays`. */
export const createWorkdayCalendar = async (db: Db, range: CalendarRange): Promise<void> => {
  await db.run(`
    CREATE OR REPLACE TABLE ${WORKDAY_TABLE} AS
    WITH days AS (
      SELECT d::DATE AS tanggal
      FROM generate_series(${dateLiteral(range.from)}::TIMESTAMP, ${dateLiteral(range.to)}::TIMESTAMP, INTERVAL 1 DAY) AS g(d)
    ),
    flagged AS (
      SELECT tanggal,
             isodow(tanggal) <= 5 AND NOT EXISTS (SELECT 1 FROM clean_holidays h WHERE h.tanggal = days.tanggal) AS is_workday
      FROM days
    )
    SELECT tanggal, is_workday,
           sum(is_workday::INTEGER) OVER (ORDER BY tanggal ROWS UNBOUNDED PRECEDING)::INTEGER AS workday_index
    FROM flagged
    ORDER BY tanggal;
  `);
};

/**
 * The calendar for complaint data: from a week before the earliest receipt to
 * a week after the latest of `asOf` and every event, so every lookup hits.
 */
export const createComplaintCalendar = async (db: Db, asOf: string): Promise<void> => {
  const [bounds] = await db.all<{ lo: string | null; hi: string | null }>(`
    SELECT strftime(least(min(diterima)::DATE, DATE '${asOf}') - 7, '%Y-%m-%d') AS lo,
           strftime(greatest(DATE '${asOf}', max(diterima)::DATE, max(respons_pertama)::DATE,
                             max(ditutup)::DATE, max(dirujuk)::DATE) + 7, '%Y-%m-%d') AS hi
    FROM clean_complaints
  `);
  await createWorkdayCalendar(db, { from: bounds?.lo ?? asOf, to: bounds?.hi ?? asOf });
};

/** Working days between two dates, as a scalar SQL expression (for small lookups and tests). */
export const workdaysBetweenSql = (startDate: string, endDate: string): string =>
  `((SELECT workday_index FROM ${WORKDAY_TABLE} WHERE tanggal = (${endDate})::DATE)
    - (SELECT workday_index FROM ${WORKDAY_TABLE} WHERE tanggal = (${startDate})::DATE))`;
