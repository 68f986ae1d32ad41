/**
 * Colours of a map from published values. Pure.
 *
 * - A sequential, colour-blind-safe palette (ColorBrewer YlOrBr, 5 classes):
 *   darker = higher. Class breaks are round numbers over the published values
 *   (at most 5 classes), and each class's label states its exact range at the
 *   data's precision (`18,0–18,9%`), so the legend never hides a boundary.
 * - A suppressed value ("disamarkan") is never given a class: it gets its own
 *   hatched look. A missing value (no row in the release) is neutral,
 *   "tidak ada data". Neither is ever coloured as 0.
 * - Text on a coloured tile takes whichever of dark or white contrasts more
 *   with the fill (always at least 4.5:1 for this palette; tested).
 */
import { ticks } from 'd3-array';
import type { Published } from '../format.ts';

/** ColorBrewer YlOrBr, 5 classes (Cynthia Brewer, Apache-2.0 licensed scheme). */
export const PALETTE = ['#ffffd4', '#fed98e', '#fe9929', '#d95f0e', '#993404'] as const;
export const DARK_TEXT = '#1a1a1a';
export const LIGHT_TEXT = '#ffffff';
/** Largest number of classes (the palette's length). */
export const MAX_CLASSES = PALETTE.length;

export interface ColorClass {
  /** Lower bound, inclusive (the smallest value for the first class). */
  from: number;
  /** Upper bound at the data's precision, inclusive (the largest value for the last class). */
  to: number;
  fill: string;
  text: string;
}

export interface ColorScale {
  classes: ColorClass[];
  /** Class breaks: a value ≥ breaks[i] is in class i + 1. */
  breaks: number[];
  /** Smallest step of the values (0.1 for shares, 1 for counts). */
  precision: number;
}

export type Shade =
  | { state: 'value'; value: number; classIndex: number; fill: string; text: string }
  | { state: 'suppressed' }
  | { state: 'missing' };

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const textColorOn = (fill: string): string => (contrast(fill, DARK_TEXT) >= contrast(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT);

/** Palette colours for `n` classes, spread over the whole palette so few classes still differ clearly. */
function paletteFor(n: number): string[] {
  if (n === 1) return [PALETTE[2]];
  return Array.from({ length: n }, (_, i) => PALETTE[Math.round((i * (PALETTE.length - 1)) / (n - 1))]!);
}

const roundTo = (value: number, precision: number) => Math.round(value / precision) * precision;

/**
 * Round class breaks over the published values (never the suppressed ones).
 * Breaks lie strictly inside (min, max], so every class holds a value or
 * sits between two that do; an empty list gives a scale with no classes.
 */
export function buildColorScale(values: readonly number[], precision = 1): ColorScale {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { classes: [], breaks: [], precision };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  // No more classes than distinct values: a legend of empty classes says nothing.
  const maxBreaks = Math.min(MAX_CLASSES, new Set(finite).size) - 1;
  let breaks: number[] = [];
  for (let count = maxBreaks; count >= 1; count--) {
    breaks = ticks(min, max, count)
      .map((t) => roundTo(t, precision))
      .filter((t) => t > min && t <= max);
    if (breaks.length <= maxBreaks) break;
  }
  if (breaks.length > maxBreaks) {
    // Even the coarsest round ticks are too many: keep evenly spaced ones.
    const all = breaks;
    breaks = Array.from({ length: maxBreaks }, (_, i) => all[Math.floor(((i + 1) * all.length) / (maxBreaks + 1))]!);
  }
  const colors = paletteFor(breaks.length + 1);
  const decimals = Math.max(0, -Math.floor(Math.log10(precision) + 1e-9));
  const tidy = (v: number) => Number(v.toFixed(decimals));
  const classes = colors.map((fill, i) => ({
    from: i === 0 ? min : breaks[i - 1]!,
    to: i === breaks.length ? max : tidy(breaks[i]! - precision),
    fill,
    text: textColorOn(fill),
  }));
  return { classes, breaks, precision };
}

/** How a published cell is drawn: its class, or "disamarkan", or "tidak ada data". */
export function shadeFor(cell: Published | undefined, scale: ColorScale): Shade {
  if (cell?.suppressed) return { state: 'suppressed' };
  if (!cell || cell.value === null || !Number.isFinite(cell.value) || scale.classes.length === 0) return { state: 'missing' };
  const value = cell.value;
  const classIndex = scale.breaks.filter((b) => value >= b).length;
  const color = scale.classes[classIndex]!;
  return { state: 'value', value, classIndex, fill: color.fill, text: color.text };
}
