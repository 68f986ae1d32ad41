/**
 * The one plain-language sentence under a chart's title, computed from the
 * same published rows the chart draws. Suppressed values never take part
 * (a suppressed value is unknown, not small). Templates come from the
 * caller's strings (`{label}`, `{value}`…), so these functions stay bilingual.
 */
import { formatPercent, formatPublished, type Lang, type ValueKind } from '../format.ts';
import { fill } from '../strings/topics.ts';
import { barsOf, type BarDatum } from './bar-chart.ts';
import { valueAt, type KmSeries } from './km-chart.ts';

/** The published row with the largest (or smallest) value; ties go to the first row. */
export function extreme(rows: BarDatum[], which: 'largest' | 'smallest'): BarDatum | undefined {
  let best: BarDatum | undefined;
  for (const row of barsOf(rows)) {
    const value = row.cell.value!;
    if (!best || (which === 'largest' ? value > best.cell.value! : value < best.cell.value!)) best = row;
  }
  return best;
}

export function extremeTakeaway(
  rows: BarDatum[],
  which: 'largest' | 'smallest',
  templates: { found: string; none: string },
  kind: ValueKind,
  lang: Lang,
): string {
  const row = extreme(rows, which);
  if (!row) return templates.none;
  return fill(templates.found, { label: row.label, value: formatPublished(row.cell, kind, lang) });
}

/**
 * What share of cases is still unresolved after `t` working days, read off
 * the published curves: one series → that value; several → the range.
 * Series whose value at t is suppressed or unobserved are left out.
 */
export function kmTakeaway(
  series: KmSeries[],
  t: number,
  templates: { one: string; range: string; none: string },
  lang: Lang,
): string {
  const known = series.flatMap((s) => {
    const value = valueAt(s.points, t);
    return typeof value === 'number' ? [{ label: s.label, value }] : [];
  });
  if (known.length === 0) return templates.none;
  if (known.length === 1) return fill(templates.one, { t, value: formatPercent(known[0]!.value, lang), label: known[0]!.label });
  const values = known.map((k) => k.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low === high) return fill(templates.one, { t, value: formatPercent(low, lang), label: known.map((k) => k.label).join(', ') });
  return fill(templates.range, { t, low: formatPercent(low, lang), high: formatPercent(high, lang) });
}
