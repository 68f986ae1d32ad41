/**
 * The validation's fast date parse (`dateSql`) must give exactly the value of the general
 * one (`generalDateSql`: a cast, then every accepted format) for any cell: a shape check
 * picks a single parser for the two common forms, and a wrong pick would silently change
 * which rows are accepted. Compared in a real DuckDB on hand-picked edge cases and on
 * 200,000 random strings built around the two shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import { dateSql, generalDateSql } from '../../scripts/build/validate-sql.ts';

let db: Db;
beforeAll(async () => {
  db = await openDb();
});
afterAll(() => db.close());

const EDGE_CASES = [
  '2024-10-28', '28/10/2024', '19/05/1979', '31/02/1979', '29/02/2024', '29/02/2023', '00/01/2000', '01/13/2000',
  '12/31/2000', '2023-02-30', '2023-13-01', '2023-00-10', '0000-01-01', '1979/05/19', '19-05-1979', '19/05/79',
  ' 19/05/1979', '19/05/1979 ', '2023-1-5', '2023-01-5', '+2023-01-01', '2023-01-01x', '2023-01-01 10:00', '1-1-2020',
  '1/1/2020', '01/01/0000', '99/99/9999', '9999-99-99', '2023 01 01', '20230101', 'ab/cd/efgh', 'abcd-ef-gh', '', 'é9/05/1979',
  '2024-10-28T00:00', '2024-10-2８', '１9/05/1979', '--/--/----', '2024--10-28', '-2024-10-2',
];

// A fixed-seed generator (mulberry32), so a failure names the same strings on every run.
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const fuzz = (count: number): string[] => {
  const next = random(20261207);
  const pick = (chars: string) => chars[Math.floor(next() * chars.length)]!;
  const digit = () => (next() < 0.9 ? pick('0123456789') : pick('0123456789/- x+.'));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const shape = next();
    // Half the parts are plausible (a day or month 01–12, a year 1900–2029), so many cells parse.
    const d = () => (next() < 0.5 ? String(1 + Math.floor(next() * 12)).padStart(2, '0') : Array.from({ length: 2 }, digit).join(''));
    const y = () => (next() < 0.5 ? String(1900 + Math.floor(next() * 130)) : Array.from({ length: 4 }, digit).join(''));
    if (shape < 0.4) out.push(`${d()}/${d()}/${y()}`);
    else if (shape < 0.8) out.push(`${y()}-${d()}-${d()}`);
    else out.push(Array.from({ length: 8 + Math.floor(next() * 4) }, () => pick('0123456789/-')).join(''));
  }
  return out;
};

const mismatches = async (values: string[]) => {
  await db.run('CREATE OR REPLACE TEMP TABLE cells (v VARCHAR)');
  for (let i = 0; i < values.length; i += 5000) {
    await db.run(`INSERT INTO cells VALUES ${values.slice(i, i + 5000).map((v) => `('${v.replaceAll("'", "''")}')`).join(', ')}`);
  }
  const rows = await db.all<{ v: string; fast: string | null; general: string | null }>(
    `SELECT v, (${dateSql('v')})::VARCHAR AS fast, (${generalDateSql('v')})::VARCHAR AS general FROM cells
     WHERE (${dateSql('v')}) IS DISTINCT FROM (${generalDateSql('v')}) LIMIT 20`,
  );
  const [parsed] = await db.all<{ n: number }>(`SELECT count(${dateSql('v')}) AS n FROM cells`);
  return { rows, parsed: parsed!.n };
};

describe('the fast date parse', () => {
  it('gives the general parse’s value on every edge case', async () => {
    const { rows, parsed } = await mismatches(EDGE_CASES);
    expect(rows).toEqual([]);
    expect(parsed).toBeGreaterThanOrEqual(5); // the valid ones parse: the comparison is not NULL against NULL
  });

  it('gives the general parse’s value on 200,000 random cells shaped like dates', async () => {
    const { rows, parsed } = await mismatches(fuzz(200_000));
    expect(rows).toEqual([]);
    expect(parsed).toBeGreaterThan(30_000);
  });

  it('reads the two common forms as the same day', async () => {
    const [row] = await db.all<{ iso: string; id: string }>(`SELECT (${dateSql(`'2024-10-28'`)})::VARCHAR AS iso, (${dateSql(`'28/10/2024'`)})::VARCHAR AS id`);
    expect(row).toEqual({ iso: '2024-10-28', id: '2024-10-28' });
  });
});
