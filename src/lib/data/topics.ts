/**
 * What the topic pages (Kemiskinan, Pengaduan, Metodologi) read from the
 * latest release at site build time. Every number is a published column with
 * its `_disamarkan` flag; nothing recomputes a metric.
 *
 * The release has no all-regions row, so "all regions" figures add the
 * provinces' published counts, as Beranda does (`site-data.ts`): a count sums
 * the published parts and reads "at least" when some are suppressed
 * (`sumAtLeast`); a share across provinces is the column's own formula over
 * those sums, suppressed when any part is (`shareOfParts`). Medians and
 * Kaplan–Meier curves cannot be added: they are shown per province.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { publicDataDir } from '../../../scripts/paths.ts';
import { COMPLAINT_CHANNELS, REFERRAL_AGENCIES } from '../codes.ts';
import type { Published } from '../format.ts';
import { cell, shareOfParts, sumAtLeast, text, type Region, type Row, type SiteData } from './site-data.ts';

const ALL = 'SEMUA';
type Label = { id: string; en: string };

const byNumber = (a: string, b: string) => Number(a) - Number(b) || a.localeCompare(b);
const rowsWhere = (rows: Row[], column: string, value: string | number) => rows.filter((row) => row[column] === value);

/** Provinces, each followed by its kabupaten/kota, in the site's name order. */
function provincesAndKabupaten(data: SiteData): { region: Region; depth: 0 | 1 }[] {
  return data.children(null).flatMap((province) => [
    { region: province, depth: 0 as const },
    ...data.children(province.kode).map((region) => ({ region, depth: 1 as const })),
  ]);
}

// ------------------------------------------------------------------ poverty

export interface DesilRow {
  desil: string;
  keluarga: Published;
  jiwa: Published;
}

export interface PpksRow {
  kode: string;
  nama: Label;
  orang: Published;
  tanpaNik: Published;
  nikTerbit: Published;
}

export interface PovertyRegionRow {
  region: Region;
  depth: 0 | 1;
  keluarga: Published;
  jiwa: Published;
  keluargaDesil1: Published;
  ppks: Published;
  ppksSensitif: Published;
}

export interface PovertyTopic {
  /** Desil 1…10, then `SEMUA`. */
  desil: DesilRow[];
  /** Non-sensitive categories in number order, then `SEMUA`. */
  ppks: PpksRow[];
  regions: PovertyRegionRow[];
}

export async function povertyTopic(data: SiteData): Promise<PovertyTopic> {
  const { query } = data;
  const desilRows = await query("SELECT * FROM r.keluarga_desil WHERE tingkat = 'provinsi'");
  const desilCodes = [...new Set(desilRows.map((row) => text(row, 'desil')))].filter((d) => d !== ALL).sort(byNumber);
  const desil = [...desilCodes, ALL].map((d) => {
    const rows = rowsWhere(desilRows, 'desil', d);
    return { desil: d, keluarga: sumAtLeast(rows, 'keluarga'), jiwa: sumAtLeast(rows, 'jiwa') };
  });

  const ppksRows = await query("SELECT * FROM r.ppks_kategori WHERE tingkat = 'provinsi'");
  const categories = (await query('SELECT kode, nama_id, nama_en FROM r.kategori_ppks WHERE NOT sensitif')).sort((a, b) => byNumber(text(a, 'kode'), text(b, 'kode')));
  const ppksRow = (kode: string, nama: Label): PpksRow => {
    const rows = rowsWhere(ppksRows, 'kategori', kode);
    return { kode, nama, orang: sumAtLeast(rows, 'orang'), tanpaNik: sumAtLeast(rows, 'tanpa_nik'), nikTerbit: sumAtLeast(rows, 'nik_terbit') };
  };
  const ppks = [
    ...categories.map((row) => ppksRow(text(row, 'kode'), { id: text(row, 'nama_id'), en: text(row, 'nama_en') })),
    ppksRow(ALL, { id: ALL, en: ALL }),
  ];

  const levels = "tingkat IN ('provinsi', 'kabupaten')";
  const families = await query(`SELECT * FROM r.keluarga_desil WHERE ${levels} AND desil IN ('1', $1)`, [ALL]);
  const ppksTotals = await query(`SELECT * FROM r.ppks_kategori WHERE ${levels} AND kategori = $1`, [ALL]);
  const sensitive = await query(`SELECT * FROM r.ppks_sensitif WHERE ${levels} AND kategori = $1`, [ALL]);
  const find = (rows: Row[], kode: string, extra?: [string, string]) =>
    rows.find((row) => row.kode_wilayah === kode && (!extra || row[extra[0]] === extra[1]));
  const regions = provincesAndKabupaten(data).map(({ region, depth }) => ({
    region,
    depth,
    keluarga: cell(find(families, region.kode, ['desil', ALL]), 'keluarga'),
    jiwa: cell(find(families, region.kode, ['desil', ALL]), 'jiwa'),
    keluargaDesil1: cell(find(families, region.kode, ['desil', '1']), 'keluarga'),
    ppks: cell(find(ppksTotals, region.kode), 'orang'),
    ppksSensitif: cell(find(sensitive, region.kode), 'orang'),
  }));
  return { desil, ppks, regions };
}

