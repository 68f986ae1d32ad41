/**
 * The site's BPS accessor (src/lib/data/bps.ts) on a real DuckDB with a tiny
 * `r.bps_kemiskinan` table, as the release database has it, and the number
 * formats the panel shows.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBpsValue, latest, readBpsFigures } from '../../src/lib/data/bps.ts';
import { readBpsBeside } from '../../src/lib/data/bps-beside.ts';
import type { Program } from '../../src/lib/data/site-data.ts';
import { connectionQuery, type Query } from '../../src/lib/data/db.ts';
import { BPS_STRINGS } from '../../src/lib/strings/bps.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let query: Query;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`
    CREATE SCHEMA r;
    CREATE TABLE r.bps_kemiskinan AS SELECT * FROM (VALUES
      ('kabupaten', '3517', 'Kabupaten Jombang', 2024, 'p0', 9.56, '%', 'jatim.csv'),
      ('kabupaten', '3517', 'Kabupaten Jombang', 2025, 'p0', 9.05, '%', 'jatim.csv'),
      ('kabupaten', '3517', 'Kabupaten Jombang', 2024, 'jumlah_miskin', 128120, 'jiwa', 'jatim.csv'),
      ('kabupaten', '3517', 'Kabupaten Jombang', 2025, 'garis_kemiskinan', 609160, 'rupiah/kapita/bulan', 'garis.csv; salinan.csv'),
      ('provinsi', '35', 'Jawa Timur', 2025, 'p0', 9.79, '%', 'jatim.csv')
    ) t(tingkat, kode_wilayah, nama_wilayah, tahun, indikator, nilai, satuan, sumber_berkas);
    CREATE TABLE r.sasaran_program AS SELECT * FROM (VALUES
      ('provinsi', '35', 'PKH', '2025', 900, false),
      ('provinsi', '35', 'PKH', '2026', 950, false),
      ('provinsi', '35', 'PKH', '2026-Q1', 700, false),
      ('kabupaten', '3517', 'PKH', '2025', 120, false),
      ('kabupaten', '3517', 'PKH', '2026', 130, false),
      ('kabupaten', '3518', 'PKH', '2025', NULL, true),
      ('kecamatan', '351701', 'PKH', '2025', 40, false),
      ('provinsi', '35', 'PIP', '2026-Q1', 10, false)
    ) t(tingkat, kode_wilayah, kode_program, periode, penerima, penerima_disamarkan);
  `);
  query = connectionQuery(connection);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('readBpsFigures', () => {
  it('reads one region’s values by indicator and year, with its source files', async () => {
    const figures = await readBpsFigures(query, '3517');
    expect(figures).toMatchObject({ kode: '3517', nama: 'Kabupaten Jombang', tingkat: 'kabupaten', years: [2024, 2025] });
    expect(figures!.values.p0).toEqual({ 2024: { nilai: 9.56, satuan: '%' }, 2025: { nilai: 9.05, satuan: '%' } });
    expect(figures!.values.p1).toEqual({});
    expect(figures!.sources).toEqual(['garis.csv', 'jatim.csv', 'salinan.csv']);
    expect(latest(figures!, 'jumlah_miskin')).toEqual({ year: 2024, value: { nilai: 128120, satuan: 'jiwa' } });
    expect(latest(figures!, 'p0')!.year).toBe(2025);
    expect(latest(figures!, 'p2')).toBeNull();
  });

  it('reads provinces; gives null for a region without figures and for kecamatan or desa codes', async () => {
    expect((await readBpsFigures(query, '35'))!.tingkat).toBe('provinsi');
    expect(await readBpsFigures(query, '6310')).toBeNull();
    expect(await readBpsFigures(query, '351701')).toBeNull();
    expect(await readBpsFigures(query, "35' OR '1'='1")).toBeNull();
  });
});

describe('readBpsBeside (the Kemiskinan table)', () => {
  const program = (kode: string): Program => ({ kode, nama: { id: kode, en: kode }, manfaat: { id: '', en: '' }, desilMin: 1, desilMax: 4, periode: null });
  const programs = [program('PKH'), program('PIP')];
  const tables = ['bps_kemiskinan', 'sasaran_program'];

  it('takes the latest BPS year for every region and names that year’s source files', async () => {
    const beside = (await readBpsBeside(query, tables, programs, '2026-10-31', '2025-01-01'))!;
    expect(beside.year).toBe(2025);
    expect(beside.sources).toEqual(['garis.csv', 'jatim.csv', 'salinan.csv']);
    expect(beside.bps('3517', 'p0')).toBe(9.05);
    expect(beside.bps('3517', 'jumlah_miskin')).toBeNull(); // only 2024 published: not mixed into the 2025 column
    expect(beside.bps('35', 'p0')).toBe(9.79);
  });

  it('shows recipients of each program’s latest full year: 2025 while 2026 is still running, 2026 once it has ended', async () => {
    const running = (await readBpsBeside(query, tables, programs, '2026-10-31', '2025-01-01'))!;
    expect(running.programs.map((p) => [p.program.kode, p.year])).toEqual([['PKH', 2025]]); // PIP has no year period
    expect(running.recipients('3517', 'PKH')).toEqual({ value: 120, suppressed: false });
    expect(running.recipients('3518', 'PKH')).toEqual({ value: null, suppressed: true });
    expect(running.recipients('351701', 'PKH')).toEqual({ value: null, suppressed: false }); // kecamatan rows are not read
    const ended = (await readBpsBeside(query, tables, programs, '2027-01-15', '2025-01-01'))!;
    expect(ended.recipients('3517', 'PKH')).toEqual({ value: 130, suppressed: false });
  });

  it('is null when the release has no BPS table', async () => {
    expect(await readBpsBeside(query, ['sasaran_program'], programs, '2026-10-31', null)).toBeNull();
  });
});

describe('formats', () => {
  it('writes Indonesian and English numbers', () => {
    expect(formatBpsValue('p0', 9.56, 'id')).toBe('9,56%');
    expect(formatBpsValue('p0', 9.56, 'en')).toBe('9.56%');
    expect(formatBpsValue('jumlah_miskin', 121480, 'id')).toBe('121.480');
    expect(formatBpsValue('jumlah_miskin', 121480, 'en')).toBe('121,480');
    expect(formatBpsValue('p1', 1.12, 'id')).toBe('1,12');
    expect(formatBpsValue('garis_kemiskinan', 609160, 'id')).toBe('Rp\u00a0609.160');
  });

  it('has the same strings in both languages', () => {
    expect(Object.keys(BPS_STRINGS.en).sort()).toEqual(Object.keys(BPS_STRINGS.id).sort());
    expect(Object.keys(BPS_STRINGS.en.indicators).sort()).toEqual(Object.keys(BPS_STRINGS.id.indicators).sort());
  });
});
