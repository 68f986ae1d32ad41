/**
 * Real-Chromium test harness: find and launch Chromium, build the site into a
 * throwaway workspace, serve it with our own static server, and record what
 * a page does (every request, console errors, page errors) so tests can
 * assert that nothing leaves the origin and nothing breaks.
 *
 * Chromium missing is an error, never a skip: a browser suite that silently
 * does not run proves nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/paths.ts';
import { createStaticServer, type StaticServer } from '../../scripts/server/static-server.ts';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, deterministic headless Chromium on a CI box (no sandbox: we run as root in containers). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Path of the Chromium binary: `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : [DEFAULT_CHROMIUM_PATH];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `Chromium not found at ${candidates.join(', ')}. Browser tests need it: ` +
        'install it with `apt-get install -y chromium` (as root), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return found;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

// ---------------------------------------------------------------- site build

export interface SiteWorkspace {
  /** Root of the throwaway workspace. */
  root: string;
  /** The TERANG_* variables pointing into it. */
  env: Record<string, string>;
  distDir: string;
  publicDataDir: string;
}

/**
 * A fresh workspace under `<repo>/.tmp/` (git-ignored). Inside the repository
 * on purpose: Astro puts its intermediate server build inside `outDir` only
 * when `outDir` is under the project root, and otherwise into the shared
 * `<repo>/.astro/`, where parallel builds would collide.
 */
export async function createWorkspace(name: string): Promise<SiteWorkspace> {
  const parent = path.join(REPO_ROOT, '.tmp');
  await fs.mkdir(parent, { recursive: true });
  const root = await fs.mkdtemp(path.join(parent, `${name}-`));
  const publicDir = path.join(root, 'public');
  const publicDataDir = path.join(publicDir, 'data');
  const distDir = path.join(root, 'dist');
  await fs.mkdir(publicDataDir, { recursive: true });
  // The real public files (favicon...), but not its published data.
  await fs.cp(path.join(REPO_ROOT, 'public'), publicDir, {
    recursive: true,
    filter: (source) => path.relative(path.join(REPO_ROOT, 'public'), source).split(path.sep)[0] !== 'data',
  });
  return {
    root,
    distDir,
    publicDataDir,
    env: {
      TERANG_RAW_DIR: path.join(root, 'raw'),
      TERANG_PUBLIC_DIR: publicDir,
      TERANG_PUBLIC_DATA_DIR: publicDataDir,
      TERANG_DIST_DIR: distDir,
      TERANG_REPORTS_DIR: path.join(root, 'reports'),
      TERANG_WORK_DIR: path.join(root, 'work'),
      // Empty unless a test puts a boundary file there: the repository's own data/boundaries/ must not leak in.
      TERANG_BOUNDARIES_DIR: path.join(root, 'boundaries'),
      // Likewise the BPS import: only what buildSampleRelease imports, never data/bps/.
      TERANG_BPS_DIR: path.join(root, 'bps'),
    },
  };
}

/**
 * `npm run build:site` in child processes (keeps Astro's Vite apart from
 * vitest's): `astro build`, then the precompressed siblings, so tests see
 * what production serves. Files over 1 MiB (the wasm, data) get brotli quality 5
 * instead of 10: the same files and encodings, minutes less on 2 cores.
 */
export async function buildSite(workspace: SiteWorkspace): Promise<void> {
  await runNode(workspace, [path.join(REPO_ROOT, 'node_modules', 'astro', 'astro.js'), 'build'], 'astro build');
  const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  await runNode(workspace, [tsx, path.join(REPO_ROOT, 'scripts', 'compress-dist.ts'), workspace.distDir, '--large-brotli-quality', '5'], 'compress-dist');
}

/** A fixed, clearly test-only build secret: the sample data is fictional. */
const TEST_BUILD_SECRET = 'terang-browser-tests-fictional-sample-secret';

/**
 * A real release in the workspace: the fictional sample at `scale`, then the
 * data build, exactly as `npm start` does, into the workspace's folders.
 */
export const SAMPLE_BPS_FILE = path.join(REPO_ROOT, 'data', 'sample-bps', 'bps-kemiskinan-kabkota-contoh-fiktif.csv');

export async function buildSampleRelease(workspace: SiteWorkspace, scale = 0.01): Promise<void> {
  const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const raw = workspace.env.TERANG_RAW_DIR!;
  await runNode(workspace, [tsx, path.join(REPO_ROOT, 'scripts', 'sample', 'cli.ts'), '--scale', String(scale), '--out', raw], 'sample');
  // The sample's fictional BPS table, as `npm start` imports it (docs/bps-import.md).
  await runNode(workspace, [tsx, path.join(REPO_ROOT, 'scripts', 'bps', 'cli.ts'), SAMPLE_BPS_FILE], 'import:bps');
  await runNode(workspace, [tsx, path.join(REPO_ROOT, 'scripts', 'build-data.ts')], 'build:data', { TERANG_SECRET: TEST_BUILD_SECRET });
}

function runNode(workspace: SiteWorkspace, args: string[], label: string, extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: Buffer[] = [];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...workspace.env, ...extraEnv, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (exit ${code}):\n${Buffer.concat(output).toString()}`));
    });
  });
}

export async function serveSite(workspace: SiteWorkspace): Promise<StaticServer> {
  const server = createStaticServer({ root: workspace.distDir, port: 0, host: '127.0.0.1' });
  await server.listen();
  return server;
}

// ---------------------------------------------------------------- recording

export interface PageRecording {
  context: BrowserContext;
  page: Page;
  /** Every request URL the page (and its workers) made, in order. */
  requests: string[];
  /** Requests to any origin other than the site's; they are blocked. */
  foreignRequests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
}

/** URLs that never touch the network. */
const isLocalScheme = (url: string) => /^(data|blob|about):/.test(url);

/**
 * A new context and page that record what happens. Requests to other
 * origins are aborted as well as recorded, so a test can never depend on
 * the internet by accident.
 */
export async function openRecordedPage(
  browser: Browser,
  siteUrl: string,
  options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {},
): Promise<PageRecording> {
  const origin = new URL(siteUrl).origin;
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const recording: Omit<PageRecording, 'page'> = {
    context,
    requests: [],
    foreignRequests: [],
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocalScheme(url) || new URL(url).origin === origin) return route.continue();
    recording.foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('request', (request) => recording.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') recording.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => recording.pageErrors.push(error.message));
  page.on('requestfailed', (request) => recording.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
  return { ...recording, page };
}

/** Requests (recorded by the page) whose origin is not the site's. */
export function requestsOffOrigin(requests: string[], siteUrl: string): string[] {
  const origin = new URL(siteUrl).origin;
  return requests.filter((url) => !isLocalScheme(url) && new URL(url).origin !== origin);
}
