/**
 * The Kemiskinan page's table of official BPS figures beside the registry's
 * (issue 6), read at site build time from the latest release:
 * - BPS: the five indicators of the latest survey year in `bps_kemiskinan`
 *   (one year for the whole table, so a column never mixes years), with the
 *   file names they were imported from;
 * - program recipients: `sasaran_program.penerima` per program for its
 *   latest full calendar year (`periode` = '2025'), the same rule as the
 *   complaints year (`latestFullYear`, periods.ts), with its suppression flag.
 * Null when the release has no BPS table. Values as published; nothing is
 * recomputed, added or subtracted.
 */
import type { BpsIndicator } from '../../../scripts/bps/indicators.ts';
import type { Published } from '../format.ts';
import { BPS_TABLE_NAME } from './bps.ts';
import type { Query } from './db.ts';
import { latestFullYear } from './periods.ts';
import { cell, type Program, type SiteData } from './site-data.ts';

export interface BpsBesideProgram {
  program: Program;
  /** The calendar year whose recipients are shown. */
  year: number;
}

export interface BpsBeside {
  /** The survey year (March) of every BPS value in the table. */
  year: number;
  /** Imported BPS file names holding that year's values (no folders), sorted. */
  sources: string[];
  /** Programs with a full year of recipients, in the site's program order. */
  programs: BpsBesideProgram[];
  /** BPS value of a region in `year`; null when BPS published none. */
  bps(kode: string, indicator: BpsIndicator): number | null;
  /** Recipients of a program in its year, as published. */
  recipients(kode: string, programKode: string): Published;
}

const YEAR = /^\d{4}$/;

export async function readBpsBeside(
  query: Query,
  tables: readonly string[],
  programs: readonly Program[],
  dataDate: string | null,
  periodStart: string | null,
): Promise<BpsBeside | null> {
  if (!tables.includes(BPS_TABLE_NAME)) return null;
  const [latest] = await query(`SELECT max(tahun)::INTEGER AS tahun FROM r.${BPS_TABLE_NAME}`);
  if (!latest || latest.tahun === null) return null;
  const year = Number(latest.tahun);
  const bpsRows = await query(`SELECT kode_wilayah, indikator, nilai, sumber_berkas FROM r.${BPS_TABLE_NAME} WHERE tahun = $1`, [year]);
  const values = new Map(bpsRows.map((row) => [`${row.kode_wilayah}|${row.indikator}`, typeof row.nilai === 'number' ? row.nilai : null]));
  const sources = new Set(bpsRows.flatMap((row) => String(row.sumber_berkas ?? '').split(';').map((f) => f.trim()).filter(Boolean)));

  const periodRows = await query("SELECT DISTINCT kode_program, periode FROM r.sasaran_program WHERE tingkat = 'provinsi'");
  const shown = programs.flatMap((program) => {
    const years = periodRows.filter((r) => r.kode_program === program.kode && YEAR.test(String(r.periode))).map((r) => Number(r.periode));
    const full = latestFullYear(years, dataDate, periodStart);
    return full === null ? [] : [{ program, year: full }];
  });
  const recipientRows = shown.length
    ? await query(
        `SELECT kode_wilayah, kode_program, penerima, penerima_disamarkan FROM r.sasaran_program
         WHERE tingkat IN ('provinsi', 'kabupaten') AND (${shown.map((_, i) => `(kode_program = $${2 * i + 1} AND periode = $${2 * i + 2})`).join(' OR ')})`,
        shown.flatMap((p) => [p.program.kode, String(p.year)]),
      )
    : [];
  const recipients = new Map(recipientRows.map((row) => [`${row.kode_wilayah}|${row.kode_program}`, row]));

  return {
    year,
    sources: [...sources].sort(),
    programs: shown,
    bps: (kode, indicator) => values.get(`${kode}|${indicator}`) ?? null,
    recipients: (kode, programKode) => cell(recipients.get(`${kode}|${programKode}`), 'penerima'),
  };
}

/** The latest release's table (null without BPS figures), read once per site build. */
let memo: Promise<BpsBeside | null> | undefined;
export function loadBpsBeside(site: SiteData): Promise<BpsBeside | null> {
  memo ??= readBpsBeside(
    site.query,
    site.release.tables.map((t) => t.name),
    site.programs,
    site.release.dataDate,
    site.release.period.start,
  );
  return memo;
}
