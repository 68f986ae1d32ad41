/**
 * Kemendagri region hierarchy from the idn-area-data package, loaded into the
 * build database as ref_province / ref_regency / ref_district / ref_village,
 * with codes written without dots (13.05.01.2001 → 1305012001).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Db } from './db.ts';

/** idn-area-data's CSV folder; its JS entry needs Node 22, its data does not. */
export const idnAreaDataDir = (): string =>
  join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');

const read = (file: string) =>
  `read_csv('${join(idnAreaDataDir(), file)}', header=true, all_varchar=true, auto_detect=false, columns={'code':'VARCHAR','parent':'VARCHAR','name':'VARCHAR'})`;

export const loadRegions = async (db: Db): Promise<void> => {
  const dir = idnAreaDataDir();
  await db.run(`
    CREATE OR REPLACE TABLE ref_province AS
      SELECT replace(code, '.', '') AS code, name
      FROM read_csv('${join(dir, 'provinces.csv')}', header=true, all_varchar=true);
    CREATE OR REPLACE TABLE ref_regency AS
      SELECT replace(code, '.', '') AS code, replace(parent, '.', '') AS province_code, name FROM ${read('regencies.csv')};
    CREATE OR REPLACE TABLE ref_district AS
      SELECT replace(code, '.', '') AS code, replace(parent, '.', '') AS regency_code, name FROM ${read('districts.csv')};
    CREATE OR REPLACE TABLE ref_village AS
      SELECT replace(code, '.', '') AS code, replace(parent, '.', '') AS district_code, name FROM ${read('villages.csv')};
  `);
};
