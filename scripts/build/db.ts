/**
 * The build's one seam to DuckDB: open a database, run SQL, read rows as plain
 * JavaScript. Everything heavy happens in SQL (STACK.md: loops in JavaScript
 * are 10–20× slower).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface Db {
  run(sql: string): Promise<void>;
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** A result by column (name → values), for reading many rows into typed arrays. */
  columns(sql: string): Promise<Record<string, unknown[]>>;
  close(): void;
}

export interface DbOptions {
  /** ':memory:' or a file path for the working database. */
  path?: string;
  threads?: number;
  memoryLimit?: string;
  tempDirectory?: string;
}

/** BIGINT comes back as bigint; the build's numbers fit in a double, so plain numbers are easier downstream. */
const plain = (value: unknown): unknown => {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
};

export const openDb = async (options: DbOptions = {}): Promise<Db> => {
  const config: Record<string, string> = {};
  if (options.threads) config.threads = String(options.threads);
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const connection: DuckDBConnection = await instance.connect();
  return {
    async run(sql) {
      await connection.run(sql);
    },
    async all<T>(sql: string) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((row) => plain(row) as T);
    },
    async columns(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getColumnsObjectJS() as Record<string, unknown[]>;
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
};

/** Statements that take at least this long are logged by runStatements. */
const SLOW_STATEMENT_MS = 2000;

/**
 * Runs a script one statement at a time (statements end with `;` at the end of a line), so a
 * long build can say where its time goes: each slow statement is logged with its first line.
 */
export const runStatements = async (db: Db, sql: string, log?: (line: string) => void): Promise<void> => {
  for (const statement of sql.split(/;[ \t]*\n/).map((s) => s.trim()).filter((s) => s.replace(/--.*$/gm, '').trim() !== '')) {
    const started = performance.now();
    await db.run(statement);
    const ms = performance.now() - started;
    if (log && ms >= SLOW_STATEMENT_MS) {
      const head = statement.replace(/--.*$/gm, '').trim().split('\n')[0]!.slice(0, 70);
      log(`    ${head} … ${(ms / 1000).toFixed(1)} s`);
    }
  }
};
