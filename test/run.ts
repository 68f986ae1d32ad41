/**
 * `npm test`: run every vitest project (node and browser) and end with one
 * plain line CI and people can read: `N passed, N failed[, N skipped]`.
 *
 * Vitest prints its usual report to the console and writes its JSON report
 * (kept as `test-results/vitest.json`); the closing line is computed from it.
 * The exit code is non-zero when a test failed, when a test file failed to
 * load (counted as one failure per file), when vitest itself failed, or when
 * no test ran at all. Extra arguments are passed to vitest
 * (e.g. `npm test -- test/unit`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../scripts/paths.ts';

/** Kept after the run for CI artifacts and people. */
const RESULTS_FILE = path.join(REPO_ROOT, 'test-results', 'vitest.json');
/** Per run, so two `npm test` at once in one checkout never read each other's report. */
const RUN_RESULTS_FILE = path.join(REPO_ROOT, '.tmp', `vitest-${process.pid}.json`);
const VITEST_BIN = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');

/** The fields of vitest's JSON report that the summary needs. */
interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

export function summarise(report: JsonReport): Summary {
  // A file can fail outside any test (an import error, a failing beforeAll
  // hook: vitest then reports its tests as skipped). Count each such file as
  // one failure, or the closing line would say "0 failed" for a broken run.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

export function formatSummary({ passed, failed, skipped }: Summary): string {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

function runVitest(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [VITEST_BIN, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RUN_RESULTS_FILE}`, ...args],
      { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function main(): Promise<number> {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  mkdirSync(path.dirname(RUN_RESULTS_FILE), { recursive: true });
  rmSync(RUN_RESULTS_FILE, { force: true }); // never read a previous run's results
  const exitCode = await runVitest(process.argv.slice(2));

  if (!existsSync(RUN_RESULTS_FILE)) {
    console.error(`vitest exited with code ${exitCode} and wrote no report (${RUN_RESULTS_FILE}).`);
    console.log(formatSummary({ passed: 0, failed: 0, skipped: 0 }));
    return 1;
  }
  const reportText = readFileSync(RUN_RESULTS_FILE, 'utf8');
  renameSync(RUN_RESULTS_FILE, RESULTS_FILE);
  const summary = summarise(JSON.parse(reportText) as JsonReport);
  const problems: string[] = [];
  if (summary.failed > 0) problems.push(`${summary.failed} failed`);
  if (exitCode !== 0) problems.push(`vitest exited with code ${exitCode}`);
  if (summary.passed + summary.failed === 0) problems.push('no test ran');
  if (problems.length > 0) console.error(`\nTest run not OK: ${problems.join('; ')}.`);
  console.log(formatSummary(summary));
  return problems.length > 0 ? 1 : 0;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      console.log(formatSummary({ passed: 0, failed: 0, skipped: 0 }));
      process.exit(1);
    },
  );
}
