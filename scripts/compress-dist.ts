/**
 * Precompressed siblings for the built site: `file.br` (brotli) and
 * `file.gz` (gzip -9) next to every compressible file in `dist/`, so the
 * server (ours, nginx `gzip_static`/`brotli_static`, Caddy `precompressed`)
 * never compresses on the fly. Run by `npm run build:site` after `astro build`.
 *
 *   npx tsx scripts/compress-dist.ts [distDir] [--large-brotli-quality <0-11>] [--no-cache]
 *
 * - Compressible: html, css, js, mjs, json, svg, txt, csv, xml, wasm, duckdb.
 *   Parquet is compressed inside already; images are left alone.
 * - A sibling is written only when it saves at least 5 % (and 64 bytes);
 *   otherwise none is written and a stale one is removed, so the server
 *   sends the file as it is.
 * - Brotli quality 11 for files up to 1 MiB (pages, scripts, styles).
 *   Larger files (the 34.2 MB DuckDB-wasm binary, the release's database
 *   and CSV downloads) get quality 10 with a 16 MiB window. Measured on
 *   duckdb-eh.wasm (2 shared cores): q11 with the 16 MiB window 5.07 MB in
 *   250 s; q11, 4 MiB window 5.19 MB in 130 s; q10, 16 MiB 5.27 MB in 44 s;
 *   q9 5.89–5.92 MB in 3.5–9 s; q5 6.19 MB in 1 s; gzip -9 7.68 MB in 6 s.
 *   q10 keeps 0.6 MB off every first DuckDB load compared with q9, for 40 s
 *   of build; q11 would save 0.2 MB more for 3–4 more minutes. Release CSVs
 *   of 2–9 MB took about 7 s per MB at q11.
 * - Files over 1 MiB are cached by content hash
 *   (node_modules/.cache/terang-compress/): the wasm and a release's data
 *   do not change between site builds, so only the first build pays.
 *   `--large-brotli-quality 5` is for quick local and test builds.
 * - Deterministic: the same input gives the same bytes (gzip without a name
 *   or time stamp); each sibling gets its original's modification time, so
 *   servers that derive Last-Modified or ETag from the sibling agree.
 * - Range requests must never be answered from a sibling (DuckDB reads
 *   `terang.duckdb` by byte ranges of the identity file): our server
 *   (scripts/server/static-server.ts) ignores siblings when a Range header
 *   is present; docs/deploy.md shows the same for nginx and Caddy.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { distDir, REPO_ROOT } from './paths.ts';

export const DEFAULT_CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'terang-compress');

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|txt|csv|xml|wasm|duckdb)$/i;

export interface CompressOptions {
  /** Brotli quality for files up to `largeFileBytes`. Default 11. */
  brotliQuality?: number;
  /** Brotli quality above `largeFileBytes`. Default 10 (see the header for measurements). */
  largeBrotliQuality?: number;
  /** Default 1 MiB. */
  largeFileBytes?: number;
  /** Default 9. */
  gzipLevel?: number;
  /** Smallest saving, as a share of the original, for a sibling to be written. Default 0.05. */
  minSaving?: number;
  /** Files compressed at once (zlib runs them on its thread pool). Default: available cores. */
  concurrency?: number;
  /**
   * Folder keeping the compressed forms of large files by content hash, so a
   * rebuild does not spend a minute on the unchanged wasm again. None by default;
   * the command line uses `node_modules/.cache/terang-compress/`.
   */
  cacheDir?: string;
}

export interface FileResult {
  /** Path relative to the root, with `/`. */
  file: string;
  size: number;
  /** Size of the written sibling, or null when compression did not help (no sibling). */
  br: number | null;
  gz: number | null;
  seconds: number;
}

export interface CompressReport {
  files: FileResult[];
  seconds: number;
}

const MIN_SAVED_BYTES = 64;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Write `sibling` if it pays off, else make sure no stale sibling remains. Returns the size written, or null. */
async function writeSibling(sibling: string, compressed: Buffer, original: { size: number; mtimeMs: number }, minSaving: number): Promise<number | null> {
  const saved = original.size - compressed.length;
  if (saved < MIN_SAVED_BYTES || saved < original.size * minSaving) {
    await fs.rm(sibling, { force: true });
    return null;
  }
  await fs.writeFile(sibling, compressed);
  await fs.utimes(sibling, original.mtimeMs / 1000, original.mtimeMs / 1000);
  return compressed.length;
}

