/**
 * Puts a targeting view into the Sasaran page: the ranked figure (the same
 * Plot spec the build renders; title, takeaway, note, table and source line
 * found by the chart contract's classes, as `Figure.astro` writes them),
 * and the flag, quality and overlap tables. Loaded only after an interaction,
 * with DuckDB, so Observable Plot is never on the page's critical path.
 */
import { formatPeriod, type Lang } from '../lib/format.ts';
import { fill, TARGETING_STRINGS } from '../lib/strings/targeting.ts';
import { TOPIC_UI } from '../lib/strings/topics.ts';
import { MAX_BARS, rankedChart } from '../lib/targeting/ranked-chart.ts';
import {
  flagsTableHtml,
  metricTableHtml,
  overlapTableHtml,
  qualityText,
  rankedTitle,
  rankRegions,
  takeaway,
  viewWords,
  type TargetingView,
} from '../lib/targeting/view.ts';

const find = (root: ParentNode, selector: string): HTMLElement => {
  const element = root.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`Sasaran page: missing ${selector}`);
  return element;
};
const part = (root: ParentNode, name: string) => find(root, `[data-part="${name}"]`);
/** The embed route has the ranked figure only: parts it lacks are skipped. */
const hasPart = (root: ParentNode, name: string) => root.querySelector(`[data-part="${name}"]`) !== null;

/** The ranked figure's parts, by the chart contract's classes (`Figure.astro`). */
function updateFigure(figure: HTMLElement, view: TargetingView, lang: Lang, release: string): void {
  const s = TARGETING_STRINGS[lang];
  const ui = TOPIC_UI[lang];
  const title = rankedTitle(view.state, lang);
  const plot = find(figure, '.chart__plot');
  const { ranked } = rankRegions(view.regions, view.state.metrik);
  const width = Math.max(280, Math.min(720, Math.round(plot.clientWidth || 480)));
  plot.replaceChildren(rankedChart(ranked, { lang, width }));
  plot.setAttribute('aria-label', `${title}. ${fill(s.rankedAria, viewWords(view.state, lang))}`);
  find(figure, '.chart__title').textContent = title;
  figure.dataset.period = formatPeriod(view.state.periode, lang); // names the export bar's files
  find(figure, '.chart__takeaway').textContent = takeaway(view, lang);
  const capped = ranked.length > MAX_BARS ? fill(s.chartCapped, { shown: MAX_BARS, count: ranked.length }) : '';
  let note = figure.querySelector<HTMLElement>('.chart__note');
  if (capped && !note) {
    note = document.createElement('p');
    note.className = 'chart__note';
    plot.after(note);
  }
  if (note) {
    note.textContent = capped;
    note.hidden = capped === '';
  }
  const box = find(figure, '.chart__table .table-scroll');
  box.innerHTML = metricTableHtml(view, lang);
  box.setAttribute('aria-label', `${ui.dataTable}: ${title}`);
  const code = document.createElement('code');
  code.textContent = release;
  find(figure, '.chart__source').replaceChildren(
    `${ui.sourceLabel}: sasaran_program · ${ui.periodLabel}: ${formatPeriod(view.state.periode, lang)} · ${ui.releaseLabel}: `,
    code,
  );
}

/** What depends on the regions' rows: the ranked figure and the flags. */
export function renderRegions(root: ParentNode, view: TargetingView, lang: Lang, release: string): void {
  const s = TARGETING_STRINGS[lang];
  updateFigure(find(root, '#sasaran-ranked'), view, lang, release);
  if (!hasPart(root, 'flags-table')) return;
  part(root, 'flags-caption').textContent = fill(s.flagsCaption, viewWords(view.state, lang));
  part(root, 'flags-table').innerHTML = flagsTableHtml(view, lang, 'flags-caption');
}

/** The rest: records without a region, and program overlap. */
export function renderExtras(root: ParentNode, view: TargetingView, lang: Lang): void {
  const s = TARGETING_STRINGS[lang];
  if (!hasPart(root, 'quality')) return;
  part(root, 'quality').textContent = qualityText(view, lang);
  part(root, 'overlap-caption').textContent = fill(s.overlapCaption, viewWords(view.state, lang));
  part(root, 'overlap-table').innerHTML = overlapTableHtml(view, lang, 'overlap-caption');
}
