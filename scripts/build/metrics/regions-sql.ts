/**
 * Region roll-up, written once: a row with a 10-digit desa code becomes one
 * row per level (desa, kecamatan, kabupaten, provinsi), so every metric table
 * holds ready totals for every level and the site never sums.
 */

/** The levels, their code lengths, from fine to coarse. */
export const REGION_LEVELS = [
  { tingkat: 'desa', length: 10 },
  { tingkat: 'kecamatan', length: 6 },
  { tingkat: 'kabupaten', length: 4 },
  { tingkat: 'provinsi', length: 2 },
] as const;

export type RegionLevel = (typeof REGION_LEVELS)[number]['tingkat'];

/** A VALUES list to CROSS JOIN with, exposing `tingkat` and `panjang` (code length). */
export const regionLevelsSql = (minLevel: RegionLevel = 'desa'): string => {
  const from = REGION_LEVELS.findIndex((l) => l.tingkat === minLevel);
  const rows = REGION_LEVELS.slice(from).map((l) => `('${l.tingkat}', ${l.length})`);
  return `(VALUES ${rows.join(', ')}) AS lv(tingkat, panjang)`;
};

/** Expression giving the code at the joined level for a 10-digit desa code column. */
export const codeAtLevel = (desaColumn: string): string => `left(${desaColumn}, lv.panjang)`;
