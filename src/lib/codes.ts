/**
 * Fixed code lists of the domain, with labels in both languages.
 * Shared by the data build (validation, sample data) and the site (labels).
 * Lists that a Dinas may need to change (programs and their desil rule,
 * PPKS categories, complaint deadlines, holidays) are data in
 * `data/reference/`, not here.
 */
import type { Bilingual } from '../../scripts/contracts/types.ts';

export interface Code {
  code: string;
  label: Bilingual;
}

const codes = <const T extends readonly Code[]>(list: T): T => list;

export const VERVAL_STATUS = codes([
  { code: 'AKTIF', label: { id: 'Aktif', en: 'Active' } },
  { code: 'MENINGGAL', label: { id: 'Meninggal', en: 'Deceased' } },
  { code: 'PINDAH', label: { id: 'Pindah', en: 'Moved' } },
  { code: 'GANDA', label: { id: 'Data ganda', en: 'Duplicate' } },
  { code: 'MENGUNDURKAN_DIRI', label: { id: 'Mengundurkan diri', en: 'Withdrew voluntarily' } },
  { code: 'TIDAK_DITEMUKAN', label: { id: 'Tidak ditemukan', en: 'Not found' } },
]);

export const SEX = codes([
  { code: 'L', label: { id: 'Laki-laki', en: 'Male' } },
  { code: 'P', label: { id: 'Perempuan', en: 'Female' } },
]);

export const PAYMENT_CHANNELS = codes([
  { code: 'HIMBARA', label: { id: 'Bank Himbara (KKS)', en: 'State bank (Himbara, KKS card)' } },
  { code: 'POS', label: { id: 'PT Pos Indonesia', en: 'PT Pos Indonesia' } },
]);

export const PAYMENT_STATUS = codes([
  { code: 'DIBAYAR', label: { id: 'Dibayar', en: 'Paid' } },
  { code: 'GAGAL', label: { id: 'Gagal', en: 'Failed' } },
  { code: 'DIKEMBALIKAN', label: { id: 'Dikembalikan ke kas negara', en: 'Returned' } },
]);

export const COMPLAINT_CHANNELS = codes([
  { code: 'PUSKESOS', label: { id: 'Puskesos (pos desa)', en: 'Puskesos (village post)' } },
  { code: 'SLRT', label: { id: 'SLRT', en: 'SLRT (referral service)' } },
  { code: 'LAPOR', label: { id: 'SP4N-LAPOR!', en: 'SP4N-LAPOR!' } },
  { code: 'HOTLINE', label: { id: 'Hotline/WhatsApp', en: 'Hotline/WhatsApp' } },
  { code: 'LANGSUNG', label: { id: 'Datang langsung', en: 'Walk-in' } },
  { code: 'UPTD_PPA', label: { id: 'Unit Perlindungan Perempuan dan Anak', en: 'Women and children protection unit' } },
]);

export const REFERRAL_AGENCIES = codes([
  { code: 'SLRT', label: { id: 'SLRT Dinas Sosial', en: 'SLRT (social service)' } },
  { code: 'DINKES', label: { id: 'Dinas Kesehatan', en: 'Health office' } },
  { code: 'DISDIK', label: { id: 'Dinas Pendidikan', en: 'Education office' } },
  { code: 'DUKCAPIL', label: { id: 'Dinas Dukcapil', en: 'Civil registry' } },
  { code: 'BPJS', label: { id: 'BPJS Kesehatan', en: 'BPJS health insurance' } },
  { code: 'POLRI', label: { id: 'Kepolisian', en: 'Police' } },
  { code: 'UPTD_PPA', label: { id: 'UPTD PPA', en: 'Women and children protection unit' } },
  { code: 'KEMENSOS', label: { id: 'Kementerian Sosial', en: 'Ministry of Social Affairs' } },
  { code: 'LAINNYA', label: { id: 'Lainnya', en: 'Other' } },
]);

export const COMPLAINT_OUTCOMES = codes([
  { code: 'SELESAI', label: { id: 'Selesai sesuai permintaan', en: 'Resolved as requested' } },
  { code: 'SEBAGIAN', label: { id: 'Selesai sebagian', en: 'Partly resolved' } },
  { code: 'TIDAK_TERBUKTI', label: { id: 'Tidak terbukti', en: 'Not substantiated' } },
  { code: 'DICABUT', label: { id: 'Dicabut pelapor', en: 'Withdrawn by complainant' } },
]);

export const HOLIDAY_KINDS = codes([
  { code: 'LIBUR_NASIONAL', label: { id: 'Libur nasional', en: 'National holiday' } },
  { code: 'CUTI_BERSAMA', label: { id: 'Cuti bersama', en: 'Collective leave' } },
]);

export const codeList = (list: readonly Code[]): string[] => list.map((c) => c.code);
