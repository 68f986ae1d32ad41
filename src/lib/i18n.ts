/**
 * Every UI string of the site, in Bahasa Indonesia and English, in one place.
 * Labels of codes (programs, complaint categories) come from the release's
 * lookup tables; fixed code lists from `codes.ts`. Indonesian is the source:
 * the English object must have the same keys (the type checks it).
 */
import type { Lang } from './format.ts';
import type { Level } from './data/site-data.ts';

export type { Lang };

const id = {
  siteTagline: 'Dasbor transparansi bansos',
  skip: 'Langsung ke isi',
  languageNav: 'Pilih bahasa',
  mainNav: 'Menu utama',
  navHome: 'Beranda',
  navRegions: 'Wilayah',
  navPoverty: 'Kemiskinan',
  navTargeting: 'Sasaran',
  navExplore: 'Jelajah',
  navComplaints: 'Pengaduan',
  navMethods: 'Metodologi',
  navDownloads: 'Unduh',
  footer: 'Terang adalah perangkat lunak sumber terbuka (Apache-2.0). Data yang diterbitkan tidak memuat nama maupun NIK penerima.',
  suppressedNote:
    '“disamarkan” berarti ada orangnya, tetapi jumlahnya terlalu kecil atau dapat dihitung ulang dari angka lain, sehingga tidak diterbitkan. “–” berarti tidak ada data.',

  homeTitle: 'Terang: transparansi bantuan sosial',
  homeIntro:
    'Terang menampilkan statistik penyaluran bantuan sosial (bansos) dari data Dinas Sosial yang telah dianonimkan: siapa yang menerima bantuan menurut wilayah dan desil, serta bagaimana pengaduan ditangani.',
  homeScope: 'Angka di bawah mencakup semua wilayah dalam rilis ini.',
  dataAsOf: 'Data per',
  dataPeriod: 'mencakup',
  keyNumbers: 'Angka utama',
  familiesActive: 'keluarga aktif dalam DTSEN',
  familiesActiveHint: 'Keluarga berstatus AKTIF dalam register pada tanggal data.',
  outsideRuleFigure: 'penerima {program} di luar aturan desil',
  outsideRuleFigureHint: 'Penerima yang desilnya di luar aturan program (galat inklusi), {period}.',
  paidAfterDeath: 'penerima dibayar setelah meninggal',
  paidAfterDeathHint: 'Dijumlah untuk semua program pada triwulan terakhir; tanggal bayar sesudah tanggal kematian di akta Dukcapil. “Sedikitnya” berarti sebagian angka wilayah disamarkan.',
  resolvedInTime: 'pengaduan selesai dalam tenggat',
  resolvedInTimeHint: 'Dari pengaduan yang selesai atau sudah lewat tenggat kategorinya',
  medianDays: 'Median hari kerja sampai pengaduan selesai',
  medianDaysHint:
    'Perkiraan Kaplan–Meier: pengaduan yang masih terbuka ikut dihitung, sehingga angkanya tidak memperindah layanan. Median tidak bisa dijumlahkan antarprovinsi, maka ditampilkan per provinsi.',
  notReachedYet: 'belum tercapai',
  moreThan: 'lebih dari',
  programsHeading: 'Penerima dan nilai bantuan per program',
  programsCaption: 'Penerima yang dibayar, nilai dibayar, penerima di luar aturan desil, dan penerima yang dibayar setelah meninggal, per program pada triwulan terakhir yang lengkap.',
  browseRegions: 'Lihat angka per wilayah',

  program: 'Program',
  period: 'Periode',
  recipients: 'Penerima',
  amountPaid: 'Nilai dibayar',
  outsideRule: 'Di luar aturan desil',
  outsideRuleShare: 'Di luar aturan desil (galat inklusi)',
  desilRule: 'Aturan desil',

  regionsTitle: 'Wilayah',
  regionsIntro: 'Pilih provinsi, kabupaten/kota atau kecamatan untuk melihat kemiskinan, ketepatan sasaran dan pengaduan di wilayah itu.',
  searchLabel: 'Cari desa atau kecamatan',
  searchHint: 'Ketik paling sedikit 2 huruf dari nama desa atau kecamatan.',
  searchNoResults: 'Tidak ada wilayah dengan nama itu.',
  searchFailed: 'Pencarian tidak dapat dimuat. Gunakan daftar wilayah di bawah.',
  searchResults: 'hasil',
  regionList: 'Daftar wilayah',

  level: { provinsi: 'Provinsi', kabupaten: 'Kabupaten/kota', kecamatan: 'Kecamatan', desa: 'Desa/kelurahan' } satisfies Record<Level, string>,
  levelPlural: { provinsi: 'Provinsi', kabupaten: 'Kabupaten/kota', kecamatan: 'Kecamatan', desa: 'Desa/kelurahan' } satisfies Record<Level, string>,
  regionCode: 'Kode wilayah',
  breadcrumb: 'Letak wilayah',

  povertyHeading: 'Kemiskinan: keluarga menurut desil',
  povertyCaption: 'Keluarga berstatus AKTIF dan jumlah anggotanya per desil (1 = termiskin), pada tanggal data.',
  desil: 'Desil',
  desilPoorest: 'termiskin',
  allDesil: 'Semua desil',
  families: 'Keluarga',
  people: 'Jiwa',
  vervalHeading: 'Kemutakhiran verval',
  vervalCaption: 'Keluarga yang diverval dalam 24 bulan terakhir (kewajiban undang-undang) dan yang belum.',
  allFamilies: 'Semua keluarga dalam register',
  verified2y: 'Diverval dalam 24 bulan',
  notVerified2y: 'Belum diverval 24 bulan atau belum pernah',
  verifiedShare: 'Persen diverval dalam 24 bulan',

  targetingHeading: 'Ketepatan sasaran per program',
  targetingCaption: 'Triwulan terakhir yang lengkap untuk setiap program. Penerima = keluarga (orang untuk PIP). Layak = desil dalam aturan program dan berstatus AKTIF.',
  eligible: 'Keluarga layak',
  coverage: 'Cakupan',
  exclusionError: 'Galat eksklusi',
  leakage: 'Kebocoran',
  flagsHeading: 'Tanda mutu data di antara penerima',
  flagsCaption: 'Jumlah penerima per tanda, triwulan terakhir yang lengkap.',
  flagDeath: 'Dibayar setelah meninggal',
  flagDuplicateNik: 'NIK ganda',
  flagNotVerified: 'Belum diverval 24 bulan',
  flagInactive: 'Status bukan AKTIF',
  flagMultiProgram: 'Juga menerima program lain',

  complaintsHeading: 'Pengaduan',
  complaintsCaption: 'Pengaduan yang diterima pada tahun',
  complaintsCaptionTail: 'dan penanganannya, menurut kategori. Waktu dalam hari kerja.',
  category: 'Kategori',
  allCategories: 'Semua kategori',
  cases: 'Diterima',
  closed: 'Selesai',
  medianResolve: 'Median sampai selesai (hari kerja)',
  inTimeShare: 'Selesai dalam tenggat',
  referredShare: 'Dirujuk',
  backlogHeading: 'Pengaduan yang masih terbuka menurut umur',
  backlogCaption: 'Pengaduan terbuka pada tanggal data, menurut umur dalam hari kerja sejak diterima.',
  open: 'Terbuka',
  age0to5: '0–5 hari',
  age6to14: '6–14 hari',
  age15to60: '15–60 hari',
  ageOver60: '> 60 hari',
  pastDeadline: 'Lewat tenggat selesai',
  noComplaints: 'Tidak ada data pengaduan untuk wilayah ini.',

  subAreasHeading: 'Angka per',
  subAreasCaption: 'Ringkasan per wilayah di bawahnya. Penerima dan galat inklusi untuk',
  name: 'Nama',
  complaintsYear: 'Pengaduan',
  noData: 'Tidak ada data untuk wilayah ini.',
  source: 'Sumber: rilis',
};

