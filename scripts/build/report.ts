/**
 * The validation report for the Dinas (never published): counts per file and
 * per error code, the reconciliation rows read = accepted + quarantined, and
 * every quarantined row (masked NIK only) as CSV.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.ts';
import { ERRORS, type ErrorCode } from './errors.ts';
import type { FileReport } from './validate.ts';

export interface ValidationReport {
  dataDate: string;
  ok: boolean;
  fatal: { code: string; file: string; message: string } | null;
  files: FileReport[];
  totals: { rowsRead: number; rowsAccepted: number; rowsQuarantined: number };
  errorsByCode: { code: string; rows: number; message: { id: string; en: string }; hint: { id: string; en: string } }[];
  quarantineFile: string | null;
  stages: { stage: string; seconds: number; rows?: number }[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const writeAtomic = (path: string, text: string) => {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
};

export const summarize = (
  files: FileReport[],
  dataDate: string,
  fatal: ValidationReport['fatal'],
  stages: ValidationReport['stages'],
  quarantineFile: string | null,
): ValidationReport => {
  const codes = new Map<string, number>();
  for (const f of files) for (const [code, n] of Object.entries(f.errorsByCode)) codes.set(code, (codes.get(code) ?? 0) + (n ?? 0));
  if (fatal) codes.set(fatal.code, (codes.get(fatal.code) ?? 0) + 1);
  const sum = (pick: (f: FileReport) => number) => files.reduce((acc, f) => acc + pick(f), 0);
  return {
    dataDate,
    ok: fatal === null,
    fatal,
    files,
    totals: { rowsRead: sum((f) => f.rowsRead), rowsAccepted: sum((f) => f.rowsAccepted), rowsQuarantined: sum((f) => f.rowsQuarantined) },
    errorsByCode: [...codes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, rows]) => ({ code, rows, message: ERRORS[code as ErrorCode].message, hint: ERRORS[code as ErrorCode].hint })),
    quarantineFile,
    stages,
  };
};

const renderHtml = (report: ValidationReport, sample: Record<string, unknown>[]): string => {
  const fileRows = report.files
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.file)}</td><td>${f.encoding}</td><td>${escapeHtml(f.delimiter)}</td><td class="n">${f.rowsRead}</td><td class="n">${f.rowsAccepted}</td><td class="n">${f.rowsQuarantined}</td><td>${f.rowsRead === f.rowsAccepted + f.rowsQuarantined ? '✓' : '✗'}</td><td>${escapeHtml(f.unknownColumns.join(', '))}</td></tr>`,
    )
    .join('\n');
  const codeRows = report.errorsByCode
    .map((e) => `<tr><td><code>${e.code}</code></td><td class="n">${e.rows}</td><td>${escapeHtml(e.message.id)}<br><i>${escapeHtml(e.message.en)}</i></td><td>${escapeHtml(e.hint.id)}<br><i>${escapeHtml(e.hint.en)}</i></td></tr>`)
    .join('\n');
  const sampleRows = sample
    .map((r) => `<tr>${['file', 'row', 'column', 'code', 'value', 'nik_masked'].map((k) => `<td>${escapeHtml(String(r[k] ?? ''))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laporan validasi / Validation report — ${report.dataDate}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:1rem;max-width:70rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}.n{text-align:right;font-variant-numeric:tabular-nums}.fatal{background:#fde2e2;padding:1rem;border:2px solid #b00}</style>
</head><body>
<h1>Laporan validasi / Validation report</h1>
<p>Tanggal data / data date: ${report.dataDate}. Laporan ini internal: jangan dipublikasikan. / This report is internal: do not publish it.</p>
${report.fatal ? `<div class="fatal"><strong>Build berhenti / Build stopped:</strong><pre>${escapeHtml(report.fatal.message)}</pre></div>` : ''}
<p>Baris dibaca / rows read: <b>${report.totals.rowsRead}</b> = diterima / accepted <b>${report.totals.rowsAccepted}</b> + dikarantina / quarantined <b>${report.totals.rowsQuarantined}</b></p>
<h2>Per file</h2>
<table><tr><th>file</th><th>encoding</th><th>pemisah / separator</th><th>dibaca / read</th><th>diterima / accepted</th><th>dikarantina / quarantined</th><th>cocok / reconciles</th><th>kolom tak dikenal / unknown columns</th></tr>
${fileRows}</table>
<h2>Per kode galat / per error code</h2>
<table><tr><th>kode / code</th><th>jumlah / count</th><th>arti / meaning</th><th>saran / hint</th></tr>
${codeRows}</table>
<h2>Baris dikarantina / quarantined rows</h2>
<p>Semua baris ada di / every row is in <code>${escapeHtml(report.quarantineFile ?? '-')}</code>; di bawah ${sample.length} baris pertama / below the first ${sample.length}.</p>
<table><tr><th>file</th><th>baris / row</th><th>kolom / column</th><th>kode / code</th><th>nilai / value</th><th>NIK (disamarkan / masked)</th></tr>
${sampleRows}</table>
</body></html>
`;
};

export const writeValidationReport = async (db: Db | null, reportsDir: string, report: ValidationReport): Promise<void> => {
  mkdirSync(reportsDir, { recursive: true });
  let sample: Record<string, unknown>[] = [];
  if (db && report.quarantineFile) {
    const path = join(reportsDir, report.quarantineFile);
    await db.run(`COPY (SELECT contract, file, "row", "column", code, value, nik_masked FROM quarantine ORDER BY contract, file, "row", "column", code, value)
                  TO '${path.replace(/'/g, "''")}' (FORMAT csv, HEADER true)`);
    sample = await db.all(`SELECT * FROM quarantine ORDER BY contract, file, "row", "column", code, value LIMIT 1000`);
  }
  writeAtomic(join(reportsDir, 'validation.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeAtomic(join(reportsDir, 'validation.html'), renderHtml(report, sample));
};
