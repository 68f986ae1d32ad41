/**
 * The Sasaran page's view, shared by the site build and the page's script:
 * the view state and its URL fields, the SQL that reads a view from the
 * release (the same text runs in Node at build time and in DuckDB-wasm in the
 * browser, both with the release attached as schema `r`), and the pure
 * functions that turn the rows into the takeaway sentence and the tables.
 * No Node imports, no DOM: strings in, strings out.
 *
 * Every figure is a published column read with its `_disamarkan` flag; the
 * metric formulas live in the data build (`scripts/build/metrics/`), never here.
 */
import { formatPeriod, formatPublished, SUPPRESSED_TEXT, type Lang, type Published, type ValueKind } from '../format.ts';
import { fill, TARGETING_STRINGS } from '../strings/targeting.ts';
import type { StateField, ViewState } from '../../client/url-state.ts';

export type Row = Record<string, string | number | boolean | null>;

export type MetricKey = 'inklusi' | 'eksklusi' | 'cakupan' | 'kebocoran';
export type TargetingLevel = 'provinsi' | 'kabupaten' | 'kecamatan';

export interface MetricDefinition {
  /** The published column of `sasaran_program`. */
  column: string;
  /** Which end of the scale is the bad one: the ranked chart puts the worst first. */
  worse: 'higher' | 'lower';
}

export const METRICS: Record<MetricKey, MetricDefinition> = {
  inklusi: { column: 'galat_inklusi', worse: 'higher' },
  eksklusi: { column: 'galat_eksklusi', worse: 'higher' },
  cakupan: { column: 'cakupan', worse: 'lower' },
  kebocoran: { column: 'kebocoran', worse: 'higher' },
};
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];
/** Desa are too many to rank on one page; their figures are on each kecamatan page. */
export const TARGETING_LEVELS: TargetingLevel[] = ['provinsi', 'kabupaten', 'kecamatan'];

export const FLAG_COLUMNS = ['dibayar_setelah_meninggal', 'nik_ganda', 'belum_verval_2_tahun', 'status_tidak_aktif', 'multi_program'] as const;
const FLAG_LABELS = { dibayar_setelah_meninggal: 'flagDeath', nik_ganda: 'flagDuplicateNik', belum_verval_2_tahun: 'flagNotVerified', status_tidak_aktif: 'flagInactive', multi_program: 'flagMultiProgram' } as const;

/** What the page knows at build time and hands to its script (as JSON). */
export interface TargetingConfig {
  lang: Lang;
  release: string;
  /** Site-relative URL of the database the page queries: its own `sasaran.duckdb`, or the release's `terang.duckdb`. */
  databaseUrl: string;
  /** Fetch the file whole (the page's small one) rather than read it by range. */
  databaseWhole: boolean;
  programs: { kode: string; label: string; periods: string[]; defaultPeriod: string }[];
  levels: TargetingLevel[];
  defaultLevel: TargetingLevel;
  defaultMetric: MetricKey;
}

export interface TargetingState extends ViewState {
  program: string;
  periode: string;
  metrik: MetricKey;
  tingkat: TargetingLevel;
}

/** The URL fields, in parsing order: a program's periods depend on the program. */
export function targetingFields(config: TargetingConfig): StateField[] {
  const programOf = (before: ViewState) => config.programs.find((p) => p.kode === before.program) ?? config.programs[0];
  return [
    { name: 'program', values: () => config.programs.map((p) => p.kode), fallback: () => config.programs[0]?.kode ?? '' },
    { name: 'periode', values: (before) => programOf(before)?.periods ?? [], fallback: (before) => programOf(before)?.defaultPeriod ?? '' },
    { name: 'metrik', values: () => METRIC_KEYS, fallback: () => config.defaultMetric },
    { name: 'tingkat', values: () => config.levels, fallback: () => config.defaultLevel },
  ];
}

// ------------------------------------------------------------------ SQL