export type UiStrings = typeof id;

const en: UiStrings = {
  siteTagline: 'Social assistance transparency dashboard',
  skip: 'Skip to content',
  languageNav: 'Choose language',
  mainNav: 'Main menu',
  navHome: 'Home',
  navRegions: 'Regions',
  navPoverty: 'Poverty',
  navTargeting: 'Targeting',
  navExplore: 'Explore',
  navComplaints: 'Complaints',
  navMethods: 'Methodology',
  navDownloads: 'Download',
  footer: 'Terang is open-source software (Apache-2.0). Published data contains no recipient names or NIKs.',
  suppressedNote:
    '“suppressed” means there are people, but the count is too small or could be recomputed from other figures, so it is not published. “–” means no data.',

  homeTitle: 'Terang: social assistance transparency',
  homeIntro:
    'Terang shows statistics on Indonesian social assistance (bansos) from anonymised data of the district social services (Dinas Sosial): who receives aid by region and by desil (welfare decile), and how complaints are handled.',
  homeScope: 'The figures below cover every region in this release.',
  dataAsOf: 'Data as of',
  dataPeriod: 'covering',
  keyNumbers: 'Key figures',
  familiesActive: 'active families in the DTSEN registry',
  familiesActiveHint: 'Families with status AKTIF in the registry at the data date.',
  outsideRuleFigure: 'of {program} recipients are outside the desil rule',
  outsideRuleFigureHint: 'Recipients whose desil is outside the program’s rule (inclusion error), {period}.',
  paidAfterDeath: 'recipients paid after their death',
  paidAfterDeathHint: 'Added up over all programs in the latest quarter; payment date after the date of death in the civil registry. “At least” means some regions’ figures are suppressed.',
  resolvedInTime: 'of complaints resolved within their deadline',
  resolvedInTimeHint: 'Of complaints closed, or open and already past their category’s deadline',
  medianDays: 'Median working days to resolve a complaint',
  medianDaysHint:
    'Kaplan–Meier estimate: complaints still open are counted, so the figure does not flatter the service. Medians cannot be added across provinces, so they are shown per province.',
  notReachedYet: 'not reached yet',
  moreThan: 'more than',
  programsHeading: 'Recipients and amounts by program',
  programsCaption: 'Paid recipients, amount paid, recipients outside the desil rule, and recipients paid after their death, by program in the latest complete quarter.',
  browseRegions: 'See the figures by region',

  program: 'Program',
  period: 'Period',
  recipients: 'Recipients',
  amountPaid: 'Amount paid',
  outsideRule: 'Outside the desil rule',
  outsideRuleShare: 'Outside the desil rule (inclusion error)',
  desilRule: 'Desil rule',

  regionsTitle: 'Regions',
  regionsIntro: 'Choose a province, kabupaten/kota or kecamatan to see poverty, targeting and complaints in that area.',
  searchLabel: 'Find a desa or kecamatan',
  searchHint: 'Type at least 2 letters of a desa or kecamatan name.',
  searchNoResults: 'No region has that name.',
  searchFailed: 'Search could not be loaded. Use the list of regions below.',
  searchResults: 'results',
  regionList: 'List of regions',

  level: { provinsi: 'Province', kabupaten: 'Kabupaten/kota', kecamatan: 'Kecamatan', desa: 'Desa/kelurahan' },
  levelPlural: { provinsi: 'Provinces', kabupaten: 'Kabupaten/kota', kecamatan: 'Kecamatan', desa: 'Desa/kelurahan' },
  regionCode: 'Region code',
  breadcrumb: 'Where this region is',

  povertyHeading: 'Poverty: families by desil',
  povertyCaption: 'Families with status AKTIF and their members by desil (1 = poorest), at the data date.',
  desil: 'Desil',
  desilPoorest: 'poorest',
  allDesil: 'All desil',
  families: 'Families',
  people: 'People',
  vervalHeading: 'How recent the verification (verval) is',
  vervalCaption: 'Families verified in the last 24 months (the legal minimum) and those not.',
  allFamilies: 'All families in the registry',
  verified2y: 'Verified in 24 months',
  notVerified2y: 'Not verified in 24 months, or never',
  verifiedShare: 'Share verified in 24 months',

  targetingHeading: 'Targeting by program',
  targetingCaption: 'The latest complete quarter of each program. Recipients = families (people for PIP). Eligible = desil within the program’s rule and status AKTIF.',
  eligible: 'Eligible families',
  coverage: 'Coverage',
  exclusionError: 'Exclusion error',
  leakage: 'Leakage',
  flagsHeading: 'Data-quality flags among recipients',
  flagsCaption: 'Recipients per flag, latest complete quarter.',
  flagDeath: 'Paid after death',
  flagDuplicateNik: 'Duplicate NIK',
  flagNotVerified: 'Not verified in 24 months',
  flagInactive: 'Status not AKTIF',
  flagMultiProgram: 'Also receives another program',

  complaintsHeading: 'Complaints',
  complaintsCaption: 'Complaints received in',
  complaintsCaptionTail: 'and how they were handled, by category. Times in working days.',
  category: 'Category',
  allCategories: 'All categories',
  cases: 'Received',
  closed: 'Closed',
  medianResolve: 'Median to resolve (working days)',
  inTimeShare: 'Resolved within deadline',
  referredShare: 'Referred',
  backlogHeading: 'Complaints still open, by age',
  backlogCaption: 'Complaints open at the data date, by age in working days since receipt.',
  open: 'Open',
  age0to5: '0–5 days',
  age6to14: '6–14 days',
  age15to60: '15–60 days',
  ageOver60: '> 60 days',
  pastDeadline: 'Past resolution deadline',
  noComplaints: 'No complaint data for this region.',

  subAreasHeading: 'Figures by',
  subAreasCaption: 'A summary per area below this one. Recipients and inclusion error for',
  name: 'Name',
  complaintsYear: 'Complaints',
  noData: 'No data for this region.',
  source: 'Source: release',
};

export const UI: Record<Lang, UiStrings> = { id, en };

/** Path of a page in a language: `/wilayah/35/` → `/en/wilayah/35/` for English. */
export const localePath = (lang: Lang, pathname: string): string => (lang === 'id' ? pathname : `/en${pathname}`);

/** A label in the reader's language from a bilingual lookup row. */
export const pick = (label: { id: string; en: string }, lang: Lang): string => label[lang];

/** `Provinsi Jawa Timur`, `Kabupaten Jombang` (the name carries it), `Kecamatan Bandar Kedung Mulyo`; English `Jawa Timur Province`. */
export function regionTitle(region: { nama: string; tingkat: Level }, lang: Lang): string {
  if (region.tingkat === 'kabupaten' || region.tingkat === 'desa') return region.nama;
  if (lang === 'id') return `${region.tingkat === 'provinsi' ? 'Provinsi' : 'Kecamatan'} ${region.nama}`;
  return region.tingkat === 'provinsi' ? `${region.nama} Province` : `Kecamatan ${region.nama}`;
}
