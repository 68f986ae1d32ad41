/**
 * The shape of an input contract. `contracts.ts` holds the values; this file
 * holds only the types so that validation, the sample generator and the docs
 * generator can share them without importing each other.
 */

/** Text in both site languages: Bahasa Indonesia first, English second. */
export interface Bilingual {
  id: string;
  en: string;
}

/**
 * How a raw cell is read. Every type accepts the spellings Dinas exports
 * really contain (see `docs/data-contracts.md`), then is normalised.
 */
export type ColumnType =
  | 'nik' //            16-digit population number (personal data)
  | 'kk' //             16-digit family card number (personal data)
  | 'region_code' //    Kemendagri code, with or without dots
  | 'integer'
  | 'decimal'
  | 'rupiah' //         whole rupiah, no decimals
  | 'date' //           dd/mm/yyyy or yyyy-mm-dd
  | 'timestamp' //      date, optionally followed by hh:mm[:ss]
  | 'period' //         yyyy-mm
  | 'enum'
  | 'boolean' //        1/0, Y/T, YA/TIDAK, true/false
  | 'text';

export interface ColumnContract {
  /** Canonical header, lower-case snake_case. Headers match case-insensitively. */
  name: string;
  type: ColumnType;
  required: boolean;
  description: Bilingual;
  /** For `enum`: the canonical codes. Matching is case-insensitive. */
  allowed?: readonly string[];
  /** For `enum`: the codes are the `column` of a reference file (by contract id) instead. */
  allowedFrom?: { file: string; column: string };
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** For `region_code`: which level the code must be. */
  regionLevel?: 'province' | 'regency' | 'district' | 'village';
  /** For dates: a date after the build's reference date is allowed (a holiday calendar looks ahead). */
  allowFuture?: boolean;
  /** Personal data: never leaves the build, is masked in reports. */
  personal?: boolean;
  /** Other header spellings accepted for this column. */
  aliases?: readonly string[];
  /**
   * For identifiers: each row has its own value (a family's KK in the family file, its head's
   * NIK, a person's NIK in the person file). The build then hashes it row by row; other
   * identifiers recur (a KK on every member and payment) and each distinct value is hashed once.
   * A speed hint only: a value that does repeat is hashed each time, to the same result.
   */
  onePerRow?: boolean;
}

export interface FileContract {
  /** Stable identifier used in code, reports and error messages. */
  id: string;
  /** File name expected in `data/raw/` (raw) or `data/reference/` (reference). */
  fileName: string;
  /** `raw` files come from the Dinas and are validated row by row; `reference` files live in the repo. */
  kind: 'raw' | 'reference';
  /** Whether the build can run without this file. */
  requiredFile: boolean;
  description: Bilingual;
  columns: readonly ColumnContract[];
  /** One realistic row, keyed by canonical column name (the sample is fictitious). */
  example: Readonly<Record<string, string>>;
  /** Columns that identify a row; a repeated key is a duplicate. */
  key?: readonly string[];
  /** Rules that involve more than one column, in words, for the docs. */
  rules?: readonly Bilingual[];
}
