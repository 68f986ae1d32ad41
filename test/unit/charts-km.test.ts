/**
 * The Kaplan–Meier chart spec and the reading of a published curve: the
 * implied 100% start, values read at a time, suppressed points that break
 * the line, a key that names each series, and a scalable SVG.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { kmChartSvg, stepPoints, valueAt, type KmSeries } from '../../src/lib/charts/km-chart.ts';

const newDocument = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const parse = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document.querySelector('svg')!;

const JATIM: KmSeries = {
  key: '35',
  label: 'Jawa Timur',
  points: [
    { t: 2, value: 80 },
    { t: 5, value: 50 },
    { t: 14, value: 20 },
    { t: 90, value: 5 },
  ],
};
const RIAU: KmSeries = {
  key: '21',
  label: 'Kepulauan Riau',
  points: [
    { t: 3, value: 70 },
    { t: 6, value: null },
    { t: 20, value: 30 },
  ],
};

describe('reading a published curve', () => {
  it('starts at 100% before the first published time', () => {
    expect(stepPoints(JATIM.points)[0]).toEqual({ t: 0, value: 100 });
    expect(valueAt(JATIM.points, 1)).toBe(100);
  });

  it('holds each value until the next step', () => {
    expect(valueAt(JATIM.points, 5)).toBe(50);
    expect(valueAt(JATIM.points, 13)).toBe(50);
    expect(valueAt(JATIM.points, 14)).toBe(20);
  });

  it('is unknown after the last observed time and null where suppressed', () => {
    expect(valueAt(RIAU.points, 25)).toBeUndefined();
    expect(valueAt(RIAU.points, 10)).toBeNull();
  });
});

describe('kmChartSvg', () => {
  const render = () =>
    kmChartSvg({
      series: [JATIM, RIAU],
      lang: 'id',
      document: newDocument(),
      xLabel: 'Hari kerja sejak diterima →',
      yLabel: '↑ Belum selesai',
      rules: [{ t: 14, label: 'tenggat 14 hari' }],
    });

  it('draws one step line per series, each with its own dash pattern, and names them in a key', () => {
    const svg = parse(render());
    const lines = [...svg.querySelectorAll('g.chart-series path')];
    // Two plotted lines and two key samples.
    expect(lines.length).toBe(4);
    const plotted = [...svg.querySelectorAll('g[aria-label="line"] g.chart-series')];
    expect(plotted.map((g) => g.getAttribute('stroke-dasharray') ?? '')).toEqual(['', '7 3']);
    expect([...svg.querySelectorAll('g.chart-legend text')].map((t) => t.textContent)).toEqual(['Jawa Timur', 'Kepulauan Riau']);
    expect(svg.getAttribute('data-series')).toBe('2');
  });

  it('breaks a line at a suppressed point instead of drawing it at 0', () => {
    const svg = parse(render());
    const riau = svg.querySelectorAll('g[aria-label="line"]')[1]!.querySelector('path')!.getAttribute('d')!;
    // Two separate segments (a gap), and no point at the bottom of the plot.
    expect(riau.match(/M/g)!.length).toBe(2);
  });

  it('labels the axes in Indonesian format and marks the deadline', () => {
    const markup = render();
    expect(markup).toContain('100%');
    expect(markup).toContain('tenggat 14 hari');
    expect(markup).toContain('Hari kerja sejak diterima');
  });

  it('scales by a viewBox that includes the key, and has no inline style', () => {
    const markup = render();
    const svg = parse(markup);
    const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect(width).toBe(380);
    expect(height).toBeGreaterThan(300 + 2 * 20);
    expect(svg.hasAttribute('width')).toBe(false);
    expect(markup).not.toContain('<style');
  });
});
