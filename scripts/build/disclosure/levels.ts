/**
 * Region levels as metric tables spell them (`tingkat`), and how a code finds
 * its parent: a desa's 10-digit code starts with its kecamatan's 6 digits,
 * which start with the kabupaten's 4, which start with the province's 2.
 */
export type RegionLevel = 'desa' | 'kecamatan' | 'kabupaten' | 'provinsi';

/** Rank from the bottom; the SQL orders and compares levels by it. */
export const LEVEL_RANK: Record<RegionLevel, number> = { desa: 0, kecamatan: 1, kabupaten: 2, provinsi: 3 };

export const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  desa: 'kecamatan',
  kecamatan: 'kabupaten',
  kabupaten: 'provinsi',
  provinsi: null,
};

/** Length of the parent's code, by the child's level. */
export const PARENT_CODE_LENGTH: Record<RegionLevel, number> = { desa: 6, kecamatan: 4, kabupaten: 2, provinsi: 0 };
