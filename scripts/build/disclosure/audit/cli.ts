/**
 * `npx tsx scripts/build/disclosure/audit/cli.ts --published <release dir> --truth <release dir built with k = 1>`:
 * runs the auditor on a release as published, against the true values from a
 * release of the same data built without suppression. For measuring and for
 * investigating a release; the build runs the same auditor on its own tables.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../../db.ts';
import { COMPLAINT_TABLES } from '../../metrics/complaints.ts';
import { POVERTY_TABLES } from '../../metrics/poverty.ts';
import { TARGETING_TABLES } from '../../metrics/targeting.ts';
import { literal } from '../sql.ts';
import { audit } from './audit.ts';
import { auditTables, systemFor } from './protect.ts';
import { describeCells } from './system.ts';

const { values } = parseArgs({
  options: { published: { type: 'string' }, truth: { type: 'string' }, k: { type: 'string', default: '10' }, 'sensitive-k': { type: 'string', default: '20' } },
});
if (!values.published || !values.truth) throw new Error('usage: --published <dir> --truth <dir>');
const k = Number(values.k);
const sensitiveK = Math.max(k, Number(values['sensitive-k']));
const db = await openDb();
const started = performance.now();
const all = [...POVERTY_TABLES, ...TARGETING_TABLES, ...COMPLAINT_TABLES];
for (const table of all) {
  for (const [prefix, dir] of [['pub', values.published], ['tru', values.truth]] as const) {
    await db.run(`CREATE VIEW ${prefix}_${table.name} AS SELECT * FROM read_parquet(${literal(join(dir, `${table.name}.parquet`))})`);
  }
}
await db.run(`CREATE VIEW programs AS SELECT * FROM read_parquet(${literal(join(values.published, 'program.parquet'))})`);
const tables = auditTables(all, { k, sensitiveK, truthOf: (name) => `tru_${name}` }, (name) => `pub_${name}`);
const sys = await systemFor(db, tables, 'programs');
const built = performance.now();
console.log(`system: ${sys.n.toLocaleString('en')} cells, ${(sys.relStart.length - 1).toLocaleString('en')} relations, ${sys.relCell.length.toLocaleString('en')} terms, built in ${((built - started) / 1000).toFixed(1)} s`);
const result = await audit(sys, { log: console.log, exact: process.env.AUDIT_EXACT !== '0', local: process.env.AUDIT_LOCAL === '1' });
console.log(
  `protected ${result.protectedCells}, hidden ${result.hiddenCells}; decided by propagation ${result.byPropagation}, by LP ${result.byLp} ` +
    `(${result.components} components, largest ${result.largestComponent} cells, ${result.lpSolves} solves, ${result.notLocal} not cleared in their block); ` +
    `propagation ${result.seconds.propagate.toFixed(1)} s, LP ${result.seconds.lp.toFixed(1)} s (blocks ${result.seconds.blocks.toFixed(1)} s)`,
);
const byTable = new Map<string, { published: number; pinned: number; narrow: number; total: number }>();
for (const t of sys.tables) byTable.set(t.name, { published: 0, pinned: 0, narrow: 0, total: 0 });
const tableOf = (cell: number) => sys.tables.find((t) => cell >= t.base && cell < t.base + t.rows * t.columns.length)!.name;
for (let c = 0; c < sys.n; c++) if (sys.need[c]! > 0) byTable.get(tableOf(c))!.total++;
for (const f of result.findings) {
  const entry = byTable.get(tableOf(f.cell))!;
  if (f.reason === 'published') entry.published++;
  else if (f.hi - f.lo < 0.5) entry.pinned++;
  else entry.narrow++;
}
console.table(Object.fromEntries([...byTable].filter(([, v]) => v.total > 0)));
const sample = result.findings.slice(0, 8);
const labels = await describeCells(db, sys, tables, sample.map((f) => f.cell));
sample.forEach((f, i) => console.log(`  ${labels[i]}: ${f.reason} [${f.lo}, ${f.hi}] need ${f.need}, true ${sys.truth[f.cell]}`));
db.close();
