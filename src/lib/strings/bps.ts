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
  source: 'Sumber: Badan Pusat Statistik (BPS), Survei Sosial Ekonomi Nasional (Susenas) Maret; berkas {files}. Nama wilayah dicocokkan ke kode Kemendagri menurut nama.',
  difference:
    'Angka BPS adalah perkiraan survei atas seluruh penduduk; angka register di halaman ini menghitung keluarga yang tercatat dalam DTSEN. Keduanya mengukur hal berbeda dan tidak dapat dijumlahkan atau dikurangkan.',
  none: 'Rilis ini tidak memuat angka kemiskinan BPS untuk wilayah ini.',
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
  source: 'Source: Statistics Indonesia (BPS), National Socio-Economic Survey (Susenas), March; file {files}. Region names matched to Kemendagri codes by name.',
  difference:
    'BPS figures are survey estimates for the whole population; the registry figures on this page count families recorded in DTSEN. They measure different things and cannot be added or subtracted.',
  none: 'This release holds no BPS poverty figures for this region.',
};

export const BPS_STRINGS: Record<Lang, BpsStrings> = { id, en };

export const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
