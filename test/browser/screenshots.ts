/**
 * Screenshots of a built site, as a person would see it: Beranda, one
 * kabupaten page, the Wilayah list and the topic pages, in Indonesian, at phone (360 px) and
 * desktop (1280 px) width, full page.
 *
 *   npx tsx test/browser/screenshots.ts [distDir] [outDir]
 *
 * Defaults: the project's `dist/` (TERANG_DIST_DIR) and `test-results/screenshots/`.
 * Serves the folder with our own static server; nothing leaves the machine.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { distDir, REPO_ROOT } from '../../scripts/paths.ts';
import { createStaticServer } from '../../scripts/server/static-server.ts';
import { launchChromium } from './harness.ts';

const WIDTHS = [360, 1280];

/** The first kabupaten page the site has (a 4-digit folder under /wilayah/). */
function firstKabupaten(root: string): string | null {
  const folder = path.join(root, 'wilayah');
  if (!existsSync(folder)) return null;
  return readdirSync(folder).filter((name) => /^\d{4}$/.test(name)).sort()[0] ?? null;
}

export async function takeScreenshots(root: string, outDir: string): Promise<string[]> {
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`${root} has no built site: run npm run build:site first`);
  mkdirSync(outDir, { recursive: true });
  const kabupaten = firstKabupaten(root);
  const pages = [
    { name: 'beranda', path: '/' },
    { name: 'wilayah', path: '/wilayah/' },
    ...(existsSync(path.join(root, 'sasaran', 'index.html')) ? [{ name: 'sasaran', path: '/sasaran/' }] : []),
    ...(existsSync(path.join(root, 'jelajah', 'index.html')) ? [{ name: 'jelajah', path: '/jelajah/' }] : []),
    ...(kabupaten ? [{ name: `kabupaten-${kabupaten}`, path: `/wilayah/${kabupaten}/` }] : []),
    // The topic pages, when this build has them.
    ...['kemiskinan', 'pengaduan', 'metodologi'].filter((name) => existsSync(path.join(root, name, 'index.html'))).map((name) => ({ name, path: `/${name}/` })),
  ];
  const server = createStaticServer({ root, port: 0, host: '127.0.0.1' });
  await server.listen();
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      for (const target of pages) {
        await page.goto(new URL(target.path, server.url).href, { waitUntil: 'load' });
        const file = path.join(outDir, `${target.name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return written;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const root = path.resolve(process.argv[2] ?? distDir());
  const outDir = path.resolve(process.argv[3] ?? path.join(REPO_ROOT, 'test-results', 'screenshots'));
  takeScreenshots(root, outDir).then(
    (files) => console.log(files.join('\n')),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
