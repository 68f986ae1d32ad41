/**
 * `npm run bench:site [-- --scale 0.05 | --dist <built site> | --workspace <earlier run>] [--runs 3] [--changes 20]`
 *
 * The site as a visitor on a phone meets it, in headless Chromium against our
 * own server, with the `.br`/`.gz` siblings `npm run build:site` writes:
 * - per page type: bytes before any interaction (compressed as served, cold
 *   cache) and whether any wasm was fetched (must be none);
 * - Sasaran: time from the first change of a control to the first result (the
 *   chart, its table and the flags redrawn) on a cold load (DuckDB-wasm starts
 *   then; budget 2.5 s, median of `--runs`), and to the whole view; later
 *   changes to their first result, p95 over `--changes` (budget 150 ms).
 * Without `--dist` it builds the fictional sample at `--scale` and the site
 * into a fresh `.tmp/bench-site-*` workspace (kept: `--dist <it>/dist` reuses the
 * site, `--workspace <it>` rebuilds only the site after a code change).
 * Prints a table; writes `test-results/bench-site.json`. docs/benchmarks.md records the figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../scripts/paths.ts';
import { createStaticServer, type StaticServer } from '../scripts/server/static-server.ts';
import { buildSampleRelease, buildSite, createWorkspace, launchChromium } from '../test/browser/harness.ts';
import { measurePageWeight, pageTypes, type PageWeight } from '../test/browser/page-weight.ts';

const BUDGET = { bytesBeforeInteraction: 150_000, firstInteractionMs: 2500, laterChangeP95Ms: 150, siteBuildSeconds: 180 };

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.05' },
    dist: { type: 'string' },
    workspace: { type: 'string' },
    runs: { type: 'string', default: '3' },
    changes: { type: 'string', default: '20' },
  },
});

/** Seconds of `astro build` (and its quick precompression) when this run built the site; the issue's budget is 3 minutes for the default sample (scale 1). */
let siteBuildSeconds: number | null = null;
const timedBuildSite = async (workspace: Parameters<typeof buildSite>[0]) => {
  const started = performance.now();
  await buildSite(workspace);
  siteBuildSeconds = (performance.now() - started) / 1000;
  console.log(`# site built in ${siteBuildSeconds.toFixed(1)} s`);
};

async function builtSite(): Promise<string> {
  if (values.dist) return path.resolve(values.dist);
  if (values.workspace) {
    // An earlier run's workspace: keep its release, rebuild the site (after a code change).
    const root = path.resolve(values.workspace);
    const workspace = {
      root,
      distDir: path.join(root, 'dist'),
      publicDataDir: path.join(root, 'public', 'data'),
      env: { TERANG_PUBLIC_DIR: path.join(root, 'public'), TERANG_PUBLIC_DATA_DIR: path.join(root, 'public', 'data'), TERANG_DIST_DIR: path.join(root, 'dist') },
    };
    console.log(`# astro build in ${path.relative(REPO_ROOT, root)}`);
    await timedBuildSite(workspace);
    return workspace.distDir;
  }
  const workspace = await createWorkspace('bench-site');
  console.log(`# sample (scale ${values.scale}) + build:data + astro build in ${path.relative(REPO_ROOT, workspace.root)}`);
  await buildSampleRelease(workspace, Number(values.scale));
  await timedBuildSite(workspace);
  return workspace.distDir;
}

/** HTML files under the built site (one per page and language). */
function countHtml(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countHtml(path.join(dir, entry.name));
    else if (entry.name.endsWith('.html')) n++;
  }
  return n;
}

