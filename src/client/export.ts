/**
 * The export bar under every chart (`Figure.astro`) and plain data table
 * (`TableScroll.astro`): CSV of the table as shown now, the chart as SVG and
 * PNG, and for charts with an embed route an `<iframe>` snippet. Works from
 * the DOM only, so whatever a page script has re-rendered (Sasaran's
 * filtered view) is what gets exported. The bars are `hidden` in the HTML
 * and shown here: without JavaScript nothing that cannot work is offered
 * (the data table itself is in the page). Design: `docs/downloads-and-reports.md`.
 */
import { exportFileName, tableToCsv, type ExportCell, type ExportTable } from '../lib/export/csv.ts';
import { EXPORT_STRINGS } from '../lib/strings/export.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
const s = EXPORT_STRINGS[lang];

/** Text of an element without its `.sub` notes (codes, hints), spaces collapsed. */
function plainText(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  for (const sub of clone.querySelectorAll('.sub')) sub.remove();
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** One cell's machine value: `<data value>` (the unformatted number), suppressed (`data-suppressed`), or its text (`–` = none). */
function readCell(cell: Element): ExportCell {
  const data = cell.querySelector('data[value]');
  if (data) return { value: data.getAttribute('value') ?? '', suppressed: false };
  if (cell.querySelector('[data-suppressed]')) return { value: '', suppressed: true };
  const text = plainText(cell);
  return { value: text === '–' ? '' : text, suppressed: false };
}

/** The table as shown: published column names where cells carry `data-col`, else the header text; `kode_wilayah` first where rows carry one. */
export function readTable(table: HTMLTableElement): ExportTable {
  const bodyRows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  const headerRow = table.querySelector('thead tr:last-child');
  const headers = headerRow ? [...headerRow.children].map(plainText) : [];
  const width = Math.max(headers.length, ...bodyRows.map((row) => row.cells.length));
  const columns = Array.from({ length: width }, (_, i) => {
    const named = bodyRows.map((row) => row.cells[i]?.dataset.col).find((name) => name);
    return named ?? headers[i] ?? `kolom_${i + 1}`;
  });
  const rows = bodyRows.map((row) => Array.from({ length: width }, (_, i) => (row.cells[i] ? readCell(row.cells[i]) : { value: '', suppressed: false })));
  const withCode = bodyRows.some((row) => row.dataset.kode);
  return withCode
    ? { columns: ['kode_wilayah', ...columns], rows: rows.map((cells, r) => [{ value: bodyRows[r]!.dataset.kode ?? '', suppressed: false }, ...cells]) }
    : { columns, rows };
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Presentation properties copied from the page's CSS onto each SVG element, so colours survive outside it. */
const STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'paint-order', 'visibility',
];

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const declarations = STYLE_PROPERTIES.map((name) => `${name}:${computed.getPropertyValue(name)}`).filter((d) => !d.endsWith(':'));
  target.setAttribute('style', declarations.join(';'));
  const from = source.children;
  const to = target.children;
  for (let i = 0; i < from.length; i += 1) inlineStyles(from[i]!, to[i]!);
}

/** The chart's SVG as drawn now (the visible one where CSS picks one of two widths). */
function visibleSvg(figure: Element): SVGSVGElement | null {
  const all = [...figure.querySelectorAll<SVGSVGElement>('.chart__plot svg, svg.map__svg')].filter((svg) => !svg.parentElement?.closest('svg'));
  return all.find((svg) => svg.getBoundingClientRect().width > 0) ?? all[0] ?? null;
}

