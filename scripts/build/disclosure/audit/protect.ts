/**
 * Secondary suppression chosen against the auditor (the second step of
 * disclosure control, after the per-table suppression of disclosure.ts).
 * Not called by the build yet: on the poverty tables of the default sample it
 * reaches zero findings (27 rounds, 9.3 s), but on the whole release one round
 * of the auditor takes 75–285 s, far over the build's budget.
 *
 * The tables as the first step left them are audited together, with every
 * relation between them. While the auditor finds a protected cell it can pin
 * or narrow, more cells are hidden around it: in each equation through that
 * cell whose other hidden cells hold less than the required width, the
 * published cell on the same side with the smallest value that covers the
 * gap (or else the largest). Then every equation left with a single hidden
 * cell gets a second one (a lone hidden cell is one subtraction away), and
 * amounts follow their counts. Repeat until the auditor finds nothing.
 *
 * The hidden cells are then written into the tables (NULL, marked
 * `_disamarkan`), values derived from them hidden too, survival curves of
 * groups with hidden counts dropped, and the tables audited once more from
 * scratch: what is published is exactly what passed.
 */
import type { Db } from '../../db.ts';
import { SUPPRESSED_SUFFIX, derivedValues, type PublishedTable } from '../../published-table.ts';
import { ident } from '../sql.ts';
import { audit, type AuditResult } from './audit.ts';
import { links } from './links.ts';
import { cellIndex, type CellIndex } from './propagate.ts';
import { buildSystem, CELL_KIND, describeCells, type AuditSystem, type AuditTable } from './system.ts';

export interface ProtectOptions {
  k: number;
  sensitiveK: number;
  /** SQL relation holding the true values of a table (a copy taken before any suppression). */
  truthOf: (table: string) => string;
  /** SQL relation with the programs (kode, unit, desil_min, desil_max). */
  programs: string;
  log?: (line: string) => void;
  /** Stop after this many rounds (a safeguard; the sample needs far fewer). */
  maxRounds?: number;
}

export interface ProtectResult {
  rounds: number;
  /** Cells hidden by this step, beyond the first. */
  added: number;
  /** The final audit of the tables as they will be published. */
  final: AuditResult;
  cells: number;
  relations: number;
  seconds: { system: number; rounds: number; write: number; final: number };
}

/** The auditable tables: every controlled table except survival curves, which are checked by their groups. */
export function auditTables(tables: PublishedTable[], options: Pick<ProtectOptions, 'k' | 'sensitiveK' | 'truthOf'>, published = (name: string) => ident(name)): AuditTable[] {
  return tables.flatMap((table) => {
    const rules = table.disclosure;
    if (!rules || rules.curveOf) return [];
    return [{ table, rules, published: published(table.name), truth: options.truthOf(table.name), k: rules.sensitive ? Math.max(options.k, options.sensitiveK) : options.k }];
  });
}

/** Builds the system over the given tables with every link whose tables are all present. */
export async function systemFor(db: Db, tables: AuditTable[], programs: string): Promise<AuditSystem> {
  const present = new Set(tables.map((t) => t.table.name));
  return buildSystem(db, tables, links({ programs }).filter((l) => l.tables.every((t) => present.has(t))));
}

/** Amounts hidden with their counts (an amount over a known unit is nearly its count). */
function amountCarry(sys: AuditSystem, tables: AuditTable[], hidden: Uint8Array, cells: number[]): number[] {
  const added: number[] = [];
  for (const c of cells) {
    if (sys.kind[c] !== CELL_KIND.count) continue;
    const ti = sys.tables.findIndex((t) => c >= t.base && c < t.base + t.rows * t.columns.length);
    const t = sys.tables[ti]!;
    const column = t.columns[(c - t.base) % t.columns.length]!;
    for (const a of tables[ti]!.rules.amounts ?? []) {
      if (a.count !== column) continue;
      const ac = c - t.columns.indexOf(column) + t.columns.indexOf(a.column);
      if (!hidden[ac] && sys.truth[ac] !== 0) {
        hidden[ac] = 1;
        added.push(ac);
      }
    }
  }
  return added;
}

/** Rounds a cell may stay exposed before all of its equations are hidden around it. */
const STRIKES = 3;

