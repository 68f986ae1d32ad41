/**
 * The Jelajah (SQL explorer) page's first script: small on purpose. It shows
 * the console (hidden in the HTML: without JavaScript the page is the table
 * list and the examples), puts the URL's query in it, and loads the engine
 * (`explore-run.ts`, DuckDB-wasm) only when a reader runs a query, or at once
 * when the URL holds one (a shared link), saying so. Back and Forward move
 * between queries.
 */
import { EXPLORE_STRINGS } from '../lib/strings/explore.ts';
import type { Lang } from '../lib/format.ts';
import { exploreSearch, parseExploreUrl, type ExploreUrlState } from './explore-url.ts';

export interface ExploreConfig {
  lang: Lang;
  databaseUrl: string;
  release: string;
}

function setUp(root: HTMLElement): void {
  const consoleBox = root.querySelector<HTMLElement>('.explore-console[data-config]');
  const form = root.querySelector<HTMLFormElement>('[data-part="form"]');
  const sql = root.querySelector<HTMLTextAreaElement>('[data-part="sql"]');
  const status = root.querySelector<HTMLElement>('[data-part="status"]');
  if (!consoleBox || !form || !sql || !status) return;
  const statusLine: HTMLElement = status;
  const config = JSON.parse(consoleBox.dataset.config ?? '{}') as ExploreConfig;
  const s = EXPLORE_STRINGS[config.lang];

  let explorer: Promise<import('./explore-run.ts').Explorer> | null = null;
  const load = () =>
    (explorer ??= import('./explore-run.ts')
      .then(({ createExplorer }) => createExplorer(root, config))
      .catch((error: unknown) => {
        explorer = null;
        throw error;
      }));

  const setUrl = (state: ExploreUrlState, push: boolean) => {
    const url = `${location.pathname}${exploreSearch(state, location.search)}${location.hash}`;
    if (push) history.pushState(null, '', url);
    else history.replaceState(history.state, '', url);
  };

  async function run(state: ExploreUrlState, options: { fromLink?: boolean; push?: boolean } = {}) {
    if (state.q.trim() === '') {
      statusLine.textContent = s.emptySql;
      root.dataset.state = 'idle';
      return;
    }
    if (options.push !== undefined) setUrl(state, options.push);
    statusLine.textContent = options.fromLink ? s.loadingFromLink : s.loadingEngine;
    root.dataset.state = 'loading';
    try {
      const engine = await load();
      await engine.run(state.q, state.page, { fromLink: options.fromLink === true, onPage: (page) => setUrl({ q: state.q, page }, false) });
    } catch (error) {
      // Loading the module itself failed (offline): the runner reports its own failures.
      statusLine.textContent = s.errorStart.replace('{reason}', error instanceof Error ? error.message : String(error));
      root.dataset.state = 'error';
    }
  }

  consoleBox.hidden = false;
  const fromUrl = parseExploreUrl(location.search);
  sql.value = fromUrl.q;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run({ q: sql.value, page: 1 }, { push: sql.value !== parseExploreUrl(location.search).q });
  });
  sql.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-use-example]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const code = button.closest('[data-example]')?.querySelector('code')?.textContent ?? '';
      sql.value = code;
      sql.focus();
      sql.scrollIntoView({ block: 'center' });
      form.requestSubmit();
    });
  }
  window.addEventListener('popstate', () => {
    const state = parseExploreUrl(location.search);
    sql.value = state.q;
    if (state.q.trim() !== '') void run(state);
  });
  if (fromUrl.q.trim() !== '') void run(fromUrl, { fromLink: true });
}

const root = document.querySelector<HTMLElement>('[data-explore]');
if (root) setUp(root);
