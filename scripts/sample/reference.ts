/**
 * The reference data the sample is built on, read at run time from the repo
 * (data/reference/*.csv) so the sample follows any edit to programs, PPKS
 * categories, complaint deadlines or the holiday list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { parseIsoDate } from './dates.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_REFERENCE_DIR = path.join(REPO_ROOT, 'data/reference');
export const DEFAULT_AREA_DIR = path.join(REPO_ROOT, 'node_modules/idn-area-data/data');

export const readCsv = (file: string): Record<string, string>[] => {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0]?.message}`);
  return parsed.data;
};

export interface Program {
  code: string;
  unit: 'KELUARGA' | 'INDIVIDU';
  cadence: string;
  desilMin: number;
  desilMax: number;
}

export interface PpksCategory {
  code: number;
  name: string;
  sensitive: boolean;
}

export interface ComplaintCategory {
  code: string;
  responseDays: number;
  resolutionDays: number;
  sensitive: boolean;
}

export interface Reference {
  programs: Map<string, Program>;
  ppksCategories: PpksCategory[];
  complaintCategories: ComplaintCategory[];
  holidays: number[];
}

const flag = (value: string | undefined): boolean => value === '1' || value?.toUpperCase() === 'Y';

export const readReference = (dir = DEFAULT_REFERENCE_DIR): Reference => {
  const programs = new Map<string, Program>();
  for (const row of readCsv(path.join(dir, 'programs.csv'))) {
    programs.set(row.kode as string, {
      code: row.kode as string,
      unit: row.unit === 'INDIVIDU' ? 'INDIVIDU' : 'KELUARGA',
      cadence: row.frekuensi as string,
      desilMin: Number(row.desil_min),
      desilMax: Number(row.desil_max),
    });
  }
  return {
    programs,
    ppksCategories: readCsv(path.join(dir, 'ppks-categories.csv')).map((row) => ({
      code: Number(row.kode),
      name: row.nama_id as string,
      sensitive: flag(row.sensitif),
    })),
    complaintCategories: readCsv(path.join(dir, 'complaint-categories.csv')).map((row) => ({
      code: row.kode as string,
      responseDays: Number(row.tenggat_respons_hari_kerja),
      resolutionDays: Number(row.tenggat_selesai_hari_kerja),
      sensitive: flag(row.sensitif),
    })),
    holidays: readCsv(path.join(dir, 'hari-libur.csv')).map((row) => parseIsoDate(row.tanggal as string)),
  };
};
