/**
 * Horizontal bars, one row per category, the label above its bar and the
 * value after it, so long Indonesian labels fit a 360-px phone. A suppressed
 * value gets no bar and reads "disamarkan"/"suppressed" where the bar would
 * start; a lower bound ("sedikitnya") draws the published part and says so.
 * Pure: rows, labels and a `document` in, SVG markup out.
 */
import * as Plot from '@observablehq/plot';
import { formatPublished, type Lang, type Published, type ValueKind } from '../format.ts';
import { finishSvg, textWidth } from './svg.ts';

export interface BarDatum {
  key: string;
  label: string;
  cell: Published;
}

export interface BarChartOptions {
  rows: BarDatum[];
  kind: ValueKind;
  lang: Lang;
  document: Document;
  /** Width of the viewBox in px (default 380); the SVG scales to its box. */
  width?: number;
  /** Font size in viewBox px (default 14). */
  fontSize?: number;
  /** Upper end of the value axis (default: the largest value; 100 suits percentages). */
  max?: number;
}

/** Bar thickness in viewBox px; the space above each bar holds its label (one or two lines). */
const BAR = 19;
const MAX_LABEL_LINES = 2;

/** Rows that get a bar: published, not suppressed, a number. */
export const barsOf = (rows: BarDatum[]): BarDatum[] =>
  rows.filter((row) => !row.cell.suppressed && row.cell.value !== null && Number.isFinite(row.cell.value));

/** A label broken into at most `maxLines` lines of `perLine` characters at spaces, the rest cut with an ellipsis. */
export function wrap(label: string, perLine: number, maxLines: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.join('\n');
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, perLine - 1).trimEnd()}…`;
  return kept.join('\n');
}

export function barChartSvg({ rows, kind, lang, document, width = 380, fontSize = 14, max }: BarChartOptions): string {
  const bars = barsOf(rows);
  const valueText = (row: BarDatum) => formatPublished(row.cell, kind, lang);
  const largest = Math.max(0, ...bars.map((row) => row.cell.value ?? 0));
  const marginRight = 8 + Math.max(0, ...rows.map((row) => textWidth(valueText(row), fontSize)));
  const marginTop = 4;
  const marginBottom = 4;
  // Long labels wrap onto a second line (and are cut after it); the table has them in full.
  const perLine = Math.max(8, Math.floor((width - 6) / (0.6 * fontSize)));
  const fitted = rows.map((row) => ({ ...row, label: wrap(row.label, perLine, MAX_LABEL_LINES) }));
  const lines = Math.max(1, ...fitted.map((row) => row.label.split('\n').length));
  const row = BAR + 8 + lines * (fontSize + 3);
  const padding = 1 - BAR / row;
  const height = marginTop + marginBottom + row * (rows.length + padding);
  const bandwidth = BAR;
  const keys = rows.map((row) => row.key);
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft: 2,
    marginRight,
    x: { domain: [0, max ?? (largest || 1)], axis: null },
    y: { domain: keys, axis: null, padding, align: 0.5 },
    marks: [
      Plot.barX(bars, { x: (row: BarDatum) => row.cell.value, y: 'key', className: 'chart-bar', fill: '#0b5cad' }),
      Plot.ruleX([0], { className: 'chart-axis' }),
      Plot.text(fitted, {
        x: () => 0,
        y: 'key',
        text: 'label',
        textAnchor: 'start',
        lineAnchor: 'bottom',
        dy: -bandwidth / 2 - 3,
        lineHeight: 1.15,
        className: 'chart-label',
      }),
      Plot.text(
        rows.filter((row) => !row.cell.suppressed),
        { x: (row: BarDatum) => row.cell.value ?? 0, y: 'key', text: valueText, textAnchor: 'start', dx: 5, className: 'chart-value' },
      ),
      Plot.text(
        rows.filter((row) => row.cell.suppressed),
        { x: () => 0, y: 'key', text: valueText, textAnchor: 'start', dx: 5, className: 'chart-suppressed', fontStyle: 'italic' },
      ),
    ],
  });
  return finishSvg(svg as unknown as Element, fontSize).replace('<svg ', `<svg data-rows="${keys.length}" `);
}