/**
 * One region's PPKS: every non-sensitive category (absent ones as empty
 * cells), then `SEMUA`; and, for a kabupaten/kota or province, the total of
 * the sensitive categories from `ppks_sensitif` (null below that level,
 * where it is never published).
 */
export async function ppksFor(data: SiteData, region: Region): Promise<{ rows: PpksRow[]; sensitive: PpksRow | null }> {
  const rowsOf = await data.query('SELECT * FROM r.ppks_kategori WHERE kode_wilayah = $1', [region.kode]);
  const categories = (await data.query('SELECT kode, nama_id, nama_en FROM r.kategori_ppks WHERE NOT sensitif')).sort((a, b) => byNumber(text(a, 'kode'), text(b, 'kode')));
  const toRow = (row: Row | undefined, kode: string, nama: Label): PpksRow => ({
    kode,
    nama,
    orang: cell(row, 'orang'),
    tanpaNik: cell(row, 'tanpa_nik'),
    nikTerbit: cell(row, 'nik_terbit'),
  });
  const find = (kode: string) => rowsOf.find((row) => row.kategori === kode);
  const rows = [
    ...categories.map((c) => toRow(find(text(c, 'kode')), text(c, 'kode'), { id: text(c, 'nama_id'), en: text(c, 'nama_en') })),
    toRow(find(ALL), ALL, { id: ALL, en: ALL }),
  ];
  if (region.tingkat !== 'kabupaten' && region.tingkat !== 'provinsi') return { rows, sensitive: null };
  const [sensitive] = await data.query('SELECT * FROM r.ppks_sensitif WHERE kode_wilayah = $1 AND kategori = $2', [region.kode, ALL]);
  return { rows, sensitive: toRow(sensitive, 'SENSITIF', { id: 'SENSITIF', en: 'SENSITIVE' }) };
}

// ------------------------------------------------------------------ complaints

export interface ComplaintCategoryRow {
  kode: string;
  nama: Label;
  tenggatRespons: number | null;
  tenggatSelesai: number | null;
  kasus: Published;
  persenResponsDalamTenggat: Published;
  persenSelesaiDalamTenggat: Published;
}

export interface ChannelRow {
  kode: string;
  nama: Label;
  diterima: Published;
}

export interface BacklogBucket {
  column: 'umur_0_5' | 'umur_6_14' | 'umur_15_60' | 'umur_lebih_60';
  value: Published;
}

export interface FlowRow {
  alur: string;
  steps: string[];
  kasus: Published;
  selesai: Published;
}

export interface KmCurve {
  region: Region;
  kasus: Published;
  points: { t: number; value: number | null }[];
}

export interface ComplaintRegionRow {
  region: Region;
  depth: 0 | 1;
  kasus: Published;
  persenSelesaiDalamTenggat: Published;
  median: Published;
  teramatiMaks: Published;
  persenDirujuk: Published;
  persenDibukaKembali: Published;
}

