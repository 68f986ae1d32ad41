/**
 * `/wilayah/indeks.json`: every region's code and name, for the search box
 * on the Wilayah page. Compact on purpose: `[kode, nama]` pairs; the level
 * and the parents follow from the code's length and prefixes.
 */
import type { APIRoute } from 'astro';
import { loadSiteData } from '../../lib/data/site-data.ts';

export const GET: APIRoute = async () => {
  const data = await loadSiteData();
  const regions = data ? data.regions.map((region) => [region.kode, region.nama]) : [];
  return new Response(JSON.stringify({ release: data?.release.release ?? null, wilayah: regions }));
};