const REGION_COLUMNS = [
  'penerima',
  'keluarga_layak',
  'nilai_dibayar',
  ...METRIC_KEYS.map((key) => METRICS[key].column),
  ...FLAG_COLUMNS,
].flatMap((column) => [`p.${column}`, `p.${column}_disamarkan`]);

/** One row per region of a level: `$1` tingkat, `$2` program, `$3` periode. Only the columns shown, so the browser reads fewer bytes. */
export const REGIONS_SQL = `SELECT p.kode_wilayah, w.nama, ${REGION_COLUMNS.join(', ')}
FROM r.sasaran_program p JOIN r.wilayah w ON w.kode_wilayah = p.kode_wilayah
WHERE p.tingkat = $1 AND p.kode_program = $2 AND p.periode = $3
ORDER BY p.kode_wilayah`;

/** Families receiving the program and another one: `$1` tingkat, `$2` periode, `$3` program. */
export const OVERLAP_SQL = `SELECT t.kode_wilayah, w.nama, CASE WHEN t.program_a = $3 THEN t.program_b ELSE t.program_a END AS program_lain,
  t.keluarga, t.keluarga_disamarkan
FROM r.sasaran_tumpang_tindih t JOIN r.wilayah w ON w.kode_wilayah = t.kode_wilayah
WHERE t.tingkat = $1 AND t.periode = $2 AND (t.program_a = $3 OR t.program_b = $3)
ORDER BY t.kode_wilayah, program_lain`;

/** Records that cannot be placed in a region: `$1` program, `$2` periode. */
export const QUALITY_SQL = `SELECT * FROM r.sasaran_mutu_data WHERE kode_program = $1 AND periode = $2`;

export interface TargetingView {
  state: TargetingState;
  regions: Row[];
  overlap: Row[];
  quality: Row | null;
}

export type RunQuery = (sql: string, params: string[]) => Promise<Row[]>;

/**
 * Read one view with whichever `query` the caller has (Node at build time,
 * DuckDB-wasm in the browser). `onRegions` gets the regions' rows as soon as
 * they are read, so a page can redraw its chart before the other two queries.
 */
export async function readTargetingView(query: RunQuery, state: TargetingState, onRegions?: (regions: Row[]) => void): Promise<TargetingView> {
  const regions = await query(REGIONS_SQL, [state.tingkat, state.program, state.periode]);
  onRegions?.(regions);
  const overlap = await query(OVERLAP_SQL, [state.tingkat, state.periode, state.program]);
  const [quality] = await query(QUALITY_SQL, [state.program, state.periode]);
  return { state, regions, overlap, quality: quality ?? null };
}

// ------------------------------------------------------------------ text

