/**
 * Turns a file contract into the SQL that checks every row in DuckDB.
 * Pure string building: a contract and the reference code lists in, SQL out.
 *
 * For contract X the build runs, in order:
 *   raw_X    every record as trimmed text (`v_<column>`), with `_file`, `_row` (from
 *            prepare-csv) and `_hash` of the row (loadedCellsSql)
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
  /** Rows per slice for large files (validate.ts). */
  sliceRows?: number;
  /** Progress lines (validate.ts). */
  log?: (line: string) => void;
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const listLit = (values: readonly string[]): string => `[${values.map(lit).join(', ')}]`;
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A NIK or KK column: hashed before it leaves validation, masked in the report. */
export const isIdentifier = (column: ColumnContract): boolean => column.type === 'nik' || column.type === 'kk';

/** The SQL value of a cell: trimmed, empty as NULL. */
const cellOf = (column: string): string => `v_${column}`;

/**
 * NULLIF(trim(x), '') without the cost of trim on the cells that need none: trim strips the
 * Unicode space separators, and a cell of plain ASCII (bytes = characters) that neither starts
 * nor ends with a space has none to strip. Twice as fast on a payment file, same result.
 */
const trimmedCell = (x: string): string =>
  `CASE WHEN strlen(${x}) = length(${x}) AND NOT (${x} LIKE ' %' OR ${x} LIKE '% ') THEN NULLIF(${x}, '') ELSE NULLIF(trim(${x}), '') END`;

/**
 * The select list that loads a file's records (validate.ts): every contract column as its
 * trimmed cell (`v_<column>`; NULL where the file lacks an optional column) and `_hash`, one
 * 64-bit hash of the whole row for the duplicate test (grouping on every cell of every row
 * costs far more; see dup_hash in checkTableSql). Computed while loading, so the check reads
 * the loaded table as it is: as a CTE the trimmed rows were a second materialised copy of the
 * file, 2.2 s of the 4.3 s check of a 3.3-million-row payment slice.
 */
export const loadedCellsSql = (contract: FileContract, present: readonly string[]): string => {
  const cells = contract.columns.map((c) => (present.includes(c.name) ? trimmedCell(ident(c.name)) : 'NULL::VARCHAR'));
  return [...cells.map((sql, i) => `${sql} AS ${cellOf(contract.columns[i]!.name)}`), `hash(${cells.join(', ')}) AS _hash`].join(',\n  ');
};

/** The columns of a loaded table after `_file` and `_row`: the trimmed cells and the row hash. */
export const loadedColumns = (contract: FileContract): string[] => [...contract.columns.map((c) => cellOf(c.name)), '_hash'];

/** Digits of an identifier; the regex runs only on the few cells that are not plain digits already. */
const digitsOf = (v: string) => `CASE WHEN regexp_full_match(${v}, '[0-9]+') THEN ${v} ELSE regexp_replace(${v}, '[\\s''.-]', '', 'g') END`;
const EXCEL_NUMBER = `'^[0-9]([.,][0-9]+)?[eE][+]?[0-9]+$'`;

interface ColumnSql {
  /** Intermediate expressions on the cell, computed once per row (named `<prefix>_<column>`). */
  prep: { name: string; sql: string }[];
  /** Parsed value expression(s), named; may use the prep names. */
  values: { name: string; sql: string }[];
  /** CASE branches (condition → code) checked after the empty test, in order; may use the prep names. */
  checks: { when: string; code: ErrorCode }[];
}

const DATE_FORMATS = `['%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y', '%Y/%m/%d']`;
const TIMESTAMP_FORMATS = `['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d-%m-%Y %H:%M', '%d-%m-%Y']`;

/** Any date form the contracts accept: ISO (`2024-10-28`) by a cast, else the listed formats. */
export const generalDateSql = (v: string): string => `coalesce(TRY_CAST(${v} AS DATE), try_strptime(${v}, ${DATE_FORMATS})::DATE)`;

/**
 * The same value as `generalDateSql`, faster: cells of the two common shapes (`2024-10-28`,
 * `28/10/2024`, digits only: the general parse is lenient elsewhere, e.g. it reads
 * `19/10/5.32` as 0019-10-05) go straight to their one parser. In DuckDB 1.5 a failed cast
 * and then a list of formats cost several times one format: on the default sample's 2.4
 * million birth dates (dd/mm/yyyy) the general parse took 13.3 s and one format 1.6 s (same
 * load), and checking the people file went from 14.9 to 12.4 s. Other shapes take the
 * general path. test/unit/date-sql.test.ts checks both give the same value on every shape.
 */
