/**
 * Complaints and referrals of one desa. Times are drawn in working days
 * (weekends and hari-libur.csv skipped) from heavy-tailed log-normal
 * distributions scaled to each category's deadline; cases whose closing
 * would fall after the as-of date are still open, so recent cases are open
 * more often, as in any live register.
 */
import { COMPLAINTS } from './calibration.ts';
import type { Row } from './csv-writer.ts';
import { civil, minuteOf } from './dates.ts';
import type { Formatter } from './formats.ts';
import type { Household } from './households.ts';
import type { ComplaintCategory } from './reference.ts';
import type { Desa } from './regions.ts';
import { type Rng, Weighted } from './rng.ts';
import type { WorkingCalendar } from './working-days.ts';

export interface ComplaintContext {
  asOf: number;
  start: number;
  calendar: WorkingCalendar;
  categories: ReadonlyMap<string, ComplaintCategory>;
  fmt: Formatter;
  /** Sequence numbers per ticket prefix, kabupaten and year. */
  sequences: Map<string, number>;
}

const CHANNELS = new Weighted(COMPLAINTS.channels.filter(([c]) => c !== 'UPTD_PPA'));
const CATEGORIES_NO_VIOLENCE = new Weighted(COMPLAINTS.categories.filter(([c]) => c !== 'KEKERASAN_PA'));
const VIOLENCE_SHARE = (() => {
  const total = COMPLAINTS.categories.reduce((s, [, w]) => s + w, 0);
  return (COMPLAINTS.categories.find(([c]) => c === 'KEKERASAN_PA')?.[1] ?? 0) / total;
})();
const OUTCOMES = new Weighted(COMPLAINTS.outcomes);

const PREFIX: Record<string, string> = { PUSKESOS: 'PSK', SLRT: 'SLRT', LAPOR: 'LPR', HOTLINE: 'HTL', LANGSUNG: 'LSG', UPTD_PPA: 'PPA' };

/** Where the SLRT sends a case it cannot settle itself. */
const ONWARD: Record<string, readonly string[]> = {
  LAYAK_TIDAK_MENERIMA: ['KEMENSOS', 'KEMENSOS', 'DUKCAPIL'],
  MENERIMA_TIDAK_LAYAK: ['KEMENSOS'],
  PERBAIKAN_DATA: ['DUKCAPIL', 'DUKCAPIL', 'KEMENSOS'],
  MASALAH_PEMBAYARAN: ['KEMENSOS', 'LAINNYA'],
  RUJUKAN_PPKS: ['DINKES', 'DISDIK', 'BPJS', 'DINKES'],
  KEKERASAN_PA: ['POLRI', 'DINKES'],
  LAINNYA: ['LAINNYA', 'DINKES', 'DISDIK', 'BPJS'],
};

const TEMPLATES: Record<string, readonly string[]> = {
  LAYAK_TIDAK_MENERIMA: [
    'Keluarga kami desil {d} tetapi belum menerima {p}',
    'Sudah diusulkan lewat musdes tahun lalu, sampai sekarang belum dapat {p}',
    'Tetangga yang mampu dapat bantuan, kami yang tidak mampu belum',
  ],
  MENERIMA_TIDAK_LAYAK: [
    'Ada penerima {p} yang punya mobil dan rumah bagus di dusun kami',
    'Penerima {p} di RT kami sudah pindah ke luar daerah tetapi masih menerima',
    'Perangkat desa menerima {p} padahal mampu',
  ],
  PERBAIKAN_DATA: [
    'NIK di data bansos berbeda dengan KTP',
    'Nama anggota keluarga salah ketik di DTSEN',
    'Anggota keluarga yang sudah meninggal masih tercatat',
    'Mohon pemutakhiran data karena sudah pisah KK',
  ],
  MASALAH_PEMBAYARAN: [
    'Saldo KKS kosong padahal tahap {t} sudah cair',
    'Bantuan {p} tahap {t} belum diterima',
    'Kartu KKS hilang, bantuan tidak bisa ditarik',
    'Nominal {p} yang diterima kurang dari seharusnya',
  ],
  RUJUKAN_PPKS: [
    'Lansia hidup sendiri perlu pendampingan',
    'Anak putus sekolah perlu bantuan biaya',
    'Penyandang disabilitas belum punya kursi roda',
    'Warga sakit tidak punya BPJS',
  ],
  KEKERASAN_PA: ['Laporan dugaan kekerasan; identitas korban dirahasiakan'],
  LAINNYA: ['Menanyakan jadwal penyaluran bantuan', 'Minta informasi cara mendaftar DTSEN', 'Pendamping PKH sulit dihubungi'],
};
const PROGRAM_WORDS = ['PKH', 'BPNT', 'Sembako', 'PIP', 'BLT Dana Desa', 'PBI JK'];

const fillTemplate = (rng: Rng, text: string): string =>
  text
    .replace('{d}', String(rng.int(1, 3)))
    .replace('{p}', rng.pick(PROGRAM_WORDS))
    .replace('{t}', String(rng.int(1, 4)));

const officeTime = (rng: Rng, day: number): number => minuteOf(day, rng.int(8, 15), rng.int(0, 59));

