/**
 * What the importer tells its reader, in reports/ (git-ignored, not
 * published): `bps-import.json` (for tools and tests), `bps-import.md` (to
 * read: files, names matched / ambiguous / unknown with their candidates,
 * every rejected row with its reason in Indonesian and English), and
 * `bps-crosswalk.csv` (every name → code used, for review). No timestamps:
 * the same inputs give byte-identical reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BPS_ERRORS, type BpsErrorCode } from './errors.ts';
import type { ImportResult, NameEntry } from './import.ts';
import { INDICATOR } from './indicators.ts';
import type { Candidate } from './names.ts';

export interface ImportReport {
  result: ImportResult | null;
  fatal: { code: BpsErrorCode; file: string; message: string }[];
  written: string | null;
  strict: boolean;
  exitCode: number;
}

export const REPORT_FILES = { json: 'bps-import.json', markdown: 'bps-import.md', crosswalk: 'bps-crosswalk.csv' } as const;

export const nameCounts = (names: NameEntry[]) => ({
  matched: names.filter((n) => n.status === 'matched').length,
  ambiguous: names.filter((n) => n.status === 'ambiguous').length,
  unknown: names.filter((n) => n.status === 'unknown').length,
});

const candidatesText = (list: Candidate[] | undefined) =>
  list && list.length > 0 ? list.map((c) => `${c.name} (${c.code}, ${c.province})`).join('; ') : '–';

const cell = (text: string | number) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const markdown = (report: ImportReport): string => {
  const out: string[] = ['# Impor tabel kemiskinan BPS / BPS poverty table import', ''];
  const { result } = report;
  if (report.fatal.length > 0) {
    out.push('## Berkas tidak terbaca / Files that cannot be read', '', 'Tidak ada yang ditulis (exit 2). / Nothing was written (exit 2).', '');
    for (const f of report.fatal) out.push('```', f.message, '```', '');
  }
  if (!result) return out.join('\n');
  const counts = nameCounts(result.names);
  const rejectedRows = new Set(result.rejected.map((r) => `${r.file}|${r.row}`)).size;
  out.push(
    `- Hasil / output: ${report.written ? `\`${report.written}\`, ${result.rows.length} nilai / values` : 'tidak ditulis / not written'}${report.strict ? ' (--strict)' : ''}`,
    `- Nama / names: ${counts.matched} cocok / matched, ${counts.ambiguous} ambigu / ambiguous, ${counts.unknown} tidak dikenal / unknown`,
    `- Ditolak / rejected: ${result.rejected.length} (${rejectedRows} baris / rows)`,
    `- Duplikat sama digabung / equal duplicates merged: ${result.duplicatesMerged}`,
    '',
    '## Berkas / Files',
    '',
    '| berkas / file | encoding | pemisah / separator | baris wilayah / region rows | nilai / values | kosong (-, ...) / missing | catatan kaki / footnotes |',
    '|---|---|---|---|---|---|---|',
    ...result.files.map((f) => `| ${cell(f.file)} | ${f.encoding} | \`${f.delimiter}\` | ${f.regionRows} | ${f.values} | ${f.missing} | ${f.footnotes.length} |`),
    '',
  );
  for (const f of result.files) {
    out.push(`### ${f.file}`, '', '| kolom / column | indikator / indicator | tahun / year | satuan asal / unit as written |', '|---|---|---|---|');
    for (const c of f.columns) out.push(`| ${cell(c.header)} | ${INDICATOR[c.indicator].label.id} | ${c.year} | ${c.unit} |`);
    for (const c of f.ignoredColumns) out.push(`| ${cell(c.header)} | **diabaikan / ignored**: ${BPS_ERRORS[c.code as BpsErrorCode].message.id} | | |`);
    if (f.nationalRows.length) out.push('', `Baris nasional dilewati / national rows skipped: ${f.nationalRows.join(', ')}`);
    if (f.footnotes.length) out.push('', `Catatan kaki dilewati / footnotes skipped: ${f.footnotes.map((n) => `${n.line} (“${n.text.slice(0, 60)}”)`).join('; ')}`);
    out.push('');
  }
  const section = (title: string, status: NameEntry['status']) => {
    const list = result.names.filter((n) => n.status === status);
    out.push(`## ${title} (${list.length})`, '');
    if (list.length === 0) return out.push('–', '');
    if (status === 'matched') {
      out.push('| nama BPS / BPS name | konteks provinsi / province context | kode | nama Kemendagri | cara / method | baris / rows |', '|---|---|---|---|---|---|');
      for (const n of list) out.push(`| ${cell(n.name)} | ${cell(n.province)} | ${n.code} | ${cell(n.officialName ?? '')} | ${n.method} | ${n.rows} |`);
    } else {
      out.push('| nama BPS / BPS name | konteks provinsi / province context | kandidat / candidates | baris / rows | berkas / files |', '|---|---|---|---|---|');
      for (const n of list) out.push(`| ${cell(n.name)} | ${cell(n.province)} | ${cell(candidatesText(n.candidates))} | ${n.rows} | ${cell(n.files.join(', '))} |`);
    }
    out.push('');
  };
  section('Nama ambigu / Ambiguous names', 'ambiguous');
  section('Nama tidak dikenal / Unknown names', 'unknown');
  out.push(
    `## Baris ditolak / Rejected rows (${result.rejected.length})`,
    '',
    '| berkas / file | baris / row | nama / name | kolom / column | nilai / value | alasan | reason | kandidat / candidates |',
    '|---|---|---|---|---|---|---|---|',
    ...result.rejected.map(
      (r) =>
        `| ${cell(r.file)} | ${r.row} | ${cell(r.name)} | ${cell(r.column ?? '')} | ${cell(r.value ?? '')} | ${cell(r.reason.id)} | ${cell(r.reason.en)} | ${cell(candidatesText(r.candidates))} |`,
    ),
    '',
  );
  section('Nama cocok / Matched names', 'matched');
  out.push('Perbaiki nama ambigu atau tidak dikenal di `data/bps/overrides.csv` (`nama,provinsi,kode`), lalu jalankan ulang. / Fix ambiguous or unknown names in `data/bps/overrides.csv` (`nama,provinsi,kode`) and run again.', '');
  return out.join('\n');
};

const crosswalk = (names: NameEntry[]): string => {
  const rows = names
    .filter((n) => n.status === 'matched')
    .map((n) => [n.name, n.province, n.code ?? '', n.officialName ?? '', n.tingkat ?? '', n.method ?? '', n.files.join('; ')]);
  const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return ['nama_bps,konteks_provinsi,kode_wilayah,nama_kemendagri,tingkat,cara,berkas', ...rows.map((r) => r.map(field).join(','))].join('\n') + '\n';
};

export const writeImportReport = (reportsDir: string, report: ImportReport): void => {
  mkdirSync(reportsDir, { recursive: true });
  const { result } = report;
  const json = {
    exitCode: report.exitCode,
    strict: report.strict,
    written: report.written,
    fatal: report.fatal,
    totals: result
      ? { files: result.files.length, values: result.rows.length, rejected: result.rejected.length, duplicatesMerged: result.duplicatesMerged }
      : null,
    names: result ? { counts: nameCounts(result.names), list: result.names } : null,
    files: result?.files ?? [],
    rejected: result?.rejected ?? [],
  };
  writeFileSync(join(reportsDir, REPORT_FILES.json), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(reportsDir, REPORT_FILES.markdown), markdown(report));
  if (result) writeFileSync(join(reportsDir, REPORT_FILES.crosswalk), crosswalk(result.names));
};
