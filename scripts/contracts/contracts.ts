/**
 * Every file the data build accepts, in one place. Validation (scripts/build),
 * the sample generator (scripts/sample) and docs/data-contracts.md all read
 * this module; change a column here and all three follow.
 */
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  HOLIDAY_KINDS,
  PAYMENT_CHANNELS,
  PAYMENT_STATUS,
  REFERRAL_AGENCIES,
  SEX,
  VERVAL_STATUS,
  codeList,
} from '../../src/lib/codes.ts';
import type { ColumnContract, FileContract } from './types.ts';

const nik = (name: string, required: boolean, id: string, en: string, onePerRow = false): ColumnContract => ({
  name,
  type: 'nik',
  required,
  personal: true,
  ...(onePerRow ? { onePerRow } : {}),
  description: { id, en },
});

const kk = (name: string, required: boolean, onePerRow = false): ColumnContract => ({
  name,
  type: 'kk',
  required,
  personal: true,
  ...(onePerRow ? { onePerRow } : {}),
  description: { id: 'Nomor Kartu Keluarga (16 digit)', en: 'Family card number (16 digits)' },
});

const villageCode: ColumnContract = {
  name: 'kode_desa',
  type: 'region_code',
  regionLevel: 'village',
  required: true,
  aliases: ['kode_wilayah', 'kode_kelurahan'],
  description: {
    id: 'Kode desa/kelurahan Kemendagri, 10 digit, boleh bertitik (35.17.01.2001)',
    en: 'Kemendagri village code, 10 digits, dots optional (35.17.01.2001)',
  },
};

const personalText = (name: string, id: string, en: string): ColumnContract => ({
  name,
  type: 'text',
  required: false,
  personal: true,
  description: { id, en },
});

const timestamp = (name: string, required: boolean, id: string, en: string): ColumnContract => ({
  name,
  type: 'timestamp',
  required,
  description: { id, en },
});

export const households: FileContract = {
  id: 'households',
  fileName: 'keluarga.csv',
  kind: 'raw',
  requiredFile: true,
  description: {
    id: 'Keluarga dalam DTSEN beserta desil dan status verifikasi-validasi (verval)',
    en: 'Families in the DTSEN registry with their desil and verification status (verval)',
  },
  columns: [
    kk('no_kk', true, true),
    nik('nik_kepala', true, 'NIK kepala keluarga', "NIK of the head of the family", true),
    personalText('nama_kepala', 'Nama kepala keluarga (tidak pernah dipublikasikan)', 'Name of the head (never published)'),
    personalText('alamat', 'Alamat (tidak pernah dipublikasikan)', 'Address (never published)'),
    villageCode,
    {
      name: 'desil',
      type: 'integer',
      required: true,
      min: 1,
      max: 10,
      description: { id: 'Desil kesejahteraan 1–10 (1 = termiskin)', en: 'Welfare decile 1–10 (1 = poorest)' },
    },
    {
      name: 'jumlah_anggota',
      type: 'integer',
      required: true,
      min: 1,
      max: 30,
      aliases: ['jml_anggota', 'jumlah_art'],
      description: { id: 'Jumlah anggota keluarga', en: 'Number of family members' },
    },
    {
      name: 'status_verval',
      type: 'enum',
      required: true,
      allowed: codeList(VERVAL_STATUS),
      description: { id: 'Status hasil verval terakhir', en: 'Status from the latest verval' },
    },
    {
      name: 'tanggal_verval',
      type: 'date',
      required: false,
      description: {
        id: 'Tanggal verval terakhir; kosong berarti belum pernah diverval',
        en: 'Date of the latest verval; empty means never verified',
      },
    },
  ],
  key: ['no_kk'],
  example: {
    no_kk: '3517012001240003',
    nik_kepala: '3517011204780002',
    nama_kepala: 'Slamet Riyadi',
    alamat: 'Dusun Krajan RT 002 RW 001',
    kode_desa: '35.17.01.2001',
    desil: '2',
    jumlah_anggota: '4',
    status_verval: 'AKTIF',
    tanggal_verval: '14/03/2026',
  },
};

