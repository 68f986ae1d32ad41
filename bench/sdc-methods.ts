/**
 * The pure parts of `bench/sdc-compare.ts`: the cell-key perturbation and
 * random rounding, once as TypeScript functions (tested in
 * test/unit/sdc-compare.test.ts) and once as DuckDB SQL expressions built from
 * the same constants (the benchmark runs the SQL; the test checks both agree).
 *
 * Every cell gets one HMAC-SHA256 digest of its identity under a fixed
 * benchmark secret; three disjoint 52-bit slices of the digest give three
 * independent uniforms in [0, 1): one for the cell key, one for rounding to
 * base 3, one for rounding to base 5.
 */
import { createHmac } from 'node:crypto';

/** Fixed, public benchmark secret: the figures are reproducible, and protect nothing. */
export const BENCH_SECRET = 'terang-sdc-benchmark-secret-2026';

/** Maximum absolute noise of the cell-key method. */
export const CELL_KEY_D = 2;

/**
 * The p-table: for a true value, the possible noises and their probabilities.
 * - 0 stays 0;
 * - 1 becomes 0, 1, 2 or 3 with 0.30, 0.45, 0.20, 0.05 (the −2..2 row
 *   truncated at 0 and re-weighted so the expected noise stays 0; variance 0.70);
 * - 2 and above get −2, −1, 0, +1, +2 with 0.05, 0.20, 0.50, 0.20, 0.05
 *   (expected noise 0, variance 0.80; 2 may become 0).
 */
export const P_TABLE: Record<'one' | 'many', { noise: number; p: number }[]> = {
  one: [
    { noise: -1, p: 0.3 },
    { noise: 0, p: 0.45 },
    { noise: 1, p: 0.2 },
    { noise: 2, p: 0.05 },
  ],
  many: [
    { noise: -2, p: 0.05 },
    { noise: -1, p: 0.2 },
    { noise: 0, p: 0.5 },
    { noise: 1, p: 0.2 },
    { noise: 2, p: 0.05 },
  ],
};

/** Rows as (noise, cumulative upper bound), the last bound exactly 1. */
const cumulative = (row: { noise: number; p: number }[]) => {
  let sum = 0;
  return row.map(({ noise, p }, i) => {
    sum += p;
    return { noise, upTo: i === row.length - 1 ? 1 : Math.round(sum * 1e9) / 1e9 };
  });
};

/** The published value of a count under the cell-key method, given the cell's key u in [0, 1). */
export const cellKeyPerturb = (value: number, u: number): number => {
  if (!Number.isInteger(value) || value < 0) throw new Error(`cell-key: ${value} is not a count`);
  if (value === 0) return 0;
  const row = cumulative(value === 1 ? P_TABLE.one : P_TABLE.many);
  const hit = row.find((entry) => u < entry.upTo) ?? row[row.length - 1]!;
  return value + hit.noise;
};

/** Unbiased random rounding to base b: up to the next multiple with probability r/b (r = value mod b), else down. */
export const randomRound = (value: number, base: number, u: number): number => {
  if (!Number.isInteger(value) || value < 0) throw new Error(`random rounding: ${value} is not a count`);
  const r = value % base;
  const down = value - r;
  return r === 0 ? value : u < r / base ? down + base : down;
};

/** HMAC-SHA256 of a cell identity, hex. */
export const cellDigest = (identity: string, secret = BENCH_SECRET): string => createHmac('sha256', secret).update(identity, 'utf8').digest('hex');

/** Hex digits of the digest used for each uniform (13 hex digits = 52 bits, exact in a double). */
export const SLICES = { cellKey: 0, round3: 13, round5: 26 } as const;
const TWO_52 = 2 ** 52;

/** A uniform in [0, 1) from 13 hex digits of the digest starting at `from`. */
export const uniformFromDigest = (hex: string, from: number): number => parseInt(hex.slice(from, from + 13), 16) / TWO_52;

/** The HMAC's inner and outer keys (secret XOR ipad/opad, padded to the 64-byte block), hex, for the SQL form. */
export const hmacPads = (secret = BENCH_SECRET) => {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > 64) key = createHmac('sha256', '').update(key).digest(); // never for the benchmark secret
  const block = Buffer.alloc(64);
  key.copy(block);
  const xor = (pad: number) => Buffer.from(block.map((byte) => byte ^ pad)).toString('hex');
  return { inner: xor(0x36), outer: xor(0x5c) };
};

/**
 * SQL: HMAC-SHA256 (hex) of a VARCHAR expression, computed by DuckDB exactly
 * as `cellDigest` computes it: sha256(opad ‖ sha256(ipad ‖ message)).
 */
export const digestSql = (identityExpr: string, secret = BENCH_SECRET): string => {
  if (Buffer.byteLength(secret) > 64) throw new Error('benchmark secret longer than one block');
  const { inner, outer } = hmacPads(secret);
  return `sha256(unhex('${outer}') || unhex(sha256(unhex('${inner}') || encode(${identityExpr}))))`;
};

/** SQL: the uniform in [0, 1) from a hex digest expression. */
export const uniformSql = (digestExpr: string, from: number): string =>
  `(('0x' || substr(${digestExpr}, ${from + 1}, 13))::BIGINT::DOUBLE / ${TWO_52}::DOUBLE)`;

const caseRow = (valueExpr: string, uExpr: string, row: { noise: number; p: number }[]) =>
  `CASE ${cumulative(row)
    .slice(0, -1)
    .map(({ noise, upTo }) => `WHEN ${uExpr} < ${upTo}::DOUBLE THEN ${valueExpr} + (${noise})`)
    .join(' ')} ELSE ${valueExpr} + (${row[row.length - 1]!.noise}) END`;

/** SQL: the cell-key value of a count expression (NULL stays NULL). */
export const cellKeySql = (valueExpr: string, uExpr: string): string =>
  `CASE WHEN ${valueExpr} IS NULL THEN NULL WHEN ${valueExpr} = 0 THEN 0 WHEN ${valueExpr} = 1 THEN ${caseRow(valueExpr, uExpr, P_TABLE.one)} ELSE ${caseRow(valueExpr, uExpr, P_TABLE.many)} END`;

/** SQL: random rounding of a count expression to `base` (NULL stays NULL). */
export const randomRoundSql = (valueExpr: string, base: number, uExpr: string): string =>
  `(${valueExpr} - ${valueExpr} % ${base} + CASE WHEN ${valueExpr} % ${base} <> 0 AND ${uExpr} < (${valueExpr} % ${base})::DOUBLE / ${base}::DOUBLE THEN ${base} ELSE 0 END)`;
