/**
 * Region names as BPS writes them → Kemendagri codes, by name only (BPS
 * statistical codes differ from Kemendagri codes: never join on digits).
 *
 * A name is normalised (case, spacing, punctuation, `Kab.`/`Kabupaten`,
 * `Kep.`/`Kepulauan`, `Adm.`/`Administrasi`, `DKI`, `D.I.`, `dan`, words run
 * together or apart: `Tanjungpinang` = `Tanjung Pinang`), split into its kind
 * (kabupaten, kota or none) and a compact key, then looked up within the
 * province context. One candidate → matched. Several → ambiguous. None →
 * unknown. Ambiguous and unknown names carry their closest candidates and
 * are never guessed; `overrides.csv` settles them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { idnAreaDataDir } from '../build/regions.ts';
import { parseCsvText } from './csv.ts';

export interface RegionRef {
  /** Kemendagri code without dots: 2 digits (province) or 4 (kabupaten/kota). */
  code: string;
  name: string;
  tingkat: 'provinsi' | 'kabupaten';
  provinceCode: string;
  kind: 'kabupaten' | 'kota' | null;
  key: string;
}

export interface NameParts {
  kind: 'kabupaten' | 'kota' | 'provinsi' | null;
  key: string;
  /** The whole name, compact, prefix included (`kotabaru`): for candidates and overrides. */
  full: string;
}

const EXPAND: Record<string, string[]> = {
  kab: ['kabupaten'],
  kep: ['kepulauan'],
  kepl: ['kepulauan'],
  prov: ['provinsi'],
  propinsi: ['provinsi'],
  dki: ['daerah', 'khusus', 'ibukota'],
  diy: ['daerah', 'istimewa', 'yogyakarta'],
  adm: [],
  administrasi: [],
  dan: [],
  regency: ['kabupaten'],
  city: ['kota'],
  municipality: ['kota'],
};

/** Splits a name into its kind and compact key (see the module comment). */
export const nameParts = (name: string): NameParts => {
  const text = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^d\s*\.\s*i\s*\.?\s+/, 'daerah istimewa ')
    .replace(/^di\s+(?=yogya)/, 'daerah istimewa ')
    .replace(/[.,'’`()/\\_-]/g, ' ');
  const tokens = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((t) => EXPAND[t] ?? [t]);
  const full = tokens.join('');
  const first = tokens[0];
  if ((first === 'kabupaten' || first === 'kota' || first === 'provinsi') && tokens.length > 1) {
    return { kind: first, key: tokens.slice(1).join(''), full };
  }
  // English exports put the kind last: "Malang Regency", "Malang City".
  const last = tokens[tokens.length - 1];
  if ((last === 'kabupaten' || last === 'kota') && tokens.length > 1 && /regency|city|municipality/.test(text)) {
    return { kind: last, key: tokens.slice(0, -1).join(''), full };
  }
  return { kind: null, key: full, full };
};

/** Strips what BPS adds around a name: a leading 4-digit BPS code, footnote marks, extra spaces. */
export const cleanName = (raw: string): string =>
  raw
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .trim()
    .replace(/^\[?\d{4}\]?\s+/, '')
    .replace(/(\s*(\*+\)?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\)?|\(\d\)))+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A province row is written in upper case (or starts with "Provinsi"). */
export const looksLikeProvince = (name: string): boolean => /\p{L}/u.test(name) && (name === name.toUpperCase() || /^prov(insi)?\b|^propinsi\b/i.test(name));

export const editDistance = (a: string, b: string): number => {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
};

export interface Candidate {
  code: string;
  name: string;
  province: string;
  distance: number;
}

export type MatchResult =
  | { status: 'matched'; region: RegionRef; method: 'nama' | 'nama+provinsi' | 'override' }
  | { status: 'ambiguous'; candidates: Candidate[] }
  | { status: 'unknown'; candidates: Candidate[] };

export interface Override {
  name: string;
  /** Province code the override is limited to, or null for everywhere. */
  provinceCode: string | null;
  code: string;
}

export class RegionIndex {
  readonly provinces: RegionRef[];
  readonly regencies: RegionRef[];
  readonly byCode: Map<string, RegionRef>;
  private overrides = new Map<string, Override>();

