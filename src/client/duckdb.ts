/**
 * DuckDB-wasm in the browser, started lazily: one instance per page, created
 * on the first `openDuckDB()` call (never on page load), in a web worker, from
 * files this site serves itself (the `eh` bundle; Vite's `?url` imports give
 * hashed same-origin URLs). It attaches database files read-only over HTTP
 * range requests, so a query reads only the blocks it needs, or, for a small
 * file marked `whole`, fetched in one request while the wasm compiles.
 *
 * Findings this follows (docs: ../shared STACK.md, docs/deploy.md):
 * - `open()` with these filesystem settings must come first: without it the
 *   whole file is downloaded; with `reliableHeadRequests: true` the attach fails;
 * - `instantiate()` never settles when the wasm cannot compile (a CSP without
 *   `'wasm-unsafe-eval'`) or cannot be fetched: starting is wrapped in a
 *   stall timeout.
 *
 * Generic on purpose: the Sasaran page uses it, a SQL explorer can too.
 * Import this module dynamically (`await import('./duckdb.ts')`) so neither
 * it nor DuckDB's JavaScript is on a page's critical path.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export type Row = Record<string, string | number | boolean | null>;

export interface AttachedFile {
  /** Name DuckDB knows the file by, e.g. `terang.duckdb`. */
  name: string;
  /** URL of the file (made absolute against the page). */
  url: string;
  /** Schema it is attached as, e.g. `r`. */
  schema: string;
  /**
   * Fetch the whole file (compressed, in one request) while the wasm compiles, and attach it
   * from memory: for a small file, one request instead of the 20–30 sequential range reads
   * that attaching and a first query need (each a round trip, which a phone network makes slow).
   */
  whole?: boolean;
}

export interface OpenOptions {
  /** Attached read-only, in order. The first caller's list wins: there is one instance per page. */
  attach: AttachedFile[];
  /** Give up (and stop the worker) when starting makes no progress for this long. Default 15 s. */
  timeoutMs?: number;
  /** Bytes of the wasm file loaded so far, while it downloads. */
  onProgress?: (loaded: number, total: number) => void;
}

export interface BrowserDuckDB {
  /** Run one statement; `params` bind `$1`, `$2`… in order. Rows as plain objects, BIGINT as number. */
  query(sql: string, params?: (string | number)[]): Promise<Row[]>;
  /**
   * Prepare one statement and discard it, without running it: DuckDB parses,
   * binds and plans it, and the promise rejects with DuckDB's error when any
   * of that fails (the SQL explorer's read-only check uses this).
   */
  prepare(sql: string): Promise<void>;
  /**
   * Run a statement that may take long (a reader's own SQL), cancellably. `cancel()` first asks
   * DuckDB (`cancelSent`, the pending-query API); if the query has not stopped within
   * `CANCEL_GRACE_MS` (DuckDB-wasm 1.32 runs a query like a big cross join to the end inside
   * `START_PENDING_QUERY`, so the request waits behind it), the worker is terminated and this
   * instance is closed: the next `openDuckDB()` starts a fresh one (the wasm is cached).
   * Resolves to the Arrow result (column types kept); rejects with `DuckDBCancelledError`.
   */
  send(sql: string): SentQuery;
  /** True once a cancel had to stop the worker: open a new instance with `openDuckDB()`. */
  closed(): boolean;
}

/** The Arrow result of `send()`: its schema and record batches. */
export interface SentResult {
  schema: { fields: { name: string; type: { typeId: number; scale?: number; toString(): string } }[] };
  batches: { numRows: number; getChildAt(index: number): { get(row: number): unknown } | null }[];
}

export interface SentQuery {
  result: Promise<SentResult>;
  /** Ask DuckDB to stop; true when a running statement was told to stop. */
  cancel(): Promise<boolean>;
}

export class DuckDBCancelledError extends Error {
  constructor() {
    super('The query was cancelled');
    this.name = 'DuckDBCancelledError';
  }
}

