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
  /** False when the interval is only what the LP's witnesses reached (audit without `exact`). */
  certain: boolean;
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
  /** Protected cells their block did not clear. */
  notLocal: number;
  largestComponent: number;
  lpSolves: number;
  seconds: { propagate: number; lp: number; blocks: number };
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
  /**
   * Decide every protected cell exactly (default). When false, cells the LP's witnesses do
   * not clear are reported as findings without solving for their exact interval: enough for
   * choosing more suppression, where an uncleared cell gets more protection either way.
   */
  exact?: boolean;
  /** Only clear cells within their blocks; a cell its block does not clear is a finding (uncertain). */
  local?: boolean;
  /** LP solves that push many cells at once before cells are solved one by one (default 6; 0 in tests of the exact path). */
  witnessRounds?: number;
}

/** Groups independent units into programs of about BATCH_CELLS cells (a large unit alone). */
function batchUnits(units: { cells: number[]; protectedHere: number[] }[]) {
  const batches: { cells: number[]; protectedHere: number[] }[] = [];
  let current = { cells: [] as number[], protectedHere: [] as number[] };
  for (const unit of [...units].sort((a, b) => a.cells.length - b.cells.length)) {
    if (current.cells.length > 0 && current.cells.length + unit.cells.length > BATCH_CELLS) {
      batches.push(current);
      current = { cells: [], protectedHere: [] };
    }
    current.cells.push(...unit.cells);
    current.protectedHere.push(...unit.protectedHere);
  }
  if (current.cells.length > 0) batches.push(current);
  return batches;
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
    if (!hidden[c]) findings.push({ cell: c, reason: 'published', lo: sys.truth[c]!, hi: sys.truth[c]!, need, certain: true });
    else if (bounds.ub[c]! - bounds.lb[c]! < need) findings.push({ cell: c, reason: 'narrow', lo: bounds.lb[c]!, hi: bounds.ub[c]!, need, certain: true });
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
  // First each protected cell within its block (its kecamatan, kabupaten or province inside
  // its component), the rest of the component held at its true values: small programs, and
  // where protection is adequate the hidden mass usually moves within the block. Cells a block
  // does not clear are then solved over their whole component (unless `local`).
  let lpSolves = 0;
  const blockKey = (c: number) => `${comp.find(c)}|${sys.block[c]}`;
  const blockProtected = new Map<string, number[]>();
  for (const c of candidates) {
    const key = blockKey(c);
    const list = blockProtected.get(key);
    if (list) list.push(c);
    else blockProtected.set(key, [c]);
  }
  const blockCells = new Map<string, number[]>();
  for (const cells of members.values()) {
    for (const c of cells) {
      const key = blockKey(c);
      if (!blockProtected.has(key)) continue;
      const list = blockCells.get(key);
      if (list) list.push(c);
      else blockCells.set(key, [c]);
    }
  }
  const runBatches = async (units: { cells: number[]; protectedHere: number[] }[], exact: boolean) => {
    const open: AuditFinding[] = [];
    for (const batch of batchUnits(units)) {
      const relSet = new Set<number>();
      for (const c of batch.cells) for (let i = index.start[c]!; i < index.start[c + 1]!; i++) relSet.add(index.rel[i]!);
      const started = performance.now();
      const result = await auditComponent(sys, batch.cells, [...relSet].sort((a, b) => a - b), batch.protectedHere, bounds, exact, options.witnessRounds);
      lpSolves += result.solves;
      for (const n of result.narrow) open.push({ cell: n.cell, reason: 'narrow', lo: n.lo, hi: n.hi, need: sys.need[n.cell]!, certain: n.certain });
      const ms = performance.now() - started;
      if (options.log && ms > 2000) {
        options.log(`    audit LP: ${batch.cells.length} cells, ${relSet.size} relations, ${batch.protectedHere.length} protected: ${result.solves} solves, ${(ms / 1000).toFixed(1)} s`);
      }
    }
    return open;
  };
  const notLocal = await runBatches(
    [...blockProtected].map(([key, protectedHere]) => ({ cells: blockCells.get(key)!, protectedHere })),
    false,
  );
  const tBlocks = performance.now();
  if (options.local) {
    findings.push(...notLocal);
  } else {
    const byRoot = new Map<number, number[]>();
    for (const f of notLocal) {
      const root = comp.find(f.cell);
      const list = byRoot.get(root);
      if (list) list.push(f.cell);
      else byRoot.set(root, [f.cell]);
    }
    findings.push(...(await runBatches([...byRoot].map(([root, protectedHere]) => ({ cells: members.get(root)!, protectedHere })), options.exact ?? true)));
  }
  const largestComponent = Math.max(0, ...[...members.values()].map((m) => m.length));
  const t2 = performance.now();
  return {
    protectedCells,
    hiddenCells,
    relations: rels,
    findings,
    byPropagation,
    byLp: candidates.length,
    components: groups.size,
    notLocal: notLocal.length,
    largestComponent,
    lpSolves,
    seconds: { propagate: (t1 - t0) / 1000, lp: (t2 - t1) / 1000, blocks: (tBlocks - t1) / 1000 },
    bounds,
  };
}
