// @ts-check
import { defineConfig } from 'astro/config';
import { resolvePaths } from './scripts/paths.ts';

// TERANG_PUBLIC_DIR / TERANG_DIST_DIR let tests build into a temp workspace.
const paths = resolvePaths();

// Static output only: every page is complete HTML at build time (issue 4).
export default defineConfig({
  output: 'static',
  site: 'http://localhost:4321',
  trailingSlash: 'ignore',
  publicDir: paths.publicDir,
  outDir: paths.distDir,
  i18n: {
    defaultLocale: 'id',
    locales: ['id', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  build: { inlineStylesheets: 'never' },
  server: { port: 4321, host: '127.0.0.1' },
  devToolbar: { enabled: false },
  // The data layer opens the release with DuckDB's native binding at build time: Node loads it, Vite must not bundle it.
  // assetsInlineLimit 0: Astro would inline small scripts, which the CSP (script-src 'self') blocks.
  vite: { ssr: { external: ['@duckdb/node-api', '@duckdb/node-bindings'] }, build: { assetsInlineLimit: 0 } },
  // Telemetry is not an Astro config key: our scripts set ASTRO_TELEMETRY_DISABLED=1.
});