export const individuals: FileContract = {
  id: 'individuals',
  fileName: 'individu.csv',
  kind: 'raw',
  requiredFile: true,
  description: {
    id: 'Anggota keluarga DTSEN: satu baris per orang',
    en: 'Members of DTSEN families: one row per person',
  },
  columns: [
    nik('nik', true, 'Nomor Induk Kependudukan (16 digit)', 'Population identity number (16 digits)', true),
    kk('no_kk', true),
    personalText('nama', 'Nama lengkap (tidak pernah dipublikasikan)', 'Full name (never published)'),
    {
      name: 'tanggal_lahir',
      type: 'date',
      required: true,
      personal: true,
      description: { id: 'Tanggal lahir (hanya umur yang dipakai)', en: 'Birth date (only the age is used)' },
    },
    {
      name: 'jenis_kelamin',
      type: 'enum',
      required: true,
      allowed: codeList(SEX),
      description: { id: 'Jenis kelamin: L atau P', en: 'Sex: L (male) or P (female)' },
    },
    {
      name: 'disabilitas',
      type: 'boolean',
      required: false,
      description: { id: 'Penyandang disabilitas (1/0, Y/T)', en: 'Has a disability (1/0, Y/T)' },
    },
  ],
  key: ['nik'],
  example: {
    nik: '3517011204780002',
    no_kk: '3517012001240003',
    nama: 'Slamet Riyadi',
    tanggal_lahir: '12/04/1978',
    jenis_kelamin: 'L',
    disabilitas: '0',
  },
};

export const payments: FileContract = {
  id: 'payments',
  fileName: 'pembayaran.csv',
  kind: 'raw',
  requiredFile: true,
  description: {
    id: 'Penyaluran bansos: satu baris per penerima, program dan periode',
    en: 'Aid payments: one row per recipient, program and period',
  },
  columns: [
    nik('nik', false, 'NIK penerima (untuk program per orang)', 'Recipient NIK (for per-person programs)'),
    kk('no_kk', false),
    {
      name: 'kode_program',
      type: 'enum',
      required: true,
      allowedFrom: { file: 'programs', column: 'kode' },
      aliases: ['program'],
      description: { id: 'Kode program (lihat programs.csv)', en: 'Program code (see programs.csv)' },
    },
    {
      name: 'periode',
      type: 'period',
      required: true,
      description: { id: 'Periode penyaluran, yyyy-mm (bulan awal tahap)', en: 'Payment period, yyyy-mm (first month of the stage)' },
    },
    {
      name: 'nominal',
      type: 'rupiah',
      required: true,
      min: 1,
      aliases: ['jumlah', 'nilai'],
      description: { id: 'Nilai bantuan dalam rupiah', en: 'Amount in rupiah' },
    },
    {
      name: 'saluran',
      type: 'enum',
      required: true,
      allowed: codeList(PAYMENT_CHANNELS),
      description: { id: 'Saluran penyaluran: HIMBARA atau POS', en: 'Channel: HIMBARA (state bank) or POS (PT Pos)' },
    },
    {
      name: 'status',
      type: 'enum',
      required: true,
      allowed: codeList(PAYMENT_STATUS),
      description: { id: 'Status penyaluran', en: 'Payment status' },
    },
    {
      name: 'tanggal_bayar',
      type: 'date',
      required: false,
      description: { id: 'Tanggal dana diterima/ditarik', en: 'Date the money was paid out' },
    },
  ],
  key: ['kode_program', 'periode', 'nik', 'no_kk'],
  rules: [
    {
      id: 'Minimal salah satu dari nik atau no_kk harus terisi.',
      en: 'At least one of nik or no_kk must be filled in.',
    },
  ],
  example: {
    nik: '',
    no_kk: '3517012001240003',
    kode_program: 'PKH',
    periode: '2026-04',
    nominal: '750000',
    saluran: 'HIMBARA',
    status: 'DIBAYAR',
    tanggal_bayar: '2026-04-22',
  },
};

export const deaths: FileContract = {
  id: 'deaths',
  fileName: 'kematian.csv',
  kind: 'raw',
  requiredFile: false,
  description: {
    id: 'Akta kematian dari Dukcapil',
    en: 'Death records from the civil registry (Dukcapil)',
  },
  columns: [
    nik('nik', true, 'NIK almarhum/almarhumah', 'NIK of the deceased', true),
    personalText('nama', 'Nama (tidak pernah dipublikasikan)', 'Name (never published)'),
    {
      name: 'tanggal_meninggal',
      type: 'date',
      required: true,
      description: { id: 'Tanggal meninggal', en: 'Date of death' },
    },
  ],
  key: ['nik'],
  example: { nik: '3517014507450001', nama: 'Siti Aminah', tanggal_meninggal: '03/02/2025' },
};

