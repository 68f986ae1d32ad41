/**
 * The whole importer (scripts/bps/import.ts) on the fixture files, with real
 * files in a temporary folder: what is imported, what the report says, exit
 * codes, overrides, conflicts, and that a re-run changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBpsImport, type RunOutcome } from '../../scripts/bps/import.ts';
import { RegionIndex } from '../../scripts/bps/names.ts';

const fixture = (name: string) => new URL(`../fixtures/bps/${name}`, import.meta.url).pathname;
const index = RegionIndex.load();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const run = (files: string[], options: { overrides?: string; strict?: boolean } = {}) => {
  const root = mkdtempSync(join(tmpdir(), 'terang-bps-'));
  dirs.push(root);
  const bpsDir = join(root, 'bps');
  mkdirSync(bpsDir);
  if (options.overrides) writeFileSync(join(bpsDir, 'overrides.csv'), options.overrides);
  const reportsDir = join(root, 'reports');
  const outcome = runBpsImport({ files: files.map((f) => (f.includes('/') ? f : fixture(f))), bpsDir, reportsDir, strict: options.strict, index });
  const output = join(bpsDir, 'kemiskinan-bps.csv');
  return { outcome, bpsDir, reportsDir, output, csv: () => readFileSync(output, 'utf8'), json: () => JSON.parse(readFileSync(join(reportsDir, 'bps-import.json'), 'utf8')) };
};

const valuesOf = (outcome: RunOutcome) => Object.fromEntries(outcome.result!.rows.map((r) => [`${r.kode_wilayah} ${r.tahun} ${r.indikator}`, r.nilai]));

describe('a file with an unknown name', () => {
  const { outcome, csv, json, reportsDir } = run(['p1-p2-2025.csv']);

  it('rejects that row, loudly, and imports the rest (exit 0 with a warning)', () => {
    expect(outcome.exitCode).toBe(0);
    const rejected = outcome.result!.rejected.filter((r) => r.code === 'BPS_NAME_UNKNOWN');
    expect(rejected.map((r) => [r.file, r.row, r.name])).toEqual([
      ['p1-p2-2025.csv', 6, 'Kabupaten Antah Berantah'],
      ['p1-p2-2025.csv', 8, 'Kota Baru'],
    ]);
    expect(rejected[0]!.reason.id).toMatch(/tidak ditemukan/);
    expect(rejected[0]!.reason.en).toMatch(/not in the Kemendagri list/);
    expect(csv()).toContain('6311,2025,p1,0.98,indeks,p1-p2-2025.csv');
    expect(csv()).not.toMatch(/Antah|0\.5,/);
  });

  it('reads the mixed decimal comma and dot columns exactly: "1,12" beside 1.05, 0.21 beside "0,19"', () => {
    const values = valuesOf(outcome);
    expect([values['1305 2025 p1'], values['1307 2025 p1'], values['1305 2025 p2'], values['1307 2025 p2']]).toEqual(['1.12', '1.05', '0.21', '0.19']);
    expect(csv()).toContain('1305,2025,p1,1.12,indeks,p1-p2-2025.csv');
    expect(csv()).toContain('1307,2025,p1,1.05,indeks,p1-p2-2025.csv');
    // Kotabaru's P2 is "...": missing, not rejected and not written.
    expect(values['6302 2025 p1']).toBe('0.77');
    expect(values['6302 2025 p2']).toBeUndefined();
    expect(outcome.result!.files[0]!.missing).toBe(1);
  });

  it('writes the report: names matched, ambiguous and unknown with counts, and every rejected row', () => {
    const report = json();
    expect(report.names.counts).toEqual({ matched: 4, ambiguous: 0, unknown: 2 });
    const unknown = report.names.list.filter((n: { status: string }) => n.status === 'unknown');
    expect(unknown.find((n: { name: string }) => n.name === 'Kota Baru').candidates[0]).toMatchObject({ code: '6302', name: 'Kabupaten Kotabaru' });
    expect(report.rejected).toHaveLength(2);
    const markdown = readFileSync(join(reportsDir, 'bps-import.md'), 'utf8');
    expect(markdown).toContain('- Nama / names: 4 cocok / matched, 0 ambigu / ambiguous, 2 tidak dikenal / unknown\n');
    expect(markdown).toContain('## Nama ambigu / Ambiguous names (0)\n');
    expect(markdown).toContain('## Nama tidak dikenal / Unknown names (2)\n');
    expect(markdown).toContain('## Nama cocok / Matched names (4)\n');
    expect(markdown).toContain('## Baris ditolak / Rejected rows (2)\n');
    expect(markdown).toContain('| p1-p2-2025.csv | windows-1252 | `,` | 6 | 7 | 1 | 0 |');
    expect(markdown).toContain('Kabupaten Antah Berantah');
    expect(markdown).toContain('Kabupaten Kotabaru (6302, Kalimantan Selatan)');
    expect(readFileSync(join(reportsDir, 'bps-crosswalk.csv'), 'utf8')).toContain('Kab. Lima Puluh Kota,Sumatera Barat,1307,Kabupaten Lima Puluh Kota,kabupaten,nama+provinsi,p1-p2-2025.csv');
  });

  it('with --strict, any rejected row is fatal (exit 1) and nothing is written', () => {
    const strict = run(['p1-p2-2025.csv'], { strict: true });
    expect(strict.outcome.exitCode).toBe(1);
    expect(existsSync(strict.output)).toBe(false);
    expect(strict.json().rejected).toHaveLength(2);
  });
});

describe('values survive exactly', () => {
  const { outcome } = run(['jatim-kalsel-p0-jumlah.csv', 'garis-kemiskinan-sumbar-kepri.csv', 'jumlah-ribuan.csv', 'ribu-ambigu.csv']);
  const values = valuesOf(outcome);

  it('decimal commas, space-grouped thousands, ribu jiwa as persons', () => {
    expect(values['3517 2024 p0']).toBe('9.56');
    expect(values['35 2024 jumlah_miskin']).toBe('4181290'); // "4 181,29" ribu jiwa
    expect(values['6303 2025 jumlah_miskin']).toBe('16830'); // "16,83" ribu jiwa
    expect(values['3573 2025 jumlah_miskin']).toBe('34900'); // "34,9"
  });

  it('thousands separators in the poverty line and in persons', () => {
    expect(values['1305 2024 garis_kemiskinan']).toBe('598120'); // "598.120"
    expect(values['13 2024 garis_kemiskinan']).toBe('684521'); // "684,521"
    expect(values['1372 2025 garis_kemiskinan']).toBe('1234567.5'); // "1.234.567,5"
    expect(values['6311 2024 jumlah_miskin']).toBe('6340'); // "6.340" jiwa
    expect(values['2103 2024 jumlah_miskin']).toBe('1234567'); // "1.234.567" jiwa
  });

  it('- and ... are missing: no value is written, the report counts them', () => {
    expect(values['2103 2024 garis_kemiskinan']).toBe('655210'); // Natuna 2024 is there …
    expect(values['2103 2025 garis_kemiskinan']).toBeUndefined(); // … its "-" 2025 is not
    const missing = Object.fromEntries(outcome.result!.files.map((f) => [f.file, f.missing]));
    expect(missing['garis-kemiskinan-sumbar-kepri.csv']).toBe(1);
    // The jatim file's "-" and "..." sit on the ambiguous "Malang" row: rejected with it, never counted missing.
    expect(missing['jatim-kalsel-p0-jumlah.csv']).toBe(0);
  });

  it('rejects the ambiguous 12.345 ribu jiwa with its reason, and conflicting values for one region and year', () => {
    const codes = outcome.result!.rejected.map((r) => `${r.file}:${r.row}:${r.code}`);
    expect(codes).toContain('ribu-ambigu.csv:3:BPS_NUMBER_AMBIGUOUS');
    // Jombang 2025: 121,48 ribu in one file, 12.345 ribu (= 12,345,000) in another → neither is imported.
    expect(codes).toContain('jatim-kalsel-p0-jumlah.csv:7:BPS_DUPLICATE_CONFLICT');
    expect(codes).toContain('jumlah-ribuan.csv:3:BPS_DUPLICATE_CONFLICT');
    expect(values['3517 2025 jumlah_miskin']).toBeUndefined();
    // Balangan 2025: 6,34 ribu in one file and 40 ribu in the other.
    expect(values['6311 2025 jumlah_miskin']).toBeUndefined();
  });
});

describe('ambiguous names and overrides', () => {
  it('reports "Malang" and "Mojokerto" in Jawa Timur with both candidates, and imports neither', () => {
    const { outcome, json } = run(['jatim-kalsel-p0-jumlah.csv']);
    const ambiguous = json().names.list.filter((n: { status: string }) => n.status === 'ambiguous');
    expect(ambiguous.map((n: { name: string; candidates: { code: string }[] }) => [n.name, n.candidates.map((c) => c.code)])).toEqual([
      ['Malang', ['3507', '3573']],
      ['Mojokerto', ['3516', '3576']],
    ]);
    expect(json().names.counts).toEqual({ matched: 6, ambiguous: 2, unknown: 0 });
    expect(Object.keys(valuesOf(outcome)).some((k) => k.startsWith('3507') || k.startsWith('3516'))).toBe(false);
  });

  it('imports them once overrides.csv says which is meant', () => {
    const { outcome, csv } = run(['jatim-kalsel-p0-jumlah.csv'], {
      overrides: 'nama,provinsi,kode\n# BPS writes kabupaten without a prefix\nMalang,Jawa Timur,35.07\nMojokerto,35,3516\n',
    });
    expect(outcome.result!.rejected).toEqual([]);
    expect(valuesOf(outcome)['3507 2024 p0']).toBe('9.45');
    // Now matched, Malang's "-" (P0 2025) and "..." (jumlah 2024) reach the missing path: counted, not written, not rejected.
    expect(valuesOf(outcome)['3507 2025 p0']).toBeUndefined();
    expect(valuesOf(outcome)['3507 2024 jumlah_miskin']).toBeUndefined();
    expect(outcome.result!.files[0]!.missing).toBe(2);
    expect(csv()).not.toMatch(/^3507,2025,p0,|^3507,2024,jumlah_miskin,/m);
    expect(valuesOf(outcome)['3516 2025 jumlah_miskin']).toBe('110390');
    expect(csv()).toContain('3507,2025,jumlah_miskin,247260,jiwa,jatim-kalsel-p0-jumlah.csv');
  });

  it('an override with an unknown code, or a code outside its province, stops the import (exit 2)', () => {
    for (const overrides of ['nama,provinsi,kode\nMalang,Jawa Timur,35.99\n', 'nama,provinsi,kode\nMalang,Jawa Barat,35.07\n']) {
      const { outcome, output } = run(['jatim-kalsel-p0-jumlah.csv'], { overrides });
      expect(outcome.exitCode).toBe(2);
      expect(outcome.fatal[0]!.code).toBe('BPS_OVERRIDES_INVALID');
      expect(existsSync(output)).toBe(false);
    }
  });
});

describe('files that cannot be read', () => {
  it('exit 2, nothing written, the readable files still reported', () => {
    const { outcome, output, json } = run(['jatim-kalsel-p0-jumlah.csv', 'not-a-csv.xlsx.csv', '/nonexistent/bps.csv']);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.fatal.map((f) => f.code)).toEqual(['BPS_FILE_NOT_TEXT', 'BPS_FILE_UNREADABLE']);
    expect(existsSync(output)).toBe(false);
    expect(json().files).toHaveLength(1);
  });
});

describe('re-running', () => {
  it('gives byte-identical output and reports, whatever the order of the files', () => {
    const files = ['jatim-kalsel-p0-jumlah.csv', 'garis-kemiskinan-sumbar-kepri.csv', 'p1-p2-2025.csv'];
    const a = run(files);
    const b = run([...files].reverse());
    expect(b.csv()).toBe(a.csv());
    for (const name of ['bps-import.json', 'bps-import.md', 'bps-crosswalk.csv']) {
      expect(readFileSync(join(b.reportsDir, name), 'utf8'), name).toBe(readFileSync(join(a.reportsDir, name), 'utf8'));
    }
  });

  it('merges the same value imported from two files into one row naming both', () => {
    const root = mkdtempSync(join(tmpdir(), 'terang-bps-copy-'));
    dirs.push(root);
    const copy = join(root, 'salinan.csv');
    writeFileSync(copy, readFileSync(fixture('garis-kemiskinan-sumbar-kepri.csv')));
    const { outcome } = run(['garis-kemiskinan-sumbar-kepri.csv', copy]);
    expect(outcome.result!.duplicatesMerged).toBe(9);
    expect(outcome.result!.rows.find((r) => r.kode_wilayah === '1305' && r.tahun === 2024)!.sumber_berkas).toBe('garis-kemiskinan-sumbar-kepri.csv; salinan.csv');
  });
});