export interface ComplaintsTopic {
  year: number;
  total: { kasus: Published; persenSelesaiDalamTenggat: Published; persenDirujuk: Published; persenDibukaKembali: Published };
  categories: ComplaintCategoryRow[];
  channels: ChannelRow[];
  channelTotal: Published;
  backlog: { terbuka: Published; lewatTenggat: Published; buckets: BacklogBucket[] };
  flows: FlowRow[];
  /** Complaints not referred anywhere (every path `channel > - > -`). */
  handledLocally: Published;
  /** Time to resolution, per province. */
  km: KmCurve[];
  /** Time to first response, per province (empty for a release built before `pengaduan_km_respons` existed). */
  kmRespons: KmCurve[];
  regions: ComplaintRegionRow[];
  /** The resolution deadline (working days) most categories share: the reference line of the resolution curve. */
  commonDeadline: number | null;
  /** The first-response deadline most categories share: the reference line of the response curve. */
  commonResponseDeadline: number | null;
}

const label = (list: readonly { code: string; label: Label }[], code: string): Label =>
  list.find((c) => c.code === code)?.label ?? { id: code, en: code };

export const channelLabel = (code: string): Label => label(COMPLAINT_CHANNELS, code);
export const agencyLabel = (code: string): Label => label(REFERRAL_AGENCIES, code);

