/**
 * `npm run import:bps -- <file.csv> [<file.csv> ...] [--strict]`
 *
 * Reads BPS per-kabupaten/kota poverty tables as downloaded and writes
 * data/bps/kemiskinan-bps.csv (TERANG_BPS_DIR), which the next
 * `npm run build:data` publishes as the `bps_kemiskinan` table. Report:
 * reports/bps-import.md (+ .json) and reports/bps-crosswalk.csv.
 *
 * Exit codes: 0 imported (rejected rows, if any, are listed as a warning
 * and in the report); 1 with --strict when any row was rejected (nothing
 * written); 2 when a file or overrides.csv cannot be read (nothing written).
 * The same files give the same output, byte for byte.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bpsDir, reportsDir } from '../paths.ts';
import { runBpsImport } from './import.ts';
import { nameCounts, REPORT_FILES } from './report.ts';

const { values, positionals } = parseArgs({ options: { strict: { type: 'boolean', default: false } }, allowPositionals: true });
if (positionals.length === 0) {
  console.error('Pakai / usage: npm run import:bps -- <berkas.csv> [<berkas.csv> ...] [--strict]');
  process.exit(2);
}

const outcome = runBpsImport({ files: positionals, bpsDir: bpsDir(), reportsDir: reportsDir(), strict: values.strict });
const report = join(reportsDir(), REPORT_FILES.markdown);
for (const fatal of outcome.fatal) console.error(`\n${fatal.message}`);
const result = outcome.result;
if (result) {
  const counts = nameCounts(result.names);
  console.log(`Impor BPS / BPS import: ${result.files.length} berkas / files, ${result.rows.length} nilai / values`);
  console.log(`  nama / names: ${counts.matched} cocok / matched, ${counts.ambiguous} ambigu / ambiguous, ${counts.unknown} tidak dikenal / unknown`);
  if (result.rejected.length > 0) {
    console.warn(`  ⚠ ${result.rejected.length} baris/nilai ditolak / rows or values rejected:`);
    for (const r of result.rejected.slice(0, 10)) console.warn(`    ${r.file}:${r.row} ${r.name} ${r.column ?? ''} ${r.value ?? ''} — ${r.reason.id} / ${r.reason.en}`);
    if (result.rejected.length > 10) console.warn(`    … ${result.rejected.length - 10} lagi / more`);
  }
}
if (outcome.written) console.log(`Hasil / output: ${outcome.written}`);
else console.error(outcome.exitCode === 1 ? 'Tidak ditulis: --strict dan ada baris ditolak. / Not written: --strict and rows were rejected.' : 'Tidak ditulis. / Nothing written.');
console.log(`Laporan / report: ${report}`);
process.exit(outcome.exitCode);
