/**
 * The printable region report (Laporan) as data: one region, the site's
 * default periods (`periods.ts`: per program the latest complete quarter, for
 * complaints the latest full year; snapshots at the data date), as a list of
 * tables. The HTML page and the XLSX workbook both render this one list, so
 * they always hold the same numbers.
 *
 * Every number is a published column read with its `_disamarkan` flag
 * (`cell()`); nothing is recomputed. Deadlines are the reference values the
 * release publishes (`kategori_pengaduan`).
 */
import { formatDays, formatPeriod, type Lang, type Published, type ValueKind } from '../format.ts';
import { REPORT } from '../strings/report.ts';
import { cell, text, type Region, type Row, type SiteData } from './site-data.ts';

export type ReportCell = { kind: ValueKind; cell: Published } | { kind: 'text'; text: string };

export interface ReportColumn {
  key: string;
  label: string;
}

export interface ReportRow {
  key: string;
  header: string;
  sub?: string;
  total?: boolean;
  /** One cell per column, in column order. */
  cells: ReportCell[];
}

export interface ReportTable {
  /** Stable id: the HTML anchor and `data-testid="report-<id>"`. */
  id: string;
  /** Worksheet name (at most 31 characters). */
  sheet: string;
  heading: string;
  caption: string;
  rowHeader: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** A sub-table of the previous section (rendered under an h3). */
  sub?: boolean;
}

export interface Report {
  lang: Lang;
  region: Region;
  ancestors: Region[];
  release: string;
  dataDate: string | null;
  complaintYear: number | null;
  tables: ReportTable[];
}

const ALL = 'SEMUA';
const missing: Published = { value: null, suppressed: false };
const num = (kind: ValueKind, published: Published): ReportCell => ({ kind, cell: published });
const txt = (value: string): ReportCell => ({ kind: 'text', text: value });
const reference = (value: unknown): Published => ({ value: typeof value === 'number' ? value : null, suppressed: false });
const programLabel = (kode: string) => kode.replace('_', '-');
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => String(values[k] ?? m));

interface Extra {
  ppks: Row[];
  ppksSensitive: Row[];
}

/** Reference lists read once per site build. */
const lookups = new WeakMap<SiteData, Promise<{ ppksNames: Map<string, { id: string; en: string }>; deadlines: Map<string, Row> }>>();
function lookupsFor(data: SiteData) {
  let found = lookups.get(data);
  if (!found) {
    found = (async () => {
      const ppks = await data.query('SELECT kode, nama_id, nama_en FROM r.kategori_ppks');
      const deadlines = await data.query('SELECT kode, tenggat_respons_hari_kerja, tenggat_selesai_hari_kerja FROM r.kategori_pengaduan');
      return {
        ppksNames: new Map(ppks.map((row) => [text(row, 'kode'), { id: text(row, 'nama_id'), en: text(row, 'nama_en') }])),
        deadlines: new Map(deadlines.map((row) => [text(row, 'kode'), row])),
      };
    })();
    lookups.set(data, found);
  }
  return found;
}

const extras = new Map<string, Promise<Extra>>();
function extraFor(data: SiteData, kode: string): Promise<Extra> {
  const key = `${data.release.release}:${kode}`;
  let found = extras.get(key);
  if (!found) {
    found = (async () => ({
      ppks: await data.query('SELECT * FROM r.ppks_kategori WHERE kode_wilayah = $1 ORDER BY kategori <> $2, try_cast(kategori AS INTEGER), kategori', [kode, ALL]),
      ppksSensitive: await data.query('SELECT * FROM r.ppks_sensitif WHERE kode_wilayah = $1 ORDER BY kategori <> $2, try_cast(kategori AS INTEGER), kategori', [kode, ALL]),
    }))();
    extras.set(key, found);
  }
  return found;
}