/** Hides the published cell of relation `r` on `sign`'s side with the smallest value ≥ `gap` (or the largest); returns it or -1. */
function hideIn(sys: AuditSystem, hidden: Uint8Array, r: number, sign: number, gap: number): number {
  let best = -1;
  let bestValue = 0;
  let fallback = -1;
  let fallbackValue = 0;
  for (let i = sys.relStart[r]!; i < sys.relStart[r + 1]!; i++) {
    const c = sys.relCell[i]!;
    const v = sys.truth[c]!;
    if (hidden[c] || v <= 0 || Math.sign(sys.relCoef[i]!) !== sign) continue;
    const scaled = v * Math.abs(sys.relCoef[i]!);
    if (scaled >= gap && (best < 0 || scaled < bestValue)) {
      best = c;
      bestValue = scaled;
    }
    if (fallback < 0 || scaled > fallbackValue) {
      fallback = c;
      fallbackValue = scaled;
    }
  }
  const chosen = best >= 0 ? best : fallback;
  if (chosen >= 0) hidden[chosen] = 1;
  return chosen;
}

/** Every equation with exactly one hidden cell gets a second; returns the cells hidden. */
function closeLoneCells(sys: AuditSystem, index: CellIndex, hidden: Uint8Array, start: number[]): number[] {
  const added: number[] = [];
  let queue = new Set<number>();
  const enqueue = (c: number) => {
    for (let i = index.start[c]!; i < index.start[c + 1]!; i++) if (sys.relEq[index.rel[i]!]) queue.add(index.rel[i]!);
  };
  start.forEach(enqueue);
  while (queue.size > 0) {
    const next = queue;
    queue = new Set();
    for (const r of next) {
      let lone = -1;
      let count = 0;
      for (let i = sys.relStart[r]!; i < sys.relStart[r + 1]!; i++) {
        if (hidden[sys.relCell[i]!]) {
          count++;
          lone = i;
        }
      }
      if (count !== 1) continue;
      const sign = Math.sign(sys.relCoef[lone]!);
      // Another cell on the same side (mass moves between the two), else one on the other side.
      let c = hideIn(sys, hidden, r, sign, 1);
      if (c < 0) c = hideIn(sys, hidden, r, -sign, 1);
      if (c >= 0) {
        added.push(c);
        enqueue(c);
      }
    }
  }
  return added;
}

/**
 * More hidden cells around each finding; returns the cells hidden. In each equation through
 * the exposed cell, the other hidden cells can give it room only as far as their own bounds
 * allow (moving the same way as it on the other side of the equation, the opposite way on
 * its side). Where that room is less than the width required, a published cell is hidden
 * there. A finding whose equations all seem roomy (the limit is a combination the bounds do
 * not show) gets a published cell hidden in each of its equations.
 */
function complementsFor(sys: AuditSystem, index: CellIndex, hidden: Uint8Array, result: AuditResult, strikes: Map<number, number>): number[] {
  const added: number[] = [];
  const { lb, ub } = result.bounds;
  for (const f of result.findings) {
    const c = f.cell;
    const strike = (strikes.get(c) ?? 0) + 1;
    strikes.set(c, strike);
    if (strike > STRIKES) {
      // Still exposed after several rounds: hide every published cell of its equations, and
      // with each further round one equation further out (through the hidden cells met).
      const radius = strike - STRIKES;
      let frontier = [c];
      const seen = new Set<number>([c]);
      for (let depth = 0; depth < radius && frontier.length > 0; depth++) {
        const next: number[] = [];
        for (const x of frontier) {
          for (let i = index.start[x]!; i < index.start[x + 1]!; i++) {
            const r = index.rel[i]!;
            if (!sys.relEq[r]) continue;
            for (let j = sys.relStart[r]!; j < sys.relStart[r + 1]!; j++) {
              const d = sys.relCell[j]!;
              if (seen.has(d)) continue;
              seen.add(d);
              // Zeros too: a total that equals the number of hidden cells would pin each at 1.
              if (!hidden[d]) {
                hidden[d] = 1;
                added.push(d);
              }
              next.push(d);
            }
          }
        }
        frontier = next;
      }
      continue;
    }
    const equations: { r: number; sign: number; room: number }[] = [];
    for (let i = index.start[c]!; i < index.start[c + 1]!; i++) {
      const r = index.rel[i]!;
      if (!sys.relEq[r]) continue;
      let sign = 0;
      let up = 0;
      let down = 0;
      for (let j = sys.relStart[r]!; j < sys.relStart[r + 1]!; j++) {
        const d = sys.relCell[j]!;
        if (d === c) {
          sign = Math.sign(sys.relCoef[j]!);
          continue;
        }
        if (!hidden[d]) continue;
        const a = Math.abs(sys.relCoef[j]!);
        const below = (sys.truth[d]! - lb[d]!) * a;
        const above = (ub[d]! - sys.truth[d]!) * a;
        // For c to rise, a same-side partner falls or an other-side one rises.
        const sameSide = Math.sign(sys.relCoef[j]!) === sign || sign === 0;
        up += sameSide ? below : above;
        down += sameSide ? above : below;
      }
      equations.push({ r, sign, room: Math.min(up, down) });
    }
    const tight = equations.filter((e) => e.room < f.need);
    for (const e of tight.length > 0 ? tight : equations) {
      const gap = Math.max(1, f.need - e.room);
      let d = hideIn(sys, hidden, e.r, e.sign, gap);
      if (d < 0) d = hideIn(sys, hidden, e.r, -e.sign, gap);
      if (d >= 0) added.push(d);
    }
  }
  return added;
}