export const ppks: FileContract = {
  id: 'ppks',
  fileName: 'ppks.csv',
  kind: 'raw',
  requiredFile: false,
  description: {
    id: 'Register Pemerlu Pelayanan Kesejahteraan Sosial (PPKS), 26 kategori',
    en: 'Register of people in need of social-welfare services (PPKS), 26 categories',
  },
  columns: [
    nik('nik', false, 'NIK; boleh kosong bila belum punya', 'NIK; may be empty when the person has none'),
    personalText('nama', 'Nama (tidak pernah dipublikasikan)', 'Name (never published)'),
    {
      name: 'kategori',
      type: 'enum',
      required: true,
      allowedFrom: { file: 'ppksCategories', column: 'kode' },
      description: { id: 'Kategori PPKS 1–26 (lihat ppks-categories.csv)', en: 'PPKS category 1–26 (see ppks-categories.csv)' },
    },
    villageCode,
    {
      name: 'tanggal_registrasi',
      type: 'date',
      required: true,
      description: { id: 'Tanggal dicatat dalam register', en: 'Date entered in the register' },
    },
    {
      name: 'tanggal_terbit_nik',
      type: 'date',
      required: false,
      description: {
        id: 'Tanggal NIK diterbitkan lewat jemput bola (bagi yang sebelumnya tidak punya)',
        en: 'Date a NIK was issued through outreach (for people who had none)',
      },
    },
  ],
  key: ['nik', 'kategori'],
  example: {
    nik: '',
    nama: 'Budi',
    kategori: '11',
    kode_desa: '63.11.01.2003',
    tanggal_registrasi: '2025-08-11',
    tanggal_terbit_nik: '',
  },
};

export const complaints: FileContract = {
  id: 'complaints',
  fileName: 'pengaduan.csv',
  kind: 'raw',
  requiredFile: false,
  description: {
    id: 'Pengaduan dan rujukan dari Puskesos, SLRT, SP4N-LAPOR!, hotline, datang langsung dan UPTD PPA',
    en: 'Complaints and referrals from Puskesos, SLRT, SP4N-LAPOR!, hotlines, walk-ins and the women-and-children unit',
  },
  columns: [
    {
      name: 'id_kasus',
      type: 'text',
      required: true,
      aliases: ['nomor_tiket', 'no_tiket'],
      description: { id: 'Nomor kasus/tiket, unik per kasus', en: 'Case or ticket number, unique per case' },
    },
    {
      name: 'saluran',
      type: 'enum',
      required: true,
      allowed: codeList(COMPLAINT_CHANNELS),
      description: { id: 'Saluran pengaduan', en: 'Channel the complaint came in through' },
    },
    {
      name: 'kategori',
      type: 'enum',
      required: true,
      allowedFrom: { file: 'complaintCategories', column: 'kode' },
      description: { id: 'Kategori pengaduan (lihat complaint-categories.csv)', en: 'Complaint category (see complaint-categories.csv)' },
    },
    villageCode,
    timestamp('diterima', true, 'Waktu pengaduan diterima', 'When the complaint was received'),
    timestamp('respons_pertama', false, 'Waktu tanggapan pertama kepada pelapor', 'When the complainant first got a response'),
    timestamp('diverifikasi', false, 'Waktu pengaduan diverifikasi', 'When the complaint was verified'),
    timestamp('dirujuk', false, 'Waktu kasus dirujuk', 'When the case was referred'),
    timestamp('ditutup', false, 'Waktu kasus ditutup; kosong berarti masih terbuka', 'When the case was closed; empty means still open'),
    {
      name: 'dirujuk_ke',
      type: 'enum',
      required: false,
      allowed: codeList(REFERRAL_AGENCIES),
      description: { id: 'Lembaga tujuan rujukan pertama', en: 'Agency the case was first referred to' },
    },
    {
      name: 'dirujuk_lanjut_ke',
      type: 'enum',
      required: false,
      allowed: codeList(REFERRAL_AGENCIES),
      description: {
        id: 'Lembaga tujuan rujukan lanjutan (mis. dari SLRT ke Dinas Kesehatan)',
        en: 'Agency of an onward referral (for example from SLRT to the health office)',
      },
    },
    {
      name: 'hasil',
      type: 'enum',
      required: false,
      allowed: codeList(COMPLAINT_OUTCOMES),
      description: { id: 'Hasil penanganan, diisi saat ditutup', en: 'Outcome, filled in when closed' },
    },
    {
      name: 'dibuka_kembali',
      type: 'boolean',
      required: false,
      description: { id: 'Kasus pernah dibuka kembali setelah ditutup', en: 'The case was reopened after being closed' },
    },
    nik('nik_pelapor', false, 'NIK pelapor (boleh kosong)', 'Complainant NIK (optional)'),
    personalText('uraian', 'Isi pengaduan (tidak pernah dipublikasikan)', 'Complaint text (never published)'),
  ],
  key: ['id_kasus'],
  rules: [
    {
      id: 'diterima ≤ respons_pertama ≤ ditutup; diverifikasi dan dirujuk tidak sebelum diterima.',
      en: 'received ≤ first response ≤ closed; verified and referred not before received.',
    },
    { id: 'dirujuk_ke wajib bila dirujuk terisi.', en: 'dirujuk_ke is required when dirujuk is filled in.' },
  ],
  example: {
    id_kasus: 'PSK-3517-2026-000123',
    saluran: 'PUSKESOS',
    kategori: 'LAYAK_TIDAK_MENERIMA',
    kode_desa: '3517012001',
    diterima: '02/03/2026 09:15',
    respons_pertama: '03/03/2026 10:00',
    diverifikasi: '05/03/2026 14:30',
    dirujuk: '06/03/2026 08:00',
    ditutup: '',
    dirujuk_ke: 'SLRT',
    dirujuk_lanjut_ke: '',
    hasil: '',
    dibuka_kembali: '0',
    nik_pelapor: '',
    uraian: 'Keluarga kami desil 1 tetapi belum menerima PKH',
  },
};

