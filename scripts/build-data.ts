/**
 * `npm run build:data [-- --as-of yyyy-mm-dd --k 10]`: raw exports in
 * data/raw/ → validation report in reports/ → anonymised release in
 * public/data/<release>/. Exit code 2 when an input file cannot be read (the
 * previous release stays untouched), 1 on any other failure.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputFileError } from './build/errors.ts';
import { runDataBuild } from './build/run-build.ts';
import { loadSecret } from './build/secret.ts';
import { NORMALIZED_FILE } from './bps/indicators.ts';
import { bpsDir, publicDataDir, rawDir, reportsDir, REPO_ROOT, workDir } from './paths.ts';

const today = (): string => new Date().toISOString().slice(0, 10);

const { values } = parseArgs({
  options: {
    'as-of': { type: 'string' },
    k: { type: 'string' },
    'sensitive-k': { type: 'string' },
    threads: { type: 'string' },
    'memory-limit': { type: 'string' },
    json: { type: 'string' },
  },
});

/** The sample states its own data date; a real export is dated by the day of the build unless told otherwise. */
const sampleDate = (): string | undefined => {
  const manifest = join(rawDir(), 'sample-manifest.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { asOf?: string }).asOf;
};

const asOf = values['as-of'] ?? process.env.TERANG_AS_OF ?? sampleDate() ?? today();
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error(`--as-of harus yyyy-mm-dd / must be yyyy-mm-dd: ${asOf}`);
  process.exit(1);
}
const k = Number(values.k ?? process.env.TERANG_K ?? 10);
const sensitiveK = Number(values['sensitive-k'] ?? process.env.TERANG_SENSITIVE_K ?? 20);

console.log(`Terang build:data — tanggal data / data date ${asOf}, k = ${k} (sensitif / sensitive ${sensitiveK})`);
try {
  const result = await runDataBuild({
    rawDir: rawDir(),
    referenceDir: join(REPO_ROOT, 'data', 'reference'),
    publicDataDir: publicDataDir(),
    reportsDir: reportsDir(),
    workDir: workDir(),
    secret: loadSecret(process.env.TERANG_SECRET_FILE ?? join(REPO_ROOT, '.terang-secret')),
    asOf,
    k,
    sensitiveK,
    threads: values.threads ? Number(values.threads) : undefined,
    memoryLimit: values['memory-limit'] ?? process.env.TERANG_MEMORY_LIMIT,
    sliceRows: process.env.TERANG_SLICE_ROWS ? Number(process.env.TERANG_SLICE_ROWS) : undefined,
    recipientSliceRows: process.env.TERANG_RECIPIENT_SLICE_ROWS ? Number(process.env.TERANG_RECIPIENT_SLICE_ROWS) : undefined,
    inMemoryMaxBytes: process.env.TERANG_IN_MEMORY_MAX_BYTES ? Number(process.env.TERANG_IN_MEMORY_MAX_BYTES) : undefined,
    bpsFile: join(bpsDir(), NORMALIZED_FILE),
    log: (line) => console.log(line),
  });
  const { totals } = result.report;
  console.log(
    `Baris dibaca / rows read ${totals.rowsRead.toLocaleString('id')} = diterima / accepted ${totals.rowsAccepted.toLocaleString('id')} + dikarantina / quarantined ${totals.rowsQuarantined.toLocaleString('id')}`,
  );
  console.log(`Laporan validasi / validation report: ${join(reportsDir(), 'validation.html')}`);
  console.log(`Rilis / release ${result.release.id}: ${result.release.tables.length} tabel → ${result.release.dir}`);
  console.log(`Puncak memori / peak memory ${result.peakRssMb} MB`);
  // For the benchmark: stage timings and peak memory as JSON.
  if (values.json) writeFileSync(values.json, JSON.stringify({ stages: result.stages, peakRssMb: result.peakRssMb, totals, release: result.release.id }));
} catch (error) {
  if (error instanceof InputFileError) {
    console.error(`\nBuild berhenti: file masukan tidak dapat dibaca. Rilis sebelumnya tidak diubah.\nBuild stopped: an input file cannot be read. The previous release is untouched.\n\n${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
}
