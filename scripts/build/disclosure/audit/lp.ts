/**
 * The exact attacker: for the hidden cells of one connected component, the
 * smallest and largest value each protected cell can take in any solution of
 * every relation (a linear program, solved with HiGHS compiled to wasm).
 *
 * Solving two programs per protected cell would be slow, so feasible points
 * serve as witnesses first: the truth itself, and the solutions that push all
 * uncertain protected cells down together, then up together. A cell whose
 * witnesses already span its required width is safe whatever else the
 * attacker tries. Only the cells left are solved one by one, each solution
 * again a witness for the rest.
 */
import loadHighs from 'highs';
import type { AuditSystem } from './system.ts';
import type { Bounds } from './propagate.ts';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | null = null;
const highs = () => (highsPromise ??= loadHighs());

export interface ComponentResult {
  /**
   * Protected cells whose interval is narrower than required: exact when `exact`, else the
   * cells the witnesses could not clear, with the range the witnesses reached (`certain: false`).
   */
  narrow: { cell: number; lo: number; hi: number; certain: boolean }[];
  solves: number;
}

const TOL = 1e-6;

/** Whole-number interval of a cell from real LP values. */
const roundLo = (v: number) => Math.ceil(v - TOL * Math.max(1, Math.abs(v)));
const roundHi = (v: number) => Math.floor(v + TOL * Math.max(1, Math.abs(v)));

/**
 * Audits a set of hidden cells: `cells` a whole component (exact), or a block of one (cells
 * outside held at their true values, so a cell cleared here is cleared; one not cleared may
 * still be safe), `rels` every relation touching them, `protectedCells` those that need width
 * (a subset of `cells`), `bounds` valid bounds (propagated) for every cell of the system.
 */
