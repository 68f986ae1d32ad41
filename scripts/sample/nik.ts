/**
 * NIK and KK numbers. A NIK is `PPKKCC DDMMYY SSSS`: the kecamatan of first
 * registration, the birth date with 40 added to the day for women, and a
 * serial from 0001. The serial allocator keeps every generated NIK unique
 * while holding only one kecamatan's counters at a time.
 */
import { civil } from './dates.ts';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const dateDigits = (days: number, female: boolean): string => {
  const { year, month, day } = civil(days);
  return `${pad(female ? day + 40 : day, 2)}${pad(month, 2)}${pad(year % 100, 2)}`;
};

export const buildNik = (kecamatanDigits: string, birth: number, female: boolean, serial: number): string =>
  `${kecamatanDigits}${dateDigits(birth, female)}${pad(serial, 4)}`;

/** KK: kecamatan, issue date ddmmyy, serial. */
export const buildKk = (kecamatanDigits: string, issued: number, serial: number): string =>
  `${kecamatanDigits}${dateDigits(issued, false)}${pad(serial, 4)}`;

/**
 * The structural checks that need no Dukcapil access (DOMAIN.md): 16 digits,
 * known kecamatan prefix, day 01–31 or 41–71, month 01–12, serial not 0000.
 */
export const isStructurallyValidNik = (nik: string, knownDistricts?: ReadonlySet<string>): boolean => {
  if (!/^\d{16}$/.test(nik)) return false;
  if (knownDistricts && !knownDistricts.has(nik.slice(0, 6))) return false;
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  return dayOk && month >= 1 && month <= 12 && nik.slice(12) !== '0000';
};

/** The ways a NIK is mistyped in real registries; each breaks one structural rule. */
export const NIK_FLAWS = ['day00', 'day35', 'month13', 'serial0000', 'digits15'] as const;
export type NikFlaw = (typeof NIK_FLAWS)[number];

export const applyFlaw = (nik: string, flaw: NikFlaw): string => {
  switch (flaw) {
    case 'day00':
      return `${nik.slice(0, 6)}00${nik.slice(8)}`;
    case 'day35':
      return `${nik.slice(0, 6)}35${nik.slice(8)}`;
    case 'month13':
      return `${nik.slice(0, 8)}13${nik.slice(10)}`;
    case 'serial0000':
      return `${nik.slice(0, 12)}0000`;
    case 'digits15':
      return nik.slice(0, 15);
  }
};

/** What Excel shows for a 16-digit number in a General cell: `3.51701E+15`. The lost digits cannot be recovered. */
export const excelForm = (nik: string): string => {
  const mantissa = (Number(nik.slice(0, 7)) / 1e6).toFixed(5); // six significant digits
  return `${mantissa.replace(/0+$/, '').replace(/\.$/, '')}E+15`;
};

/** Serial ranges keep the three kinds of NIK from ever colliding. */
const MIGRANT_BASE = 5000; //  people first registered in another sample kecamatan
const MIGRANT_SLOTS = 60; //    per processing kecamatan; 75 × 60 stays below 9500
const EXTRA_BASE = 9500; //    NIKs outside the registry (ghost recipients, PPKS outreach)

export class SerialAllocator {
  private native = new Map<number, number>();
  private migrant = new Map<string, number>();
  private readonly extra = new Map<string, number>();
  private currentKecamatan = '';
  private currentIndex = 0;

  /** Counters of the previous kecamatan are dropped: its NIKs can no longer be issued. */
  enterKecamatan(digits: string, index: number): void {
    if (digits === this.currentKecamatan) return;
    this.currentKecamatan = digits;
    this.currentIndex = index;
    this.native = new Map();
    this.migrant = new Map();
  }

  /** A serial for someone first registered in the kecamatan being generated. */
  nativeSerial(birth: number, female: boolean): number {
    const key = birth * 2 + (female ? 1 : 0);
    const next = (this.native.get(key) ?? 0) + 1;
    if (next >= MIGRANT_BASE) throw new Error('NIK serial range exhausted; lower --scale');
    this.native.set(key, next);
    return next;
  }

  /** A serial in `origin`'s NIK space for someone now living here; undefined when the slot range is full. */
  migrantSerial(origin: string, birth: number, female: boolean): number | undefined {
    const key = `${origin}${birth}${female ? 'P' : 'L'}`;
    const used = this.migrant.get(key) ?? 0;
    if (used + 1 >= MIGRANT_SLOTS) return undefined;
    this.migrant.set(key, used + 1);
    return MIGRANT_BASE + this.currentIndex * MIGRANT_SLOTS + used + 1;
  }

  /** A serial for a NIK that must not match anyone in the registry. */
  extraSerial(origin: string, birth: number, female: boolean): number | undefined {
    const key = `${origin}${birth}${female ? 'P' : 'L'}`;
    const used = this.extra.get(key) ?? 0;
    if (EXTRA_BASE + used + 1 > 9999) return undefined;
    this.extra.set(key, used + 1);
    return EXTRA_BASE + used + 1;
  }
}

/** KK serials per (kecamatan, issue date); ghost KKs use 9000 and above. */
export class KkAllocator {
  private counters = new Map<number, number>();
  private readonly ghost = new Map<string, number>();
  private current = '';

  enterKecamatan(digits: string): void {
    if (digits === this.current) return;
    this.current = digits;
    this.counters = new Map();
  }

  next(kecamatanDigits: string, issued: number): string {
    const serial = (this.counters.get(issued) ?? 0) + 1;
    if (serial >= 9000) return this.next(kecamatanDigits, issued + 1);
    this.counters.set(issued, serial);
    return buildKk(kecamatanDigits, issued, serial);
  }

  nextGhost(kecamatanDigits: string, issued: number): string {
    const key = `${kecamatanDigits}${issued}`;
    const serial = 9000 + (this.ghost.get(key) ?? 0) + 1;
    if (serial > 9999) return this.nextGhost(kecamatanDigits, issued + 1);
    this.ghost.set(key, serial - 9000);
    return buildKk(kecamatanDigits, issued, serial);
  }
}
