/**
 * The static XLSX endpoint of the region reports, shared by the Indonesian
 * and English routes (`src/pages/[en/]laporan/[kode]/[file].ts`): one
 * workbook per province, kabupaten/kota and kecamatan, named after the region
 * and the release so a downloaded file says which data it holds.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Lang } from '../format.ts';
import { buildReport, reportRegions, xlsxFileName } from './report.ts';
import { reportWorkbook, XLSX_MIME } from './report-xlsx.ts';
import { loadSiteData } from './site-data.ts';

export function xlsxEndpoint(lang: Lang): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  return {
    async getStaticPaths() {
      const data = await loadSiteData();
      if (!data) return [];
      return reportRegions(data).map((region) => ({ params: { kode: region.kode, file: xlsxFileName(region.kode, data.release.release, lang) } }));
    },
    async GET({ params }) {
      const data = await loadSiteData();
      if (!data || !params.kode) return new Response(null, { status: 404 });
      const workbook = await reportWorkbook(await buildReport(data, params.kode, lang));
      return new Response(new Uint8Array(workbook), { headers: { 'Content-Type': XLSX_MIME } });
    },
  };
}