export const holidays: FileContract = {
  id: 'holidays',
  fileName: 'hari-libur.csv',
  kind: 'reference',
  requiredFile: true,
  description: {
    id: 'Kalender hari kerja: libur nasional dan cuti bersama (SKB 3 Menteri); file di data/raw/ dengan nama sama ditambahkan',
    en: 'Working-day calendar: national holidays and collective leave (joint decree); a file of the same name in data/raw/ is added to it',
  },
  columns: [
    { name: 'tanggal', type: 'date', required: true, allowFuture: true, description: { id: 'Tanggal libur', en: 'Date' } },
    {
      name: 'jenis',
      type: 'enum',
      required: true,
      allowed: codeList(HOLIDAY_KINDS),
      description: { id: 'Libur nasional atau cuti bersama', en: 'National holiday or collective leave' },
    },
    { name: 'keterangan', type: 'text', required: false, description: { id: 'Nama hari libur', en: 'Name of the holiday' } },
  ],
  key: ['tanggal'],
  example: { tanggal: '2026-03-20', jenis: 'LIBUR_NASIONAL', keterangan: 'Idul Fitri 1447 Hijriah' },
};

const bilingualName = (what: string, apa: string): ColumnContract[] => [
  { name: 'nama_id', type: 'text', required: true, description: { id: `Nama ${apa} (Indonesia)`, en: `Name of the ${what} (Indonesian)` } },
  { name: 'nama_en', type: 'text', required: true, description: { id: `Nama ${apa} (Inggris)`, en: `Name of the ${what} (English)` } },
];

export const programs: FileContract = {
  id: 'programs',
  fileName: 'programs.csv',
  kind: 'reference',
  requiredFile: true,
  description: {
    id: 'Program bansos, manfaat dan aturan desil (Kepmensos 79/HUK/2025)',
    en: 'Aid programs, benefits and desil rule (Kepmensos 79/HUK/2025)',
  },
  columns: [
    { name: 'kode', type: 'text', required: true, description: { id: 'Kode program', en: 'Program code' } },
    ...bilingualName('program', 'program'),
    { name: 'manfaat_id', type: 'text', required: true, description: { id: 'Manfaat (Indonesia)', en: 'Benefit (Indonesian)' } },
    { name: 'manfaat_en', type: 'text', required: true, description: { id: 'Manfaat (Inggris)', en: 'Benefit (English)' } },
    {
      name: 'unit',
      type: 'enum',
      required: true,
      allowed: ['KELUARGA', 'INDIVIDU'],
      description: { id: 'Penerima dihitung per keluarga atau per orang', en: 'Recipients counted per family or per person' },
    },
    {
      name: 'frekuensi',
      type: 'enum',
      required: true,
      allowed: ['BULANAN', 'DUA_BULANAN', 'TRIWULAN', 'SEMESTER', 'TAHUNAN'],
      description: { id: 'Frekuensi penyaluran', en: 'Payment cadence' },
    },
    { name: 'desil_min', type: 'integer', required: true, min: 1, max: 10, description: { id: 'Desil terendah yang layak', en: 'Lowest eligible desil' } },
    { name: 'desil_max', type: 'integer', required: true, min: 1, max: 10, description: { id: 'Desil tertinggi yang layak', en: 'Highest eligible desil' } },
  ],
  key: ['kode'],
  example: {
    kode: 'SEMBAKO',
    nama_id: 'Program Sembako (BPNT)',
    nama_en: 'Sembako food assistance (BPNT)',
    manfaat_id: 'Rp200.000 per bulan',
    manfaat_en: 'Rp200,000 a month',
    unit: 'KELUARGA',
    frekuensi: 'DUA_BULANAN',
    desil_min: '1',
    desil_max: '5',
  },
};

