/** The report's tables as a static XLSX workbook, one per region and release: `/laporan/<kode>/laporan-<kode>-<release>.xlsx`. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { xlsxEndpoint } from '../../../lib/data/report-endpoint.ts';

const endpoint = xlsxEndpoint('id');
export const getStaticPaths: GetStaticPaths = endpoint.getStaticPaths;
export const GET: APIRoute = endpoint.GET;
