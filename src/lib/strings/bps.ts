/**
 * UI strings of the BPS panel (official poverty figures beside the registry
 * figures). Indonesian is the source; English has the same keys (the type
 * checks it). `{name}` placeholders are filled by `fill()`.
 */
import type { Lang } from '../format.ts';
import type { BpsIndicator } from '../../../scripts/bps/indicators.ts';

const id = {
  heading: 'Kemiskinan menurut BPS',
  lead: 'BPS mencatat {count} penduduk miskin di {region} ({period}).',
  leadShare: 'BPS mencatat {share} penduduk {region} miskin ({period}).',
  period: 'Maret {year}',
  caption: 'Angka kemiskinan resmi BPS untuk {region}, per tahun (Susenas Maret).',
  indicator: 'Indikator',
  indicators: {
    p0: 'Persentase penduduk miskin (P0)',
    jumlah_miskin: 'Jumlah penduduk miskin',
    p1: 'Indeks kedalaman kemiskinan (P1)',
    p2: 'Indeks keparahan kemiskinan (P2)',
    garis_kemiskinan: 'Garis kemiskinan (per kapita per bulan)',
  } satisfies Record<BpsIndicator, string>,
  source: 'Sumber: Badan Pusat Statistik (BPS), Survei Sosial Ekonomi Nasional (Susenas) Maret {years}; berkas {files}. Nama wilayah dicocokkan ke kode Kemendagri menurut nama.',
  difference:
    'Angka BPS adalah perkiraan survei atas seluruh penduduk; angka register di halaman ini menghitung keluarga yang tercatat dalam DTSEN. Keduanya mengukur hal berbeda dan tidak dapat dijumlahkan atau dikurangkan.',
  none: 'Rilis ini tidak memuat angka kemiskinan BPS untuk wilayah ini.',
  // The Kemiskinan page's table (BpsBesideTable.astro)
  besideHeading: 'Angka kemiskinan BPS di samping register',
  besideCaption: 'Angka resmi BPS (Susenas Maret {year}) di samping keluarga desil 1 dan penerima program menurut register, per provinsi dan kabupaten/kota.',
  besideBpsGroup: 'BPS, Maret {year}',
  besideRegistryGroup: 'Register',
  region: 'Wilayah',
  besideDesil1: 'Keluarga desil 1',
  besideRecipients: 'Penerima {program} {year}',
  shortIndicators: {
    p0: 'P0 (%)',
    jumlah_miskin: 'Penduduk miskin (jiwa)',
    p1: 'P1',
    p2: 'P2',
    garis_kemiskinan: 'Garis kemiskinan (Rp/kapita/bulan)',
  } satisfies Record<BpsIndicator, string>,
  besideSource:
    'Sumber angka BPS: Badan Pusat Statistik (BPS), Susenas Maret {year}; berkas {files}. P0 = persentase penduduk miskin, P1 = indeks kedalaman, P2 = indeks keparahan kemiskinan. Sumber register: rilis {release}, tabel keluarga_desil dan sasaran_program (penerima dalam satu tahun kalender penuh).',
};

export type BpsStrings = typeof id;

const en: BpsStrings = {
  heading: 'Poverty according to BPS',
  lead: 'BPS counts {count} poor people in {region} ({period}).',
  leadShare: 'BPS counts {share} of people in {region} as poor ({period}).',
  period: 'March {year}',
  caption: 'Official BPS poverty figures for {region}, by year (March Susenas).',
  indicator: 'Indicator',
  indicators: {
    p0: 'Share of people in poverty (P0)',
    jumlah_miskin: 'Number of poor people',
    p1: 'Poverty gap index (P1)',
    p2: 'Poverty severity index (P2)',
    garis_kemiskinan: 'Poverty line (per person per month)',
  },
  source: 'Source: Statistics Indonesia (BPS), National Socio-Economic Survey (Susenas), March {years}; file {files}. Region names matched to Kemendagri codes by name.',
  difference:
    'BPS figures are survey estimates for the whole population; the registry figures on this page count families recorded in DTSEN. They measure different things and cannot be added or subtracted.',
  none: 'This release holds no BPS poverty figures for this region.',
  besideHeading: 'BPS poverty figures beside the registry',
  besideCaption: 'Official BPS figures (March {year} Susenas) beside desil 1 families and program recipients in the registry, per province and kabupaten/kota.',
  besideBpsGroup: 'BPS, March {year}',
  besideRegistryGroup: 'Registry',
  region: 'Region',
  besideDesil1: 'Desil 1 families',
  besideRecipients: '{program} recipients {year}',
  shortIndicators: {
    p0: 'P0 (%)',
    jumlah_miskin: 'Poor people (persons)',
    p1: 'P1',
    p2: 'P2',
    garis_kemiskinan: 'Poverty line (Rp/person/month)',
  },
  besideSource:
    'Source of the BPS figures: Statistics Indonesia (BPS), March {year} Susenas; file {files}. P0 = share of people in poverty, P1 = poverty gap index, P2 = poverty severity index. Source of the registry figures: release {release}, tables keluarga_desil and sasaran_program (recipients over one full calendar year).',
};

export const BPS_STRINGS: Record<Lang, BpsStrings> = { id, en };

export const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
