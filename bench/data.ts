/**
 * `npm run bench:data [-- --scales 1,4,16]`: generates the sample at each
 * scale (cached in .tmp/bench/), runs the data build in a fresh process, and
 * reports seconds, rows per second per stage and peak memory. Results go to
 * stdout and bench/results/data-<date>.json; docs/benchmarks.md records them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../scripts/paths.ts';

const { values } = parseArgs({ options: { scales: { type: 'string', default: '1,4' }, 'as-of': { type: 'string', default: '2026-11-23' } } });
const scales = values.scales.split(',').map(Number);
const benchDir = join(REPO_ROOT, '.tmp', 'bench');
const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

interface Stage { stage: string; seconds: number; rows?: number }
interface Result { scale: number; sampleSeconds: number | null; buildSeconds: number; peakRssMb: number; rowsRead: number; stages: Stage[] }

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const started = performance.now();
  const child = spawnSync(tsx, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}`);
  return (performance.now() - started) / 1000;
};

const results: Result[] = [];
for (const scale of scales) {
  const raw = join(benchDir, `raw-${scale}`);
  let sampleSeconds: number | null = null;
  if (!existsSync(join(raw, 'sample-manifest.json'))) {
    console.log(`\n# sample, scale ${scale}`);
    sampleSeconds = run(['scripts/sample/cli.ts', '--scale', String(scale), '--out', raw]);
  }
  console.log(`\n# build:data, scale ${scale}`);
  const json = join(benchDir, `build-${scale}.json`);
  const out = join(benchDir, `out-${scale}`);
  const buildSeconds = run(['scripts/build-data.ts', '--as-of', values['as-of'], '--json', json], {
    TERANG_RAW_DIR: raw,
    TERANG_PUBLIC_DATA_DIR: join(out, 'data'),
    TERANG_REPORTS_DIR: join(out, 'reports'),
    TERANG_WORK_DIR: join(out, 'work'),
    TERANG_SECRET: 'benchmark-secret-benchmark-secret-0123',
  });
  const summary = JSON.parse(readFileSync(json, 'utf8')) as { stages: Stage[]; peakRssMb: number; totals: { rowsRead: number } };
  results.push({ scale, sampleSeconds, buildSeconds, peakRssMb: summary.peakRssMb, rowsRead: summary.totals.rowsRead, stages: summary.stages });
}

const lines = [
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}`,
  '',
  '| scale | input rows | build s (wall, incl. start-up) | rows/s overall | peak RSS MB | ' + (results[0]?.stages.map((s) => s.stage).join(' s | ') ?? '') + ' s |',
  '|---|---|---|---|---|' + (results[0]?.stages.map(() => '---|').join('') ?? ''),
  ...results.map(
    (r) =>
      `| ${r.scale} | ${r.rowsRead.toLocaleString('en')} | ${r.buildSeconds.toFixed(1)} | ${Math.round(r.rowsRead / r.buildSeconds).toLocaleString('en')} | ${r.peakRssMb} | ${r.stages.map((s) => s.seconds.toFixed(2)).join(' | ')} |`,
  ),
  '',
  'Rows per second by stage (rows the stage reads or writes / its seconds):',
  ...results.flatMap((r) => r.stages.filter((s) => s.rows).map((s) => `- scale ${r.scale}, ${s.stage}: ${Math.round((s.rows ?? 0) / s.seconds).toLocaleString('en')} rows/s`)),
];
console.log(`\n${lines.join('\n')}`);
if (results.length > 1) {
  const [a, b] = [results[0]!, results[results.length - 1]!];
  const ratio = (b.buildSeconds / a.buildSeconds) / (b.rowsRead / a.rowsRead);
  console.log(`\nCost growth from scale ${a.scale} to ${b.scale}: ${ratio.toFixed(2)}× per row (≤ 1 means no worse than linear).`);
}
mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(REPO_ROOT, 'bench', 'results', `data-${new Date().toISOString().slice(0, 10)}.json`), `${JSON.stringify(results, null, 2)}\n`);