export const dateSql = (v: string): string => `CASE
      WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(${v} AS DATE)
      WHEN regexp_full_match(${v}, '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN try_strptime(${v}, '%d/%m/%Y')::DATE
      ELSE ${generalDateSql(v)} END`;

const columnSql = (column: ColumnContract, ctx: ValidationContext): ColumnSql => {
  const v = cellOf(column.name);
  const name = column.name;
  const asOf = `DATE ${lit(ctx.asOf)}`;
  const d = `d_${name}`; // digits or normalised text
  const ok = `ok_${name}`; // structurally valid
  const x = `x_${name}`; // parsed value
  switch (column.type) {
    case 'nik':
      return {
        prep: [
          { name: d, sql: digitsOf(v) },
          { name: ok, sql: `regexp_full_match(${digitsOf(v)}, '[0-9]{16}')` },
        ],
        values: [{ name: `${name}_d`, sql: `CASE WHEN ${ok} THEN ${d} END` }],
        checks: [
          { when: `regexp_full_match(${v}, ${EXCEL_NUMBER})`, code: 'NIK_EXCEL' },
          { when: `NOT ${ok}`, code: 'NIK_LENGTH' },
          { when: `NOT list_contains(regency_codes, ${d}[1:4])`, code: 'NIK_REGION' },
          {
            // Checked after NIK_LENGTH, so the digits are 16: comparing two-digit strings gives
            // the numeric answer without casting (0.33 s against 0.37 s on 4 million NIKs).
            when: `NOT ((${d}[7:8] BETWEEN '01' AND '31' OR ${d}[7:8] BETWEEN '41' AND '71') AND ${d}[9:10] BETWEEN '01' AND '12')`,
            code: 'NIK_BIRTHDATE',
          },
          { when: `${d}[13:16] = '0000'`, code: 'NIK_SERIAL' },
        ],
      };
    case 'kk':
      return {
        prep: [
          { name: d, sql: digitsOf(v) },
          { name: ok, sql: `regexp_full_match(${digitsOf(v)}, '[0-9]{16}')` },
        ],
        values: [{ name: `${name}_d`, sql: `CASE WHEN ${ok} THEN ${d} END` }],
        checks: [{ when: `NOT ${ok}`, code: 'KK_FORMAT' }],
      };
    case 'region_code': {
      const table = `ref_${column.regionLevel ?? 'village'}`;
      const length = { province: 2, regency: 4, district: 6, village: 10 }[column.regionLevel ?? 'village'];
      return {
        prep: [
          { name: d, sql: `replace(replace(${v}, '.', ''), ' ', '')` },
          { name: ok, sql: `regexp_full_match(replace(replace(${v}, '.', ''), ' ', ''), '[0-9]{${length}}')` },
        ],
        values: [{ name, sql: `CASE WHEN ${ok} THEN ${d} END` }],
        checks: [
          { when: `NOT ${ok}`, code: 'REGION_FORMAT' },
          { when: `${d} NOT IN (SELECT code FROM ${table})`, code: 'REGION_UNKNOWN' },
        ],
      };
    }
    case 'integer':
    case 'rupiah': {
      const clean = column.type === 'rupiah' ? `regexp_replace(${v}, '^[Rr][Pp]\\.?\\s*', '')` : v;
      const pattern = column.type === 'rupiah' ? `'[0-9]+|[0-9]{1,3}(\\.[0-9]{3})+'` : `'[+-]?[0-9]+'`;
      const parsed = `CASE WHEN regexp_full_match(${clean}, ${pattern}) THEN TRY_CAST(replace(${clean}, '.', '') AS BIGINT) END`;
      const checks: ColumnSql['checks'] = [{ when: `${x} IS NULL`, code: 'NUMBER_INVALID' }];
      const low = column.min !== undefined ? `${x} < ${column.min}` : 'false';
      const high = column.max !== undefined ? `${x} > ${column.max}` : 'false';
      if (column.type === 'rupiah' && column.min !== undefined && column.min >= 1) {
        checks.push({ when: low, code: 'AMOUNT_NOT_POSITIVE' }, { when: high, code: 'VALUE_OUT_OF_RANGE' });
      } else checks.push({ when: `${low} OR ${high}`, code: 'VALUE_OUT_OF_RANGE' });
      return { prep: [{ name: x, sql: parsed }], values: [{ name, sql: x }], checks };
    }
    case 'decimal':
      return {
        prep: [{ name: x, sql: `TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)` }],
        values: [{ name, sql: x }],
        checks: [{ when: `${x} IS NULL`, code: 'NUMBER_INVALID' }],
      };
    case 'date':
      return {
        prep: [{ name: x, sql: dateSql(v) }],
        values: [{ name, sql: x }],
        checks: [
          { when: `${x} IS NULL OR ${x} < DATE '1900-01-01'`, code: 'DATE_INVALID' },
          ...(column.allowFuture ? [] : [{ when: `${x} > ${asOf}`, code: 'DATE_FUTURE' as const }]),
        ],
      };
    case 'timestamp':
      return {
        prep: [{ name: x, sql: `try_strptime(replace(${v}, 'T', ' '), ${TIMESTAMP_FORMATS})` }],
        values: [{ name, sql: x }],
        checks: [
          { when: `${x} IS NULL OR ${x} < TIMESTAMP '1900-01-01'`, code: 'DATE_INVALID' },
          { when: `${x}::DATE > ${asOf}`, code: 'DATE_FUTURE' },
        ],
      };
    case 'period':
      return {
        prep: [
          { name: d, sql: `replace(${v}, '/', '-')` },
          { name: x, sql: `coalesce(TRY_CAST(${v} || '-01' AS DATE), try_strptime(replace(${v}, '/', '-'), ['%Y-%m', '%Y%m'])::DATE)` },
        ],
        values: [{ name, sql: x }],
        checks: [
          { when: `NOT regexp_full_match(${d}, '[0-9]{4}-?[0-9]{2}') OR ${x} IS NULL`, code: 'PERIOD_INVALID' },
          { when: `${x} > ${asOf}`, code: 'DATE_FUTURE' },
        ],
      };
    case 'enum': {
      const allowed = column.allowed ?? ctx.referenceCodes[`${column.allowedFrom?.file}.${column.allowedFrom?.column}`];
      if (!allowed) throw new Error(`No allowed codes for ${column.name}`);
      const numeric = allowed.every((a) => /^[0-9]+$/.test(a));
      // Most cells are already a canonical code: test that first, normalise only the rest.
      const inList = `${v} IN (${allowed.map(lit).join(', ')})`;
      const norm = numeric
        ? `CASE WHEN ${inList} THEN ${v} ELSE CAST(TRY_CAST(${v} AS INTEGER) AS VARCHAR) END`
        : `CASE WHEN ${inList} THEN ${v} ELSE upper(replace(replace(${v}, ' ', '_'), '-', '_')) END`;
      return {
        prep: [
          { name: d, sql: norm },
          { name: ok, sql: `coalesce(list_contains(${listLit(allowed)}, ${norm}), false)` },
        ],
        values: [{ name, sql: `CASE WHEN ${ok} THEN ${d} END` }],
        checks: [{ when: `NOT ${ok}`, code: 'CODE_UNKNOWN' }],
      };
    }
    case 'boolean': {
      const u = `upper(${v})`;
      const parsed = `CASE WHEN ${u} IN ('1','Y','YA','TRUE','YES') THEN true WHEN ${u} IN ('0','T','TIDAK','FALSE','N','NO') THEN false END`;
      return { prep: [{ name: x, sql: parsed }], values: [{ name, sql: x }], checks: [{ when: `${x} IS NULL`, code: 'BOOLEAN_INVALID' }] };
    }
    case 'text':
      return { prep: [], values: column.personal ? [] : [{ name, sql: v }], checks: [] };
  }
};

