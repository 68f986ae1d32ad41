/**
 * Streams CSV rows to disk in ~64 KB chunks. Generators call `write` for
 * every row synchronously and `await drain()` between desa, so memory stays
 * bounded by one desa's output whatever the scale.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import iconv from 'iconv-lite';

const CHUNK_CHARS = 64 * 1024;

export interface CsvFormat {
  separator: ',' | ';' | '\t' | '|';
  bom: boolean;
  encoding: 'utf8' | 'win1252';
}

export type Row = Record<string, string>;

/** Rewrites a row before it is written (`--messy`); returns the rows to write instead. */
export type RowFilter = (row: Row, index: number) => readonly Row[];

const NEEDS_QUOTES: Record<string, RegExp> = { ',': /[",\r\n]/, ';': /[";\r\n]/, '\t': /["\t\r\n]/, '|': /["|\r\n]/ };

export const formatLine = (cells: readonly string[], separator: string): string => {
  const special = NEEDS_QUOTES[separator] ?? /["\r\n]/;
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (i > 0) line += separator;
    line += special.test(cell) || cell.includes(separator) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return `${line}\r\n`;
};

export class CsvFileWriter {
  readonly columns: readonly string[];
  /** The first rows written, kept to build the broken exports of `--messy`. */
  readonly head: string[][] = [];
  rows = 0;
  private pending = '';
  private readonly stream: WriteStream;
  private readonly format: CsvFormat;
  private filter: RowFilter | undefined;
  private inputIndex = 0;

  constructor(file: string, columns: readonly string[], format: CsvFormat, filter?: RowFilter) {
    this.columns = columns;
    this.format = format;
    this.filter = filter;
    this.stream = createWriteStream(file);
    if (format.bom) this.pending = '\uFEFF';
    this.pending += formatLine(columns, format.separator);
  }

  write(row: Row): void {
    const rows = this.filter ? this.filter(row, this.inputIndex++) : [row];
    for (const r of rows) {
      const cells = this.columns.map((name) => r[name] ?? '');
      if (this.head.length < 60) this.head.push(cells);
      this.pending += formatLine(cells, this.format.separator);
      this.rows++;
    }
    if (this.pending.length >= CHUNK_CHARS) this.flushChunk();
  }

  private flushChunk(): void {
    if (this.pending.length === 0) return;
    const bytes = this.format.encoding === 'win1252' ? iconv.encode(this.pending, 'win1252') : Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.stream.write(bytes);
  }

  /** Waits while the stream's buffer is over its high-water mark (backpressure). */
  async drain(): Promise<void> {
    if (!this.stream.writableNeedDrain) return;
    await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    this.flushChunk();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
