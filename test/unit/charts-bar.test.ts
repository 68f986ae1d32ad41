/**
 * The bar chart spec on a linkedom document, as the site build renders it:
 * a suppressed value gets no bar and reads "disamarkan", values are in the
 * reader's format, and the SVG scales by its viewBox.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { barChartSvg, barsOf, wrap, type BarDatum } from '../../src/lib/charts/bar-chart.ts';

const newDocument = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

const ROWS: BarDatum[] = [
  { key: '1', label: 'Desil 1 (termiskin)', cell: { value: 16150, suppressed: false } },
  { key: '2', label: 'Desil 2', cell: { value: null, suppressed: true } },
  { key: '3', label: 'Desil 3', cell: { value: 1234567, suppressed: false } },
  { key: '4', label: 'Desil 4', cell: { value: 0, suppressed: false } },
  { key: '5', label: 'Desil 5', cell: { value: 480, suppressed: false, atLeast: true } },
];

/** Parse the markup back into elements to look at it. */
function parse(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return document.querySelector('svg')!;
}

const texts = (svg: Element, className: string) => [...svg.querySelectorAll(`g.${className} text`)].map((t) => t.textContent);

describe('barChartSvg', () => {
  it('draws a bar for each published value and none for a suppressed one', () => {
    const svg = parse(barChartSvg({ rows: ROWS, kind: 'count', lang: 'id', document: newDocument() }));
    const bars = svg.querySelectorAll('g.chart-bar rect');
    // Desil 1, 3, 4 (a zero bar of width 0) and 5: not desil 2.
    expect(bars.length).toBe(4);
    expect(barsOf(ROWS).map((row) => row.key)).toEqual(['1', '3', '4', '5']);
    expect(texts(svg, 'chart-suppressed')).toEqual(['disamarkan']);
    // The suppressed row still has its label, so the reader sees which one is hidden.
    expect(texts(svg, 'chart-label')).toContain('Desil 2');
  });

  it('writes values in Indonesian or English format, zero as 0 and a lower bound as "sedikitnya"', () => {
    const id = parse(barChartSvg({ rows: ROWS, kind: 'count', lang: 'id', document: newDocument() }));
    expect(texts(id, 'chart-value')).toEqual(['16.150', '1.234.567', '0', 'sedikitnya 480']);
    const en = parse(barChartSvg({ rows: ROWS, kind: 'count', lang: 'en', document: newDocument() }));
    expect(texts(en, 'chart-value')).toEqual(['16,150', '1,234,567', '0', 'at least 480']);
    expect(texts(en, 'chart-suppressed')).toEqual(['suppressed']);
  });

  it('writes shares as percentages with a decimal comma on Indonesian pages', () => {
    const rows: BarDatum[] = [{ key: 'a', label: 'Masalah pembayaran', cell: { value: 50.7, suppressed: false } }];
    const svg = parse(barChartSvg({ rows, kind: 'percent', lang: 'id', document: newDocument(), max: 100 }));
    expect(texts(svg, 'chart-value')).toEqual(['50,7%']);
  });

  it('scales by a viewBox (no fixed size), is hidden from screen readers and has no inline style', () => {
    const markup = barChartSvg({ rows: ROWS, kind: 'count', lang: 'id', document: newDocument() });
    const svg = parse(markup);
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 380 \d+(\.\d+)?$/);
    expect(svg.hasAttribute('width')).toBe(false);
    expect(svg.hasAttribute('height')).toBe(false);
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(markup).not.toContain('<style');
    expect(svg.getAttribute('data-rows')).toBe('5');
  });

  it('gives longer bars to larger values', () => {
    const svg = parse(barChartSvg({ rows: ROWS.slice(0, 3), kind: 'count', lang: 'id', document: newDocument() }));
    const widths = [...svg.querySelectorAll('g.chart-bar rect')].map((rect) => Number(rect.getAttribute('width')));
    expect(widths).toHaveLength(2);
    expect(widths[1]!).toBeGreaterThan(widths[0]!);
  });

  it('renders when every value is suppressed', () => {
    const rows: BarDatum[] = [{ key: 'a', label: 'A', cell: { value: null, suppressed: true } }];
    const svg = parse(barChartSvg({ rows, kind: 'count', lang: 'id', document: newDocument() }));
    expect(svg.querySelectorAll('g.chart-bar rect').length).toBe(0);
    expect(texts(svg, 'chart-suppressed')).toEqual(['disamarkan']);
  });

  it('wraps a long label onto a second line at a space, and cuts what does not fit in two', () => {
    expect(wrap('Desil 1 (termiskin)', 40, 2)).toBe('Desil 1 (termiskin)');
    expect(wrap('Puskesos (pos desa) → SLRT Dinas Sosial → Kementerian Sosial', 40, 2)).toBe('Puskesos (pos desa) → SLRT Dinas Sosial\n→ Kementerian Sosial');
    expect(wrap('a b c d e f g h i j k l m n o p', 5, 2)).toBe('a b c\nd e…');
    const rows: BarDatum[] = [{ key: 'x', label: 'Layak tetapi tidak menerima (tenggat 14 hari kerja)', cell: { value: 60.9, suppressed: false } }];
    const svg = parse(barChartSvg({ rows, kind: 'percent', lang: 'id', document: newDocument(), max: 100 }));
    expect(svg.querySelectorAll('g.chart-label tspan').length).toBe(2);
  });
});