/** Shown in the report for a failing cell: personal values masked, long ones cut. */
const reportValue = (column: ColumnContract): string => {
  const v = cellOf(column.name);
  if (column.personal) return isIdentifier(column) ? `mask_id(d_${column.name})` : `'(disembunyikan)'`;
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
export const duplicateKeyIsError = (contract: FileContract): boolean => contract.id === 'complaints' || contract.kind === 'reference';

/**
 * SQL creating chk_X (TEMP: scratch, kept out of a work database file) from raw_X. `raw_X`
 * has `_file`, `_row`, every contract column as its trimmed cell `v_<column>` (NULL where a
 * file lacked an optional column) and `_hash` (loadedCellsSql).
 */
export const checkTableSql = (contract: FileContract, ctx: ValidationContext): string => {
  const cols = contract.columns;
  const specs = cols.map((c) => ({ column: c, sql: columnSql(c, ctx) }));
  const prep = specs.flatMap((s) => s.sql.prep.map((p) => `${p.sql} AS ${p.name}`));
  const parsed = specs.flatMap((s) => s.sql.values.map((v) => `${v.sql} AS ${ident(v.name)}`));
  const perColumnErrors = specs.map(({ column: c, sql }) => {
    const v = cellOf(c.name);
    const branches = [
      ...(c.required ? [`WHEN ${v} IS NULL THEN ${errorEntry(c.name, 'REQUIRED_MISSING', 'NULL')}`] : [`WHEN ${v} IS NULL THEN NULL`]),
      ...sql.checks.map((k) => `WHEN ${k.when} THEN ${errorEntry(c.name, k.code, reportValue(c))}`),
    ];
    return `CASE ${branches.join(' ')} END`;
  });
  // The same conditions as one boolean: most rows are fine, and for them the list of
  // error structs is never built (that list is the costliest part of the check).
  const columnBad = specs.map(({ column: c, sql }) => {
    const v = cellOf(c.name);
    const checks = sql.checks.map((k) => `(${k.when})`).join(' OR ') || 'false';
    return c.required ? `(${v} IS NULL OR ${checks})` : `(${v} IS NOT NULL AND (${checks}))`;
  });
  const rowCells = cols.map((c) => c.name);
  // The cells of `names` under a prefix (grouped rows), and the join that matches them to a row.
  const cellsAs = (prefix: string, names: readonly string[]) => names.map((k) => `${cellOf(k)} AS ${prefix}_${k}`).join(', ');
  const sameCells = (alias: string, prefix: string, names: readonly string[]) =>
    names.map((k) => `${alias}.${prefix}_${k} IS NOT DISTINCT FROM h.${cellOf(k)}`).join(' AND ');
  const key = contract.key?.map((k) => cellOf(k)).join(', ');
  const duplicateRow = `CASE WHEN _dup_row > 1 THEN ${errorEntry('*', 'DUPLICATE_ROW', 'NULL')} END`;
  const duplicateKey =
    key && duplicateKeyIsError(contract)
      ? `CASE WHEN _dup_row = 1 AND _dup_key > 1 THEN ${errorEntry(contract.key!.join('+'), 'DUPLICATE_KEY', 'NULL')} END`
      : null;
  const primaryNik = cols.find((c) => c.type === 'nik');
  const maskedNik = primaryNik ? `mask_id(d_${primaryNik.name})` : 'NULL';
  const parsedNames = specs.flatMap((s) => s.sql.values.map((v) => v.name));
  const errorList = [...perColumnErrors, ...crossColumnErrors(contract), duplicateRow, ...(duplicateKey ? [duplicateKey] : [])];
  return `
CREATE OR REPLACE TEMP TABLE chk_${contract.id} AS
WITH
-- The first occurrence of each row (and of each key) keeps it; later ones are duplicates.
-- Only repeated hashes (and keys) are looked at closely: grouping on the 64-bit hash alone is
-- cheap, and the later join then builds on a few rows instead of one per row. A shared hash is
-- not a shared row: DuckDB's hash() collides far more often than 2^-64 (two 16-digit KK numbers
-- can share one; 727 rows of the 6.6 million sample payments did), so the cells are compared too.
dup_hash AS (SELECT _hash FROM raw_${contract.id} GROUP BY _hash HAVING count(*) > 1),
first_row AS (
  SELECT _hash, ${cellsAs('f', rowCells)}, min((_file, _row)) AS _first FROM raw_${contract.id}
  WHERE _hash IN (SELECT _hash FROM dup_hash) GROUP BY ALL HAVING count(*) > 1
),
${
  duplicateKey
    ? `first_key AS (SELECT ${cellsAs('k', contract.key!)}, min((_file, _row)) AS _first_key FROM raw_${contract.id} GROUP BY ALL HAVING count(*) > 1),`
    : ''
}
n AS (
  SELECT h.*, ${prep.join(',\n    ')},
    CASE WHEN fr._first IS NULL OR (h._file, h._row) = fr._first THEN 1 ELSE 2 END AS _dup_row,
    ${duplicateKey ? `CASE WHEN fk._first_key IS NULL OR (h._file, h._row) = fk._first_key THEN 1 ELSE 2 END` : '1'} AS _dup_key
  FROM raw_${contract.id} h
  LEFT JOIN first_row fr ON fr._hash = h._hash AND ${sameCells('fr', 'f', rowCells)}
  ${duplicateKey ? `LEFT JOIN first_key fk ON ${sameCells('fk', 'k', contract.key!)}` : ''}
),
p AS (
  SELECT *, ${parsed.join(',\n    ')}
  FROM n
)
SELECT _file, _row, ${parsedNames.map(ident).map((n) => `p.${n}`).join(', ')},
  -- The masked NIK only serves the report of a rejected row.
  CASE WHEN _bad THEN ${maskedNik} END AS _nik_masked,
  CASE WHEN NOT _bad
       THEN []::STRUCT(col VARCHAR, code VARCHAR, val VARCHAR)[]
       ELSE list_filter([${errorList.join(',\n    ')}], e -> e IS NOT NULL) END AS _errors
FROM (
  SELECT *, ${[...columnBad, ...crossColumnErrors(contract).map((e) => `(${e}) IS NOT NULL`), '_dup_row > 1', '_dup_key > 1'].join('\n    OR ')} AS _bad
  FROM p, (SELECT list(code) AS regency_codes FROM ref_regency) AS rc
) p`;
};

/**
 * SQL creating clean_X from chk_X: the accepted rows, with each NIK/KK replaced by its
 * keyed hash (`<column>_h`). An identifier that recurs (a family's KK on every payment) is
 * hashed once per distinct value and joined back; one with its own value on each row
 * (`onePerRow`) is hashed in place, which spares the distinct and the join (the first 4 million
 * rows of the scale-4 people file, measured alone: 4.4–4.8 s with the NIK in place and the KK
 * by distinct value, against 6.9–7.3 s for both by distinct value).
 * chk_X then shrinks to its rejected rows, without digits (still TEMP). A file checked in
 * slices writes each slice's accepted rows straight into one table (`into`: created by the first
 * slice, appended to by the others), not into a TEMP table copied over after. At scale 16 the
 * copy was 1.2 s of each of 27 payment slices, but the two runs since showed no gain in
 * validation as a whole (549.6 and 516.1 s against 511–538 s, within the run-to-run spread).
 */
export const cleanTableSql = (
  contract: FileContract,
  ctx: ValidationContext,
  options: { into?: { table: string; append: boolean } } = {},
): string => {
  const idColumns = contract.columns.filter(isIdentifier);
  const ids = idColumns.map((c) => c.name);
  const joined = idColumns.filter((c) => !c.onePerRow).map((c) => c.name);
  const hashed = (name: string) => (joined.includes(name) ? `i_${name}.h` : `hmac_id(c.${name}_d)`);
  const select = contract.columns.flatMap((c) =>
    columnSql(c, ctx).values.map((v) => (ids.includes(c.name) ? `${hashed(c.name)} AS ${ident(`${c.name}_h`)}` : `c.${ident(v.name)}`)),
  );
  const joins = joined.map((id) => `LEFT JOIN ids_${contract.id} i_${id} ON i_${id}.d = c.${id}_d`).join('\n  ');
  const distinctIds = joined.map((id) => `SELECT ${id}_d AS d FROM chk_${contract.id} WHERE len(_errors) = 0`).join(' UNION ');
  return `
${joined.length ? `CREATE OR REPLACE TEMP TABLE ids_${contract.id} AS SELECT d, hmac_id(d) AS h FROM (SELECT DISTINCT d FROM (${distinctIds})) WHERE d IS NOT NULL;` : ''}
${options.into?.append ? `INSERT INTO ${options.into.table}` : `CREATE OR REPLACE TABLE ${options.into?.table ?? `clean_${contract.id}`} AS`}
  SELECT c._file, c._row, ${select.join(', ')}
  FROM chk_${contract.id} c
  ${joins}
  WHERE len(c._errors) = 0;
${joined.length ? `DROP TABLE ids_${contract.id};` : ''}
-- From here on chk_X keeps only the rejected rows (metrics count some of them), without identifiers.
CREATE OR REPLACE TEMP TABLE chk_${contract.id} AS
  SELECT * ${ids.length ? `EXCLUDE (${ids.map((id) => `${id}_d`).join(', ')})` : ''} FROM chk_${contract.id} WHERE len(_errors) > 0;`;
};