/** Writes the hidden cells into the tables, hides what derives from them and drops curves of hidden groups. */
async function writeMask(db: Db, sys: AuditSystem, tables: AuditTable[], all: PublishedTable[], hidden: Uint8Array): Promise<void> {
  for (const [ti, t] of sys.tables.entries()) {
    const at = tables[ti]!;
    const rids: number[] = [];
    const cols: number[] = [];
    for (let c = t.base; c < t.base + t.rows * t.columns.length; c++) {
      if (hidden[c] && !sys.hidden[c]) {
        rids.push(Math.floor((c - t.base) / t.columns.length));
        cols.push((c - t.base) % t.columns.length);
      }
    }
    if (rids.length > 0) {
      await db.run(`CREATE OR REPLACE TEMP TABLE _au_mask (rid INTEGER, ci INTEGER)`);
      for (let i = 0; i < rids.length; i += 50_000) {
        const chunk = rids.slice(i, i + 50_000).map((rid, j) => `(${rid}, ${cols[i + j]})`);
        await db.run(`INSERT INTO _au_mask VALUES ${chunk.join(', ')}`);
      }
      const keys = at.table.key;
      const on = keys.map((k) => `x.${ident(k)} IS NOT DISTINCT FROM w.${ident(k)}`).join(' AND ');
      for (const [ci, column] of t.columns.entries()) {
        await db.run(`
          UPDATE ${ident(t.name)} AS x SET ${ident(column)} = NULL, ${ident(column + SUPPRESSED_SUFFIX)} = true
          FROM ${t.work} w WHERE ${on} AND w._rid IN (SELECT rid FROM _au_mask WHERE ci = ${ci})`);
      }
      await db.run('DROP TABLE _au_mask');
    }
    // Values derived from a hidden count are hidden with it.
    for (const d of derivedValues(at.rules)) {
      const markers = [d.basis, ...(d.from ?? [])].filter((c) => at.rules.counts.includes(c)).map((c) => `${ident(c + SUPPRESSED_SUFFIX)}`);
      if (markers.length === 0) continue;
      await db.run(`
        UPDATE ${ident(t.name)} SET ${ident(d.column)} = NULL, ${ident(d.column + SUPPRESSED_SUFFIX)} = true
        WHERE (${markers.join(' OR ')}) AND NOT ${ident(d.column + SUPPRESSED_SUFFIX)}`);
    }
  }
  // Survival curves: only groups whose counts are all published.
  for (const table of all) {
    const curve = table.disclosure?.curveOf;
    if (!curve) continue;
    const hiddenAny = curve.counts.map((c) => `g.${ident(c + SUPPRESSED_SUFFIX)}`).join(' OR ');
    const on = curve.group.map((c) => `g.${ident(c)} IS NOT DISTINCT FROM ${ident(table.name)}.${ident(c)}`).join(' AND ');
    await db.run(`DELETE FROM ${ident(table.name)} WHERE EXISTS (SELECT 1 FROM ${ident(curve.table)} g WHERE ${on} AND (${hiddenAny}))`);
  }
}