export const ppksCategories: FileContract = {
  id: 'ppksCategories',
  fileName: 'ppks-categories.csv',
  kind: 'reference',
  requiredFile: true,
  description: {
    id: '26 kategori PPKS (Permensos 8/2012, Permensos 5/2019) dan tanda kategori sensitif',
    en: 'The 26 PPKS categories (Permensos 8/2012, 5/2019) and which are sensitive',
  },
  columns: [
    { name: 'kode', type: 'integer', required: true, min: 1, max: 26, description: { id: 'Nomor kategori', en: 'Category number' } },
    ...bilingualName('category', 'kategori'),
    {
      name: 'sensitif',
      type: 'boolean',
      required: true,
      description: {
        id: 'Sensitif: hanya dipublikasikan di tingkat kabupaten dengan ambang lebih tinggi',
        en: 'Sensitive: published at kabupaten level only, with a higher threshold',
      },
    },
  ],
  key: ['kode'],
  example: { kode: '16', nama_id: 'Orang dengan HIV/AIDS', nama_en: 'People living with HIV/AIDS', sensitif: '1' },
};

export const complaintCategories: FileContract = {
  id: 'complaintCategories',
  fileName: 'complaint-categories.csv',
  kind: 'reference',
  requiredFile: true,
  description: {
    id: 'Kategori pengaduan dan tenggatnya dalam hari kerja (standar layanan; ubah sesuai standar daerah)',
    en: 'Complaint categories and their deadlines in working days (service standard; change to the local standard)',
  },
  columns: [
    { name: 'kode', type: 'text', required: true, description: { id: 'Kode kategori', en: 'Category code' } },
    ...bilingualName('category', 'kategori'),
    {
      name: 'tenggat_respons_hari_kerja',
      type: 'integer',
      required: true,
      min: 1,
      description: { id: 'Tenggat tanggapan pertama (hari kerja)', en: 'First-response deadline (working days)' },
    },
    {
      name: 'tenggat_selesai_hari_kerja',
      type: 'integer',
      required: true,
      min: 1,
      description: { id: 'Tenggat penyelesaian (hari kerja)', en: 'Resolution deadline (working days)' },
    },
    {
      name: 'sensitif',
      type: 'boolean',
      required: true,
      description: { id: 'Sensitif: hanya tingkat kabupaten', en: 'Sensitive: kabupaten level only' },
    },
  ],
  key: ['kode'],
  example: {
    kode: 'MASALAH_PEMBAYARAN',
    nama_id: 'Masalah pembayaran',
    nama_en: 'Payment problem',
    tenggat_respons_hari_kerja: '3',
    tenggat_selesai_hari_kerja: '5',
    sensitif: '0',
  },
};

/** Every contract, in the order the docs list them. */
export const CONTRACTS: readonly FileContract[] = [
  households,
  individuals,
  payments,
  deaths,
  ppks,
  complaints,
  holidays,
  programs,
  ppksCategories,
  complaintCategories,
];

export const contractById = (id: string): FileContract => {
  const found = CONTRACTS.find((c) => c.id === id);
  if (!found) throw new Error(`Unknown contract "${id}"`);
  return found;
};

/** Which files in a folder belong to a contract: `keluarga.csv`, `keluarga-2026.csv`, `KELUARGA_jombang.csv`. */
export const fileBelongsTo = (fileName: string, contract: FileContract): boolean => {
  const stem = contract.fileName.replace(/\.csv$/i, '').toLowerCase();
  const name = fileName.toLowerCase();
  return name.endsWith('.csv') && (name === `${stem}.csv` || name.startsWith(`${stem}-`) || name.startsWith(`${stem}_`));
};
