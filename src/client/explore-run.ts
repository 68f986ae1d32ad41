/**
 * The Jelajah page's engine and result view, loaded when a reader first runs
 * a query. DuckDB-wasm comes from the shared loader (`duckdb.ts`), with the
 * release attached read-only as schema `r`; then, once:
 *
 * - `USE r`, so tables can be named on their own (`sasaran_program`);
 * - no extension is installed or loaded on demand (DuckDB would fetch it from
 *   its own site), external access is off (no `read_csv('https://…')`, no
 *   other file, no ATTACH), and the configuration is locked so a query cannot
 *   turn them back on.
 *
 * Each query is first checked by DuckDB's own parser, in this engine: the
 * page prepares `FROM query('<the reader's SQL>')` (`readOnlyCheckSql`), which
 * DuckDB refuses unless the text is exactly one SELECT statement (SELECT,
 * WITH, FROM…, VALUES, DESCRIBE, SHOW, SUMMARIZE, UNPIVOT, PIVOT … IN (…)).
 * Only when that preparation succeeds does the reader's text run, so the
 * in-memory catalog is not written either (no TEMP view can shadow a
 * published table). It then runs with `send()`, which the Cancel button
 * interrupts (`cancelSent`). The page stays usable after any failure: the
 * next query runs on the same engine.
 */
import { formatNumber } from '../lib/format.ts';
import { EXPLORE_STRINGS } from '../lib/strings/explore.ts';
import { EXPORT_STRINGS } from '../lib/strings/export.ts';
import { fill } from '../lib/strings/targeting.ts';
import { DuckDBCancelledError, openDuckDB, type BrowserDuckDB, type SentQuery } from './duckdb.ts';
import type { ExploreConfig } from './explore.ts';
import type { SheetData } from 'write-excel-file/browser';
import {
  cellText,
  chartBars,
  engineMessage,
  chartShape,
  MAX_CHART_BARS,
  MAX_ROWS,
  pageOf,
  readOnlyCheckSql,
  readOnlyVerdict,
  shapeResult,
  suppressionFlags,
  toCsv,
  xlsxRows,
  type ResultTable,
} from './explore-result.ts';

/** Give up when starting DuckDB makes no progress for this long (the download reports progress). */
const DUCKDB_TIMEOUT_MS = 15_000;