export function cellOf(row: Row | null | undefined, column: string): Published {
  if (!row) return { value: null, suppressed: false };
  const value = row[column];
  return { value: typeof value === 'number' ? value : null, suppressed: row[`${column}_disamarkan`] === true };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A published value as HTML, marked as `Value.astro` marks it ("disamarkan", or the number in `<data value>`). */
export function valueHtml(cell: Published, kind: ValueKind, lang: Lang): string {
  const text = escapeHtml(formatPublished(cell, kind, lang));
  if (cell.suppressed) return `<span class="sup" data-suppressed>${text}</span>`;
  return cell.value !== null && Number.isFinite(cell.value) ? `<data value="${cell.value}">${text}</data>` : text;
}

export const programLabel = (kode: string): string => kode.replace('_', '-');

/** A period as a choice in a list: `Triwulan III 2026`, `Tahun 2026` / `Q3 2026`, `Year 2026`. */
export const periodLabel = (periode: string, lang: Lang): string =>
  /^\d{4}$/.test(periode) ? `${TARGETING_STRINGS[lang].year} ${periode}` : formatPeriod(periode, lang);

/** The words a view is described with, in the reader's language. */
export function viewWords(state: TargetingState, lang: Lang) {
  const s = TARGETING_STRINGS[lang];
  return {
    metric: s.metrics[state.metrik],
    program: programLabel(state.program),
    period: formatPeriod(state.periode, lang),
    level: s.levels[state.tingkat].toLowerCase(),
  };
}

export interface RankedPoint {
  kode: string;
  nama: string;
  value: number;
}

/** Regions with a published value of the metric, worst first; and how many are suppressed. */
export function rankRegions(regions: Row[], metric: MetricKey): { ranked: RankedPoint[]; suppressed: number } {
  const { column, worse } = METRICS[metric];
  const ranked: RankedPoint[] = [];
  let suppressed = 0;
  for (const row of regions) {
    const cell = cellOf(row, column);
    if (cell.suppressed) suppressed += 1;
    else if (cell.value !== null) ranked.push({ kode: String(row.kode_wilayah), nama: String(row.nama), value: cell.value });
  }
  const sign = worse === 'higher' ? -1 : 1;
  ranked.sort((a, b) => sign * (a.value - b.value) || a.nama.localeCompare(b.nama, 'id'));
  return { ranked, suppressed };
}

export function rankedTitle(state: TargetingState, lang: Lang): string {
  const w = viewWords(state, lang);
  return fill(TARGETING_STRINGS[lang].rankedTitle, w);
}

/** One plain sentence: where the measure is worst and best, and how many regions are suppressed. */
export function takeaway(view: TargetingView, lang: Lang): string {
  const s = TARGETING_STRINGS[lang];
  const w = viewWords(view.state, lang);
  const { ranked, suppressed } = rankRegions(view.regions, view.state.metrik);
  const percent = (value: number) => formatPublished({ value, suppressed: false }, 'percent', lang);
  const worst = ranked[0];
  const best = ranked.at(-1);
  let sentence: string;
  if (!worst || !best) sentence = fill(s.takeawayNone, { metric: w.metric.toLowerCase() });
  else if (ranked.length === 1) sentence = fill(s.takeawayOne, { metric: w.metric, worst: worst.nama, worstValue: percent(worst.value) });
  else
    sentence = fill(s.takeawayRange, {
      count: ranked.length + suppressed,
      metric: w.metric.toLowerCase(),
      worst: worst.nama,
      worstValue: percent(worst.value),
      best: best.nama,
      bestValue: percent(best.value),
    });
  return suppressed > 0 ? sentence + fill(s.takeawaySuppressed, { count: suppressed }) : sentence;
}

/** The ranked figure's data table: every region, worst first, suppressed ones last. */
export function metricTableHtml(view: TargetingView, lang: Lang): string {
  const s = TARGETING_STRINGS[lang];
  const { column, worse } = METRICS[view.state.metrik];
  const { ranked } = rankRegions(view.regions, view.state.metrik);
  const order = new Map(ranked.map((point, index) => [point.kode, index]));
  const rows = [...view.regions].sort(
    (a, b) => (order.get(String(a.kode_wilayah)) ?? Infinity) - (order.get(String(b.kode_wilayah)) ?? Infinity) || String(a.nama).localeCompare(String(b.nama), 'id'),
  );
  const head = `<thead><tr><th scope="col">${escapeHtml(s.region)}</th><th scope="col" class="num">${escapeHtml(s.metrics[view.state.metrik])} <span class="sub">${escapeHtml(worse === 'higher' ? s.worseHigher : s.worseLower)}</span></th><th scope="col" class="num">${escapeHtml(s.recipients)}</th><th scope="col" class="num">${escapeHtml(s.eligible)}</th><th scope="col" class="num">${escapeHtml(s.amountPaid)}</th></tr></thead>`;
  const body = rows
    .map(
      (row) =>
        `<tr data-kode="${escapeHtml(String(row.kode_wilayah))}"><th scope="row">${escapeHtml(String(row.nama))}</th>` +
        `<td class="num" data-col="${column}">${valueHtml(cellOf(row, column), 'percent', lang)}</td>` +
        `<td class="num" data-col="penerima">${valueHtml(cellOf(row, 'penerima'), 'count', lang)}</td>` +
        `<td class="num" data-col="keluarga_layak">${valueHtml(cellOf(row, 'keluarga_layak'), 'count', lang)}</td>` +
        `<td class="num" data-col="nilai_dibayar">${valueHtml(cellOf(row, 'nilai_dibayar'), 'rupiah', lang)}</td></tr>`,
    )
    .join('');
  return `<table data-testid="ranked-table"><caption>${escapeHtml(rankedTitle(view.state, lang))}</caption>${head}<tbody>${body}</tbody></table>`;
}

export function flagsTableHtml(view: TargetingView, lang: Lang, labelledBy: string): string {
  const s = TARGETING_STRINGS[lang];
  const head = `<thead><tr><th scope="col">${escapeHtml(s.region)}</th>${FLAG_COLUMNS.map((c) => `<th scope="col" class="num">${escapeHtml(s[FLAG_LABELS[c]])}</th>`).join('')}</tr></thead>`;
  const body = view.regions
    .map(
      (row) =>
        `<tr data-kode="${escapeHtml(String(row.kode_wilayah))}"><th scope="row">${escapeHtml(String(row.nama))}</th>` +
        FLAG_COLUMNS.map((c) => `<td class="num" data-col="${c}">${valueHtml(cellOf(row, c), 'count', lang)}</td>`).join('') +
        '</tr>',
    )
    .join('');
  return `<table aria-labelledby="${labelledBy}" data-testid="flags-table">${head}<tbody>${body}</tbody></table>`;
}

/** Regions as rows, the other programs as columns. */
export function overlapTableHtml(view: TargetingView, lang: Lang, labelledBy: string): string {
  const s = TARGETING_STRINGS[lang];
  if (view.overlap.length === 0) return `<p data-testid="overlap-table">${escapeHtml(s.overlapNone)}</p>`;
  const others = [...new Set(view.overlap.map((row) => String(row.program_lain)))].sort();
  const regions = new Map<string, { nama: string; cells: Map<string, Row> }>();
  for (const row of view.overlap) {
    const kode = String(row.kode_wilayah);
    const entry = regions.get(kode) ?? { nama: String(row.nama), cells: new Map() };
    entry.cells.set(String(row.program_lain), row);
    regions.set(kode, entry);
  }
  const head = `<thead><tr><th scope="col">${escapeHtml(s.region)}</th>${others.map((p) => `<th scope="col" class="num">+ ${escapeHtml(programLabel(p))}</th>`).join('')}</tr></thead>`;
  const body = [...regions]
    .map(
      ([kode, entry]) =>
        `<tr data-kode="${escapeHtml(kode)}"><th scope="row">${escapeHtml(entry.nama)}</th>` +
        others.map((p) => `<td class="num" data-col="${escapeHtml(p)}">${valueHtml(cellOf(entry.cells.get(p), 'keluarga'), 'count', lang)}</td>`).join('') +
        '</tr>',
    )
    .join('');
  return `<table aria-labelledby="${labelledBy}" data-testid="overlap-table">${head}<tbody>${body}</tbody></table>`;
}

/** The records without a region (unregistered recipients, rejected identifiers), as one sentence. */
export function qualityText(view: TargetingView, lang: Lang): string {
  const s = TARGETING_STRINGS[lang];
  if (!view.quality) return s.qualityNone;
  const w = viewWords(view.state, lang);
  const count = (column: string) => formatPublished(cellOf(view.quality, column), 'count', lang);
  return fill(s.qualityLine, {
    program: w.program,
    period: w.period,
    unregistered: count('penerima_tidak_terdaftar'),
    invalid: count('baris_id_tidak_sah'),
    excel: count('baris_nik_excel'),
  });
}

export const suppressedWord = (lang: Lang): string => SUPPRESSED_TEXT[lang];
