/**
 * What the Sasaran page reads at build time: the choices its controls offer
 * (programs and their periods, region levels), the default view (through the
 * same SQL the browser runs, `../targeting/view.ts`), and the verval recency
 * and voluntary withdrawals per province. Every number is a published column;
 * nothing recomputes a metric.
 */
import type { Lang } from '../format.ts';
import { periodLabel, readTargetingView, TARGETING_LEVELS, type Row, type TargetingConfig, type TargetingState, type TargetingView } from '../targeting/view.ts';
import type { SiteData } from './site-data.ts';

export interface TargetingPageData {
  config: TargetingConfig;
  defaultState: TargetingState;
  view: TargetingView;
  /** Per province: `verval_kemutakhiran` columns, `nama`, and `mengundurkan_diri` (+ `_disamarkan`) from `verval_status`. */
  verval: Row[];
}

/** Latest first: `2026-Q3`, `2026-Q2`, …, then the years. */
const byRecency = (a: string, b: string) => (a.length === b.length ? b.localeCompare(a) : a.length > b.length ? -1 : 1);

const memo = new Map<Lang, Promise<TargetingPageData | null>>();

/** The page's data in one language (the rows are the same; labels differ). Null when no program has a period. */
export function loadTargetingPage(site: SiteData, lang: Lang): Promise<TargetingPageData | null> {
  let result = memo.get(lang);
  if (!result) {
    result = read(site, lang);
    memo.set(lang, result);
  }
  return result;
}

async function read(site: SiteData, lang: Lang): Promise<TargetingPageData | null> {
  const periodRows = await site.query("SELECT DISTINCT kode_program, periode FROM r.sasaran_program WHERE tingkat = 'provinsi'");
  const programs = site.programs
    .filter((program) => program.periode !== null)
    .map((program) => ({
      kode: program.kode,
      label: `${program.kode.replace('_', '-')} – ${program.nama[lang]}`,
      periods: periodRows
        .filter((row) => row.kode_program === program.kode)
        .map((row) => String(row.periode))
        .sort(byRecency),
      defaultPeriod: program.periode!,
    }));
  const first = programs[0];
  if (!first) return null;
  const config: TargetingConfig = {
    lang,
    release: site.release.release,
    // The page's own small database, fetched whole, where the release has one; else the release's database by range.
    ...(site.release.pageDatabases.sasaran
      ? { databaseUrl: `/data/${site.release.pageDatabases.sasaran}`, databaseWhole: true }
      : { databaseUrl: `/data/${site.release.database ?? `${site.release.release}/terang.duckdb`}`, databaseWhole: false }),
    programs,
    levels: TARGETING_LEVELS,
    defaultLevel: 'provinsi',
    defaultMetric: 'inklusi',
  };
  const defaultState: TargetingState = { program: first.kode, periode: first.defaultPeriod, metrik: config.defaultMetric, tingkat: config.defaultLevel };
  const view = await readTargetingView((sql, params) => site.query(sql, params), defaultState);
  const verval = await site.query(
    `SELECT k.*, w.nama, s.keluarga AS mengundurkan_diri, s.keluarga_disamarkan AS mengundurkan_diri_disamarkan
     FROM r.verval_kemutakhiran k JOIN r.wilayah w ON w.kode_wilayah = k.kode_wilayah
     LEFT JOIN r.verval_status s ON s.kode_wilayah = k.kode_wilayah AND s.status_verval = 'MENGUNDURKAN_DIRI'
     WHERE k.tingkat = 'provinsi' ORDER BY w.nama`,
  );
  return { config, defaultState, view, verval };
}

/** Period options for a program, labelled for the reader. */
export const periodOptions = (periods: string[], lang: Lang) => periods.map((value) => ({ value, label: periodLabel(value, lang) }));