/** A moment `workingDays` after `from`, on a working day, never before `from`. */
const later = (ctx: ComplaintContext, rng: Rng, from: number, workingDays: number): number => {
  const day = Math.floor(from / 1440);
  const whole = Math.floor(workingDays);
  if (whole === 0) return from + rng.int(15, 240);
  const target = ctx.calendar.add(day, whole);
  return Math.max(from + 1, officeTime(rng, target));
};

export interface ComplaintResult {
  row: Row;
  open: boolean;
  referred: boolean;
  reopened: boolean;
  flawedNik: boolean;
}

export const complaint = (ctx: ComplaintContext, rng: Rng, desa: Desa, households: readonly Household[]): ComplaintResult => {
  const violence = rng.chance(VIOLENCE_SHARE);
  const category = violence ? 'KEKERASAN_PA' : CATEGORIES_NO_VIOLENCE.draw(rng);
  const channel = violence && rng.chance(COMPLAINTS.violenceViaPpa) ? 'UPTD_PPA' : CHANNELS.draw(rng);
  const deadlines = ctx.categories.get(category);
  if (!deadlines) throw new Error(`Complaint category ${category} missing from complaint-categories.csv`);

  // Online channels take complaints on any day; offices only on working days.
  let day = rng.int(ctx.start, ctx.asOf);
  if (channel !== 'LAPOR' && channel !== 'HOTLINE') day = ctx.calendar.onOrAfter(day);
  if (day > ctx.asOf) day = ctx.asOf;
  const received = channel === 'LAPOR' || channel === 'HOTLINE' ? minuteOf(day, rng.int(6, 22), rng.int(0, 59)) : officeTime(rng, day);

  const response = later(ctx, rng, received, rng.logNormal(deadlines.responseDays * COMPLAINTS.responseMedianShare, COMPLAINTS.responseSigma));
  const verified = later(ctx, rng, response, rng.logNormal(1, 0.7));
  const referredUp = channel === 'UPTD_PPA' ? rng.chance(0.6) : !rng.chance(COMPLAINTS.solvedLocally);
  let firstAgency = '';
  let onward = '';
  let referredAt: number | undefined;
  if (referredUp) {
    referredAt = later(ctx, rng, verified, rng.logNormal(1.5, 0.8));
    const options = ONWARD[category] ?? ['LAINNYA'];
    // Puskesos refers up to the SLRT, which may refer on; other channels refer straight to an agency.
    if (channel === 'PUSKESOS') {
      firstAgency = 'SLRT';
      if (rng.chance(COMPLAINTS.onwardReferral)) onward = rng.pick(options);
    } else {
      firstAgency = rng.pick(options);
    }
  }
  const slowdown = referredUp ? COMPLAINTS.referredSlowdown : 1;
  const resolutionDays = rng.logNormal(deadlines.resolutionDays * COMPLAINTS.resolutionMedianShare * slowdown, COMPLAINTS.resolutionSigma);
  let closed: number | undefined = rng.chance(COMPLAINTS.neverClosed) ? undefined : later(ctx, rng, referredAt ?? verified, resolutionDays);
  const limit = minuteOf(ctx.asOf, 23, 59);
  if (closed !== undefined && closed > limit) closed = undefined;
  const reopened = closed !== undefined && rng.chance(COMPLAINTS.reopened);
  const within = (t: number | undefined): number | undefined => (t === undefined || t > limit ? undefined : t);

  const year = civil(day).year;
  const kab = desa.kecamatan.kabupaten.code.replace('.', '');
  const prefix = PREFIX[channel] ?? 'ADU';
  const key = `${prefix}-${kab}-${year}`;
  const seq = (ctx.sequences.get(key) ?? 0) + 1;
  ctx.sequences.set(key, seq);

  // Victims of violence are protected by law: no complainant NIK, generic text.
  const complainant = !violence && households.length > 0 && rng.chance(COMPLAINTS.nikFilled) ? rng.pick(households).head : undefined;
  const referred = within(referredAt);
  return {
    row: {
      id_kasus: `${key}-${String(seq).padStart(6, '0')}`,
      saluran: channel,
      kategori: category,
      kode_desa: ctx.fmt.region(desa.code),
      diterima: ctx.fmt.timestamp(received),
      respons_pertama: ctx.fmt.timestamp(within(response)),
      diverifikasi: ctx.fmt.timestamp(within(verified)),
      dirujuk: ctx.fmt.timestamp(referred),
      ditutup: ctx.fmt.timestamp(closed),
      dirujuk_ke: referred === undefined ? '' : firstAgency,
      dirujuk_lanjut_ke: referred === undefined ? '' : onward,
      hasil: closed === undefined ? '' : OUTCOMES.draw(rng),
      dibuka_kembali: closed === undefined ? '' : reopened ? '1' : '0',
      nik_pelapor: complainant?.nik ?? '',
      uraian: fillTemplate(rng, rng.pick(TEMPLATES[category] ?? TEMPLATES.LAINNYA ?? [''])),
    },
    open: closed === undefined,
    referred: referred !== undefined,
    reopened,
    flawedNik: complainant?.flaw !== undefined,
  };
};
