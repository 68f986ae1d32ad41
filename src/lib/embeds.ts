/**
 * The chart-only embed routes (issue 5): every chart on the site has one, so
 * its export bar can offer an `<iframe>` snippet.
 * - Topic pages: the dynamic route `src/pages/(en/)sematkan/[chart].astro`
 *   serves `TOPIC_EMBEDS` (figure id → the topic page that renders it). The
 *   Beranda map, Kemiskinan's desil chart and Sasaran's ranked chart have
 *   routes of their own under `sematkan/`. A figure id is unique across the
 *   site, so `/sematkan/<id>/` names one chart.
 * - Region pages: `/sematkan/wilayah/<kode>/<chart>/` for each of
 *   `REGION_EMBEDS` that the region's page draws (`regionEmbedCharts`; the
 *   same tests decide whether the page shows the figure, so a route exists
 *   exactly when its figure does).
 */
import { text, type Region, type Row, type SiteData } from './data/site-data.ts';
import { kmFor, ppksFor } from './data/topics.ts';
import type { Lang } from './format.ts';
import { localePath } from './i18n.ts';
import { provinceMap } from './map/map-data.ts';

export const TOPIC_EMBEDS = {
  'ppks-chart': 'kemiskinan',
  'channel-chart': 'pengaduan',
  'category-chart': 'pengaduan',
  'deadline-chart': 'pengaduan',
  'km-response-chart': 'pengaduan',
  'km-chart': 'pengaduan',
  'backlog-chart': 'pengaduan',
  'flow-chart': 'pengaduan',
  'sasaran-verval': 'sasaran',
} as const;

export type TopicEmbed = keyof typeof TOPIC_EMBEDS;

export const topicEmbedPaths = () => (Object.keys(TOPIC_EMBEDS) as TopicEmbed[]).map((chart) => ({ params: { chart } }));

/** A region page's charts: route segment → the figure's id on the region page. */
export const REGION_EMBEDS = {
  desil: 'region-desil-chart',
  ppks: 'region-ppks-chart',
  km: 'region-km-chart',
  /** A province's kabupaten map, drawn only when a kabupaten boundary file covers it (docs/maps.md). */
  peta: 'region-map',
} as const;

export type RegionEmbed = keyof typeof REGION_EMBEDS;

export const regionEmbedPath = (lang: Lang, kode: string, chart: RegionEmbed): string => localePath(lang, `/sematkan/wilayah/${kode}/${chart}/`);

/** The desil chart is drawn when the region has a row for at least one desil (not only the total). */
export const hasDesilChart = (rows: Row[]): boolean => rows.some((row) => text(row, 'desil') !== 'SEMUA');

/** The PPKS chart is drawn when some category has a published or a suppressed count. */
export const hasPpksChart = (ppks: Awaited<ReturnType<typeof ppksFor>>): boolean => ppks.rows.some((row) => row.orang.value !== null || row.orang.suppressed);

/** The Kaplan–Meier chart is drawn when the release has the region's curve for the default complaint year (`RegionKmFigure.astro` tests the same, narrowing the types). */
export const hasKmChart = (curve: Awaited<ReturnType<typeof kmFor>>, year: number | null): boolean => curve !== null && year !== null;

/** Which of a region's charts its page draws, in page order. */
export async function regionEmbedCharts(data: SiteData, region: Region): Promise<RegionEmbed[]> {
  const charts: RegionEmbed[] = [];
  if (hasDesilChart(await data.desilFor(region.kode))) charts.push('desil');
  if (hasPpksChart(await ppksFor(data, region))) charts.push('ppks');
  if (hasKmChart(await kmFor(data, region.kode), data.complaintYear)) charts.push('km');
  if ((await provinceMap(data, region, 'id')) !== null) charts.push('peta');
  return charts;
}

type RegionEmbedPath = { params: { kode: string; chart: RegionEmbed }; props: { data: SiteData; region: Region; chart: RegionEmbed } };
/** Both languages' routes ask: the release's queries run once per build. */
const embedPathsOf = new WeakMap<SiteData, Promise<RegionEmbedPath[]>>();

/** `getStaticPaths` of the region embed routes: every province, kabupaten and kecamatan × each chart its page draws. */
export function regionEmbedPaths(data: SiteData | null): Promise<RegionEmbedPath[]> {
  if (!data) return Promise.resolve([]);
  let paths = embedPathsOf.get(data);
  if (!paths) {
    paths = (async () => {
      const out: RegionEmbedPath[] = [];
      for (const region of data.regions) {
        if (region.tingkat === 'desa') continue;
        for (const chart of await regionEmbedCharts(data, region)) out.push({ params: { kode: region.kode, chart }, props: { data, region, chart } });
      }
      return out;
    })();
    embedPathsOf.set(data, paths);
  }
  return paths;
}
