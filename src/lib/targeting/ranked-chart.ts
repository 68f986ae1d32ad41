/**
 * A ranked bar chart of regions (worst first, percentages) as an Observable Plot spec.
 * Pure: the same function renders at build time (with linkedom's `document`)
 * and in the browser (the page's own `document`, the figure's real width).
 * Each region's name sits on its own line above its bar, so long names stay
 * readable on a 360 px phone. Only regions with a published value are drawn;
 * suppressed ones are counted in the takeaway and listed in the table.
 */
import * as Plot from '@observablehq/plot';
import { formatPercent, type Lang } from '../format.ts';
import type { RankedPoint } from './view.ts';

/** More bars than this stop being readable; the table below lists them all. */
export const MAX_BARS = 30;
const BAND = 40;

export interface RankedChartOptions {
  lang: Lang;
  /** CSS pixels; the SVG also scales down with its box. */
  width: number;
  /** linkedom's document at build time; the browser's by default. */
  document?: Document;
}

/** Bars for points already ranked worst first (`rankRegions`); at most `MAX_BARS` of them. */
export function rankedChart(ranked: RankedPoint[], options: RankedChartOptions): SVGSVGElement | HTMLElement {
  const points = ranked.slice(0, MAX_BARS);
  const max = Math.max(1, ...points.map((p) => p.value));
  const chart = Plot.plot({
    ...(options.document ? { document: options.document } : {}),
    width: options.width,
    height: Math.max(1, points.length) * BAND + 32,
    marginLeft: 14,
    marginRight: 56,
    marginTop: 8,
    marginBottom: 24,
    x: { domain: [0, max], nice: true, grid: true, tickFormat: (d: number) => formatPercent(d, options.lang).replace(/[.,]0%$/, '%'), ticks: 4, label: null },
    y: { domain: points.map((p) => p.kode), axis: null, paddingInner: 0.15 },
    marks: [
      Plot.barX(points, { x: 'value', y: 'kode', fill: 'currentColor', fillOpacity: 0.75, insetTop: 18 }),
      Plot.text(points, { y: 'kode', text: 'nama', frameAnchor: 'left', textAnchor: 'start', dy: -9, fill: 'currentColor' }),
      Plot.text(points, { x: 'value', y: 'kode', text: (p: { value: number }) => formatPercent(p.value, options.lang), dx: 4, dy: 9, textAnchor: 'start', fill: 'currentColor' }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
  });
  // The figure's `role="img"` box carries the label; Plot's per-mark labels on
  // plain `<g>` elements are ARIA attributes without a role (axe: aria-prohibited-attr).
  for (const labelled of chart.querySelectorAll('[aria-label]')) labelled.removeAttribute('aria-label');
  chart.setAttribute('aria-hidden', 'true');
  // No inline <style> (as the other charts, src/styles/charts.css): the page's CSS sizes and colours it.
  chart.querySelector('style')?.remove();
  chart.classList.add('ranked-chart');
  return chart;
}