/** Survival-curve rows whose group has a hidden count in its source table: must be none. */
export async function exposedCurveRows(db: Db, tables: PublishedTable[], relation = (name: string) => ident(name)): Promise<{ table: string; rows: number }[]> {
  const out: { table: string; rows: number }[] = [];
  for (const table of tables) {
    const curve = table.disclosure?.curveOf;
    if (!curve) continue;
    const hiddenAny = curve.counts.map((c) => `g.${ident(c)} IS NULL`).join(' OR ');
    const on = curve.group.map((c) => `g.${ident(c)} IS NOT DISTINCT FROM x.${ident(c)}`).join(' AND ');
    const [row] = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM ${relation(table.name)} x WHERE NOT EXISTS (SELECT 1 FROM ${relation(curve.table)} g WHERE ${on}) OR EXISTS (SELECT 1 FROM ${relation(curve.table)} g WHERE ${on} AND (${hiddenAny}))`,
    );
    if ((row?.n ?? 0) > 0) out.push({ table: table.name, rows: row!.n });
  }
  return out;
}

export class DisclosureAuditError extends Error {}

/** Describes the first findings in both languages for the build's error and report. */
export async function auditMessage(db: Db, sys: AuditSystem, tables: AuditTable[], result: AuditResult, curves: { table: string; rows: number }[]): Promise<string> {
  const sample = result.findings.slice(0, 10);
  const labels = await describeCells(db, sys, tables, sample.map((f) => f.cell));
  const lines = sample.map(
    (f, i) =>
      `  ${labels[i]}: ${f.reason === 'published' ? 'terbit / published' : `dapat dibuktikan dalam / provable within [${f.lo}, ${f.hi}]`}, perlu lebar / needs width ${f.need}`,
  );
  for (const c of curves) lines.push(`  ${c.table}: ${c.rows} baris kurva untuk kelompok yang disamarkan / curve rows of suppressed groups`);
  return [
    `[DISCLOSURE_AUDIT] Audit pengungkapan gagal: ${result.findings.length} sel terlindung dapat dipastikan atau dipersempit oleh penyerang; tidak ada yang diterbitkan.`,
    `Disclosure audit failed: an attacker can pin or narrow ${result.findings.length} protected cells; nothing was published.`,
    ...lines,
  ].join('\n');
}

export async function protectRelease(db: Db, tables: PublishedTable[], options: ProtectOptions): Promise<ProtectResult> {
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const audited = auditTables(tables, options);
  const sys = await systemFor(db, audited, options.programs);
  const index = cellIndex(sys);
  const hidden = sys.hidden.slice();
  const t1 = performance.now();
  let rounds = 0;
  let added = 0;
  const maxRounds = options.maxRounds ?? 60;
  const strikes = new Map<number, number>();
  for (;;) {
    // Cells their block does not clear are tried over their whole component: counted as
    // exposed straight away (local), they drove ever more suppression and the loop did not settle.
    const result = await audit(sys, { hidden, index, exact: false });
    rounds++;
    log(`    audit round ${rounds}: ${result.findings.length} exposed of ${result.protectedCells} protected, ${result.hiddenCells} hidden (propagation ${result.seconds.propagate.toFixed(1)} s, LP ${result.seconds.lp.toFixed(1)} s, ${result.lpSolves} solves)`);
    if (result.findings.length === 0) break;
    if (rounds >= maxRounds) throw new DisclosureAuditError(await auditMessage(db, sys, audited, result, []));
    const fresh = complementsFor(sys, index, hidden, result, strikes);
    fresh.push(...closeLoneCells(sys, index, hidden, fresh));
    fresh.push(...amountCarry(sys, audited, hidden, fresh));
    fresh.push(...closeLoneCells(sys, index, hidden, fresh));
    if (fresh.length === 0) throw new DisclosureAuditError(await auditMessage(db, sys, audited, result, []));
    added += fresh.length;
  }
  const t2 = performance.now();
  await writeMask(db, sys, audited, tables, hidden);
  const t3 = performance.now();
  // The final audit reads the tables as they now are, from scratch.
  const finalSys = await systemFor(db, auditTables(tables, options), options.programs);
  // Witnesses clear every cell the loop cleared; only a cell they do not clear is solved exactly.
  const final = await audit(finalSys, { exact: true });
  const curves = await exposedCurveRows(db, tables);
  if (final.findings.length > 0 || curves.length > 0) throw new DisclosureAuditError(await auditMessage(db, finalSys, audited, final, curves));
  const t4 = performance.now();
  return {
    rounds,
    added,
    final,
    cells: finalSys.n,
    relations: finalSys.relStart.length - 1,
    seconds: { system: (t1 - t0) / 1000, rounds: (t2 - t1) / 1000, write: (t3 - t2) / 1000, final: (t4 - t3) / 1000 },
  };
}
