import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import { kaplanMeier, kmCurveSql, kmQuantile, kmQuantilesSql, type KmObservation } from '../../scripts/build/metrics/kaplan-meier.ts';

let db: Db;
beforeAll(async () => {
  db = await openDb();
});
afterAll(() => db.close());

const E = (t: number): KmObservation => ({ t, event: true });
const C = (t: number): KmObservation => ({ t, event: false });

const loadCases = async (table: string, groups: Record<string, KmObservation[]>): Promise<void> => {
  const values = Object.entries(groups).flatMap(([g, obs]) => obs.map((o) => `('${g}', ${o.t}, ${o.event})`));
  await db.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM (VALUES ${values.join(', ')}) AS v(g, t, event)`);
};

interface QuantileRow {
  g: string;
  n: number;
  median: number | null;
  p90: number | null;
  teramati_maks: number;
}

const quantiles = async (table: string): Promise<QuantileRow[]> =>
  db.all<QuantileRow>(`${kmQuantilesSql({ source: table, groupBy: ['g'], time: 't', event: 'event' })} ORDER BY g`);

/**
 * Six cases, two of them still open (censored), times in working days:
 *   closed at 1, 2 and 4; open at 2 (censored at the same time as an event), 5 and 6.
 *
 *   t | at risk n | closed d | S(t)
 *   1 |     6     |    1     | 5/6                 = 0.833
 *   2 |     5     |    1     | 5/6 · 4/5 = 2/3     = 0.667   (the case censored at 2 is still at risk at 2)
 *   4 |     3     |    1     | 2/3 · 2/3 = 4/9     = 0.444   ← first S ≤ 0.5: median = 4
 *   5 |     2     |    0     | 4/9
 *   6 |     1     |    0     | 4/9                            never ≤ 0.1: P90 not reached
 *
 * The naive median over the three closed cases {1, 2, 4} is 2: half the
 * value, because it ignores that three cases are still waiting.
 */
const HAND_WORKED = [E(1), E(2), C(2), E(4), C(5), C(6)];

/** S(2) = 3/4 · 2/3 = 1/2 exactly: the median is 2, not 3 (S ≤ 0.5, with a tolerance for rounding). */
const EXACT_HALF = [E(1), E(2), C(3), C(4)];

/** Everything closed: S reaches 0, so P90 is the last time. S(1) = 2/3, S(3) = 1/3, S(9) = 0. */
const ALL_CLOSED = [E(1), E(3), E(9)];

describe('Kaplan–Meier in SQL', () => {
  it('matches the hand-worked example, with censoring', async () => {
    await loadCases('hand', { a: HAND_WORKED, b: EXACT_HALF, c: ALL_CLOSED });
    const curve = await db.all<{ t: number; n_risiko: number; peristiwa: number; tersensor: number; s: number }>(
      `SELECT t, n_risiko, peristiwa, tersensor, s FROM (${kmCurveSql({ source: 'hand', groupBy: ['g'], time: 't', event: 'event' })}) WHERE g = 'a' ORDER BY t`,
    );
    expect(curve.map((p) => [p.t, p.n_risiko, p.peristiwa, p.tersensor])).toEqual([
      [1, 6, 1, 0],
      [2, 5, 1, 1],
      [4, 3, 1, 0],
      [5, 2, 0, 1],
      [6, 1, 0, 1],
    ]);
    const expectedS = [5 / 6, 2 / 3, 4 / 9, 4 / 9, 4 / 9];
    curve.forEach((p, i) => expect(p.s).toBeCloseTo(expectedS[i]!, 12));

    expect(await quantiles('hand')).toEqual([
      { g: 'a', n: 6, median: 4, p90: null, teramati_maks: 6 },
      { g: 'b', n: 4, median: 2, p90: null, teramati_maks: 4 },
      { g: 'c', n: 3, median: 3, p90: 9, teramati_maks: 9 },
    ]);
  });

  it('differs from the naive median over closed cases only', () => {
    const closed = HAND_WORKED.filter((o) => o.event).map((o) => o.t);
    const naiveMedian = closed[Math.floor(closed.length / 2)];
    expect(naiveMedian).toBe(2);
    expect(kmQuantile(kaplanMeier(HAND_WORKED), 0.5)).toBe(4);
  });

  it('agrees with the TypeScript reference on random data', async () => {
    // mulberry32: a seeded generator, so a failure is reproducible.
    let seed = 20251231;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const groups: Record<string, KmObservation[]> = {};
    for (let g = 0; g < 40; g++) {
      const size = 1 + Math.floor(random() * 60);
      const eventRate = random();
      groups[`g${String(g).padStart(2, '0')}`] = Array.from({ length: size }, () => ({
        t: Math.floor(random() * 25),
        event: random() < eventRate,
      }));
    }
    await loadCases('random_cases', groups);
    const rows = await quantiles('random_cases');
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      const obs = groups[row.g]!;
      const curve = kaplanMeier(obs);
      expect(row, row.g).toEqual({
        g: row.g,
        n: obs.length,
        median: kmQuantile(curve, 0.5),
        p90: kmQuantile(curve, 0.9),
        teramati_maks: Math.max(...obs.map((o) => o.t)),
      });
    }
    const sqlCurve = await db.all<{ g: string; t: number; n_risiko: number; s: number }>(
      `SELECT g, t, n_risiko, s FROM (${kmCurveSql({ source: 'random_cases', groupBy: ['g'], time: 't', event: 'event' })}) ORDER BY g, t`,
    );
    const reference = Object.entries(groups)
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([g, obs]) => kaplanMeier(obs).map((p) => ({ g, t: p.t, n_risiko: p.atRisk, s: p.s })));
    expect(sqlCurve).toHaveLength(reference.length);
    sqlCurve.forEach((p, i) => {
      expect([p.g, p.t, p.n_risiko]).toEqual([reference[i]!.g, reference[i]!.t, reference[i]!.n_risiko]);
      expect(p.s).toBeCloseTo(reference[i]!.s, 12);
    });
  });
});