/** The report of one province, kabupaten or kecamatan in one language. */
export async function buildReport(data: SiteData, kode: string, lang: Lang): Promise<Report> {
  const region = data.region(kode);
  if (!region) throw new Error(`no region ${kode} in the release`);
  const s = REPORT[lang];
  const [desil, verval, programs, complaints, extra, { ppksNames, deadlines }] = await Promise.all([
    data.desilFor(kode),
    data.vervalFor(kode),
    data.programsFor(kode),
    data.complaintsFor(kode),
    extraFor(data, kode),
    lookupsFor(data),
  ]);
  const year = data.complaintYear;
  const atDate = s.atDataDate;
  const categoryName = (code: string) => {
    if (code === ALL) return s.allCategories;
    const category = data.categories.find((c) => c.kode === code);
    return category ? category.nama[lang] : code;
  };
  const ppksName = (code: string, all: string) => (code === ALL ? all : (ppksNames.get(code)?.[lang] ?? code));
  const desilAll = desil.find((row) => text(row, 'desil') === ALL);
  const waktuAll = complaints.waktu.find((row) => text(row, 'kategori') === ALL);
  const backlogAll = complaints.tunggakan.find((row) => text(row, 'kategori') === ALL);
  const ppksAll = extra.ppks.find((row) => text(row, 'kategori') === ALL);

  const headlineRow = (key: string, header: string, kind: ValueKind, published: Published, period: string): ReportRow => ({
    key,
    header,
    cells: [num(kind, published), txt(period)],
  });
  const headline: ReportTable = {
    id: 'ringkasan',
    sheet: s.sheetHeadline,
    heading: s.headlineHeading,
    caption: s.headlineCaption,
    rowHeader: s.indicator,
    columns: [
      { key: 'nilai', label: s.value },
      { key: 'periode', label: s.periodColumn },
    ],
    rows: [
      headlineRow('keluarga', s.hFamilies, 'count', cell(desilAll, 'keluarga'), atDate),
      headlineRow('jiwa', s.hPeople, 'count', cell(desilAll, 'jiwa'), atDate),
      headlineRow('persen_diverval_2_tahun', s.hVerified, 'percent', cell(verval, 'persen_diverval_2_tahun'), atDate),
      ...programs
        .filter(({ program }) => program.periode)
        .flatMap(({ program, row }) => {
          const period = formatPeriod(program.periode ?? '', lang);
          return [
            headlineRow(`penerima_${program.kode}`, fill(s.hRecipients, { program: programLabel(program.kode) }), 'count', cell(row, 'penerima'), period),
            headlineRow(`galat_inklusi_${program.kode}`, fill(s.hInclusion, { program: programLabel(program.kode) }), 'percent', cell(row, 'galat_inklusi'), period),
          ];
        }),
      headlineRow('kasus', s.hComplaints, 'count', waktuAll ? cell(waktuAll, 'kasus') : missing, String(year ?? '–')),
      headlineRow('persen_selesai_dalam_tenggat', s.hInTime, 'percent', waktuAll ? cell(waktuAll, 'persen_selesai_dalam_tenggat') : missing, String(year ?? '–')),
      headlineRow('terbuka', s.hOpen, 'count', cell(backlogAll, 'terbuka'), atDate),
      headlineRow('lewat_tenggat_selesai', s.hPastDeadline, 'count', cell(backlogAll, 'lewat_tenggat_selesai'), atDate),
      headlineRow('ppks', s.hPpks, 'count', cell(ppksAll, 'orang'), atDate),
    ],
  };

  const desilTable: ReportTable = {
    id: 'desil',
    sheet: s.sheetDesil,
    heading: s.desilHeading,
    caption: s.desilCaption,
    rowHeader: s.desil,
    columns: [
      { key: 'keluarga', label: s.families },
      { key: 'jiwa', label: s.people },
    ],
    rows: desil.map((row) => {
      const d = text(row, 'desil');
      return { key: d, header: d === ALL ? s.allDesil : `${s.desil} ${d}`, total: d === ALL, cells: [num('count', cell(row, 'keluarga')), num('count', cell(row, 'jiwa'))] };
    }),
  };

  const shownPrograms = programs.filter(({ program }) => program.periode);
  const targetingColumns: [string, string, ValueKind][] = [
    ['penerima', s.recipients, 'count'],
    ['nilai_dibayar', s.amountPaid, 'rupiahFull'],
    ['penerima_di_luar_desil', s.outsideRule, 'count'],
    ['galat_inklusi', s.inclusionError, 'percent'],
    ['keluarga_layak', s.eligible, 'count'],
    ['cakupan', s.coverage, 'percent'],
    ['galat_eksklusi', s.exclusionError, 'percent'],
    ['kebocoran', s.leakage, 'percent'],
  ];
  const programRows = (columns: [string, string, ValueKind][]) =>
    shownPrograms.map(({ program, row }) => ({
      key: program.kode,
      header: programLabel(program.kode),
      sub: `${formatPeriod(program.periode ?? '', lang)} · desil ${program.desilMin}–${program.desilMax}`,
      cells: columns.map(([column, , kind]) => num(kind, cell(row, column))),
    }));
  const targeting: ReportTable = {
    id: 'sasaran',
    sheet: s.sheetTargeting,
    heading: s.targetingHeading,
    caption: s.targetingCaption,
    rowHeader: s.program,
    columns: targetingColumns.map(([key, label]) => ({ key, label })),
    rows: programRows(targetingColumns),
  };
  const flagColumns: [string, string, ValueKind][] = [
    ['dibayar_setelah_meninggal', s.flagDeath, 'count'],
    ['nik_ganda', s.flagDuplicateNik, 'count'],
    ['belum_verval_2_tahun', s.flagNotVerified, 'count'],
    ['status_tidak_aktif', s.flagInactive, 'count'],
    ['multi_program', s.flagMultiProgram, 'count'],
  ];
  const flags: ReportTable = {
    id: 'tanda',
    sheet: s.sheetFlags,
    heading: s.flagsHeading,
    caption: s.flagsCaption,
    rowHeader: s.program,
    columns: flagColumns.map(([key, label]) => ({ key, label })),
    rows: programRows(flagColumns),
    sub: true,
  };

  const medianCell = (row: Row): ReportCell => {
    const median = cell(row, 'selesai_median_hari_kerja');
    const longest = cell(row, 'selesai_teramati_maks');
    if (median.value === null && !median.suppressed && longest.value !== null && !longest.suppressed) {
      return txt(`${s.moreThan} ${formatDays(longest.value, lang)}`);
    }
    return num('days', median);
  };
  const complaintsTable: ReportTable = {
    id: 'pengaduan',
    sheet: s.sheetComplaints,
    heading: s.complaintsHeading,
    caption: fill(s.complaintsCaption, { year: year ?? '–' }),
    rowHeader: s.category,
    columns: [
      { key: 'tenggat_respons_hari_kerja', label: s.deadlineResponse },
      { key: 'tenggat_selesai_hari_kerja', label: s.deadlineResolve },
      { key: 'kasus', label: s.received },
      { key: 'selesai', label: s.closed },
      { key: 'persen_respons_dalam_tenggat', label: s.responseInTime },
      { key: 'persen_selesai_dalam_tenggat', label: s.resolvedInTime },
      { key: 'selesai_median_hari_kerja', label: s.medianResolve },
      { key: 'selesai_p90_hari_kerja', label: s.p90Resolve },
    ],
    rows: complaints.waktu.map((row) => {
      const kategori = text(row, 'kategori');
      const deadline = deadlines.get(kategori);
      return {
        key: kategori,
        header: categoryName(kategori),
        total: kategori === ALL,
        cells: [
          num('days', reference(deadline?.tenggat_respons_hari_kerja)),
          num('days', reference(deadline?.tenggat_selesai_hari_kerja)),
          num('count', cell(row, 'kasus')),
          num('count', cell(row, 'selesai')),
          num('percent', cell(row, 'persen_respons_dalam_tenggat')),
          num('percent', cell(row, 'persen_selesai_dalam_tenggat')),
          medianCell(row),
          num('days', cell(row, 'selesai_p90_hari_kerja')),
        ],
      };
    }),
  };
  const backlogColumns: [string, string][] = [
    ['terbuka', s.open],
    ['umur_0_5', s.age0to5],
    ['umur_6_14', s.age6to14],
    ['umur_15_60', s.age15to60],
    ['umur_lebih_60', s.ageOver60],
    ['lewat_tenggat_respons', s.pastResponse],
    ['lewat_tenggat_selesai', s.pastResolve],
  ];
  const backlog: ReportTable = {
    id: 'tunggakan',
    sheet: s.sheetBacklog,
    heading: s.backlogHeading,
    caption: s.backlogCaption,
    rowHeader: s.category,
    columns: backlogColumns.map(([key, label]) => ({ key, label })),
    rows: complaints.tunggakan.map((row) => {
      const kategori = text(row, 'kategori');
      return { key: kategori, header: categoryName(kategori), total: kategori === ALL, cells: backlogColumns.map(([column]) => num('count', cell(row, column))) };
    }),
    sub: true,
  };

  const ppksColumns: [string, string][] = [
    ['orang', s.persons],
    ['tanpa_nik', s.withoutNik],
    ['nik_terbit', s.nikIssued],
  ];
  const ppksRows = (rows: Row[], all: string) =>
    rows.map((row) => {
      const kategori = text(row, 'kategori');
      return { key: kategori, header: ppksName(kategori, all), total: kategori === ALL, cells: ppksColumns.map(([column]) => num('count', cell(row, column))) };
    });
  const ppks: ReportTable = {
    id: 'ppks',
    sheet: s.sheetPpks,
    heading: s.ppksHeading,
    caption: s.ppksCaption,
    rowHeader: s.ppksCategory,
    columns: ppksColumns.map(([key, label]) => ({ key, label })),
    rows: ppksRows(extra.ppks, s.allPpks),
  };
  const ppksSensitive: ReportTable = {
    id: 'ppks-sensitif',
    sheet: s.sheetPpksSensitive,
    heading: s.ppksSensitiveHeading,
    caption: s.ppksSensitiveCaption,
    rowHeader: s.ppksCategory,
    columns: ppksColumns.map(([key, label]) => ({ key, label })),
    rows: ppksRows(extra.ppksSensitive, s.allPpksSensitive),
    sub: true,
  };

  const tables = [headline, desilTable, targeting, flags, complaintsTable, backlog, ppks, ppksSensitive].filter((table) => table.rows.length > 0);
  return {
    lang,
    region,
    ancestors: data.ancestors(kode).slice(0, -1),
    release: data.release.release,
    dataDate: data.release.dataDate,
    complaintYear: year,
    tables,
  };
}

/** The regions that get a report: every province, kabupaten/kota and kecamatan. */
export const reportRegions = (data: SiteData): Region[] => data.regions.filter((region) => region.tingkat !== 'desa');

/** `laporan-3517-2026-10-31-5388c86c50.xlsx` (Indonesian) or `report-…` (English). */
export const xlsxFileName = (kode: string, release: string, lang: Lang): string => `${lang === 'id' ? 'laporan' : 'report'}-${kode}-${release}.xlsx`;
