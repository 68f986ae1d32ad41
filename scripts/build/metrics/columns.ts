/** Column definitions shared by every metric table. */
import type { PublishedColumn } from '../published-table.ts';

export type Metric = PublishedColumn;

/** One published column: name, type, meaning in both languages, and the unit readers see. */
export const column = (name: string, type: PublishedColumn['type'], id: string, en: string, unit?: string): PublishedColumn => ({
  name,
  type,
  description: { id, en },
  ...(unit ? { unit } : {}),
});

export const regionColumns: PublishedColumn[] = [
  {
    name: 'tingkat',
    type: 'string',
    description: { id: 'Tingkat wilayah: provinsi, kabupaten, kecamatan atau desa', en: 'Region level: provinsi, kabupaten, kecamatan or desa' },
  },
  {
    name: 'kode_wilayah',
    type: 'string',
    description: {
      id: 'Kode wilayah Kemendagri tanpa titik (2, 4, 6 atau 10 digit); nama di tabel wilayah',
      en: 'Kemendagri region code without dots (2, 4, 6 or 10 digits); names in the wilayah table',
    },
  },
];
