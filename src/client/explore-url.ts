/**
 * The Jelajah page's URL state: `?q=<sql>&hal=<page>`, so a shared link
 * reproduces a result. Tiny and dependency-free: the page's first script
 * reads it before anything else loads.
 */

export interface ExploreUrlState {
  /** The query, as typed; '' when none. */
  q: string;
  /** 1-based result page. */
  page: number;
}

/** `?q=<sql>&hal=<page>` (page omitted when 1); other parameters are kept. */
export function parseExploreUrl(search: string): ExploreUrlState {
  const params = new URLSearchParams(search);
  const page = Number.parseInt(params.get('hal') ?? '1', 10);
  return { q: params.get('q') ?? '', page: Number.isFinite(page) && page >= 1 ? page : 1 };
}

export function exploreSearch(state: ExploreUrlState, keep = ''): string {
  const params = new URLSearchParams(keep);
  params.delete('q');
  params.delete('hal');
  if (state.q.trim() !== '') params.set('q', state.q);
  if (state.q.trim() !== '' && state.page > 1) params.set('hal', String(state.page));
  const search = params.toString();
  return search ? `?${search}` : '';
}
