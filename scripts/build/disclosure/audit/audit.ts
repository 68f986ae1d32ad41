/**
 * The auditor: plays an attacker who knows every published number and every
 * relation between them (system.ts, links.ts), and finds, for each protected
 * cell, the interval of values it can prove. A cell is protected when it is a
 * count from 1 to k−1, or a rupiah amount paid to such a count. It fails when
 * it is published, or when its interval is narrower than required: k for a
 * count, k × the average amount per recipient for an amount.
 *
 * Propagation (propagate.ts) finds most exposures fast and gives every cell
 * valid bounds; the cells it leaves wide are then decided exactly by linear
 * programming per connected component of hidden cells (lp.ts).
 */
import { auditComponent } from './lp.ts';
import { cellIndex, initialBounds, propagate, type Bounds, type CellIndex } from './propagate.ts';
import type { AuditSystem } from './system.ts';

export interface AuditFinding {
  cell: number;
  /** 'published': a protected cell is not hidden; 'narrow': its interval is narrower than required. */
  reason: 'published' | 'narrow';
  lo: number;
  hi: number;
  need: number;
}

export interface AuditResult {
  protectedCells: number;
  hiddenCells: number;
  relations: number;
  findings: AuditFinding[];
  /** Protected cells decided by propagation alone, and by the LP. */
  byPropagation: number;
  byLp: number;
  components: number;
  largestComponent: number;
  lpSolves: number;
  seconds: { propagate: number; lp: number };
  /** Every cell's provable bounds. */
  bounds: Bounds;
}

/** Union–find over cells. */
class Components {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

/** Cells per linear program when small components are solved together. */
const BATCH_CELLS = 3000;

export interface AuditOptions {
  /** Hidden flags to audit (default: the system's, as published). */
  hidden?: Uint8Array;
  /** Called with progress lines. */
  log?: (line: string) => void;
  index?: CellIndex;
}

export async function audit(sys: AuditSystem, options: AuditOptions = {}): Promise<AuditResult> {
  const hidden = options.hidden ?? sys.hidden;
  const index = options.index ?? cellIndex(sys);
  const t0 = performance.now();
  const bounds = initialBounds(sys, hidden);
  if (!propagate(sys, index, bounds)) {
    throw new Error('audit: the published numbers contradict the relations between them (a bug in the tables or the relation catalog)');
  }
  const t1 = performance.now();
  const findings: AuditFinding[] = [];
  let protectedCells = 0;
  let hiddenCells = 0;
  const candidates: number[] = [];
  for (let c = 0; c < sys.n; c++) {
    if (hidden[c]) {
      hiddenCells++;
      const t = sys.truth[c]!;
      if (t < bounds.lb[c]! - 1e-6 * Math.max(1, Math.abs(t)) || t > bounds.ub[c]! + 1e-6 * Math.max(1, Math.abs(t))) {
        throw new Error(`audit: the interval of cell ${c} [${bounds.lb[c]}, ${bounds.ub[c]}] does not hold its true value ${t} (a bug)`);
      }
    }
    const need = sys.need[c]!;
    if (need <= 0) continue;
    protectedCells++;
    if (!hidden[c]) findings.push({ cell: c, reason: 'published', lo: sys.truth[c]!, hi: sys.truth[c]!, need });
    else if (bounds.ub[c]! - bounds.lb[c]! < need) findings.push({ cell: c, reason: 'narrow', lo: bounds.lb[c]!, hi: bounds.ub[c]!, need });
    else candidates.push(c);
  }
  const byPropagation = protectedCells - candidates.length;

  // Components of the hidden cells still free after propagation.
  const free = (c: number) => hidden[c] === 1 && bounds.lb[c]! < bounds.ub[c]!;
  const comp = new Components(sys.n);
  const rels = sys.relStart.length - 1;
  for (let r = 0; r < rels; r++) {
    let first = -1;
    for (let i = sys.relStart[r]!; i < sys.relStart[r + 1]!; i++) {
      const c = sys.relCell[i]!;
      if (!free(c)) continue;
      if (first < 0) first = c;
      else comp.union(first, c);
    }
  }
  const groups = new Map<number, number[]>();
  for (const c of candidates) {
    const root = comp.find(c);
    const list = groups.get(root);
    if (list) list.push(c);
    else groups.set(root, [c]);
  }
  const members = new Map<number, number[]>();
  for (let c = 0; c < sys.n; c++) {
    if (!free(c)) continue;
    const root = comp.find(c);
    if (!groups.has(root)) continue;
    const list = members.get(root);
    if (list) list.push(c);
    else members.set(root, [c]);
  }
  // Components are independent, so small ones are solved together in one program (one model
  // and a few solves instead of as many per component); large ones alone.
  const batches: { cells: number[]; protectedHere: number[] }[] = [];
  let current = { cells: [] as number[], protectedHere: [] as number[] };
  let largestComponent = 0;
  for (const [root, protectedHere] of [...groups].sort((a, b) => members.get(a[0])!.length - members.get(b[0])!.length)) {
    const cells = members.get(root)!;
    largestComponent = Math.max(largestComponent, cells.length);
    if (current.cells.length > 0 && current.cells.length + cells.length > BATCH_CELLS) {
      batches.push(current);
      current = { cells: [], protectedHere: [] };
    }
    current.cells.push(...cells);
    current.protectedHere.push(...protectedHere);
  }
  if (current.cells.length > 0) batches.push(current);
  let lpSolves = 0;
  for (const batch of batches) {
    const relSet = new Set<number>();
    for (const c of batch.cells) for (let i = index.start[c]!; i < index.start[c + 1]!; i++) relSet.add(index.rel[i]!);
    const started = performance.now();
    const result = await auditComponent(sys, batch.cells, [...relSet].sort((a, b) => a - b), batch.protectedHere, bounds);
    lpSolves += result.solves;
    for (const n of result.narrow) findings.push({ cell: n.cell, reason: 'narrow', lo: n.lo, hi: n.hi, need: sys.need[n.cell]! });
    const ms = performance.now() - started;
    if (options.log && ms > 2000) {
      options.log(`    audit LP: ${batch.cells.length} cells, ${relSet.size} relations, ${batch.protectedHere.length} protected: ${result.solves} solves, ${(ms / 1000).toFixed(1)} s`);
    }
  }
  const t2 = performance.now();
  return {
    protectedCells,
    hiddenCells,
    relations: rels,
    findings,
    byPropagation,
    byLp: candidates.length,
    components: groups.size,
    largestComponent,
    lpSolves,
    seconds: { propagate: (t1 - t0) / 1000, lp: (t2 - t1) / 1000 },
    bounds,
  };
}
