/**
 * Interval propagation over the audit system: from every relation, each
 * hidden cell's bounds are tightened by what the other cells allow, rounded
 * to whole numbers, until nothing changes. Every bound it derives is one an
 * attacker can prove, so a protected cell narrowed here is truly exposed;
 * a cell that stays wide may still be narrowed by combining relations
 * (the LP in lp.ts decides those).
 */
import type { AuditSystem } from './system.ts';

export interface Bounds {
  lb: Float64Array;
  ub: Float64Array;
}

/** Cell → relations index (the transpose of the relation rows). */
export interface CellIndex {
  start: Int32Array;
  rel: Int32Array;
}

export function cellIndex(sys: AuditSystem): CellIndex {
  const start = new Int32Array(sys.n + 1);
  for (let i = 0; i < sys.relCell.length; i++) start[sys.relCell[i]! + 1]!++;
  for (let c = 0; c < sys.n; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, sys.n);
  const rel = new Int32Array(sys.relCell.length);
  const rels = sys.relStart.length - 1;
  for (let r = 0; r < rels; r++) {
    for (let i = sys.relStart[r]!; i < sys.relStart[r + 1]!; i++) rel[fill[sys.relCell[i]!]!++] = r;
  }
  return { start, rel };
}

/**
 * What the public rules say about a cell before any relation: published cells are known; a
 * hidden cell is ≥ 0 (a count hidden to protect another may be 0, so a hidden count is not
 * known to be ≥ 1).
 */
export function initialBounds(sys: AuditSystem, hidden: Uint8Array = sys.hidden): Bounds {
  const lb = new Float64Array(sys.n);
  const ub = new Float64Array(sys.n);
  for (let c = 0; c < sys.n; c++) {
    if (hidden[c]) {
      lb[c] = 0;
      ub[c] = Infinity;
    } else {
      lb[c] = sys.truth[c]!;
      ub[c] = sys.truth[c]!;
    }
  }
  return { lb, ub };
}

const EPS = 1e-7;

/**
 * Tightens `bounds` in place. `start` lists the relations to look at first (all when omitted);
 * the work stops after `maxVisits` relation visits, leaving valid (if looser) bounds.
 * Returns false when the bounds contradict each other (the published numbers are inconsistent with the rules).
 */
export function propagate(sys: AuditSystem, index: CellIndex, bounds: Bounds, start?: Iterable<number>, maxVisits = 0): boolean {
  const { lb, ub } = bounds;
  const rels = sys.relStart.length - 1;
  const queued = new Uint8Array(rels);
  let queue: number[] = [];
  for (const r of start ?? Array.from({ length: rels }, (_, i) => i)) {
    if (!queued[r]) {
      queued[r] = 1;
      queue.push(r);
    }
  }
  const limit = maxVisits > 0 ? maxVisits : 40 * Math.max(rels, 1);
  let visits = 0;
  let ok = true;
  const touch = (c: number) => {
    for (let i = index.start[c]!; i < index.start[c + 1]!; i++) {
      const r = index.rel[i]!;
      if (!queued[r]) {
        queued[r] = 1;
        next.push(r);
      }
    }
  };
  let next: number[] = [];
  while (queue.length > 0 && visits < limit) {
    for (const r of queue) {
      queued[r] = 0;
      visits++;
      const from = sys.relStart[r]!;
      const to = sys.relStart[r + 1]!;
      // Activity bounds, counting infinite contributions apart.
      let minAct = 0;
      let maxAct = 0;
      let minInf = 0;
      let maxInf = 0;
      for (let i = from; i < to; i++) {
        const a = sys.relCoef[i]!;
        const c = sys.relCell[i]!;
        const lo = a > 0 ? a * lb[c]! : a * ub[c]!;
        const hi = a > 0 ? a * ub[c]! : a * lb[c]!;
        if (lo === -Infinity) minInf++;
        else minAct += lo;
        if (hi === Infinity) maxInf++;
        else maxAct += hi;
      }
      const eq = sys.relEq[r] === 1;
      for (let i = from; i < to; i++) {
        const c = sys.relCell[i]!;
        if (lb[c] === ub[c]) continue;
        const a = sys.relCoef[i]!;
        const lo = a > 0 ? a * lb[c]! : a * ub[c]!;
        const hi = a > 0 ? a * ub[c]! : a * lb[c]!;
        // Σ ≤ 0: a·x ≤ −(min of the others).
        const restMin = lo === -Infinity ? (minInf === 1 ? minAct : -Infinity) : minInf > 0 ? -Infinity : minAct - lo;
        let newLb = lb[c]!;
        let newUb = ub[c]!;
        if (restMin !== -Infinity) {
          const bound = -restMin / a;
          if (a > 0) newUb = Math.min(newUb, bound);
          else newLb = Math.max(newLb, bound);
        }
        if (eq) {
          // Σ ≥ 0: a·x ≥ −(max of the others).
          const restMax = hi === Infinity ? (maxInf === 1 ? maxAct : Infinity) : maxInf > 0 ? Infinity : maxAct - hi;
          if (restMax !== Infinity) {
            const bound = -restMax / a;
            if (a > 0) newLb = Math.max(newLb, bound);
            else newUb = Math.min(newUb, bound);
          }
        }
        // Counts and rupiah are whole numbers.
        newLb = Math.ceil(newLb - EPS * Math.max(1, Math.abs(newLb)));
        newUb = Math.floor(newUb + EPS * Math.max(1, Math.abs(newUb)));
        let changed = false;
        if (newLb > lb[c]!) {
          lb[c] = newLb;
          changed = true;
        }
        if (newUb < ub[c]!) {
          ub[c] = newUb;
          changed = true;
        }
        if (lb[c]! > ub[c]!) ok = false;
        if (changed) touch(c);
      }
    }
    queue = next;
    next = [];
  }
  return ok;
}