export class DuckDBTimeoutError extends Error {
  constructor(ms: number) {
    super(`DuckDB made no progress starting for ${ms} ms`);
    this.name = 'DuckDBTimeoutError';
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** How long `cancel()` waits for DuckDB to stop a query before it terminates the worker. */
const CANCEL_GRACE_MS = 1_500;
let opening: Promise<BrowserDuckDB> | null = null;

/** The page's DuckDB, started on first call; a failed start can be retried by calling again. */
export function openDuckDB(options: OpenOptions): Promise<BrowserDuckDB> {
  opening ??= start(options).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Whether `openDuckDB()` has already succeeded or is under way (for "loading…" messages). */
export const duckDBStarted = (): boolean => opening !== null;

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function start(options: OpenOptions): Promise<BrowserDuckDB> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Marks (`duckdb:*`) let `npm run bench:site` split a cold start into its steps.
  performance.mark('duckdb:start');
  const worker = new Worker(workerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  // A stall timer, not a deadline: every progress report of the wasm download restarts it, so
  // a slow phone network is never cut off, while a start that hangs (the wasm cannot compile,
  // or its download failed inside DuckDB's worker, which only logs it) ends after `timeoutMs`.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fail: (error: Error) => void = () => undefined;
  const timeout = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const restartTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(new DuckDBTimeoutError(timeoutMs)), timeoutMs);
  };
  restartTimer();
  // Whole files download alongside the wasm; their bytes wait for the database to open.
  const wholeFiles = new Map(
    options.attach
      .filter((file) => file.whole)
      .map((file) => [
        file.name,
        fetch(new URL(file.url, location.href).href).then(async (response) => {
          if (!response.ok) throw new Error(`${file.url}: HTTP ${response.status}`);
          return new Uint8Array(await response.arrayBuffer());
        }),
      ]),
  );
  for (const bytes of wholeFiles.values()) bytes.catch(() => undefined); // awaited below; a failure there fails the start
  const ready = (async () => {
    await db.instantiate(wasmUrl, null, (progress) => {
      restartTimer();
      options.onProgress?.(progress.bytesLoaded, progress.bytesTotal);
    });
    performance.mark('duckdb:instantiated');
    await db.open({ filesystem: { reliableHeadRequests: false, allowFullHTTPReads: true, forceFullHTTPReads: false } });
    const connection = await db.connect();
    performance.mark('duckdb:opened');
    for (const file of options.attach) {
      const bytes = wholeFiles.get(file.name);
      if (bytes) await db.registerFileBuffer(file.name, await bytes);
      else await db.registerFileURL(file.name, new URL(file.url, location.href).href, duckdb.DuckDBDataProtocol.HTTP, false);
      await connection.query(`ATTACH ${sqlString(file.name)} AS "${file.schema.replaceAll('"', '')}" (READ_ONLY)`);
    }
    performance.mark('duckdb:attached');
    return connection;
  })();
  let connection: duckdb.AsyncDuckDBConnection;
  try {
    connection = await Promise.race([ready, timeout]);
  } catch (error) {
    worker.terminate();
    throw error;
  } finally {
    clearTimeout(timer);
  }

  // Once the worker is terminated (a cancel that DuckDB did not honour in time), everything
  // pending or queued rejects at once instead of waiting for a reply that never comes.
  let closed = false;
  let stop: (error: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => undefined);
  const terminate = () => {
    closed = true;
    worker.terminate();
    opening = null; // the next openDuckDB() starts a new instance
    stop(new DuckDBCancelledError());
  };
  const unlessStopped = <T>(work: Promise<T>): Promise<T> => Promise.race([work, stopped]);

  // One connection runs one statement at a time: queue them.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      if (closed) throw new DuckDBCancelledError();
      return work();
    });
    const guarded = unlessStopped(run);
    queue = guarded.catch(() => undefined);
    return guarded;
  };
  return {
    closed: () => closed,
    query(sql, params = []) {
      return enqueue(async () => {
        if (params.length === 0) return toRows(await connection.query(sql));
        const statement = await connection.prepare(sql);
        try {
          return toRows(await statement.query(...params));
        } finally {
          await statement.close();
        }
      });
    },
    prepare(sql) {
      return enqueue(async () => {
        const statement = await connection.prepare(sql);
        await statement.close();
      });
    },
    send(sql) {
      let state: 'queued' | 'running' | 'done' | 'cancelled' = 'queued';
      // A function, so TypeScript does not narrow `state` across the awaits where `cancel()` may change it.
      const cancelled = () => state === 'cancelled';
      const work = queue.then(async (): Promise<SentResult> => {
        if (cancelled() || closed) throw new DuckDBCancelledError();
        state = 'running';
        try {
          const reader = await connection.send(sql, false);
          // The reader's schema is gone once it has been read to the end: keep it first (an empty result has no batch to ask).
          const schema = reader.schema;
          const batches = [];
          for await (const batch of reader) batches.push(batch);
          if (cancelled()) throw new DuckDBCancelledError();
          return { schema: (batches[0]?.schema ?? schema) as unknown as SentResult['schema'], batches: batches as unknown as SentResult['batches'] };
        } catch (error) {
          // After `cancelSent`, polling fails with an engine message about the lost query: say what happened instead.
          throw cancelled() ? new DuckDBCancelledError() : error;
        } finally {
          if (!cancelled()) state = 'done';
        }
      });
      const result = unlessStopped(work);
      queue = result.catch(() => undefined);
      return {
        result,
        async cancel() {
          if (state === 'done' || state === 'cancelled') return false;
          const wasRunning = state === 'running';
          state = 'cancelled';
          if (!wasRunning) return false;
          // Not awaited: the request waits in the worker's queue while the query runs.
          void connection.cancelSent().catch(() => false);
          const ended = await Promise.race([
            work.then(() => true, () => true),
            new Promise<false>((resolve) => setTimeout(() => resolve(false), CANCEL_GRACE_MS)),
          ]);
          if (!ended) terminate();
          return true;
        },
      };
    },
  };
}

function toRows(table: { toArray(): { toJSON(): Record<string, unknown> }[] }): Row[] {
  return table.toArray().map((record) => {
    const row: Row = {};
    for (const [key, value] of Object.entries(record.toJSON())) {
      if (typeof value === 'bigint') row[key] = Number(value);
      else if (value === null || value === undefined) row[key] = null;
      else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') row[key] = value;
      else row[key] = String(value);
    }
    return row;
  });
}