/** The complaints page for the default year (the latest full year), or null when the release has none. */
export async function complaintsTopic(data: SiteData): Promise<ComplaintsTopic | null> {
  const year = data.complaintYear;
  if (year === null) return null;
  const { query } = data;

  const deadlines = await query('SELECT * FROM r.kategori_pengaduan WHERE NOT sensitif ORDER BY kode');
  const waktu = await query("SELECT * FROM r.pengaduan_waktu WHERE tingkat = 'provinsi' AND tahun = $1", [year]);
  const categoryRow = (kode: string, nama: Label, deadline?: Row): ComplaintCategoryRow => {
    const rows = rowsWhere(waktu, 'kategori', kode);
    return {
      kode,
      nama,
      tenggatRespons: typeof deadline?.tenggat_respons_hari_kerja === 'number' ? deadline.tenggat_respons_hari_kerja : null,
      tenggatSelesai: typeof deadline?.tenggat_selesai_hari_kerja === 'number' ? deadline.tenggat_selesai_hari_kerja : null,
      kasus: sumAtLeast(rows, 'kasus'),
      persenResponsDalamTenggat: shareOfParts(rows, 'persen_respons_dalam_tenggat', 'respons_dalam_tenggat', 'respons_basis_tenggat'),
      persenSelesaiDalamTenggat: shareOfParts(rows, 'persen_selesai_dalam_tenggat', 'selesai_dalam_tenggat', 'selesai_basis_tenggat'),
    };
  };
  const categories = deadlines.map((row) => categoryRow(text(row, 'kode'), { id: text(row, 'nama_id'), en: text(row, 'nama_en') }, row));
  const all = rowsWhere(waktu, 'kategori', ALL);
  const total = {
    kasus: sumAtLeast(all, 'kasus'),
    persenSelesaiDalamTenggat: shareOfParts(all, 'persen_selesai_dalam_tenggat', 'selesai_dalam_tenggat', 'selesai_basis_tenggat'),
    persenDirujuk: shareOfParts(all, 'persen_dirujuk', 'dirujuk', 'kasus'),
    persenDibukaKembali: shareOfParts(all, 'persen_dibuka_kembali', 'dibuka_kembali', 'selesai'),
  };

  const saluran = await query("SELECT * FROM r.pengaduan_saluran WHERE tingkat = 'provinsi' AND year(bulan) = $1", [year]);
  const channelCodes = [...new Set(saluran.map((row) => text(row, 'saluran')))].filter((c) => c !== ALL);
  const order = COMPLAINT_CHANNELS.map((c) => c.code as string);
  channelCodes.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const channels = channelCodes.map((kode) => ({ kode, nama: channelLabel(kode), diterima: sumAtLeast(rowsWhere(saluran, 'saluran', kode), 'diterima') }));
  const channelTotal = sumAtLeast(rowsWhere(saluran, 'saluran', ALL), 'diterima');

  const tunggakan = await query("SELECT * FROM r.pengaduan_tunggakan WHERE tingkat = 'provinsi' AND kategori = $1", [ALL]);
  const backlog = {
    terbuka: sumAtLeast(tunggakan, 'terbuka'),
    lewatTenggat: sumAtLeast(tunggakan, 'lewat_tenggat_selesai'),
    buckets: (['umur_0_5', 'umur_6_14', 'umur_15_60', 'umur_lebih_60'] as const).map((column) => ({ column, value: sumAtLeast(tunggakan, column) })),
  };

  const rujukan = await query("SELECT * FROM r.pengaduan_rujukan WHERE tingkat = 'provinsi' AND tahun = $1 AND alur <> $2", [year, ALL]);
  const flows = [...new Set(rujukan.map((row) => text(row, 'alur')))].map((alur) => {
    const rows = rowsWhere(rujukan, 'alur', alur);
    const first = rows[0]!;
    return {
      alur,
      steps: [text(first, 'saluran'), text(first, 'dirujuk_ke'), text(first, 'dirujuk_lanjut_ke')],
      kasus: sumAtLeast(rows, 'kasus'),
      selesai: sumAtLeast(rows, 'selesai'),
    };
  });
  const handledLocally = sumAtLeast(rowsWhere(rujukan, 'dirujuk_ke', '-'), 'kasus');
  // Largest first; suppressed paths last, in path order.
  flows.sort((a, b) => Number(a.kasus.suppressed) - Number(b.kasus.suppressed) || (b.kasus.value ?? 0) - (a.kasus.value ?? 0) || a.alur.localeCompare(b.alur));

  const provinceCurves = async (table: string, column: string): Promise<KmCurve[]> => {
    const kmRows = await query(`SELECT * FROM r.${table} WHERE tingkat = 'provinsi' AND kategori = $1 AND tahun = $2 ORDER BY kode_wilayah, hari_kerja`, [ALL, year]);
    return data.children(null).flatMap((region) => {
      const rows = rowsWhere(kmRows, 'kode_wilayah', region.kode);
      return rows.length === 0 ? [] : [kmCurve(region, rows, column)];
    });
  };
  const km = await provinceCurves('pengaduan_km', 'persen_belum_selesai');
  const kmRespons = data.release.tables.some((t) => t.name === 'pengaduan_km_respons') ? await provinceCurves('pengaduan_km_respons', 'persen_belum_direspons') : [];

  const regionWaktu = await query("SELECT * FROM r.pengaduan_waktu WHERE tingkat IN ('provinsi', 'kabupaten') AND kategori = $1 AND tahun = $2", [ALL, year]);
  const regions = provincesAndKabupaten(data).map(({ region, depth }) => {
    const row = regionWaktu.find((r) => r.kode_wilayah === region.kode);
    return {
      region,
      depth,
      kasus: cell(row, 'kasus'),
      persenSelesaiDalamTenggat: cell(row, 'persen_selesai_dalam_tenggat'),
      median: cell(row, 'selesai_median_hari_kerja'),
      teramatiMaks: cell(row, 'selesai_teramati_maks'),
      persenDirujuk: cell(row, 'persen_dirujuk'),
      persenDibukaKembali: cell(row, 'persen_dibuka_kembali'),
    };
  });

  const common = commonDeadline(categories.map((c) => c.tenggatSelesai));
  const commonResponse = commonDeadline(categories.map((c) => c.tenggatRespons));

  return { year, total, categories, channels, channelTotal, backlog, flows, handledLocally, km, kmRespons, regions, commonDeadline: common, commonResponseDeadline: commonResponse };
}

