/**
 * The Jelajah page's quick chart: horizontal bars in the result's order, each
 * bar's name on its own line above it (long region names stay readable on a
 * 360 px phone), its value at the end in the page's number format. An
 * Observable Plot spec without Plot's inline style (the page's CSS colours it,
 * as `src/styles/charts.css` does for every chart).
 */
import * as Plot from '@observablehq/plot';
import { formatNumber, type Lang } from '../lib/format.ts';
import type { ChartBar } from './explore-result.ts';

const BAND = 40;

export function exploreChart(bars: ChartBar[], options: { lang: Lang; width: number; integer: boolean; document?: Document }): SVGSVGElement | HTMLElement {
  const points = bars.map((bar, index) => ({ ...bar, key: String(index) }));
  const values = points.map((p) => p.value);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values, low === 0 ? 1 : 0);
  const format = (value: number) => formatNumber(value, options.lang, options.integer ? 0 : 2);
  const chart = Plot.plot({
    ...(options.document ? { document: options.document } : {}),
    width: options.width,
    height: Math.max(1, points.length) * BAND + 32,
    marginLeft: 14,
    marginRight: 72,
    marginTop: 8,
    marginBottom: 24,
    x: { domain: [low, high], nice: true, grid: true, ticks: 4, tickFormat: format, label: null },
    y: { domain: points.map((p) => p.key), axis: null, paddingInner: 0.15 },
    marks: [
      Plot.barX(points, { x: 'value', y: 'key', fill: 'currentColor', fillOpacity: 0.75, insetTop: 18, className: 'chart-bar' }),
      Plot.text(points, { y: 'key', text: 'label', frameAnchor: 'left', textAnchor: 'start', dy: -9, fill: 'currentColor', lineWidth: 40 }),
      Plot.text(points, { x: 'value', y: 'key', text: (p: { value: number }) => format(p.value), dx: 4, dy: 9, textAnchor: 'start', fill: 'currentColor' }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
  });
  // The wrapper's role="img" carries the label (as Figure.astro): no ARIA on plain <g> elements.
  for (const labelled of chart.querySelectorAll('[aria-label]')) labelled.removeAttribute('aria-label');
  chart.setAttribute('aria-hidden', 'true');
  chart.querySelector('style')?.remove();
  chart.classList.add('explore-chart');
  return chart;
}
