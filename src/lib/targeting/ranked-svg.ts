/**
 * Build-time SVG of a ranked chart (Sasaran's ranked regions and verval
 * recency), at a phone's and a wide screen's width (CSS shows one), so its
 * text is readable on both without JavaScript. The browser redraws the
 * ranked chart with the same spec at the box's real width.
 */
import type { Lang } from '../format.ts';
import { serverDocument } from '../charts/server-document.ts';
import { rankedChart } from './ranked-chart.ts';
import type { RankedPoint } from './view.ts';

export const RANKED_CHART_WIDTHS = { narrow: 340, wide: 640 } as const;

export function rankedSvg(points: RankedPoint[], lang: Lang): string {
  const document = serverDocument();
  return Object.entries(RANKED_CHART_WIDTHS)
    .map(([size, width]) => {
      const chart = rankedChart(points, { lang, width, document }) as Element;
      chart.classList.add(`chart__svg--${size}`);
      return chart.outerHTML;
    })
    .join('');
}