  constructor(provinces: RegionRef[], regencies: RegionRef[]) {
    this.provinces = provinces;
    this.regencies = regencies;
    this.byCode = new Map([...provinces, ...regencies].map((r) => [r.code, r]));
  }

  /** Reads idn-area-data's CSV files (its JS entry needs Node 22, its data does not). */
  static load(dir = idnAreaDataDir()): RegionIndex {
    const read = (file: string) => parseCsvText(readFileSync(join(dir, file), 'utf8'), ',').slice(1);
    const provinces = read('provinces.csv').map(([code = '', name = '']) => ({
      code,
      name,
      tingkat: 'provinsi' as const,
      provinceCode: code,
      kind: null,
      key: nameParts(name).full,
    }));
    const regencies = read('regencies.csv').map(([code = '', province = '', name = '']) => {
      const parts = nameParts(name);
      return { code: code.replace('.', ''), name, tingkat: 'kabupaten' as const, provinceCode: province, kind: parts.kind === 'kota' ? ('kota' as const) : ('kabupaten' as const), key: parts.key };
    });
    return new RegionIndex(provinces, regencies);
  }

  provinceName = (code: string): string => this.byCode.get(code.slice(0, 2))?.name ?? '';

  setOverrides(list: Override[]): void {
    this.overrides = new Map(list.map((o) => [`${nameParts(o.name).full}|${o.provinceCode ?? ''}`, o]));
  }

  private override(name: string, provinceCode: string | null): RegionRef | undefined {
    const full = nameParts(name).full;
    const hit = (provinceCode ? this.overrides.get(`${full}|${provinceCode}`) : undefined) ?? this.overrides.get(`${full}|`);
    return hit ? this.byCode.get(hit.code) : undefined;
  }

  private candidates(parts: NameParts, pool: RegionRef[], limit = 3): Candidate[] {
    const scored = pool.map((r) => ({ r, distance: Math.min(editDistance(parts.key, r.key), editDistance(parts.full, r.key)) }));
    const threshold = Math.max(2, Math.ceil(parts.key.length / 3));
    return scored
      .filter((s) => s.distance <= threshold)
      .sort((a, b) => a.distance - b.distance || a.r.code.localeCompare(b.r.code))
      .slice(0, limit)
      .map(({ r, distance }) => ({ code: r.code, name: r.name, province: this.provinceName(r.code), distance }));
  }

  private asCandidates = (list: RegionRef[]): Candidate[] =>
    list.map((r) => ({ code: r.code, name: r.name, province: this.provinceName(r.code), distance: 0 }));

  /** A province row's name (upper case or "Provinsi …"); null when it names no province. */
  matchProvince(name: string): RegionRef | null {
    const overridden = this.override(name, null);
    if (overridden?.tingkat === 'provinsi') return overridden;
    const parts = nameParts(name);
    const key = parts.kind === 'provinsi' ? parts.key : parts.full;
    return this.provinces.find((p) => p.key === key) ?? null;
  }

  /** A kabupaten/kota name, within the province context when known. */
  matchRegency(name: string, provinceCode: string | null): MatchResult {
    const overridden = this.override(name, provinceCode);
    if (overridden) return { status: 'matched', region: overridden, method: 'override' };
    const parts = nameParts(name);
    const pool = provinceCode ? this.regencies.filter((r) => r.provinceCode === provinceCode) : this.regencies;
    const found = pool.filter((r) => r.key === parts.key && (parts.kind === null || parts.kind === r.kind));
    if (found.length === 1) return { status: 'matched', region: found[0]!, method: provinceCode ? 'nama+provinsi' : 'nama' };
    if (found.length > 1) return { status: 'ambiguous', candidates: this.asCandidates(found) };
    // Unknown here: suggest the closest names in the province, then anywhere (a name in the wrong province shows up).
    const near = this.candidates(parts, pool);
    const elsewhere = provinceCode ? this.candidates(parts, this.regencies).filter((c) => !near.some((n) => n.code === c.code)) : [];
    return { status: 'unknown', candidates: [...near, ...elsewhere].slice(0, 5) };
  }
}
