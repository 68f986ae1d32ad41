/**
 * Kaplan–Meier curves as published in `pengaduan_km`: the share of cases not
 * yet resolved after t working days, a step line per series (a region or a
 * category), 100% before the first published point. A suppressed point
 * breaks the line (never drawn as 0). Series differ by colour and dash
 * pattern, named in a key under the plot, so colour is not the only cue. Pure: rows, labels and a `document` in, SVG markup out.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber, type Lang } from '../format.ts';
import { finishSvg } from './svg.ts';

export interface KmPoint {
  /** Working days since receipt. */
  t: number;
  /** `persen_belum_selesai` (S(t) × 100); null when suppressed. */
  value: number | null;
}

export interface KmSeries {
  key: string;
  label: string;
  points: KmPoint[];
}

export interface KmChartOptions {
  series: KmSeries[];
  lang: Lang;
  document: Document;
  xLabel: string;
  yLabel: string;
  /** Vertical reference lines, e.g. a deadline in working days. */
  rules?: { t: number; label: string }[];
  width?: number;
  fontSize?: number;
  /** The time axis ends here (default 60 working days, the longest resolution standard); later steps are clipped. */
  xMax?: number;
}

export const SERIES_DASHES = ['', '7 3', '2 3', '10 3 2 3', '4 4', '1 2'];

/** The published points with the implied start (t = 0, 100%), sorted by t. */
export const stepPoints = (points: KmPoint[]): KmPoint[] => {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  return sorted[0]?.t === 0 ? sorted : [{ t: 0, value: 100 }, ...sorted];
};

/** S(t) read off a published curve: the value at the last point at or before t (100 before the first). */
export function valueAt(points: KmPoint[], t: number): number | null | undefined {
  let value: number | null | undefined = 100;
  for (const point of stepPoints(points)) {
    if (point.t > t) break;
    value = point.value;
  }
  // After the last observed time the curve is unknown.
  const last = stepPoints(points).at(-1);
  return last && t > last.t ? undefined : value;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const LEGEND_ROW = 22;

/** A key under the plot: a sample of each line (colour and dash) and its name. */
function appendLegend(document: Document, svg: Element, series: KmSeries[], top: number, left: number, fontSize: number): void {
  const legend = document.createElementNS(SVG_NS, 'g');
  legend.setAttribute('class', 'chart-legend');
  series.forEach((s, index) => {
    const y = top + index * LEGEND_ROW + LEGEND_ROW / 2;
    const line = document.createElementNS(SVG_NS, 'g');
    line.setAttribute('class', `chart-series chart-series-${index % 6}`);
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', `M${left},${y}h32`);
    path.setAttribute('stroke', '#0b5cad');
    path.setAttribute('stroke-width', '2.5');
    path.setAttribute('fill', 'none');
    const dash = SERIES_DASHES[index % SERIES_DASHES.length];
    if (dash) path.setAttribute('stroke-dasharray', dash);
    line.appendChild(path);
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(left + 40));
    text.setAttribute('y', String(y));
    text.setAttribute('dy', '0.32em');
    text.setAttribute('text-anchor', 'start');
    text.setAttribute('font-size', String(fontSize));
    text.textContent = s.label;
    legend.appendChild(line);
    legend.appendChild(text);
  });
  svg.appendChild(legend);
}

export function kmChartSvg({ series, lang, document, xLabel, yLabel, rules = [], width = 380, fontSize = 14, xMax = 60 }: KmChartOptions): string {
  const height = 300;
  const marginTop = 30;
  const marginBottom = 42;
  const marginLeft = 50;
  const marginRight = 16;
  const observed = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.t)), ...rules.map((r) => r.t));
  const maxT = Math.min(observed, xMax);
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: { domain: [0, maxT], label: xLabel, labelAnchor: 'center', labelOffset: 36, tickFormat: (d: number) => formatNumber(d, lang), ticks: 5 },
    y: { domain: [0, 100], label: yLabel, labelAnchor: 'top', ticks: [0, 25, 50, 75, 100], tickFormat: (d: number) => `${formatNumber(d, lang)}%`, grid: true },
    marks: [
      Plot.ruleY([0], { className: 'chart-axis' }),
      ...rules.flatMap((rule) => [
        Plot.ruleX([rule.t], { className: 'chart-rule', strokeDasharray: '3 3' }),
        Plot.text([rule], { x: 't', y: () => 100, text: 'label', textAnchor: 'start', dx: 4, dy: 2, lineAnchor: 'top', className: 'chart-rule-label' }),
      ]),
      ...series.map((s, index) =>
        Plot.line(stepPoints(s.points), {
          x: 't',
          y: (p: KmPoint) => p.value ?? undefined,
          curve: 'step-after',
          clip: true,
          stroke: '#0b5cad',
          strokeWidth: 2.25,
          strokeDasharray: SERIES_DASHES[index % SERIES_DASHES.length],
          className: `chart-series chart-series-${index % 6}`,
        }),
      ),
    ],
  });
  const root = svg as unknown as Element;
  const legendTop = height + 4;
  const total = legendTop + series.length * LEGEND_ROW + 4;
  appendLegend(document, root, series, legendTop, marginLeft, fontSize);
  root.setAttribute('viewBox', `0 0 ${width} ${total}`);
  return finishSvg(root, fontSize).replace('<svg ', `<svg data-series="${series.length}" `);
}