export async function auditComponent(
  sys: AuditSystem,
  cells: number[],
  rels: number[],
  protectedCells: number[],
  bounds: Bounds,
  exact = true,
  witnessRounds = 6,
): Promise<ComponentResult> {
  const h = await highs();
  const INF = h.infinity;
  const col = new Map<number, number>();
  cells.forEach((c, j) => col.set(c, j));
  // Rows: the hidden cells' part of each relation; published cells move to the right-hand side.
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const r of rels) {
    let constant = 0;
    for (let i = sys.relStart[r]!; i < sys.relStart[r + 1]!; i++) {
      const c = sys.relCell[i]!;
      const j = col.get(c);
      if (j === undefined) {
        // A cell outside the program is held at its true value: outside a component it is known
        // to the attacker anyway; outside a block (a part of a component) holding it there only
        // restricts the program, so every solution is still one of the attacker's.
        constant += sys.relCoef[i]! * sys.truth[c]!;
      } else {
        indices.push(j);
        values.push(sys.relCoef[i]!);
      }
    }
    starts.push(indices.length);
    rowUpper.push(-constant);
    rowLower.push(sys.relEq[r] ? -constant : -INF);
  }
  const lower = cells.map((c) => bounds.lb[c]!);
  const upper = cells.map((c) => (bounds.ub[c] === Infinity ? INF : bounds.ub[c]!));
  const model = h.createModel({
    numCols: cells.length,
    numRows: rels.length,
    colCost: new Float64Array(cells.length),
    colLower: lower,
    colUpper: upper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: rels.length, numCols: cells.length, starts, indices, values },
  });
  let solves = 0;
  try {
    // Presolve off: the same model is solved many times with new costs and bounds (measured on
    // the default sample: presolve on 126.8 s, interior point 147.2 s, simplex without presolve 73.2 s).
    model.options.set({ output_flag: false, presolve: 'off' });
    const { objectiveSense, modelStatus } = h.constants;
    // Witness range per protected cell, starting from the truth.
    const wLo = new Map<number, number>();
    const wHi = new Map<number, number>();
    for (const c of protectedCells) {
      wLo.set(c, sys.truth[c]!);
      wHi.set(c, sys.truth[c]!);
    }
    const open = new Set(protectedCells);
    const absorb = (x: Float64Array) => {
      for (const c of open) {
        const v = x[col.get(c)!]!;
        if (v < wLo.get(c)!) wLo.set(c, v);
        if (v > wHi.get(c)!) wHi.set(c, v);
      }
      for (const c of [...open]) if (roundHi(wHi.get(c)!) - roundLo(wLo.get(c)!) >= sys.need[c]! ) open.delete(c);
    };
    const solve = (): Float64Array | null => {
      solves++;
      model.run();
      const status = model.getModelStatus();
      if (status !== modelStatus.optimal) return null;
      return model.getSolution().colValue;
    };
    // Caps keep "push up" bounded; any solution under caps is still a solution of the attacker's system.
    const setBounds = (chosen: number[], capped: boolean) => {
      if (chosen.length === 0) return;
      const js = chosen.map((c) => col.get(c)!).sort((a, b) => a - b);
      const byCol = new Map(chosen.map((c) => [col.get(c)!, c]));
      const lo = js.map((j) => lower[j]!);
      const hi = js.map((j) => (capped ? Math.min(upper[j]!, sys.truth[byCol.get(j)!]! + sys.need[byCol.get(j)!]! + 1) : upper[j]!));
      model.changeColsBounds({ kind: 'set', indices: js }, lo, hi);
    };
    const capUp = (chosen: number[]) => setBounds(chosen, true);
    const uncap = (chosen: number[]) => setBounds(chosen, false);
    absorb(new Float64Array(cells.map((c) => sys.truth[c]!)));
    // Push the open cells down together, then up together (capped), with weights that vary
    // between rounds so that cells competing for the same slack take turns.
    let seed = 1;
    const weight = () => {
      seed = (seed * 16807) % 2147483647;
      return 0.5 + seed / 2147483647;
    };
    for (let round = 0; round < witnessRounds && open.size > 0; round++) {
      const before = open.size;
      const chosen = [...open];
      const cost = new Float64Array(cells.length);
      const up = round % 2 === 1;
      for (const c of chosen) cost[col.get(c)!] = ((up ? -1 : 1) * (round < 2 ? 1 : weight())) / Math.max(1, sys.need[c]!);
      model.changeColsCost({ kind: 'range', from: 0, to: cells.length - 1 }, cost);
      model.changeObjectiveSense(objectiveSense.minimize);
      if (up) capUp(chosen);
      const x = solve();
      if (up) uncap(chosen);
      if (x) absorb(x);
      if (round >= 2 && open.size === before) break;
    }
    const narrow: ComponentResult['narrow'] = [];
    if (!exact) {
      for (const c of open) narrow.push({ cell: c, lo: roundLo(wLo.get(c)!), hi: roundHi(wHi.get(c)!), certain: false });
      open.clear();
    }
    // One cell at a time, the objective changes and the basis stays feasible: primal simplex.
    if (open.size > 0) model.options.set({ simplex_strategy: 4 });
    while (open.size > 0) {
      const c = open.values().next().value as number;
      const j = col.get(c)!;
      const cost = new Float64Array(cells.length);
      cost[j] = 1;
      model.changeColsCost({ kind: 'range', from: 0, to: cells.length - 1 }, cost);
      model.changeObjectiveSense(objectiveSense.minimize);
      const low = solve();
      if (!low) throw new Error(`audit LP: no solution when minimising a hidden cell (status ${model.getModelStatus()}); the published numbers contradict the relations`);
      const lo = roundLo(low[j]!);
      absorb(low);
      if (!open.has(c)) continue;
      cost[j] = -1;
      model.changeColsCost({ kind: 'range', from: 0, to: cells.length - 1 }, cost);
      model.changeColBounds(j, lower[j]!, Math.min(upper[j]!, lo + sys.need[c]! + 1));
      const high = solve();
      model.changeColBounds(j, lower[j]!, upper[j]!);
      if (!high) throw new Error(`audit LP: no solution when maximising a hidden cell (status ${model.getModelStatus()})`);
      const hi = roundHi(high[j]!);
      absorb(high);
      if (open.has(c)) {
        open.delete(c);
        narrow.push({ cell: c, lo: Math.max(lo, roundLo(lower[j]!)), hi, certain: true });
      }
    }
    return { narrow, solves };
  } finally {
    model.dispose();
  }
}
