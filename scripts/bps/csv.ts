/** A small CSV reader that keeps each record's line number (quotes doubled inside quoted fields; CR LF, LF or CR). */

export interface CsvRecord {
  /** Line the record starts on, 1-based, as a text editor or spreadsheet shows it. */
  line: number;
  cells: string[];
}

/** Parses CSV text (quotes doubled inside quoted fields; CR LF or LF). */
export const parseCsvRecords = (text: string, delimiter: string): CsvRecord[] => {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === delimiter) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      records.push({ line: start, cells });
      cells = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    records.push({ line: start, cells });
  }
  return records;
};

export const parseCsvText = (text: string, delimiter: string): string[][] => parseCsvRecords(text.replace(/^\uFEFF/, ''), delimiter).map((r) => r.cells);
