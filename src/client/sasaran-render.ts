/**
 * Puts a targeting view into the Sasaran page: the ranked chart (the same
 * Plot spec the build renders), its title, takeaway, table and source line,
 * and the flag, quality and overlap tables. Loaded only after an interaction,
 * with DuckDB, so Observable Plot is never on the page's critical path.
 */
import { formatPeriod, type Lang } from '../lib/format.ts';
import { fill, TARGETING_STRINGS } from '../lib/strings/targeting.ts';
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

const part = (root: ParentNode, name: string): HTMLElement => {
  const element = root.querySelector<HTMLElement>(`[data-part="${name}"]`);
  if (!element) throw new Error(`Sasaran page: missing [data-part="${name}"]`);
  return element;
};

export function renderView(root: ParentNode, view: TargetingView, lang: Lang, release: string): void {
  const s = TARGETING_STRINGS[lang];
  const words = viewWords(view.state, lang);
  const plot = part(root, 'plot');
  const { ranked } = rankRegions(view.regions, view.state.metrik);
  const width = Math.max(280, Math.min(720, Math.round(plot.clientWidth || 480)));
  plot.replaceChildren(rankedChart(ranked, { lang, width }));
  plot.setAttribute('aria-label', `${rankedTitle(view.state, lang)}. ${fill(s.rankedAria, words)}`);
  part(root, 'title').textContent = rankedTitle(view.state, lang);
  part(root, 'takeaway').textContent = takeaway(view, lang);
  const capped = part(root, 'capped');
  capped.textContent = ranked.length > MAX_BARS ? fill(s.chartCapped, { shown: MAX_BARS, count: ranked.length }) : '';
  capped.hidden = ranked.length <= MAX_BARS;
  part(root, 'ranked-table').innerHTML = metricTableHtml(view, lang);
  part(root, 'source').textContent = fill(s.sourceTables, { tables: 'sasaran_program', period: formatPeriod(view.state.periode, lang), release });
  part(root, 'flags-caption').textContent = fill(s.flagsCaption, words);
  part(root, 'flags-table').innerHTML = flagsTableHtml(view, lang, 'flags-caption');
  part(root, 'quality').textContent = qualityText(view, lang);
  part(root, 'overlap-caption').textContent = fill(s.overlapCaption, words);
  part(root, 'overlap-table').innerHTML = overlapTableHtml(view, lang, 'overlap-caption');
}
