/**
 * Runs the real generator at scale 0.01 into temp folders and checks the
 * files on disk: determinism, regions, NIK structure, contract headers,
 * manifest truth, targeting errors and the `--messy` extras.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_FILES, type SampleManifest, generateSample } from '../../scripts/sample/generate.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'terang-sample-'));
const dirs = { a: path.join(root, 'a', 'raw'), b: path.join(root, 'b', 'raw'), other: path.join(root, 'c', 'raw'), messy: path.join(root, 'm', 'raw') };
const manifests = {} as Record<keyof typeof dirs, SampleManifest>;

const areaCsv = (name: string) => readFileSync(new URL(`../../node_modules/idn-area-data/data/${name}`, import.meta.url), 'utf8');
const KABUPATEN = ['13.05', '35.17', '21.03', '63.11', '63.10'];
const villageCodes = new Set(areaCsv('villages.csv').split('\n').slice(1).map((l) => l.split(',')[0]));
const sampleVillages = [...villageCodes].filter((c) => c && KABUPATEN.some((k) => c.startsWith(`${k}.`)));
const districtDigits = new Set(areaCsv('districts.csv').split('\n').slice(1).map((l) => (l.split(',')[0] ?? '').replaceAll('.', '')));

const dotted = (code: string): string => (code.includes('.') ? code : `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6)}`);

const readRows = (dir: string, fileName: string, separator = ','): { header: string[]; rows: Record<string, string>[] } => {
  const text = readFileSync(path.join(dir, fileName), 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter: separator });
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
};

/** Written from DOMAIN.md independently of the generator's own check. */
const validNik = (nik: string): boolean => {
  const m = /^(\d{6})(\d{2})(\d{2})\d{2}(\d{4})$/.exec(nik);
  if (!m) return false;
  const [, region, dd, mm, serial] = m as unknown as [string, string, string, string, string];
  const day = Number(dd);
  return districtDigits.has(region) && ((day >= 1 && day <= 31) || (day >= 41 && day <= 71)) && Number(mm) >= 1 && Number(mm) <= 12 && serial !== '0000';
};

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(async () => {
  manifests.a = await generateSample({ scale: 0.01, seed: 42, out: dirs.a });
  manifests.b = await generateSample({ scale: 0.01, seed: 42, out: dirs.b });
  manifests.other = await generateSample({ scale: 0.01, seed: 7, out: dirs.other });
  manifests.messy = await generateSample({ scale: 0.01, seed: 42, out: dirs.messy, messy: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sample generator (scale 0.01)', () => {
  it('is byte-identical for the same seed and differs for another seed', () => {
    const files = readdirSync(dirs.a).sort();
    expect(files).toEqual(readdirSync(dirs.b).sort());
    expect(files).toContain('sample-manifest.json');
    for (const f of files) expect(sha(path.join(dirs.b, f)), f).toBe(sha(path.join(dirs.a, f)));
    expect(sha(path.join(dirs.other, 'keluarga.csv'))).not.toBe(sha(path.join(dirs.a, 'keluarga.csv')));
    expect(readFileSync(path.join(dirs.a, 'sample-manifest.json'), 'utf8')).not.toMatch(/20\d\d-\d\d-\d\dT/); // no wall-clock stamp
  });

  it('writes every contract header in order and the row counts of the manifest', () => {
    for (const contract of Object.values(RAW_FILES)) {
      const { header, rows } = readRows(dirs.a, contract.fileName);
      expect(header, contract.fileName).toEqual(contract.columns.map((c) => c.name));
      expect(rows.length, contract.fileName).toBe(manifests.a.files[contract.fileName]?.rows);
    }
  });

  it('uses only real village codes and covers all 800 desa of the five kabupaten', () => {
    expect(sampleVillages.length).toBe(800);
    for (const contract of Object.values(RAW_FILES)) {
      if (!contract.columns.some((c) => c.name === 'kode_desa')) continue;
      const unknown = readRows(dirs.a, contract.fileName).rows.filter((r) => !villageCodes.has(dotted(r.kode_desa ?? '')));
      expect(unknown, contract.fileName).toEqual([]);
    }
    const inHouseholds = new Set(readRows(dirs.a, 'keluarga.csv').rows.map((r) => r.kode_desa));
    expect(sampleVillages.filter((c) => !inHouseholds.has(c))).toEqual([]);
  });

  it('writes structurally valid NIKs except the flawed ones the manifest counts', () => {
    const counted = manifests.a.imperfections.invalidNik.cellsByFile;
    let total = 0;
    for (const contract of Object.values(RAW_FILES)) {
      const nikColumns = contract.columns.filter((c) => c.type === 'nik').map((c) => c.name);
      const { rows } = readRows(dirs.a, contract.fileName);
      const invalid = rows.flatMap((r) => nikColumns.map((c) => r[c] ?? '')).filter((v) => v !== '' && !validNik(v)).length;
      expect(invalid, contract.fileName).toBe(counted[contract.fileName] ?? 0);
      total += invalid;
    }
    expect(total).toBeGreaterThan(0);
    const individuals = readRows(dirs.a, 'individu.csv').rows;
    expect(individuals.filter((r) => /^\d\.\d+E\+15$/.test(r.nik ?? '')).length).toBe(manifests.a.imperfections.invalidNik.excelFormRows);
  });

  it('encodes birth date and sex in every valid NIK (day + 40 for women)', () => {
    let women = 0;
    for (const r of readRows(dirs.a, 'individu.csv').rows) {
      const nik = r.nik ?? '';
      if (!validNik(nik)) continue;
      const [dd, mm, yyyy] = (r.tanggal_lahir ?? '').split('/');
      const day = Number(dd) + (r.jenis_kelamin === 'P' ? 40 : 0);
      expect(nik.slice(6, 12), nik).toBe(`${String(day).padStart(2, '0')}${mm}${yyyy?.slice(2)}`);
      if (r.jenis_kelamin === 'P') women++;
    }
    expect(women).toBeGreaterThan(1000);
  });

  it('lists every household head in individu.csv and repeats the duplicate NIKs it reports', () => {
    const niks = readRows(dirs.a, 'individu.csv').rows.map((r) => r.nik);
    const people = new Set(niks);
    const heads = readRows(dirs.a, 'keluarga.csv').rows.map((r) => r.nik_kepala);
    const excel = manifests.a.imperfections.invalidNik.excelFormRows;
    expect(heads.filter((h) => !people.has(h)).length).toBeLessThanOrEqual(excel);
    expect(niks.length - people.size).toBeGreaterThanOrEqual(manifests.a.imperfections.duplicateNik.extraListings);
  });

  it('pays PKH and Sembako mostly, not only, inside the desil rule', () => {
    const desil = new Map(readRows(dirs.a, 'keluarga.csv').rows.map((r) => [r.no_kk, Number(r.desil)]));
    const rule = new Map(readRows(path.join(import.meta.dirname, '../../data/reference'), 'programs.csv').rows.map((r) => [r.kode, [Number(r.desil_min), Number(r.desil_max)]]));
    const payments = readRows(dirs.a, 'pembayaran.csv').rows;
    for (const program of ['PKH', 'SEMBAKO']) {
      const [lo, hi] = rule.get(program) as number[];
      const families = new Set(payments.filter((p) => p.kode_program === program && desil.has(p.no_kk)).map((p) => p.no_kk));
      const outside = [...families].filter((kk) => {
        const d = desil.get(kk) as number;
        return d < (lo as number) || d > (hi as number);
      }).length;
      const inclusion = outside / families.size;
      expect(inclusion, program).toBeGreaterThanOrEqual(0.1);
      expect(inclusion, program).toBeLessThanOrEqual(0.25);
      expect(inclusion).toBeCloseTo(manifests.a.targeting[program]?.inclusionError ?? -1, 3);
    }
  });

  it('keeps complaint timestamps in order and pays within the period', () => {
    const sortable = (t: string) => (t ? t.replace(/^(\d\d)\/(\d\d)\/(\d{4})/, '$3-$2-$1') : '');
    const rows = readRows(dirs.a, 'pengaduan.csv').rows;
    for (const r of rows) {
      const [received, response, verified, referred, closed] = ['diterima', 'respons_pertama', 'diverifikasi', 'dirujuk', 'ditutup'].map((c) => sortable(r[c] ?? ''));
      const chain = [received, response, verified, referred, closed].filter(Boolean) as string[];
      expect(chain, r.id_kasus).toEqual([...chain].sort());
      if (referred) expect(r.dirujuk_ke, r.id_kasus).not.toBe('');
      expect((closed ?? '') <= '2026-10-31 23:59', r.id_kasus).toBe(true);
    }
    expect(rows.some((r) => !r.ditutup)).toBe(true);
    expect(rows.some((r) => r.dirujuk_lanjut_ke)).toBe(true);
    const outsidePeriod = readRows(dirs.a, 'pembayaran.csv').rows.filter((p) => p.tanggal_bayar && p.tanggal_bayar.slice(0, 7) !== p.periode);
    expect(outsidePeriod).toEqual([]);
  });

  it('covers all 26 PPKS categories and 24 monthly periods', () => {
    expect(new Set(readRows(dirs.a, 'ppks.csv').rows.map((r) => r.kategori)).size).toBe(26);
    const periods = new Set(readRows(dirs.a, 'pembayaran.csv').rows.map((r) => r.periode));
    expect(periods.size).toBe(24);
    expect([...periods].sort()[0]).toBe('2024-10');
    expect([...periods].sort()[23]).toBe('2026-09');
  });

  it('--messy writes a Windows-1252 file, a ; file, counted bad rows and the unreadable folder', () => {
    const m = manifests.messy;
    expect(m.files['keluarga.csv']?.encoding).toBe('win1252');
    const bytes = readFileSync(path.join(dirs.messy, 'keluarga.csv'));
    expect(bytes.includes(Buffer.from([0x92]))).toBe(true); // ’ in cp1252
    const text = iconv.decode(bytes, 'win1252');
    const names = Object.keys(m.cp1252Names);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(text).toContain(name);

    expect(m.files['pembayaran.csv']?.separator).toBe(';');
    const payments = readRows(dirs.messy, 'pembayaran.csv', ';');
    expect(payments.header).toEqual(RAW_FILES.payments.columns.map((c) => c.name));
    expect(payments.rows.length).toBe(m.files['pembayaran.csv']?.rows);
    const counts = m.messyRows['pembayaran.csv'] ?? {};
    expect(payments.rows.filter((r) => /,-$/.test(r.nominal ?? '')).length).toBe(counts.formattedRupiah);
    for (const [file, kinds] of Object.entries(m.messyRows)) for (const [kind, n] of Object.entries(kinds)) expect(n, `${file} ${kind}`).toBeGreaterThan(0);
    const complaints = m.messyRows['pengaduan.csv'] ?? {};
    expect(complaints.closedBeforeReceived).toBeGreaterThan(0);

    const unreadable = path.join(root, 'm', 'raw-unreadable');
    expect(existsSync(unreadable)).toBe(true);
    expect(m.unreadable?.files.map((f) => f.file).sort()).toEqual(readdirSync(unreadable).sort());
    expect(statSync(path.join(unreadable, 'kematian.csv')).size).toBe(0);
    expect(readFileSync(path.join(unreadable, 'keluarga.csv'), 'utf8').split('\r\n')[0]).not.toContain('desil');
    expect(readFileSync(path.join(unreadable, 'pembayaran.csv'), 'utf8').split('\r\n')[0]).toContain('\t');
  });
});
