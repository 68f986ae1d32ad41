/**
 * UI strings of the maps (Beranda's province map, a province's kabupaten
 * map). Indonesian is the source; English has the same keys (type-checked).
 * `{program}`, `{period}`, `{level}` are filled in by the component.
 */
import type { Lang } from '../format.ts';

const id = {
  heading: 'Peta',
  metric: 'Penerima {program} di luar aturan desil (galat inklusi), {period}',
  intro:
    'Warna lebih gelap berarti lebih banyak penerima yang desilnya di luar aturan program. Pilih provinsi untuk melihat angkanya. Angka setiap wilayah ada di tabel di bawah peta.',
  tileNote: 'Setiap kotak satu provinsi, kira-kira di letak geografisnya; huruf di kotak adalah singkatan ISO 3166-2:ID.',
  choroplethNote: 'Batas wilayah dari berkas batas yang dipasang penerbit situs ini (lihat dokumentasi peta).',
  mapLabel: 'Peta {level}: {metric}',
  legend: 'Keterangan warna',
  suppressed: 'disamarkan',
  noData: 'tidak ada data',
  tableSummary: 'Tabel angka peta',
  tableCaption: '{metric}, per {level}.',
  code: 'Kode',
  name: 'Nama',
  value: 'Galat inklusi',
  level: { provinsi: 'provinsi', kabupaten: 'kabupaten/kota' },
  regionHeading: 'Peta kabupaten/kota',
  takeaway: 'Tertinggi di {high} ({highValue}), terendah di {low} ({lowValue}).',
  takeawayOne: 'Hanya {high} yang angkanya terbit: {highValue}.',
  takeawayNone: 'Tidak ada angka wilayah yang dapat ditampilkan: semuanya disamarkan atau tidak ada data.',
  takeawaySuppressed: '{n} wilayah disamarkan.',
  source: 'Sumber',
  sourceText: 'tabel sasaran_program (penerima di luar aturan desil ÷ penerima)',
  release: 'Rilis',
}

export type MapStrings = typeof id;

const en: MapStrings = {
  heading: 'Map',
  metric: '{program} recipients outside the desil rule (inclusion error), {period}',
  intro:
    'Darker means more recipients whose desil is outside the program’s rule. Choose a province to see its figures. Every region’s value is in the table below the map.',
  tileNote: 'Each square is one province, roughly where it lies; the letters are its ISO 3166-2:ID abbreviation.',
  choroplethNote: 'Boundaries from the boundary file installed by this site’s publisher (see the map documentation).',
  mapLabel: 'Map of {level}: {metric}',
  legend: 'Colour key',
  suppressed: 'suppressed',
  noData: 'no data',
  tableSummary: 'Table of the map’s values',
  tableCaption: '{metric}, by {level}.',
  code: 'Code',
  name: 'Name',
  value: 'Inclusion error',
  level: { provinsi: 'province', kabupaten: 'kabupaten/kota' },
  regionHeading: 'Map of kabupaten/kota',
  takeaway: 'Highest in {high} ({highValue}), lowest in {low} ({lowValue}).',
  takeawayOne: 'Only {high} has a published value: {highValue}.',
  takeawayNone: 'No region’s value can be shown: all are suppressed or have no data.',
  takeawaySuppressed: '{n} regions suppressed.',
  source: 'Source',
  sourceText: 'table sasaran_program (recipients outside the desil rule ÷ recipients)',
  release: 'Release',
}

export const MAP_STRINGS: Record<Lang, MapStrings> = { id, en };
