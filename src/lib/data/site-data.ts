/**
 * What the pages read from the latest release, at site build time. Every
 * number is a published column, read as published (value + `_disamarkan`
 * flag); nothing here recomputes a metric. The one exception is stated where
 * it happens: the release has no all-regions row, so Beranda adds the
 * provinces' published counts (a sum is suppressed when any part is, except
 * the paid-after-death count, shown as "at least" the published parts), and
 * a share across provinces is the column's own formula over those sums.
 *
 * `loadSiteData()` returns null when no release has been published: pages
 * then render the honest "no data yet" state.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { publicDataDir } from '../../../scripts/paths.ts';
import type { Published } from '../format.ts';
import { readLatestRelease, type ReleaseManifest } from '../release.ts';
import { openReleaseQuery, type Query, type Row } from './db.ts';
import { latestCompleteQuarter, latestFullYear } from './periods.ts';

export type Level = 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';
export const LEVELS: Level[] = ['provinsi', 'kabupaten', 'kecamatan', 'desa'];

export interface Region {
  kode: string;
  nama: string;
  tingkat: Level;
  induk: string | null;
}

export interface Program {
  kode: string;
  nama: { id: string; en: string };
  manfaat: { id: string; en: string };
  desilMin: number;
  desilMax: number;
  /** The quarter shown by default for this program (periods.ts). */
  periode: string | null;
}

export interface Category {
  kode: string;
  nama: { id: string; en: string };
  tenggatSelesai: number | null;
}

/** A row of a published table, read with `cell(row, column)`. */
export type { Row };

/** A published value and its suppression flag. */
export function cell(row: Row | undefined, column: string): Published {
  if (!row) return { value: null, suppressed: false };
  const value = row[column];
  return { value: typeof value === 'number' ? value : null, suppressed: row[`${column}_disamarkan`] === true };
}

export const text = (row: Row, column: string): string => String(row[column] ?? '');

const ALL = 'SEMUA';
const isRegionCode = (kode: string) => /^\d{2}(\d{2}(\d{2}(\d{4})?)?)?$/.test(kode);

export interface HeadlineProgram {
  program: Program;
  penerima: Published;
  nilaiDibayar: Published;
  diLuarDesil: Published;
  galatInklusi: Published;
  dibayarSetelahMeninggal: Published;
}

export interface Headline {
  keluargaAktif: Published;
  programs: HeadlineProgram[];
  dibayarSetelahMeninggal: Published;
  complaintYear: number | null;
  selesaiDalamTenggat: Published;
  /** Kaplan–Meier median per province: it cannot be combined across provinces. */
  medianSelesai: { region: Region; median: Published; teramatiMaks: Published }[];
}

export interface SiteData {
  release: ReleaseManifest;
  regions: Region[];
  region(kode: string): Region | undefined;
  children(kode: string | null): Region[];
  /** The region and its parents, province first. */
  ancestors(kode: string): Region[];
  programs: Program[];
  categories: Category[];
  complaintYear: number | null;
  /** The release's query seam, for page modules with their own typed queries (e.g. `targeting.ts`). */
  query: Query;
  headline(): Promise<Headline>;
  desilFor(kode: string): Promise<Row[]>;
  vervalFor(kode: string): Promise<Row | undefined>;
  programsFor(kode: string): Promise<{ program: Program; row: Row | undefined }[]>;
  complaintsFor(kode: string): Promise<{ waktu: Row[]; tunggakan: Row[] }>;
  subAreasFor(kode: string): Promise<SubArea[]>;
}

export interface SubArea {
  region: Region;
  keluargaAktif: Published;
  persenDiverval: Published;
  /** The first program (PKH when present) at its default quarter. */
  penerima: Published;
  galatInklusi: Published;
  pengaduan: Published;
}

export const sumOfParts = (rows: Row[], column: string): Published => {
  if (rows.length === 0) return { value: null, suppressed: false };
  const cells = rows.map((row) => cell(row, column));
  if (cells.some((c) => c.suppressed)) return { value: null, suppressed: true };
  if (cells.every((c) => c.value === null)) return { value: null, suppressed: false };
  return { value: cells.reduce((total, c) => total + (c.value ?? 0), 0), suppressed: false };
};

/**
 * A sum whose suppressed parts are left out, marked as a lower bound ("at
 * least"): it reveals nothing a reader cannot add up from the published
 * parts. Suppressed only when every part is.
 */
export const sumAtLeast = (rows: Row[], column: string): Published => {
  const cells = rows.map((row) => cell(row, column));
  const published = cells.filter((c) => !c.suppressed);
  if (cells.length > 0 && published.length === 0) return { value: null, suppressed: true };
  const exact = sumOfParts(rows, column);
  if (!exact.suppressed) return exact;
  return { value: published.reduce((total, c) => total + (c.value ?? 0), 0), suppressed: false, atLeast: true };
};

