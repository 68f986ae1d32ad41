/**
 * `npm start`: from a fresh clone to a running site in one command.
 *
 *   1. sample data, if the raw folder (TERANG_RAW_DIR) holds no CSV file;
 *   2. the data build (`npm run build:data`) → public/data/<release>/;
 *   3. the site build (`npm run build:site`: `astro build`, then the .br/.gz siblings) → dist/;
 *   4. serve dist/ on http://localhost:4321.
 *
 * Steps run as child processes with inherited output: each keeps its own
 * memory, and what it prints is what the person sees. A step whose script
 * does not exist yet is skipped with a plain message; a step that fails
 * stops everything with a non-zero exit.
 *
 * Flags: `--skip-build` (only serve what is already built), `--port <n>`
 * (env PORT, default 4321), `--host <h>` (env HOST, default 127.0.0.1).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rawDir, REPO_ROOT } from './paths.ts';
import { DEFAULT_PORT, serveSite } from './serve.ts';

/** A step implemented by an npm script, and the file that script runs. */
interface Step {
  title: string;
  npmScript: string;
  entry: string;
}

const SAMPLE: Step = { title: 'Generate sample data', npmScript: 'sample', entry: 'scripts/sample/cli.ts' };
const BUILD_DATA: Step = { title: 'Build the data release', npmScript: 'build:data', entry: 'scripts/build-data.ts' };
const BUILD_SITE: Step = { title: 'Build the site', npmScript: 'build:site', entry: 'astro.config.mjs' };
const IMPORT_BPS: Step = { title: 'Import the sample BPS poverty table', npmScript: 'import:bps', entry: 'scripts/bps/cli.ts' };
/** The sample's fictional BPS-style table (docs/bps-import.md). */
const SAMPLE_BPS_FILE = path.join(REPO_ROOT, 'data', 'sample-bps', 'bps-kemiskinan-kabkota-contoh-fiktif.csv');

class StepFailed extends Error {}

/** Whether `dir` contains a `.csv` file (searched two levels deep). */
export function hasCsvFiles(dir: string, depth = 2): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) => {
    if (entry.isFile()) return entry.name.toLowerCase().endsWith('.csv');
    return entry.isDirectory() && depth > 1 && hasCsvFiles(path.join(dir, entry.name), depth - 1);
  });
}

function runNpmScript(script: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const npmArgs = ['run', script, ...(args.length > 0 ? ['--', ...args] : [])];
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', npmArgs, {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function runStep(step: Step, args: string[] = []): Promise<void> {
  const command = `npm run ${step.npmScript}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  console.log(`\n▶ ${step.title} (${command})`);
  if (!existsSync(path.join(REPO_ROOT, step.entry))) {
    console.log(`  Skipped: ${step.entry} does not exist yet, so this step is not implemented yet.`);
    return;
  }
  const started = performance.now();
  const code = await runNpmScript(step.npmScript, args);
  if (code !== 0) throw new StepFailed(`${step.title} failed: \`${command}\` exited with code ${code}.`);
  console.log(`✔ ${step.title} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function buildEverything(): Promise<void> {
  const raw = rawDir();
  if (hasCsvFiles(raw)) {
    console.log(`Raw data found in ${raw}: using it, no sample generated.`);
  } else {
    console.log(`No CSV files in ${raw}: generating the fictional sample data set.`);
    // Pass the folder explicitly: it is where this script looked (TERANG_RAW_DIR).
    await runStep(SAMPLE, ['--out', raw]);
  }
  // The sample's BPS figures are fictional too: imported beside the sample (git-ignored), never into data/bps/.
  if (existsSync(path.join(raw, 'sample-manifest.json')) && existsSync(SAMPLE_BPS_FILE) && !process.env.TERANG_BPS_DIR) {
    process.env.TERANG_BPS_DIR = path.join(raw, 'bps');
    await runStep(IMPORT_BPS, [SAMPLE_BPS_FILE]);
  }
  await runStep(BUILD_DATA);
  await runStep(BUILD_SITE);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'skip-build': { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
    },
    allowPositionals: false,
  });
  const portText = values.port ?? process.env.PORT;
  const port = portText ? Number(portText) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${portText}`);

  if (values['skip-build']) console.log('--skip-build: serving what is already built.');
  else await buildEverything();

  console.log('\n▶ Serve the site');
  await serveSite({ port, host: values.host ?? (process.env.HOST || undefined), quiet: true });
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
