import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import { WORKDAY_TABLE, createWorkdayCalendar, workdaysBetweenSql } from '../../scripts/build/metrics/working-days.ts';

// The real holiday list, as validation would load it.
const HOLIDAYS = new URL('../../data/reference/hari-libur.csv', import.meta.url).pathname;

let db: Db;
beforeAll(async () => {
  db = await openDb();
  await db.run(`CREATE TABLE clean_holidays AS
    SELECT tanggal::DATE AS tanggal, jenis, keterangan FROM read_csv('${HOLIDAYS}', all_varchar = true)`);
  await createWorkdayCalendar(db, { from: '2025-02-01', to: '2025-05-31' });
});
afterAll(() => db.close());

const between = async (start: string, end: string): Promise<number> => {
  const [row] = await db.all<{ n: number }>(`SELECT ${workdaysBetweenSql(`DATE '${start}'`, `DATE '${end}'`)} AS n`);
  return row!.n;
};

describe('working-day calendar', () => {
  it.each([
    ['same day is day 0', '2025-03-10', '2025-03-10', 0],
    ['Monday → Tuesday', '2025-03-10', '2025-03-11', 1],
    ['Friday → Monday across a weekend', '2025-03-07', '2025-03-10', 1],
    ['received Saturday, answered Monday', '2025-03-08', '2025-03-10', 1],
    ['received Saturday, answered Sunday', '2025-03-08', '2025-03-09', 0],
    ['Friday → next Friday', '2025-03-07', '2025-03-14', 5],
    // Thu 27 Mar 2025, then: Fri 28 cuti bersama Nyepi, Sat 29 Nyepi, Sun 30,
    // Mon 31 – Tue 1 Apr Idul Fitri, Wed 2 – Fri 4 and Mon 7 cuti bersama,
    // so the next working day is Tue 8 Apr.
    ['Thursday before Idul Fitri 2025 → Tuesday 8 April', '2025-03-27', '2025-04-08', 1],
    ['Wed 26 Mar → Wed 9 Apr 2025 (27 Mar, 8 Apr, 9 Apr)', '2025-03-26', '2025-04-09', 3],
    ['received during cuti bersama, answered on the first day back', '2025-04-02', '2025-04-08', 1],
  ])('%s', async (_label, start, end, expected) => {
    expect(await between(start, end)).toBe(expected);
  });

  it('has no working day from 28 March to 7 April 2025', async () => {
    const rows = await db.all<{ n: number }>(
      `SELECT count(*) FILTER (WHERE is_workday) AS n FROM ${WORKDAY_TABLE} WHERE tanggal BETWEEN '2025-03-28' AND '2025-04-07'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('counts 16 working days in April 2025 (22 weekdays − 5 Idul Fitri days − Good Friday)', async () => {
    const [row] = await db.all<{ n: number }>(
      `SELECT count(*) FILTER (WHERE is_workday) AS n FROM ${WORKDAY_TABLE} WHERE tanggal BETWEEN '2025-04-01' AND '2025-04-30'`,
    );
    expect(row!.n).toBe(16);
    expect(await between('2025-03-31', '2025-04-30')).toBe(16);
  });

  it('gives a non-working day the index of the working day before it', async () => {
    const rows = await db.all<{ tanggal: string; workday_index: number }>(
      `SELECT strftime(tanggal, '%Y-%m-%d') AS tanggal, workday_index FROM ${WORKDAY_TABLE}
       WHERE tanggal BETWEEN '2025-03-27' AND '2025-04-08' ORDER BY tanggal`,
    );
    const first = rows[0]!.workday_index;
    expect(rows.slice(0, -1).every((r) => r.workday_index === first)).toBe(true);
    expect(rows.at(-1)!.workday_index).toBe(first + 1);
  });
});