/** `numerator / basis × 100`, rounded to 0.1 as the build rounds; one row → the published column itself. */
export const shareOfParts = (rows: Row[], column: string, numerator: string, basis: string): Published => {
  if (rows.length === 1) return cell(rows[0], column);
  const top = sumOfParts(rows, numerator);
  const bottom = sumOfParts(rows, basis);
  if (top.suppressed || bottom.suppressed) return { value: null, suppressed: true };
  if (top.value === null || !bottom.value) return { value: null, suppressed: false };
  return { value: Math.round((1000 * top.value) / bottom.value) / 10, suppressed: false };
};

export async function createSiteData(query: Query, release: ReleaseManifest): Promise<SiteData> {
  const regions: Region[] = (await query('SELECT tingkat, kode_wilayah, nama, kode_induk FROM r.wilayah ORDER BY kode_wilayah')).map((row) => ({
    kode: text(row, 'kode_wilayah'),
    nama: text(row, 'nama'),
    tingkat: text(row, 'tingkat') as Level,
    induk: row.kode_induk === null ? null : text(row, 'kode_induk'),
  }));
  const byCode = new Map(regions.map((r) => [r.kode, r]));
  const childrenOf = new Map<string | null, Region[]>();
  for (const region of regions) {
    const list = childrenOf.get(region.induk) ?? [];
    list.push(region);
    childrenOf.set(region.induk, list);
  }
  for (const list of childrenOf.values()) list.sort((a, b) => a.nama.localeCompare(b.nama, 'id'));

  const periodRows = await query(
    "SELECT DISTINCT kode_program, periode FROM r.sasaran_program WHERE tingkat = 'provinsi' AND periode LIKE '____-Q_'",
  );
  const programs: Program[] = (await query('SELECT * FROM r.program ORDER BY kode')).map((row) => {
    const kode = text(row, 'kode');
    const periods = periodRows.filter((p) => p.kode_program === kode).map((p) => text(p, 'periode'));
    return {
      kode,
      nama: { id: text(row, 'nama_id'), en: text(row, 'nama_en') },
      manfaat: { id: text(row, 'manfaat_id'), en: text(row, 'manfaat_en') },
      desilMin: Number(row.desil_min),
      desilMax: Number(row.desil_max),
      periode: latestCompleteQuarter(periods, release.dataDate),
    };
  });
  // The flagship program first (PKH), then by code.
  programs.sort((a, b) => Number(b.kode === 'PKH') - Number(a.kode === 'PKH') || a.kode.localeCompare(b.kode));
  const shown = programs.filter((p) => p.periode !== null);
  const programFilter = shown.length
    ? `(${shown.map((p) => `(kode_program = '${p.kode.replaceAll("'", "''")}' AND periode = '${p.periode}')`).join(' OR ')})`
    : 'false';

  const categories: Category[] = (await query('SELECT * FROM r.kategori_pengaduan WHERE NOT sensitif ORDER BY kode')).map((row) => ({
    kode: text(row, 'kode'),
    nama: { id: text(row, 'nama_id'), en: text(row, 'nama_en') },
    tenggatSelesai: typeof row.tenggat_selesai_hari_kerja === 'number' ? row.tenggat_selesai_hari_kerja : null,
  }));
  const years = (await query('SELECT DISTINCT tahun::INTEGER AS tahun FROM r.pengaduan_waktu')).map((row) => Number(row.tahun));
  const complaintYear = latestFullYear(years, release.dataDate, release.period.start);

  const checked = (kode: string) => {
    if (!isRegionCode(kode)) throw new Error(`not a region code: ${kode}`);
    return kode;
  };

  const programRows = (where: string, params: string[]) =>
    query(`SELECT * FROM r.sasaran_program WHERE ${programFilter} AND ${where}`, params);

  // Each region page is rendered once per language: read its rows once.
  const memo = <T>(read: (kode: string) => Promise<T>): ((kode: string) => Promise<T>) => {
    const cache = new Map<string, Promise<T>>();
    return (kode) => {
      let result = cache.get(kode);
      if (!result) {
        result = read(kode);
        cache.set(kode, result);
      }
      return result;
    };
  };

  const site: SiteData = {
    release,
    regions,
    region: (kode) => byCode.get(kode),
    children: (kode) => childrenOf.get(kode) ?? [],
    ancestors(kode) {
      const chain: Region[] = [];
      for (let r = byCode.get(kode); r; r = r.induk ? byCode.get(r.induk) : undefined) chain.unshift(r);
      return chain;
    },
    programs,
    categories,
    complaintYear,
    query,

    async headline() {
      const families = await query("SELECT * FROM r.keluarga_desil WHERE tingkat = 'provinsi' AND desil = $1", [ALL]);
      const targeting = await programRows("tingkat = 'provinsi'", []);
      const perProgram = shown.map((program) => {
        const rows = targeting.filter((row) => row.kode_program === program.kode);
        return {
          program,
          penerima: sumOfParts(rows, 'penerima'),
          nilaiDibayar: sumOfParts(rows, 'nilai_dibayar'),
          diLuarDesil: sumOfParts(rows, 'penerima_di_luar_desil'),
          galatInklusi: shareOfParts(rows, 'galat_inklusi', 'penerima_di_luar_desil', 'penerima'),
          dibayarSetelahMeninggal: sumAtLeast(rows, 'dibayar_setelah_meninggal'),
        };
      });
      const waktu =
        complaintYear === null
          ? []
          : await query("SELECT * FROM r.pengaduan_waktu WHERE tingkat = 'provinsi' AND kategori = $1 AND tahun = $2 ORDER BY kode_wilayah", [ALL, complaintYear]);
      return {
        keluargaAktif: sumOfParts(families, 'keluarga'),
        programs: perProgram,
        dibayarSetelahMeninggal: sumAtLeast(targeting, 'dibayar_setelah_meninggal'),
        complaintYear,
        selesaiDalamTenggat: shareOfParts(waktu, 'persen_selesai_dalam_tenggat', 'selesai_dalam_tenggat', 'selesai_basis_tenggat'),
        medianSelesai: waktu.flatMap((row) => {
          const region = byCode.get(text(row, 'kode_wilayah'));
          return region ? [{ region, median: cell(row, 'selesai_median_hari_kerja'), teramatiMaks: cell(row, 'selesai_teramati_maks') }] : [];
        }),
      };
    },

    async desilFor(kode) {
      return query('SELECT * FROM r.keluarga_desil WHERE kode_wilayah = $1 ORDER BY desil = $2, try_cast(desil AS INTEGER)', [checked(kode), ALL]);
    },

    async vervalFor(kode) {
      return (await query('SELECT * FROM r.verval_kemutakhiran WHERE kode_wilayah = $1', [checked(kode)]))[0];
    },

    async programsFor(kode) {
      const rows = await programRows('kode_wilayah = $1', [checked(kode)]);
      return shown.map((program) => ({ program, row: rows.find((row) => row.kode_program === program.kode) }));
    },

    async complaintsFor(kode) {
      const waktu =
        complaintYear === null
          ? []
          : await query('SELECT * FROM r.pengaduan_waktu WHERE kode_wilayah = $1 AND tahun = $2 ORDER BY kategori <> $3, kategori', [checked(kode), complaintYear, ALL]);
      const tunggakan = await query('SELECT * FROM r.pengaduan_tunggakan WHERE kode_wilayah = $1 ORDER BY kategori <> $2, kategori', [checked(kode), ALL]);
      return { waktu, tunggakan };
    },

    async subAreasFor(kode) {
      const subs = childrenOf.get(checked(kode)) ?? [];
      if (subs.length === 0) return [];
      const level = subs[0]!.tingkat;
      const prefix = `${kode}%`;
      const families = await query('SELECT * FROM r.keluarga_desil WHERE tingkat = $1 AND kode_wilayah LIKE $2 AND desil = $3', [level, prefix, ALL]);
      const verval = await query('SELECT * FROM r.verval_kemutakhiran WHERE tingkat = $1 AND kode_wilayah LIKE $2', [level, prefix]);
      const first = shown[0];
      const targeting = first
        ? await query('SELECT * FROM r.sasaran_program WHERE tingkat = $1 AND kode_wilayah LIKE $2 AND kode_program = $3 AND periode = $4', [
            level,
            prefix,
            first.kode,
            first.periode ?? '',
          ])
        : [];
      const complaints =
        complaintYear === null
          ? []
          : await query('SELECT * FROM r.pengaduan_waktu WHERE tingkat = $1 AND kode_wilayah LIKE $2 AND kategori = $3 AND tahun = $4', [level, prefix, ALL, complaintYear]);
      const find = (rows: Row[], region: Region) => rows.find((row) => row.kode_wilayah === region.kode);
      return subs.map((region) => ({
        region,
        keluargaAktif: cell(find(families, region), 'keluarga'),
        persenDiverval: cell(find(verval, region), 'persen_diverval_2_tahun'),
        penerima: cell(find(targeting, region), 'penerima'),
        galatInklusi: cell(find(targeting, region), 'galat_inklusi'),
        pengaduan: cell(find(complaints, region), 'kasus'),
      }));
    },
  };
  site.desilFor = memo(site.desilFor);
  site.vervalFor = memo(site.vervalFor);
  site.programsFor = memo(site.programsFor);
  site.complaintsFor = memo(site.complaintsFor);
  site.subAreasFor = memo(site.subAreasFor);
  return site;
}

let cached: Promise<SiteData | null> | undefined;

/** The latest release's data for this site build (read once), or null when nothing is published yet. */
export function loadSiteData(dataDir: string = publicDataDir()): Promise<SiteData | null> {
  return (cached ??= (async () => {
    const release = readLatestRelease(dataDir);
    // A pointer whose release folder is absent has nothing to read: pages show the release status only.
    if (!release || !existsSync(path.join(dataDir, release.release))) return null;
    const { query } = openReleaseQuery(dataDir, release);
    return createSiteData(query, release);
  })());
}