/** Lines of at most `max` characters, broken at spaces (a long title in the exported image). */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A standalone SVG: title, the chart with its CSS inlined, the source line, on the page's background. */
export function standaloneSvg(figure: Element, title: string, source: string): { markup: string; width: number; height: number } | null {
  const svg = visibleSvg(figure);
  if (!svg) return null;
  const box = svg.viewBox.baseVal;
  const chartWidth = box && box.width > 0 ? box.width : svg.getBoundingClientRect().width;
  const chartHeight = box && box.height > 0 ? box.height : svg.getBoundingClientRect().height;
  const pad = 12;
  const width = Math.ceil(Math.max(chartWidth, 320) + 2 * pad);
  const chars = Math.floor((width - 2 * pad) / 8.5);
  const titleLines = wrap(title, chars);
  const sourceLines = wrap(source, Math.floor((width - 2 * pad) / 6.5));
  // A map's colour key (its HTML list under the SVG), so the image says what the colours mean.
  const legend = [...figure.querySelectorAll('.map__legend li')].map((item) => ({
    swatch: item.querySelector('.map__swatch-box'),
    label: (item.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
  const top = pad + titleLines.length * 20 + 8;
  const legendTop = top + chartHeight + 8;
  const height = Math.ceil(legendTop + legend.length * 20 + 4 + sourceLines.length * 15 + pad);
  const page = getComputedStyle(document.body);
  const fontFamily = page.fontFamily.replace(/"/g, "'");

  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.setAttribute('font-family', fontFamily);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', page.backgroundColor);
  out.append(background);
  const text = (lines: string[], y: number, size: number, weight: string, colour: string, step: number) => {
    const element = document.createElementNS(SVG_NS, 'text');
    element.setAttribute('font-size', String(size));
    element.setAttribute('font-weight', weight);
    element.setAttribute('fill', colour);
    lines.forEach((line, i) => {
      const span = document.createElementNS(SVG_NS, 'tspan');
      span.setAttribute('x', String(pad));
      span.setAttribute('y', String(y + i * step));
      span.textContent = line;
      element.append(span);
    });
    return element;
  };
  const titleText = text(titleLines, pad + 15, 16, '700', page.color, 20);
  titleText.setAttribute('class', 'export-title');
  out.append(titleText);
  const chart = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, chart);
  chart.removeAttribute('class');
  chart.removeAttribute('aria-hidden');
  chart.setAttribute('x', String(pad));
  chart.setAttribute('y', String(top));
  chart.setAttribute('width', String(chartWidth));
  chart.setAttribute('height', String(chartHeight));
  chart.setAttribute('color', page.color);
  chart.style.overflow = 'visible';
  out.append(chart);
  legend.forEach((entry, i) => {
    const y = legendTop + i * 20;
    if (entry.swatch) {
      const swatch = document.createElementNS(SVG_NS, 'rect');
      const style = getComputedStyle(entry.swatch);
      for (const [name, value] of [['x', pad], ['y', y], ['width', 14], ['height', 14], ['rx', 2]] as const) swatch.setAttribute(name, String(value));
      swatch.setAttribute('style', `fill:${style.fill};stroke:${style.stroke};stroke-width:${style.strokeWidth};stroke-dasharray:${style.strokeDasharray}`);
      out.append(swatch);
    }
    const label = text([entry.label], y + 12, 13, '400', page.color, 0);
    label.firstElementChild!.setAttribute('x', String(pad + 22));
    out.append(label);
  });
  const sourceText = text(sourceLines, legendTop + legend.length * 20 + 14, 12, '400', getComputedStyle(figure.querySelector('.chart__source') ?? figure).color, 15);
  out.append(sourceText);
  return { markup: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`, width, height };
}

/** The SVG drawn at 2× on a canvas. The SVG is loaded as a `data:` URL, which the CSP's `img-src 'self' data:` already allows. */
async function pngOf(svg: { markup: string; width: number; height: number }): Promise<Blob> {
  const image = new Image();
  const bytes = new TextEncoder().encode(svg.markup);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = svg.width * 2;
  canvas.height = svg.height * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.scale(2, 2);
  context.drawImage(image, 0, 0, svg.width, svg.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas.toBlob failed'))), 'image/png'));
}

const textOf = (root: Element, selector: string) => (root.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Wires one export bar (idempotent: a bar set up twice would download twice). Exported for bars drawn later, e.g. Jelajah's quick chart. */
export function setUpBar(bar: HTMLElement): void {
  if (bar.dataset.exportReady !== undefined) return;
  bar.dataset.exportReady = '';
  const holder = bar.closest<HTMLElement>('figure.chart, figure.map') ?? bar.parentElement!;
  const id = bar.dataset.exportId ?? holder.id;
  const names = () => ({ id, release: holder.dataset.release ?? document.querySelector<HTMLElement>('[data-release]')?.dataset.release, period: holder.dataset.period });
  const table = () => (bar.dataset.exportTable ? document.getElementById(bar.dataset.exportTable)?.querySelector('table') : holder.querySelector<HTMLTableElement>('.chart__table table')) ?? null;
  const title = () => (document.getElementById(bar.dataset.title ?? '')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  /** The figure's source line; a map has none, so the release stands in. */
  const source = () => textOf(holder, '.chart__source') || ['Terang', names().release].filter(Boolean).join(' · ');
  const svg = () => standaloneSvg(holder, title(), source());

  bar.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-export]');
    if (!button) return;
    const kind = button.dataset.export;
    if (kind === 'csv') {
      const found = table();
      if (found) download(new Blob([tableToCsv(readTable(found))], { type: 'text/csv;charset=utf-8' }), exportFileName(names(), 'csv'));
    } else if (kind === 'svg') {
      const drawn = svg();
      if (drawn) download(new Blob([drawn.markup], { type: 'image/svg+xml' }), exportFileName(names(), 'svg'));
    } else if (kind === 'png') {
      const drawn = svg();
      if (drawn) void pngOf(drawn).then((blob) => download(blob, exportFileName(names(), 'png')));
    } else if (kind === 'embed') toggleEmbed(bar, button, holder);
  });
  bar.hidden = false;
}

function toggleEmbed(bar: HTMLElement, button: HTMLButtonElement, holder: HTMLElement): void {
  const panel = document.getElementById(button.getAttribute('aria-controls') ?? '');
  if (!panel) return;
  const open = button.getAttribute('aria-expanded') !== 'true';
  // The frame's height: the figure as it stands (before the panel opens) and the link back.
  const height = Math.ceil((holder.getBoundingClientRect().height + 60) / 10) * 10;
  button.setAttribute('aria-expanded', String(open));
  panel.hidden = !open;
  if (!open) return;
  const code = panel.querySelector('textarea')!;
  const src = new URL(`${bar.dataset.embed}${location.search}`, location.href).href;
  const title = `${s.embedTitle}: ${(document.getElementById(bar.dataset.title ?? '')?.textContent ?? '').replace(/\s+/g, ' ').trim()}`.replace(/"/g, '&quot;');
  code.value = `<iframe src="${src}" title="${title}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
  code.focus();
  code.select();
  const status = panel.querySelector<HTMLElement>('[role="status"]')!;
  status.textContent = '';
  const copy = panel.querySelector<HTMLButtonElement>('button[data-copy]')!;
  copy.onclick = () => {
    code.select();
    navigator.clipboard?.writeText(code.value).then(
      () => (status.textContent = s.copied),
      () => (status.textContent = s.copyFailed),
    ) ?? (status.textContent = s.copyFailed);
  };
}

for (const bar of document.querySelectorAll<HTMLElement>('[data-export-bar]')) setUpBar(bar);
// On an embed page, the link back to the full page keeps the view (the query string).
if (location.search) for (const back of document.querySelectorAll<HTMLAnchorElement>('a[data-embed-back]')) back.search = location.search;