/** Run once on the fresh engine, in order; each must succeed before any reader's query runs. */
export const LOCKDOWN_STATEMENTS = [
  'USE r',
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

export interface Explorer {
  run(sql: string, page: number, options: { fromLink: boolean; onPage: (page: number) => void }): Promise<void>;
}

class QueryRefused extends Error {}

export async function createExplorer(root: HTMLElement, config: ExploreConfig): Promise<Explorer> {
  const s = EXPLORE_STRINGS[config.lang];
  const part = <T extends HTMLElement>(name: string) => root.querySelector<T>(`[data-part="${name}"]`)!;
  const status = part('status');
  const errorBox = part('error');
  const resultBox = part('result');
  const runButton = part<HTMLButtonElement>('run');
  const cancelButton = part<HTMLButtonElement>('cancel');
  const say = (text: string, state: 'loading' | 'running' | 'ready' | 'error' | 'cancelled') => {
    status.textContent = text;
    root.dataset.state = state;
  };

  let progress: ((loaded: number, total: number) => void) | undefined;
  let engine: Promise<BrowserDuckDB> | null = null;
  const startEngine = async () => {
    // A cancel that had to stop DuckDB's worker closed that instance: start a new one.
    if (engine && (await engine.catch(() => null))?.closed()) engine = null;
    return (engine ??= (async () => {
      const db = await openDuckDB({
        attach: [{ name: 'terang.duckdb', url: config.databaseUrl, schema: 'r' }],
        timeoutMs: DUCKDB_TIMEOUT_MS,
        onProgress: (loaded, total) => progress?.(loaded, total),
      });
      for (const statement of LOCKDOWN_STATEMENTS) await db.query(statement);
      return db;
    })().catch((error: unknown) => {
      engine = null; // the next run tries again
      throw error;
    }));
  };

  let current: ResultTable | null = null;
  let running: SentQuery | null = null;
  let latest = 0;
  let onPage: (page: number) => void = () => undefined;

  cancelButton.addEventListener('click', () => {
    if (!running) return;
    say(s.cancelling, 'running');
    void running.cancel();
  });
  part('previous').addEventListener('click', () => showPage(shownPage - 1, true));
  part('next').addEventListener('click', () => showPage(shownPage + 1, true));
  part('download-csv').addEventListener('click', () => {
    if (current) saveBlob(new Blob([toCsv(current)], { type: 'text/csv;charset=utf-8' }), `${fileStem()}.csv`);
  });
  part('download-xlsx').addEventListener('click', () => {
    if (current) void saveXlsx(current);
  });

  const fileStem = () => `terang-jelajah-${config.release || 'rilis'}`;

  async function saveXlsx(result: ResultTable) {
    const { default: writeXlsxFile } = await import('write-excel-file/browser');
    const rows = xlsxRows(result) as unknown as SheetData;
    const blob = await writeXlsxFile(rows, { sheet: config.lang === 'id' ? 'Hasil' : 'Result', stickyRowsCount: 1 }).toBlob();
    saveBlob(blob, `${fileStem()}.xlsx`);
  }

  function setBusy(busy: boolean) {
    cancelButton.hidden = !busy;
    runButton.disabled = busy;
    if (busy) root.setAttribute('aria-busy', 'true');
    else root.removeAttribute('aria-busy');
  }

  function showError(message: string | null, text: string) {
    const title = document.createElement('p');
    title.className = 'explore-error__title';
    title.textContent = s.errorTitle;
    const children: HTMLElement[] = [title];
    if (message !== null) {
      const lead = document.createElement('p');
      lead.textContent = s.errorEngine;
      const pre = document.createElement('pre');
      pre.className = 'explore-error__message';
      pre.textContent = message;
      const hint = document.createElement('p');
      hint.textContent = text;
      children.push(lead, pre, hint);
    } else {
      const body = document.createElement('p');
      body.textContent = text;
      children.push(body);
    }
    errorBox.replaceChildren(...children);
    errorBox.hidden = false;
  }

  let shownPage = 1;
  function showPage(page: number, fromButton = false) {
    if (!current) return;
    const view = pageOf(current, page);
    shownPage = view.page;
    part('table').replaceChildren(resultTable(current, view.rows, view.first, view.last));
    const paging = part('paging');
    paging.hidden = view.pages <= 1;
    part<HTMLButtonElement>('previous').disabled = view.page <= 1;
    part<HTMLButtonElement>('next').disabled = view.page >= view.pages;
    part('page-of').textContent = fill(s.pageOf, { page: formatNumber(view.page, config.lang), pages: formatNumber(view.pages, config.lang) });
    if (fromButton) onPage(view.page);
  }

  function resultTable(result: ResultTable, rows: ResultTable['rows'], first: number, last: number): HTMLElement {
    const flags = suppressionFlags(result.columns);
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    scroll.setAttribute('role', 'region');
    scroll.tabIndex = 0;
    scroll.setAttribute('aria-labelledby', 'explore-result-caption');
    const table = document.createElement('table');
    table.className = 'explore-table';
    const caption = table.createCaption();
    caption.id = 'explore-result-caption';
    caption.textContent =
      result.rows.length === 0
        ? s.resultCaptionEmpty
        : fill(s.resultCaption, { first: formatNumber(first, config.lang), last: formatNumber(last, config.lang), rows: formatNumber(result.rows.length, config.lang) });
    const headRow = table.createTHead().insertRow();
    for (const column of result.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column.name;
      if (column.kind === 'number') th.className = 'num';
      headRow.append(th);
    }
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      row.forEach((value, index) => {
        const column = result.columns[index]!;
        const flag = flags[index];
        const suppressed = flag !== null && flag !== undefined && row[flag] === true;
        const td = tr.insertCell();
        td.textContent = cellText(value, column, config.lang, suppressed);
        td.dataset.col = column.name;
        const classes = [column.kind === 'number' ? 'num' : '', value === null ? 'explore-null' : '', suppressed ? 'explore-suppressed' : '', column.kind === 'boolean' && value === true ? 'explore-true' : ''];
        td.className = classes.filter(Boolean).join(' ');
      });
    }
    scroll.append(table);
    return scroll;
  }

  async function drawChart(result: ResultTable) {
    const box = part('chart');
    const shape = chartShape(result);
    if (!shape) {
      const p = document.createElement('p');
      p.className = 'note';
      p.textContent = s.chartNone;
      box.replaceChildren(p);
      return;
    }
    const { bars, withoutValue, left } = chartBars(result, shape);
    const labelName = result.columns[shape.label]!.name;
    const valueName = result.columns[shape.value]!.name;
    const { exploreChart } = await import('./explore-chart.ts');
    const figure = document.createElement('figure');
    figure.className = 'chart explore-figure';
    figure.id = 'jelajah-chart';
    figure.dataset.release = config.release;
    const title = document.createElement('figcaption');
    title.className = 'chart__title';
    title.id = 'jelajah-chart-title';
    title.textContent = fill(s.chartTitle, { value: valueName, label: labelName });
    const plot = document.createElement('div');
    plot.className = 'chart__plot';
    plot.setAttribute('role', 'img');
    plot.setAttribute('aria-label', fill(s.chartAria, { value: valueName, label: labelName, count: bars.length }));
    figure.append(title, plot);
    box.replaceChildren(figure);
    const width = Math.max(280, Math.min(640, plot.clientWidth || box.clientWidth || 320));
    plot.append(exploreChart(bars, { lang: config.lang, width, integer: result.columns[shape.value]!.integer }));
    const notes = [withoutValue > 0 ? fill(s.chartLeftOut, { count: formatNumber(withoutValue, config.lang) }) : '', left > 0 ? fill(s.chartCapped, { shown: MAX_CHART_BARS, count: formatNumber(bars.length + left, config.lang) }) : ''];
    for (const note of notes.filter(Boolean)) {
      const p = document.createElement('p');
      p.className = 'chart__note';
      p.textContent = note;
      figure.append(p);
    }
    figure.append(exportBar(title.id));
    const { setUpBar } = await import('./export.ts');
    setUpBar(figure.querySelector<HTMLElement>('[data-export-bar]')!);
  }

  /** The quick chart's SVG and PNG buttons, the same markup as `ExportBar.astro` (the result's CSV and XLSX are above). */
  function exportBar(titleId: string): HTMLElement {
    const e = EXPORT_STRINGS[config.lang];
    const bar = document.createElement('div');
    bar.className = 'export-bar';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-labelledby', `jelajah-chart-export-label ${titleId}`);
    bar.dataset.exportBar = '';
    bar.dataset.exportId = 'jelajah-chart';
    bar.dataset.title = titleId;
    const label = document.createElement('span');
    label.id = 'jelajah-chart-export-label';
    label.className = 'visually-hidden';
    label.textContent = e.barLabel;
    bar.append(label);
    for (const kind of ['svg', 'png'] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.id = `jelajah-chart-export-${kind}`;
      button.dataset.export = kind;
      button.setAttribute('aria-labelledby', `${button.id} ${titleId}`);
      button.textContent = e[kind];
      bar.append(button);
    }
    return bar;
  }

  /**
   * Lets `sql` through only when DuckDB's parser, asked by preparing
   * `readOnlyCheckSql(sql)` (nothing runs), finds exactly one read statement.
   * A refusal becomes the page's sentence; any other failure of the check is
   * DuckDB's message, and the text does not run either.
   */
  async function check(db: BrowserDuckDB, sql: string) {
    let error: string | null = null;
    try {
      await db.prepare(readOnlyCheckSql(sql));
    } catch (failure) {
      if (failure instanceof DuckDBCancelledError) throw failure;
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const verdict = readOnlyVerdict(error);
    if (verdict.kind === 'refused') throw new QueryRefused(s.errorNotSelect);
    if (verdict.kind === 'error') throw new Error(verdict.message);
  }

  return {
    async run(sql, page, options) {
      const request = ++latest;
      onPage = options.onPage;
      if (running) await running.cancel();
      setBusy(true);
      errorBox.hidden = true;
      progress = (loaded, total) => {
        if (request === latest && total > 0 && !options.fromLink) say(fill(s.loadingEngineProgress, { percent: `${Math.round((100 * loaded) / total)}%` }), 'loading');
      };
      try {
        if (sql.trim() === '') throw new QueryRefused(s.emptySql);
        let db: BrowserDuckDB;
        try {
          db = await startEngine();
        } catch (error) {
          const reason = error instanceof Error && error.name === 'DuckDBTimeoutError' ? s.timeout : error instanceof Error ? error.message : String(error);
          if (request === latest) say(fill(s.errorStart, { reason }), 'error');
          return;
        }
        if (request !== latest) return;
        say(s.running, 'running');
        const started = performance.now();
        await check(db, sql);
        if (request !== latest) return;
        const sent = (running = db.send(sql));
        const result = shapeResult(await sent.result, MAX_ROWS);
        if (request !== latest) return;
        current = result;
        resultBox.hidden = false;
        const truncated = part('truncated');
        truncated.hidden = result.totalRows <= result.rows.length;
        truncated.textContent = fill(s.truncated, { total: formatNumber(result.totalRows, config.lang), kept: formatNumber(result.rows.length, config.lang) });
        showPage(page);
        if (shownPage !== page) options.onPage(shownPage);
        await drawChart(result);
        const seconds = formatNumber((performance.now() - started) / 1000, config.lang, 1);
        say(fill(s.done, { rows: formatNumber(result.totalRows, config.lang), seconds }), 'ready');
      } catch (error) {
        if (request !== latest) return;
        current = null;
        resultBox.hidden = true;
        if (error instanceof DuckDBCancelledError) {
          say(s.cancelled, 'cancelled');
        } else if (error instanceof QueryRefused) {
          showError(null, error.message);
          say(s.errorTitle, 'error');
        } else {
          showError(engineMessage(error instanceof Error ? error.message : String(error)), s.errorHint);
          say(s.errorTitle, 'error');
        }
      } finally {
        if (request === latest) {
          running = null;
          setBusy(false);
        }
      }
    },
  };
}

function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
