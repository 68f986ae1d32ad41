/**
 * The site's BPS accessor (src/lib/data/bps.ts) on a real DuckDB with a tiny
 * `r.bps_kemiskinan` table, as the release database has it, and the number
 * formats the panel shows.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBpsValue, latest, readBpsFigures } from '../../src/lib/data/bps.ts';
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
