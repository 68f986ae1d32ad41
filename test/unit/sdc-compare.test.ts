import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/build/db.ts';
import {
  CELL_KEY_D,
  P_TABLE,
  SLICES,
  cellDigest,
  cellKeyPerturb,
  cellKeySql,
  digestSql,
  randomRound,
  randomRoundSql,
  uniformFromDigest,
  uniformSql,
} from '../../bench/sdc-methods.ts';

/** Evenly spread uniforms in [0, 1): the expectation over them is exact up to 1/n. */
const grid = (n: number) => Array.from({ length: n }, (_, i) => (i + 0.5) / n);

describe('random rounding', () => {
  it.each([3, 5])('to base %i lands on multiples of the base, next to the value, and keeps 0 and multiples', (base) => {
    for (let value = 0; value <= 40; value += 1) {
      for (const u of grid(50)) {
        const rounded = randomRound(value, base, u);
        expect(rounded % base).toBe(0);
        expect(Math.abs(rounded - value)).toBeLessThan(base);
        if (value % base === 0) expect(rounded).toBe(value);
      }
    }
    expect(randomRound(0, base, 0)).toBe(0);
  });

  it.each([3, 5])('to base %i is unbiased', (base) => {
    const us = grid(base * 1000);
    for (let value = 0; value <= 23; value += 1) {
      const mean = us.reduce((sum, u) => sum + randomRound(value, base, u), 0) / us.length;
      expect(mean).toBeCloseTo(value, 9);
    }
  });
});

describe('cell-key perturbation', () => {
  it('is the same for the same cell and key, and changes with the key', () => {
    const identity = 'desa|3201010001|SEMUA|keluarga';
    expect(cellDigest(identity)).toBe(cellDigest(identity));
    expect(cellDigest(identity)).toBe(createHmac('sha256', 'terang-sdc-benchmark-secret-2026').update(identity).digest('hex'));
    expect(cellDigest(identity, 'another secret')).not.toBe(cellDigest(identity));
    const u = uniformFromDigest(cellDigest(identity), SLICES.cellKey);
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
    for (let value = 0; value < 30; value += 1) expect(cellKeyPerturb(value, u)).toBe(cellKeyPerturb(value, u));
  });

  it('is bounded by D, never negative, and zero stays zero', () => {
    for (let value = 0; value <= 30; value += 1) {
      for (const u of [0, ...grid(200), 1 - 2 ** -52]) {
        const published = cellKeyPerturb(value, u);
        expect(Number.isInteger(published)).toBe(true);
        expect(published).toBeGreaterThanOrEqual(0);
        expect(Math.abs(published - value)).toBeLessThanOrEqual(CELL_KEY_D);
        if (value === 0) expect(published).toBe(0);
      }
    }
  });

  it('follows the p-table, with expected noise 0 in every row', () => {
    for (const row of Object.values(P_TABLE)) {
      expect(row.reduce((sum, { p }) => sum + p, 0)).toBeCloseTo(1, 12);
      expect(row.reduce((sum, { noise, p }) => sum + noise * p, 0)).toBeCloseTo(0, 12);
    }
    const us = grid(10_000);
    for (const value of [1, 2, 3, 17]) {
      const seen = new Map<number, number>();
      for (const u of us) {
        const noise = cellKeyPerturb(value, u) - value;
        seen.set(noise, (seen.get(noise) ?? 0) + 1 / us.length);
      }
      for (const { noise, p } of value === 1 ? P_TABLE.one : P_TABLE.many) expect(seen.get(noise)).toBeCloseTo(p, 6);
    }
  });
});

describe('the SQL forms run in DuckDB', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb();
  });
  afterAll(() => db.close());

  it('give the same digests, keys and values as the TypeScript', async () => {
    const identities = ['desa|3201010001|SEMUA|keluarga', 'kabupaten|3201|PKH|2026-Q1|penerima', 'Rp · ñ · 数', ''];
    const rows = await db.all<{ identity: string; digest: string; u: number }>(
      `SELECT identity, ${digestSql('identity')} AS digest, ${uniformSql(digestSql('identity'), SLICES.round5)} AS u
       FROM unnest(['${identities.join("','")}']) AS t(identity)`,
    );
    for (const row of rows) {
      expect(row.digest).toBe(cellDigest(row.identity));
      expect(row.u).toBe(uniformFromDigest(cellDigest(row.identity), SLICES.round5));
    }

    const us = [0, 0.04, 0.05, 0.1, 0.25, 0.3, 0.5, 0.6, 0.75, 0.9, 0.95, 0.999];
    const values = await db.all<{ v: number; u: number; ck: number; r3: number; r5: number }>(
      `SELECT v, u, ${cellKeySql('v', 'u')} AS ck, ${randomRoundSql('v', 3, 'u')} AS r3, ${randomRoundSql('v', 5, 'u')} AS r5
       FROM range(0, 25) AS a(v), unnest([${us.join(',')}]::DOUBLE[]) AS b(u)`,
    );
    expect(values).toHaveLength(25 * us.length);
    for (const { v, u, ck, r3, r5 } of values) {
      expect([ck, r3, r5]).toEqual([cellKeyPerturb(v, u), randomRound(v, 3, u), randomRound(v, 5, u)]);
    }
  });
});
