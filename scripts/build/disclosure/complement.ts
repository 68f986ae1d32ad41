/**
 * Complementary suppression, the standard greedy heuristic: a relation
 * (total = sum of parts) is unsafe when exactly one of its cells is hidden,
 * because one subtraction (or one addition, when the hidden cell is the
 * total) gives it back. For each unsafe relation, hide its smallest non-zero
 * published part (the total only when no part can be used; ties broken by
 * level, then by row key), and repeat over all relation kinds together until
 * none is unsafe.
 *
 * Each relation's count of hidden cells is computed once, then updated with
 * the cells hidden in each round: a count only grows, so only relations that
 * gained a cell can have become unsafe. Each round hides at least one more
 * cell, so it ends.
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

/**
 * One row per relation that is not wholly removed: `hidden` cells so far, and
 * `extra` = 1 when removed rows add one unknown (fixed for the whole run).
 */
const groupsSql = `
  CREATE OR REPLACE TEMP TABLE ${WORK.groups} AS
  SELECT gid,
    count(*) FILTER (WHERE kind IN (${primary}, ${unknown}))::INTEGER AS hidden,
    (CASE
       WHEN bool_or(is_total AND kind = ${removed}) THEN 1
       WHEN bool_or(NOT is_total AND kind = ${removed})
         AND (max(lvl) FILTER (WHERE is_total) < ${LEVEL_RANK.kabupaten}
              OR bool_or(NOT is_total AND kind <> ${removed})) THEN 1
       ELSE 0
     END)::INTEGER AS extra
  FROM ${WORK.members}
  GROUP BY gid
  HAVING count(*) FILTER (WHERE kind = ${removed}) < count(*)`;

const firstUnsafeSql = `
  CREATE OR REPLACE TEMP TABLE ${WORK.unsafe} AS
  SELECT gid FROM ${WORK.groups} WHERE hidden + extra = 1`;

/** Add the cells hidden in the last round to their relations' counts; those now at one unknown are unsafe. */
const updateSql = [
  `CREATE OR REPLACE TEMP TABLE ${WORK.delta} AS
   SELECT gid, count(*)::INTEGER AS added FROM ${WORK.members}
   WHERE cid IN (SELECT cid FROM ${WORK.fresh}) GROUP BY gid`,
  `UPDATE ${WORK.groups} g SET hidden = g.hidden + d.added FROM ${WORK.delta} d WHERE g.gid = d.gid`,
  `CREATE OR REPLACE TEMP TABLE ${WORK.unsafe} AS
   SELECT g.gid FROM ${WORK.groups} g WHERE g.gid IN (SELECT gid FROM ${WORK.delta}) AND g.hidden + g.extra = 1`,
];

/** The complement for each unsafe relation: its smallest published non-zero part, else its total. */
const chooseSql = [
  `CREATE OR REPLACE TEMP TABLE ${WORK.fresh} AS
   SELECT gid, cid FROM ${WORK.members} m
   WHERE m.gid IN (SELECT gid FROM ${WORK.unsafe}) AND m.kind = 0 AND m.v > 0
     AND m.cid NOT IN (SELECT cid FROM ${WORK.hidden} WHERE kind = ${complementary})
   QUALIFY row_number() OVER (PARTITION BY m.gid ORDER BY m.is_total, m.v, m.lvl, m.cid) = 1`,
  `INSERT INTO ${WORK.stuck} SELECT gid FROM ${WORK.unsafe} WHERE gid NOT IN (SELECT gid FROM ${WORK.fresh})`,
  `CREATE OR REPLACE TEMP TABLE ${WORK.fresh} AS SELECT DISTINCT cid FROM ${WORK.fresh}`,
  `INSERT INTO ${WORK.hidden} SELECT cid, ${complementary}::TINYINT FROM ${WORK.fresh}`,
];

/** Run rounds to a fixed point; returns the number of rounds. */
export async function complement(db: Db, maxRounds = 100_000): Promise<number> {
  await db.run(groupsSql);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${WORK.stuck} (gid BIGINT)`);
  await db.run(firstUnsafeSql);
  for (let round = 1; round <= maxRounds; round++) {
    for (const sql of chooseSql) await db.run(sql);
    const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${WORK.fresh}`);
    if (!row || row.n === 0) return round;
    for (const sql of updateSql) await db.run(sql);
  }
  throw new Error(`complementary suppression did not settle in ${maxRounds} rounds`);
}

/**
 * Relations still unsafe after the heuristic: those that had no cell left to
 * hide and gained none later (e.g. a total that does not equal its parts). Should be 0.
 */
export async function countUnsafeRelations(db: Db): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM ${WORK.groups} WHERE hidden + extra = 1 AND gid IN (SELECT gid FROM ${WORK.stuck})`,
  );
  return row?.n ?? 0;
}
