/**
 * Turns a file contract into the SQL that checks every row in DuckDB.
 * Pure string building: a contract and the reference code lists in, SQL out.
 *
 * For contract X the build runs, in order:
 *   raw_X    every record as text, with `_file` and `_row` (from prepare-csv)
 *   chk_X    every record with parsed values, keyed hashes instead of NIK/KK,
 *            a masked NIK for the report, and `_errors`: the list of
 *            {col, code, val} found in that row (empty when the row is fine)
 *   clean_X  the rows of chk_X without errors: what the metrics use
 * Personal text (names, addresses, complaint text) never leaves raw_X.
 */
import type { ColumnContract, FileContract } from '../contracts/types.ts';
import type { ErrorCode } from './errors.ts';

export interface ValidationContext {
  /** Allowed codes of reference columns, by `file.column`. */
  referenceCodes: Record<string, readonly string[]>;
  /** Dates after this are in the future (yyyy-mm-dd). */
  asOf: string;
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const listLit = (values: readonly string[]): string => `[${values.map(lit).join(', ')}]`;
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The SQL value of a cell: trimmed, empty as NULL. */
const cellOf = (column: string): string => `v_${column}`;

const digitsOf = (v: string) => `regexp_replace(${v}, '[\\s''.-]', '', 'g')`;
const EXCEL_NUMBER = `'^[0-9]([.,][0-9]+)?[eE][+]?[0-9]+$'`;

interface ColumnSql {
  /** Parsed value expression(s), named. */
  values: { name: string; sql: string }[];
  /** CASE branches (condition → code) checked after the empty test, in order. */
  checks: { when: string; code: ErrorCode }[];
}

const dateExpr = (v: string) =>
  `try_strptime(${v}, ['%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y', '%Y/%m/%d'])::DATE`;
const timestampExpr = (v: string) =>
  `try_strptime(replace(${v}, 'T', ' '), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d-%m-%Y %H:%M', '%d-%m-%Y'])`;

const columnSql = (column: ColumnContract, ctx: ValidationContext): ColumnSql => {
  const v = cellOf(column.name);
  const name = column.name;
  const asOf = `DATE ${lit(ctx.asOf)}`;
  switch (column.type) {
    case 'nik': {
      const d = digitsOf(v);
      return {
        values: [
          { name: `${name}_h`, sql: `CASE WHEN regexp_full_match(${d}, '[0-9]{16}') THEN hmac_id(${d}) END` },
          { name: `${name}_masked`, sql: `mask_id(${d})` },
        ],
        checks: [
          { when: `regexp_full_match(${v}, ${EXCEL_NUMBER})`, code: 'NIK_EXCEL' },
          { when: `NOT regexp_full_match(${d}, '[0-9]{16}')`, code: 'NIK_LENGTH' },
          { when: `${d}[1:4] NOT IN (SELECT code FROM ref_regency)`, code: 'NIK_REGION' },
          {
            when: `NOT ((${d}[7:8]::INT BETWEEN 1 AND 31 OR ${d}[7:8]::INT BETWEEN 41 AND 71) AND ${d}[9:10]::INT BETWEEN 1 AND 12)`,
            code: 'NIK_BIRTHDATE',
          },
          { when: `${d}[13:16] = '0000'`, code: 'NIK_SERIAL' },
        ],
      };
    }
    case 'kk': {
      const d = digitsOf(v);
      return {
        values: [{ name: `${name}_h`, sql: `CASE WHEN regexp_full_match(${d}, '[0-9]{16}') THEN hmac_id(${d}) END` }],
        checks: [{ when: `NOT regexp_full_match(${d}, '[0-9]{16}')`, code: 'KK_FORMAT' }],
      };
    }
    case 'region_code': {
      const d = `regexp_replace(${v}, '[\\s.]', '', 'g')`;
      const table = `ref_${column.regionLevel ?? 'village'}`;
      const length = { province: 2, regency: 4, district: 6, village: 10 }[column.regionLevel ?? 'village'];
      return {
        values: [{ name, sql: `CASE WHEN regexp_full_match(${d}, '[0-9]{${length}}') THEN ${d} END` }],
        checks: [
          { when: `NOT regexp_full_match(${d}, '[0-9]{${length}}')`, code: 'REGION_FORMAT' },
          { when: `${d} NOT IN (SELECT code FROM ${table})`, code: 'REGION_UNKNOWN' },
        ],
      };
    }
    case 'integer':
    case 'rupiah': {
      const clean = column.type === 'rupiah' ? `regexp_replace(${v}, '^[Rr][Pp]\\.?\\s*', '')` : v;
      const pattern = column.type === 'rupiah' ? `'[0-9]+|[0-9]{1,3}(\\.[0-9]{3})+'` : `'[+-]?[0-9]+'`;
      const parsed = `CASE WHEN regexp_full_match(${clean}, ${pattern}) THEN TRY_CAST(replace(${clean}, '.', '') AS BIGINT) END`;
      const checks: ColumnSql['checks'] = [{ when: `(${parsed}) IS NULL`, code: 'NUMBER_INVALID' }];
      const low = column.min !== undefined ? `(${parsed}) < ${column.min}` : 'false';
      const high = column.max !== undefined ? `(${parsed}) > ${column.max}` : 'false';
      if (column.type === 'rupiah' && column.min !== undefined && column.min >= 1) {
        checks.push({ when: low, code: 'AMOUNT_NOT_POSITIVE' }, { when: high, code: 'VALUE_OUT_OF_RANGE' });
      } else checks.push({ when: `${low} OR ${high}`, code: 'VALUE_OUT_OF_RANGE' });
      return { values: [{ name, sql: parsed }], checks };
    }
    case 'decimal': {
      const parsed = `TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)`;
      return { values: [{ name, sql: parsed }], checks: [{ when: `(${parsed}) IS NULL`, code: 'NUMBER_INVALID' }] };
    }
    case 'date':
      return {
        values: [{ name, sql: dateExpr(v) }],
        checks: [
          { when: `(${dateExpr(v)}) IS NULL OR (${dateExpr(v)}) < DATE '1900-01-01'`, code: 'DATE_INVALID' },
          ...(column.allowFuture ? [] : [{ when: `(${dateExpr(v)}) > ${asOf}`, code: 'DATE_FUTURE' as const }]),
        ],
      };
    case 'timestamp':
      return {
        values: [{ name, sql: timestampExpr(v) }],
        checks: [
          { when: `(${timestampExpr(v)}) IS NULL OR (${timestampExpr(v)}) < TIMESTAMP '1900-01-01'`, code: 'DATE_INVALID' },
          { when: `(${timestampExpr(v)})::DATE > ${asOf}`, code: 'DATE_FUTURE' },
        ],
      };
    case 'period': {
      const parsed = `try_strptime(replace(${v}, '/', '-'), ['%Y-%m', '%Y%m'])::DATE`;
      return {
        values: [{ name, sql: parsed }],
        checks: [
          { when: `NOT regexp_full_match(replace(${v}, '/', '-'), '[0-9]{4}-?[0-9]{2}') OR (${parsed}) IS NULL`, code: 'PERIOD_INVALID' },
          { when: `(${parsed}) > ${asOf}`, code: 'DATE_FUTURE' },
        ],
      };
    }
    case 'enum': {
      const allowed = column.allowed ?? ctx.referenceCodes[`${column.allowedFrom?.file}.${column.allowedFrom?.column}`];
      if (!allowed) throw new Error(`No allowed codes for ${column.name}`);
      const numeric = allowed.every((a) => /^[0-9]+$/.test(a));
      const norm = numeric
        ? `CAST(TRY_CAST(${v} AS INTEGER) AS VARCHAR)`
        : `upper(regexp_replace(${v}, '[\\s-]+', '_', 'g'))`;
      return {
        values: [{ name, sql: `CASE WHEN list_contains(${listLit(allowed)}, ${norm}) THEN ${norm} END` }],
        checks: [{ when: `NOT coalesce(list_contains(${listLit(allowed)}, ${norm}), false)`, code: 'CODE_UNKNOWN' }],
      };
    }
    case 'boolean': {
      const u = `upper(${v})`;
      const parsed = `CASE WHEN ${u} IN ('1','Y','YA','TRUE','YES') THEN true WHEN ${u} IN ('0','T','TIDAK','FALSE','N','NO') THEN false END`;
      return { values: [{ name, sql: parsed }], checks: [{ when: `(${parsed}) IS NULL`, code: 'BOOLEAN_INVALID' }] };
    }
    case 'text':
      return { values: column.personal ? [] : [{ name, sql: v }], checks: [] };
  }
};

/** Shown in the report for a failing cell: personal values masked, long ones cut. */
const reportValue = (column: ColumnContract): string => {
  const v = cellOf(column.name);
  if (column.personal) return column.type === 'nik' || column.type === 'kk' ? `mask_id(${digitsOf(v)})` : `'(disembunyikan)'`;
  return `left(${v}, 60)`;
};

const errorEntry = (col: string, code: ErrorCode, value: string) => `{'col': ${lit(col)}, 'code': ${lit(code)}, 'val': ${value}}`;

/** Errors that involve more than one column of a parsed row. */
const crossColumnErrors = (contract: FileContract): string[] => {
  if (contract.id === 'payments') {
    return [`CASE WHEN v_nik IS NULL AND v_no_kk IS NULL THEN ${errorEntry('nik|no_kk', 'ID_MISSING', 'NULL')} END`];
  }
  if (contract.id === 'complaints') {
    const order = (later: string, earlier: string) =>
      `CASE WHEN p.${later} < p.${earlier} THEN ${errorEntry(later, 'TIMESTAMP_ORDER', `strftime(p.${later}, '%Y-%m-%d %H:%M') || ' < ${earlier} ' || strftime(p.${earlier}, '%Y-%m-%d %H:%M')`)} END`;
    return [
      order('respons_pertama', 'diterima'),
      order('diverifikasi', 'diterima'),
      order('dirujuk', 'diterima'),
      order('ditutup', 'diterima'),
      order('ditutup', 'respons_pertama'),
      `CASE WHEN p.dirujuk IS NOT NULL AND v_dirujuk_ke IS NULL THEN ${errorEntry('dirujuk_ke', 'REFERRAL_AGENCY_MISSING', 'NULL')} END`,
    ];
  }
  return [];
};

/** Payment rows may repeat a key legitimately (a second payment in a period), and people share NIKs as a finding. */
const duplicateKeyIsError = (contract: FileContract): boolean => contract.id === 'complaints' || contract.kind === 'reference';

/**
 * SQL creating chk_X from raw_X. `raw_X` has `_file`, `_row` and every contract
 * column as VARCHAR (NULL where a file lacked an optional column).
 */
export const checkTableSql = (contract: FileContract, ctx: ValidationContext): string => {
  const cols = contract.columns;
  const cells = cols.map((c) => `NULLIF(trim(${ident(c.name)}), '') AS ${cellOf(c.name)}`).join(',\n    ');
  const parsed = cols.flatMap((c) => columnSql(c, ctx).values.map((v) => `${v.sql} AS ${ident(v.name)}`));
  const perColumnErrors = cols.map((c) => {
    const sql = columnSql(c, ctx);
    const v = cellOf(c.name);
    const branches = [
      ...(c.required ? [`WHEN ${v} IS NULL THEN ${errorEntry(c.name, 'REQUIRED_MISSING', 'NULL')}`] : [`WHEN ${v} IS NULL THEN NULL`]),
      ...sql.checks.map((k) => `WHEN ${k.when} THEN ${errorEntry(c.name, k.code, reportValue(c))}`),
    ];
    return `CASE ${branches.join(' ')} END`;
  });
  const allColumns = cols.map((c) => cellOf(c.name)).join(', ');
  const key = contract.key?.map((k) => cellOf(k)).join(', ');
  const duplicateRow = `CASE WHEN row_number() OVER (PARTITION BY ${allColumns} ORDER BY _file, _row) > 1 THEN ${errorEntry('*', 'DUPLICATE_ROW', 'NULL')} END`;
  const duplicateKey =
    key && duplicateKeyIsError(contract)
      ? `CASE WHEN row_number() OVER (PARTITION BY ${allColumns} ORDER BY _file, _row) = 1 AND row_number() OVER (PARTITION BY ${key} ORDER BY _file, _row) > 1 THEN ${errorEntry(contract.key!.join('+'), 'DUPLICATE_KEY', 'NULL')} END`
      : null;
  const primaryNik = cols.find((c) => c.type === 'nik');
  const maskedNik = primaryNik ? `mask_id(${digitsOf(cellOf(primaryNik.name))})` : 'NULL';
  const parsedNames = cols.flatMap((c) => columnSql(c, ctx).values.map((v) => v.name));
  const errorList = [...perColumnErrors, ...crossColumnErrors(contract), duplicateRow, ...(duplicateKey ? [duplicateKey] : [])];
  return `
CREATE OR REPLACE TABLE chk_${contract.id} AS
WITH cells AS (
  SELECT _file, _row,
    ${cells}
  FROM raw_${contract.id}
),
p AS (
  SELECT *, ${parsed.join(',\n    ')}
  FROM cells
)
SELECT _file, _row, ${parsedNames.map(ident).map((n) => `p.${n}`).join(', ')},
  ${maskedNik} AS _nik_masked,
  list_filter([${errorList.join(',\n    ')}], e -> e IS NOT NULL) AS _errors
FROM p
ORDER BY _file, _row`;
};

/** The names of the parsed columns of chk_X, in order (for clean_X). */
export const parsedColumnNames = (contract: FileContract, ctx: ValidationContext): string[] =>
  contract.columns.flatMap((c) => columnSql(c, ctx).values.map((v) => v.name)).filter((n) => !n.endsWith('_masked'));