/** The resolution deadline (working days) most categories share; ties go to the shorter one. */
export function commonDeadline(deadlines: (number | null)[]): number | null {
  const counts = new Map<number, number>();
  for (const days of deadlines) if (days !== null) counts.set(days, (counts.get(days) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
}

/** One region's published Kaplan–Meier curve (all categories) for the default complaint year; null when not published. */
export async function kmFor(data: SiteData, kode: string): Promise<KmCurve | null> {
  const region = data.region(kode);
  if (!region || data.complaintYear === null) return null;
  const rows = await data.query('SELECT * FROM r.pengaduan_km WHERE kode_wilayah = $1 AND kategori = $2 AND tahun = $3 ORDER BY hari_kerja', [
    kode,
    ALL,
    data.complaintYear,
  ]);
  return rows.length === 0 ? null : kmCurve(region, rows, 'persen_belum_selesai');
}

/** A published curve's rows (one group, ordered by t) as chart points; a suppressed point is a gap. */
function kmCurve(region: KmCurve['region'], rows: Row[], column: string): KmCurve {
  return {
    region,
    kasus: cell(rows[0], 'kasus'),
    points: rows.map((row) => {
      const value = cell(row, column);
      return { t: Number(row.hari_kerja), value: value.suppressed ? null : value.value };
    }),
  };
}

// ------------------------------------------------------------------ methodology

export interface PublishedTableInfo {
  name: string;
  title: Label;
  description: Label;
  rows: number | null;
  files: { format: string; href: string }[];
}

export interface MethodsTopic {
  /** The suppression threshold k the release was built with. */
  k: number | null;
  /** The threshold for sensitive categories, when the release records it. */
  sensitiveK: number | null;
  temporal: { start: string | null; end: string | null };
  created: string | null;
  license: { name: string; title: string; path: string | null } | null;
  datapackageHref: string | null;
  tables: PublishedTableInfo[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The release's own description (`datapackage.json`): thresholds, period, tables and their files. */
export function methodsTopic(data: SiteData, dataDir: string = publicDataDir()): MethodsTopic {
  const release = data.release.release;
  const file = path.join(dataDir, release, 'datapackage.json');
  const pkg: Json = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : {};
  const terang = isObject(pkg.terang) ? pkg.terang : {};
  const temporal = isObject(pkg.temporal) ? pkg.temporal : {};
  const resources = Array.isArray(pkg.resources) ? pkg.resources.filter(isObject) : [];
  const base = `/data/${release}/`;
  const tables = new Map<string, PublishedTableInfo>();
  for (const resource of resources) {
    const resourcePath = str(resource.path);
    const name = str(resource.name)?.replace(/-csv$/, '');
    if (!resourcePath || !name) continue;
    const table = tables.get(name) ?? {
      name,
      title: { id: str(resource.title) ?? name, en: str(resource.title_en) ?? str(resource.title) ?? name },
      description: { id: str(resource.description) ?? '', en: str(resource.description_en) ?? str(resource.description) ?? '' },
      rows: num(resource.rows),
      files: [],
    };
    table.files.push({ format: (str(resource.format) ?? path.extname(resourcePath).slice(1)).toUpperCase(), href: base + resourcePath });
    tables.set(name, table);
  }
  const license = Array.isArray(pkg.licenses) ? pkg.licenses.find(isObject) : undefined;
  return {
    k: num(terang.suppressionThreshold),
    sensitiveK: num(terang.sensitiveSuppressionThreshold),
    temporal: { start: str(temporal.start) ?? data.release.period.start, end: str(temporal.end) ?? data.release.period.end },
    created: str(pkg.created) ?? data.release.generatedAt,
    license: license ? { name: str(license.name) ?? '', title: str(license.title) ?? str(license.name) ?? '', path: str(license.path) } : null,
    datapackageHref: existsSync(file) ? `${base}datapackage.json` : null,
    tables: [...tables.values()],
  };
}

/** The default sensitive threshold of the data build, for releases that do not record theirs. */
export { DEFAULT_SENSITIVE_K } from '../../../scripts/build/disclosure/thresholds.ts';