/** The build's own precompression (`scripts/compress-dist.ts`, production qualities; large files are cached). */
function precompress(root: string): void {
  const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawnSync(process.execPath, [tsx, path.join(REPO_ROOT, 'scripts', 'compress-dist.ts'), root], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (child.status !== 0) throw new Error(`compress-dist exited ${child.status}`);
}

/**
 * Times (ms, in the page's clock) from a `change` on the form to the first
 * result (the page's `sasaran:first-result` mark: chart, its table and the
 * flags redrawn) and to the whole view (`data-state="ready"`: overlap too).
 */
const TIMING_SCRIPT = `
  window.__bench = { start: 0, end: 0, first: 0 };
  document.addEventListener('change', () => { window.__bench = { start: performance.now(), end: 0, first: 0 }; }, true);
  new MutationObserver(() => {
    const root = document.querySelector('[data-sasaran]');
    if (root && root.dataset.state === 'ready' && window.__bench.start && !window.__bench.end) {
      window.__bench.end = performance.now();
      const mark = performance.getEntriesByName('sasaran:first-result').at(-1);
      window.__bench.first = mark && mark.startTime >= window.__bench.start ? mark.startTime : window.__bench.end;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });`;

type Choice = [name: string, value: string];

/** The steps of a cold start, as the page marks them (`src/client/duckdb.ts`, `sasaran.ts`), in ms after the change. */
const STEP_MARKS = ['duckdb:start', 'duckdb:instantiated', 'duckdb:opened', 'duckdb:attached', 'sasaran:first-result'] as const;

async function stepTimes(page: import('playwright-core').Page): Promise<Record<string, number>> {
  return page.evaluate((names) => {
    const start = (window as unknown as { __bench: { start: number } }).__bench.start;
    const out: Record<string, number> = {};
    for (const name of names) {
      const mark = performance.getEntriesByName(name).find((m) => m.startTime >= start);
      if (mark) out[name] = mark.startTime - start;
    }
    return out;
  }, [...STEP_MARKS]);
}

async function timeChange(page: import('playwright-core').Page, [name, value]: Choice): Promise<{ first: number; whole: number }> {
  await page.selectOption(`select[name="${name}"]`, value);
  await page.waitForFunction(() => (window as unknown as { __bench: { end: number } }).__bench.end > 0, null, { timeout: 60_000, polling: 'raf' });
  const state = await page.evaluate(() => ({
    ...(window as unknown as { __bench: { start: number; end: number; first: number } }).__bench,
    status: document.querySelector('[data-sasaran]')?.getAttribute('data-state'),
  }));
  if (state.status !== 'ready') throw new Error(`view did not load after ${name}=${value}`);
  return { first: state.first - state.start, whole: state.end - state.start };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);

async function sasaranTimings(browser: Browser, server: StaticServer, runs: number, changes: number) {
  const baseUrl = server.url;
  const cold: number[] = [];
  const coldWhole: number[] = [];
  /** What the first change downloads (DuckDB's code and wasm, the database file or ranges read), as served. */
  let firstChange = { bytes: 0, wasmBytes: 0, databaseBytes: 0, requests: 0 };
  const later: number[] = [];
  const steps: Record<string, number>[] = [];
  // Later changes cycle through every control, so each needs a real query.
  const cycle: Choice[] = [
    ['metrik', 'eksklusi'], ['tingkat', 'kabupaten'], ['program', 'PBI_JK'], ['metrik', 'cakupan'], ['tingkat', 'kecamatan'],
    ['program', 'PKH'], ['metrik', 'kebocoran'], ['tingkat', 'provinsi'], ['program', 'BLT_DD'], ['metrik', 'inklusi'],
  ];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addInitScript(TIMING_SCRIPT);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sasaran/`, { waitUntil: 'networkidle' });
    server.resetCounters();
    const timing = await timeChange(page, ['program', 'SEMBAKO']);
    cold.push(timing.first);
    steps.push(await stepTimes(page));
    coldWhole.push(timing.whole);
    if (run === 0) {
      const records = [...server.requests];
      const sum = (test: (url: string) => boolean) => records.filter((r) => test(r.url)).reduce((total, r) => total + r.bytes, 0);
      firstChange = { bytes: sum(() => true), wasmBytes: sum((url) => url.endsWith('.wasm')), databaseBytes: sum((url) => url.endsWith('.duckdb')), requests: records.length };
    }
    if (run === 0) {
      for (let i = 0; i < changes; i += 1) later.push((await timeChange(page, cycle[i % cycle.length]!)).first);
    }
    await context.close();
  }
  return { coldMs: cold, coldWholeViewMs: coldWhole, coldSteps: steps, laterMs: later, firstChange };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

async function main() {
  const root = await builtSite();
  if (!existsSync(path.join(root, 'sasaran', 'index.html'))) throw new Error(`${root} has no /sasaran/ page: build the site with a release first`);
  const compressStarted = performance.now();
  precompress(root);
  const precompressSeconds = (performance.now() - compressStarted) / 1000;
  const htmlPages = countHtml(root);
  console.log(`# ${htmlPages.toLocaleString('en')} HTML pages; production precompression ${precompressSeconds.toFixed(1)} s`);
  console.log(`# serving ${path.relative(REPO_ROOT, root)}, precompressed as build:site does`);
  const server = createStaticServer({ root, port: 0, host: '127.0.0.1' });
  await server.listen();
  const browser = await launchChromium();
  try {
    const weights: PageWeight[] = [];
    for (const type of pageTypes(root)) weights.push(await measurePageWeight(browser, server, root, type));
    const timings = await sasaranTimings(browser, server, Number(values.runs), Number(values.changes));
    const firstMs = median(timings.coldMs);
    const p95 = percentile(timings.laterMs, 95);

    console.log('\n| page | requests | bytes before interaction (as served) | wasm before interaction |');
    console.log('|---|---|---|---|');
    for (const w of weights) {
      const flag = w.bytesServed > BUDGET.bytesBeforeInteraction ? ' **over budget**' : '';
      console.log(`| ${w.name} \`${w.path}\` | ${w.requests} | ${kb(w.bytesServed)}${flag} | ${w.wasm.length === 0 ? 'none' : w.wasm.join(', ')} |`);
    }
    console.log(`\nSasaran, first change on a cold load (DuckDB-wasm starts) to the redrawn chart: median ${firstMs.toFixed(0)} ms of ${timings.coldMs.map((t) => t.toFixed(0)).join(', ')} (budget ${BUDGET.firstInteractionMs} ms)`);
    console.log(`  to the whole view (overlap and quality too): median ${median(timings.coldWholeViewMs).toFixed(0)} ms`);
    const stepMedian = (name: string) => median(timings.coldSteps.flatMap((step) => (step[name] === undefined ? [] : [step[name]!])));
    console.log(
      `  steps after the change (median ms): ${STEP_MARKS.map((name) => `${name} ${stepMedian(name).toFixed(0)}`).join(', ')}` +
        ' (start: DuckDB\'s code loaded; instantiated: the wasm compiled and the runtime up; opened: database and connection; attached: the page\'s database attached (sasaran.duckdb, fetched whole alongside the wasm))',
    );
    const first = timings.firstChange;
    console.log(`  the first change downloaded ${kb(first.bytes)} in ${first.requests} requests: wasm ${kb(first.wasmBytes)}, database ${kb(first.databaseBytes)}`);
    console.log(`(load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
    if (siteBuildSeconds !== null) {
      const total = siteBuildSeconds + precompressSeconds;
      console.log(`Site build (astro build + precompression): ${total.toFixed(1)} s for ${htmlPages.toLocaleString('en')} pages (budget ${BUDGET.siteBuildSeconds} s for the default sample)`);
    }
    console.log(`Sasaran, later changes: p95 ${p95.toFixed(0)} ms, median ${median(timings.laterMs).toFixed(0)} ms over ${timings.laterMs.length} (budget ${BUDGET.laterChangeP95Ms} ms)`);

    const release = JSON.parse(readFileSync(path.join(root, 'data', 'latest.json'), 'utf8')) as { release: string; database?: string };
    const database = path.join(root, 'data', release.database ?? `${release.release}/terang.duckdb`);
    const result = {
      date: new Date().toISOString(),
      // The machine is shared: a load average well above the core count slows every timing here.
      machine: { cores: cpus().length, node: process.version, loadAverage1m: loadavg()[0] },
      site: root,
      release: release.release,
      databaseBytes: existsSync(database) ? statSync(database).size : null,
      budget: BUDGET,
      siteBuild: siteBuildSeconds === null ? null : { scale: Number(values.scale), astroBuildSeconds: siteBuildSeconds, precompressSeconds, htmlPages },
      pages: weights,
      sasaran: { ...timings, firstInteractionMedianMs: firstMs, laterChangeP95Ms: p95 },
      withinBudget:
        weights.every((w) => w.bytesServed <= BUDGET.bytesBeforeInteraction && w.wasm.length === 0) &&
        firstMs <= BUDGET.firstInteractionMs &&
        p95 <= BUDGET.laterChangeP95Ms &&
        (siteBuildSeconds === null || siteBuildSeconds + precompressSeconds <= BUDGET.siteBuildSeconds),
    };
    const out = path.join(REPO_ROOT, 'test-results', 'bench-site.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\n${result.withinBudget ? 'within budget' : 'OVER BUDGET'}; wrote ${path.relative(REPO_ROOT, out)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