/** `compress()`, or its earlier result for the same bytes and settings from `cacheDir`. */
async function cached(cacheDir: string | undefined, data: Buffer, settings: string, compress: () => Promise<Buffer>): Promise<Buffer> {
  if (!cacheDir) return compress();
  const file = path.join(cacheDir, `${createHash('sha256').update(data).digest('hex')}.${settings}`);
  const hit = await fs.readFile(file).catch(() => null);
  if (hit) return hit;
  const result = await compress();
  await fs.mkdir(cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, result);
  await fs.rename(temporary, file);
  return result;
}

export async function compressFile(filePath: string, root: string, options: CompressOptions = {}): Promise<FileResult> {
  const started = performance.now();
  const stats = await fs.stat(filePath);
  const data = await fs.readFile(filePath);
  const large = data.length > (options.largeFileBytes ?? 1024 * 1024);
  const quality = large ? (options.largeBrotliQuality ?? 10) : (options.brotliQuality ?? 11);
  const lgwin = large ? 24 : zlib.constants.BROTLI_DEFAULT_WINDOW;
  const [br, gz] = await Promise.all([
    cached(large ? options.cacheDir : undefined, data, `br-q${quality}-w${lgwin}`, () => brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        // A 16 MiB window (the most browsers accept) helps large files; small ones fit the default anyway.
        [zlib.constants.BROTLI_PARAM_LGWIN]: lgwin,
        [zlib.constants.BROTLI_PARAM_MODE]: /\.(html|css|js|mjs|json|svg|txt|csv|xml)$/i.test(filePath) ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
      },
    })),
    cached(large ? options.cacheDir : undefined, data, `gz-${options.gzipLevel ?? 9}`, () => gzip(data, { level: options.gzipLevel ?? 9 })),
  ]);
  const minSaving = options.minSaving ?? 0.05;
  return {
    file: path.relative(root, filePath).split(path.sep).join('/'),
    size: data.length,
    br: await writeSibling(`${filePath}.br`, br, stats, minSaving),
    gz: await writeSibling(`${filePath}.gz`, gz, stats, minSaving),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Compress every compressible file under `root`, largest first so the slow one starts at once. */
export async function compressDist(root: string, options: CompressOptions = {}): Promise<CompressReport> {
  const started = performance.now();
  const files = (await listFiles(root)).filter((file) => COMPRESSIBLE.test(file));
  const sizes = new Map(await Promise.all(files.map(async (file) => [file, (await fs.stat(file)).size] as const)));
  const queue = [...files].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a.localeCompare(b));
  const results: FileResult[] = [];
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? os.availableParallelism()) }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) results.push(await compressFile(file, root, options));
  });
  await Promise.all(workers);
  results.sort((a, b) => a.file.localeCompare(b.file));
  return { files: results, seconds: (performance.now() - started) / 1000 };
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** A few lines for the build log. */
export function summarize(report: CompressReport): string {
  const written = report.files.filter((f) => f.br !== null || f.gz !== null);
  const skipped = report.files.length - written.length;
  const total = written.reduce((sum, f) => sum + f.size, 0);
  const br = written.reduce((sum, f) => sum + (f.br ?? f.size), 0);
  const gz = written.reduce((sum, f) => sum + (f.gz ?? f.size), 0);
  const slowest = [...report.files].sort((a, b) => b.seconds - a.seconds)[0];
  return [
    `compress-dist: ${written.length} files compressed, ${skipped} left as they are (compression saved too little), in ${report.seconds.toFixed(1)} s`,
    `  ${megabytes(total)} → brotli ${megabytes(br)}, gzip ${megabytes(gz)}`,
    ...(slowest ? [`  slowest: ${slowest.file} (${megabytes(slowest.size)}) in ${slowest.seconds.toFixed(1)} s`] : []),
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const { values, positionals } = parseArgs({
    options: { 'large-brotli-quality': { type: 'string' }, 'no-cache': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const root = path.resolve(positionals[0] ?? distDir());
  const large = values['large-brotli-quality'];
  const largeBrotliQuality = large === undefined ? undefined : Number(large);
  if (largeBrotliQuality !== undefined && !(Number.isInteger(largeBrotliQuality) && largeBrotliQuality >= 0 && largeBrotliQuality <= 11)) {
    console.error(`--large-brotli-quality must be 0–11, not ${large}`);
    process.exit(2);
  }
  compressDist(root, { largeBrotliQuality, cacheDir: values['no-cache'] ? undefined : DEFAULT_CACHE_DIR }).then(
    (report) => console.log(summarize(report)),
    (error: unknown) => {
      console.error(`compress-dist failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
