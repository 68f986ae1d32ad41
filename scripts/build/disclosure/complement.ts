/**
 * Complementary suppression, the standard greedy heuristic: a relation
 * (total = sum of parts) is unsafe when exactly one of its cells is hidden,
 * because one subtraction (or one addition, when the hidden cell is the
 * total) gives it back. For each unsafe relation, hide its smallest non-zero
 * published part (the total only when no part can be used; ties broken by
 * level, then by row key), and repeat over all relation kinds together until
 * none is unsafe.
 *
 * Only relations that gained a hidden cell in the last round are examined
 * again: a relation's hidden count only grows, so the others cannot have
 * become unsafe. Each round hides at least one more cell, so it ends.
 *
 * Rows removed for sensitivity are hidden too, but together they count as one
 * unknown in a relation (their sum is recoverable when nothing else is
 * hidden), except where that sum is itself published: a kabupaten total whose
 * kecamatan rows were all removed. They count even when their sum is 0, so
 * that where a complement appears says nothing about whether sensitive cases
 * exist there.
 */
import type { Db } from '../db.ts';
import { LEVEL_RANK } from './levels.ts';
import { HIDDEN, WORK } from './sql.ts';

const { primary, complementary, removed, unknown } = HIDDEN;

/** Relations (from `scope`, or all) with exactly one hidden unit. */
export const unsafeRelationsSql = (scope?: string): string => `
  SELECT gid FROM (
    SELECT m.gid, m.is_total, m.v, m.lvl, coalesce(h.kind, 0) AS kind
    FROM ${WORK.members} m LEFT JOIN ${WORK.hidden} h ON h.cid = m.cid
    ${scope ? `WHERE m.gid IN (SELECT gid FROM ${scope})` : ''}
  )
  GROUP BY gid
  HAVING count(*) FILTER (WHERE kind = ${removed}) < count(*)
     AND count(*) FILTER (WHERE kind IN (${primary}, ${complementary}, ${unknown}))
       + CASE
           WHEN bool_or(is_total AND kind = ${removed}) THEN 1
           WHEN bool_or(NOT is_total AND kind = ${removed})
             AND (max(lvl) FILTER (WHERE is_total) < ${LEVEL_RANK.kabupaten}
                  OR bool_or(NOT is_total AND kind <> ${removed})) THEN 1
           ELSE 0
         END = 1`;

const roundSql = [
  `CREATE OR REPLACE TEMP TABLE ${WORK.touched} AS
   SELECT DISTINCT gid FROM ${WORK.members} WHERE cid IN (SELECT cid FROM ${WORK.fresh})`,
  `CREATE OR REPLACE TEMP TABLE ${WORK.unsafe} AS ${unsafeRelationsSql(WORK.touched)}`,
  `CREATE OR REPLACE TEMP TABLE ${WORK.fresh} AS
   SELECT DISTINCT cid FROM (
     SELECT m.gid, m.cid FROM ${WORK.members} m
     WHERE m.gid IN (SELECT gid FROM ${WORK.unsafe}) AND m.v > 0
       AND NOT EXISTS (SELECT 1 FROM ${WORK.hidden} h WHERE h.cid = m.cid)
     QUALIFY row_number() OVER (PARTITION BY m.gid ORDER BY m.is_total, m.v, m.lvl, m.cid) = 1
   )`,
  `INSERT INTO ${WORK.hidden} SELECT cid, ${complementary}::TINYINT FROM ${WORK.fresh}`,
];

/** Run rounds to a fixed point; returns the number of rounds. */
export async function complement(db: Db, maxRounds = 100_000): Promise<number> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${WORK.fresh} AS SELECT cid FROM ${WORK.hidden}`);
  for (let round = 1; round <= maxRounds; round++) {
    for (const sql of roundSql) await db.run(sql);
    const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${WORK.fresh}`);
    if (!row || row.n === 0) return round;
  }
  throw new Error(`complementary suppression did not settle in ${maxRounds} rounds`);
}

/** Relations still unsafe after the heuristic (no cell left that could be hidden): should be 0. */
export async function countUnsafeRelations(db: Db): Promise<number> {
  const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM (${unsafeRelationsSql()})`);
  return row?.n ?? 0;
}
