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
  // Telemetry is not an Astro config key: our scripts set ASTRO_TELEMETRY_DISABLED=1.
});
