/**
 * The five sample kabupaten and every one of their kecamatan and desa, read
 * straight from idn-area-data's CSV files (its JS entry needs Node 22).
 */
import path from 'node:path';
import { DEFAULT_AREA_DIR, readCsv } from './reference.ts';

export type NameFlavour = 'minang' | 'jawa' | 'melayu' | 'banjar';

export interface Kabupaten {
  code: string; // dotted, 35.17
  name: string;
  /** Approximate resident population; households are drawn in proportion. */
  population: number;
  flavour: NameFlavour;
  /** Share of payments through PT Pos instead of the state banks. */
  posShare: number;
  /** Shifts the desil distribution: positive means poorer (more low desil). */
  povertyTilt: number;
}

export interface Desa {
  code: string; // dotted, 35.17.01.2001
  name: string;
  kecamatan: Kecamatan;
}

export interface Kecamatan {
  code: string; // dotted, 35.17.01
  /** Six digits, the NIK/KK prefix. */
  digits: string;
  name: string;
  index: number;
  kabupaten: Kabupaten;
}

export const SAMPLE_KABUPATEN: readonly Kabupaten[] = [
  { code: '13.05', name: 'Padang Pariaman', population: 440_000, flavour: 'minang', posShare: 0.1, povertyTilt: 0.06 },
  { code: '35.17', name: 'Jombang', population: 1_360_000, flavour: 'jawa', posShare: 0.06, povertyTilt: 0.08 },
  { code: '21.03', name: 'Natuna', population: 83_000, flavour: 'melayu', posShare: 0.38, povertyTilt: 0.02 },
  { code: '63.11', name: 'Balangan', population: 136_000, flavour: 'banjar', posShare: 0.14, povertyTilt: 0.04 },
  { code: '63.10', name: 'Tanah Bumbu', population: 350_000, flavour: 'banjar', posShare: 0.08, povertyTilt: 0 },
];

export interface Regions {
  kabupaten: readonly Kabupaten[];
  kecamatan: Kecamatan[];
  /** Sorted by code, so all desa of one kecamatan are consecutive. */
  desa: Desa[];
  /** Every village code in the country, dotted, to tell known codes from unknown ones. */
  allVillageCodes: ReadonlySet<string>;
  allDistrictDigits: ReadonlySet<string>;
}

export const loadRegions = (areaDir = DEFAULT_AREA_DIR): Regions => {
  const byCode = new Map(SAMPLE_KABUPATEN.map((k) => [k.code, k]));
  const districts = readCsv(path.join(areaDir, 'districts.csv'));
  const kecamatan: Kecamatan[] = districts
    .filter((row) => byCode.has(row.regency_code as string))
    .sort((a, b) => (a.code as string).localeCompare(b.code as string))
    .map((row, index) => ({
      code: row.code as string,
      digits: (row.code as string).replaceAll('.', ''),
      name: row.name as string,
      index,
      kabupaten: byCode.get(row.regency_code as string) as Kabupaten,
    }));
  const kecByCode = new Map(kecamatan.map((k) => [k.code, k]));
  const villages = readCsv(path.join(areaDir, 'villages.csv'));
  const desa: Desa[] = villages
    .filter((row) => kecByCode.has(row.district_code as string))
    .map((row) => ({ code: row.code as string, name: row.name as string, kecamatan: kecByCode.get(row.district_code as string) as Kecamatan }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    kabupaten: SAMPLE_KABUPATEN,
    kecamatan,
    desa,
    allVillageCodes: new Set(villages.map((row) => row.code as string)),
    allDistrictDigits: new Set(districts.map((row) => (row.code as string).replaceAll('.', ''))),
  };
};
