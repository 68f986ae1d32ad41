/**
 * The Sasaran page's controls. On load this only reads the URL, sets the
 * controls and shows them (they are hidden in the HTML: without JavaScript
 * the page is the build-time default view). DuckDB-wasm and Plot start
 * loading when a reader reaches for a control (pointer down, focus, key), and
 * are used when a control changes, or at once when the URL asks for a view
 * other than the default (a shared link), saying so while they load. The view
 * state lives in the query string (`url-state.ts`); Back and Forward move
 * between views. If loading fails or times out, the previous view stays.
 */
import { fill, TARGETING_STRINGS } from '../lib/strings/targeting.ts';
import { periodLabel, readTargetingView, targetingFields, viewWords, type TargetingConfig, type TargetingState, type TargetingView } from '../lib/targeting/view.ts';
import { parseState, sameState, serialiseState } from './url-state.ts';

/** Give up when starting DuckDB makes no progress for this long (the download reports progress). */
const DUCKDB_TIMEOUT_MS = 15_000;

function setUp(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form[data-config]');
  const status = root.querySelector<HTMLElement>('[data-part="status"]');
  if (!form || !status) return;
  const config = JSON.parse(form.dataset.config ?? '{}') as TargetingConfig;
  const s = TARGETING_STRINGS[config.lang];
  const fields = targetingFields(config);
  const select = (name: string) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  const defaultState = parseState('', fields) as TargetingState;
  /** The view the page shows now (the build-time default until a query succeeds). */
  let shown = defaultState;
  let latestRequest = 0;

  const setPeriods = (program: string, periode: string) => {
    const periods = config.programs.find((p) => p.kode === program)?.periods ?? [];
    const periodSelect = select('periode');
    periodSelect.replaceChildren(...periods.map((value) => new Option(periodLabel(value, config.lang), value)));
    periodSelect.value = periode;
  };
  const setControls = (state: TargetingState) => {
    select('program').value = state.program;
    setPeriods(state.program, state.periode);
    select('metrik').value = state.metrik;
    select('tingkat').value = state.tingkat;
  };
  const readControls = (): TargetingState => {
    const params = new URLSearchParams();
    for (const name of ['program', 'periode', 'metrik', 'tingkat']) params.set(name, select(name).value);
    return parseState(params.toString(), fields) as TargetingState;
  };
  const say = (text: string, state: 'loading' | 'ready' | 'error' | 'idle') => {
    status.textContent = text;
    root.dataset.state = state;
  };

  let progress: ((loaded: number, total: number) => void) | undefined;
  /** Views read so far, by program, period and level (a page visit reads few). */
  const views = new Map<string, TargetingView>();
  /** DuckDB and the chart code, started once (on the first interaction, or on a hint of one). */
  let engine: Promise<[import('./duckdb.ts').BrowserDuckDB, typeof import('./sasaran-render.ts')]> | null = null;
  const startEngine = () =>
    (engine ??= Promise.all([
      import('./duckdb.ts').then(({ openDuckDB }) =>
        openDuckDB({
          attach: [{ name: config.databaseUrl.split('/').at(-1) ?? 'terang.duckdb', url: config.databaseUrl, schema: 'r', whole: config.databaseWhole }],
          timeoutMs: DUCKDB_TIMEOUT_MS,
          onProgress: (loaded, total) => progress?.(loaded, total),
        }),
      ),
      import('./sasaran-render.ts'),
    ]).catch((error: unknown) => {
      engine = null; // a later change tries again
      throw error;
    }));

  async function show(state: TargetingState, fromLink = false): Promise<void> {
    const request = ++latestRequest;
    root.setAttribute('aria-busy', 'true');
    say(fromLink ? s.loadingFromLink : s.loadingEngine, 'loading');
    progress = (loaded, total) => {
      if (request === latestRequest && total > 0 && !fromLink) say(fill(s.loadingEngineProgress, { percent: `${Math.round((100 * loaded) / total)}%` }), 'loading');
    };
    try {
      performance.mark('sasaran:request');
      const [db, { renderRegions, renderExtras }] = await startEngine();
      performance.mark('sasaran:engine-ready');
      if (request !== latestRequest) return;
      say(s.loadingQuery, 'loading');
      // The chart redraws as soon as the regions are read; the overlap and quality lines follow.
      const firstResult = (regions: TargetingView['regions']) => {
        if (request !== latestRequest) return;
        renderRegions(root, { state, regions, overlap: [], quality: null }, config.lang, config.release);
        performance.mark('sasaran:first-result');
      };
      // The rows carry every measure: switching only the measure re-renders the rows already read.
      const key = `${state.program}|${state.periode}|${state.tingkat}`;
      let rows = views.get(key);
      if (rows) firstResult(rows.regions);
      else rows = await readTargetingView((sql, params) => db.query(sql, params), state, firstResult);
      views.set(key, rows);
      performance.mark('sasaran:queried');
      if (request !== latestRequest) return;
      renderExtras(root, { ...rows, state }, config.lang);
      performance.mark('sasaran:rendered');
      shown = state;
      const words = viewWords(state, config.lang);
      say(fill(s.loaded, { view: `${words.program}, ${words.period}, ${words.metric.toLowerCase()}, ${words.level}` }), 'ready');
    } catch (error) {
      if (request !== latestRequest) return;
      const reason = error instanceof Error && error.name === 'DuckDBTimeoutError' ? s.timeout : error instanceof Error ? error.message : String(error);
      say(fill(s.failed, { reason }), 'error');
      // The controls and the URL go back to the view still on screen.
      setControls(shown);
      history.replaceState(history.state, '', `${location.pathname}${serialiseState(shown, fields, { keep: location.search })}${location.hash}`);
    } finally {
      if (request === latestRequest) root.removeAttribute('aria-busy');
    }
  }

  const fromUrl = parseState(location.search, fields) as TargetingState;
  setControls(fromUrl);
  // The embed route (`/sematkan/sasaran-ranked/`) shows the view its link names, without controls.
  form.hidden = root.hasAttribute('data-embed');
  form.addEventListener('submit', (event) => event.preventDefault());
  // A reader reaching for a control is about to change it: start loading then, not on page load.
  for (const hint of ['pointerdown', 'focusin', 'keydown']) form.addEventListener(hint, () => void startEngine().catch(() => undefined), { once: true });
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLSelectElement;
    if (target.name === 'program') setPeriods(target.value, config.programs.find((p) => p.kode === target.value)?.defaultPeriod ?? '');
    const state = readControls();
    history.pushState(null, '', `${location.pathname}${serialiseState(state, fields, { keep: location.search })}${location.hash}`);
    void show(state);
  });
  window.addEventListener('popstate', () => {
    const state = parseState(location.search, fields) as TargetingState;
    setControls(state);
    if (!sameState(state, shown, fields)) void show(state);
  });
  if (!sameState(fromUrl, defaultState, fields)) void show(fromUrl, true);
}

const root = document.querySelector<HTMLElement>('[data-sasaran]');
if (root) setUp(root);
