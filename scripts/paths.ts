/**
 * The project's folders, in one place. Each can be moved with an environment
 * variable so tests (and the browser harness) can build and serve inside a
 * temporary workspace without touching the real `data/`, `public/` or `dist/`.
 *
 * Relative values resolve against the repository root, not the current
 * working directory, so scripts behave the same wherever they are started.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'terang';

/**
 * The repository root: the nearest folder above this module whose
 * package.json is ours. Walking up (rather than `..`) matters because Astro
 * bundles pages that import this module into `.astro/` before running them.
 */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // An unreadable package.json is not ours; keep walking.
      }
    }
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** Absolute path of the repository root (the folder holding package.json). */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

/** Environment variable → default (relative to the repository root). */
export const PATH_ENV = {
  rawDir: ['TERANG_RAW_DIR', 'data/raw'],
  publicDataDir: ['TERANG_PUBLIC_DATA_DIR', 'public/data'],
  reportsDir: ['TERANG_REPORTS_DIR', 'reports'],
  distDir: ['TERANG_DIST_DIR', 'dist'],
  publicDir: ['TERANG_PUBLIC_DIR', 'public'],
  /** Scratch space of the data build (private intermediate files). */
  workDir: ['TERANG_WORK_DIR', 'data/work'],
  /** BPS poverty tables: overrides.csv (reviewed) and kemiskinan-bps.csv (written by npm run import:bps); see docs/bps-import.md. */
  bpsDir: ['TERANG_BPS_DIR', 'data/bps'],
  /** Optional boundary files (GeoJSON keyed by Kemendagri code) for the choropleth map; see docs/maps.md. */
  boundariesDir: ['TERANG_BOUNDARIES_DIR', 'data/boundaries'],
} as const;

export type PathName = keyof typeof PATH_ENV;
export type ProjectPaths = Record<PathName, string>;

/**
 * Resolve every folder from an environment (default: `process.env`).
 * Pure apart from reading `env`, so tests can pass their own object.
 */
export function resolvePaths(env: NodeJS.ProcessEnv = process.env): ProjectPaths {
  const entries = Object.entries(PATH_ENV).map(([name, [variable, fallback]]) => {
    const value = env[variable];
    return [name, path.resolve(REPO_ROOT, value && value.trim() !== '' ? value : fallback)];
  });
  return Object.fromEntries(entries) as ProjectPaths;
}

/** Raw Dinas exports (private, never published). */
export const rawDir = (env: NodeJS.ProcessEnv = process.env): string => resolvePaths(env).rawDir;
/** Published data root: `<root>/<release-id>/` plus `<root>/latest.json`. */
export const publicDataDir = (env: NodeJS.ProcessEnv = process.env): string => resolvePaths(env).publicDataDir;
/** Build reports (validation, benchmarks). */
export const reportsDir = (env: NodeJS.ProcessEnv = process.env): string => resolvePaths(env).reportsDir;
/** Built static site. */
export const distDir = (env: NodeJS.ProcessEnv = process.env): string => resolvePaths(env).distDir;
/** Astro's `publicDir`: copied verbatim into the site. */
export const publicDir = (env: NodeJS.ProcessEnv = process.env): string => resolvePaths(env).publicDir;
/** Scratch space of the data build; never published. */
export const workDir = (env: NodeJS.ProcessEnv = process.env): string => resolvePaths(env).workDir;
/** Boundary files for the choropleth map (optional; without them Beranda shows the tile grid). */
export const boundariesDir = (env: NodeJS.ProcessEnv = process.env): string => resolvePaths(env).boundariesDir;
/** BPS poverty tables: overrides and the importer's normalized file, read by the data build. */
export const bpsDir = (env: NodeJS.ProcessEnv = process.env): string => resolvePaths(env).bpsDir;
