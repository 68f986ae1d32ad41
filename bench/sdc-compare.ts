/**
 * `npx tsx bench/sdc-compare.ts --truth <release dir> [--published <release dir>] [--k 10] [--out docs/sdc-comparison.md] [--json <file>]`
 *
 * Measures three disclosure-control methods against the truth (a release built
 * with `--k 1 --sensitive-k 1`, nothing suppressed), for issue 23's comparison:
 *   (a) cell suppression, as published in `--published` (hidden cells have
 *       `<col>_disamarkan` = true);
 *   (b) the cell-key method (ABS TableBuilder, UK 2021 Census): a consistent
 *       perturbation from a keyed hash of the cell's identity, |noise| ≤ 2;
 *   (c) unbiased random rounding to base 3 and to base 5 (Statistics NZ).
 * Figures, overall and for desa cells: share of cells shown, mean and maximum
 * absolute error, additivity of region and category totals, the interval a
 * reader can state for one cell, and how often a small count (1..k−1) is shown
 * exactly. The work is done in DuckDB SQL. Writes a Markdown report (`--out`)
 * and the figures as JSON (`--json`, default: `--out` with `.json`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, type Db } from '../scripts/build/db.ts';
import { REPO_ROOT } from '../scripts/paths.ts';
import { CELL_KEY_D, P_TABLE, SLICES, cellKeySql, digestSql, randomRoundSql, uniformSql } from './sdc-methods.ts';

const { values } = parseArgs({
  options: {
    truth: { type: 'string' },
    published: { type: 'string' },
    k: { type: 'string', default: '10' },
    out: { type: 'string', default: 'docs/sdc-comparison.md' },
    json: { type: 'string' },
  },
});
if (!values.truth) {
  console.error('Pakai / usage: npx tsx bench/sdc-compare.ts --truth <release dir> [--published <release dir>] [--k 10] [--out docs/sdc-comparison.md]');
  process.exit(2);
}
const K = Number(values.k);
if (!Number.isInteger(K) || K < 2) throw new Error(`--k must be an integer ≥ 2, not ${values.k}`);

/** Survival curves: their rows are steps, not cells of a table of counts. */
const IGNORED_TABLES = new Set(['pengaduan_km', 'pengaduan_km_respons']);
/** Units that are neither counts nor rupiah: durations (medians, percentiles, maxima) and percentages. */
const NOT_COUNT_UNITS = new Set(['%', 'hari kerja']);
/** The count each rupiah amount is paid to: perturbative methods scale the amount with that count. */
const RUPIAH_COUNT: Record<string, string> = {
  nilai_dibayar: 'penerima',
  nilai_di_luar_desil: 'penerima_di_luar_desil',
  nilai_setelah_meninggal: 'dibayar_setelah_meninggal',
  nilai_tidak_terdaftar: 'penerima_tidak_terdaftar',
};
const REGION = ['tingkat', 'kode_wilayah'];
const LEVELS = ['provinsi', 'kabupaten', 'kecamatan', 'desa'];

interface Field { name: string; type: string; unit?: string }
interface Resource { name: string; path: string; schema: { fields: Field[]; primaryKey?: string[] } }
interface Release { dir: string; id: string; k: number | null; sensitiveK: number | null; resources: Map<string, Resource> }

/** A release directory, or a public data directory whose latest.json names one. */
const openRelease = (given: string): Release => {
  let dir = resolve(given);
  if (!existsSync(join(dir, 'datapackage.json')) && existsSync(join(dir, 'latest.json'))) {
    dir = join(dir, (JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as { path: string }).path);
  }
  const dp = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as {
    id?: string;
    resources: Resource[];
    terang?: { suppressionThreshold?: number; sensitiveSuppressionThreshold?: number };
  };
  const resources = new Map(dp.resources.filter((r) => r.path.endsWith('.parquet')).map((r) => [r.name, r]));
  return { dir, id: dir.split('/').filter(Boolean).pop() ?? dir, k: dp.terang?.suppressionThreshold ?? null, sensitiveK: dp.terang?.sensitiveSuppressionThreshold ?? null, resources };
};

const truth = openRelease(values.truth);
const published = values.published ? openRelease(values.published) : null;
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;

type Kind = 'count' | 'rupiah';
interface Table { name: string; truthPath: string; pubPath: string | null; pk: string[]; regional: boolean; measures: { name: string; kind: Kind }[] }
const tables: Table[] = [];
const notCovered: { table: string; column: string; unit: string; reason: string }[] = [];

for (const [name, resource] of truth.resources) {
  if (IGNORED_TABLES.has(name)) continue;
  // Which columns are protected is read from the published release (its `_disamarkan` companions) when given.
  const reference = published?.resources.get(name) ?? resource;
  const names = new Set(reference.schema.fields.map((f) => f.name));
  const truthNames = new Set(resource.schema.fields.map((f) => f.name));
  const measures: Table['measures'] = [];
  for (const field of reference.schema.fields) {
    if (!names.has(`${field.name}_disamarkan`) || !truthNames.has(field.name)) continue;
    if (field.unit === 'rupiah') measures.push({ name: field.name, kind: 'rupiah' });
    else if (field.type === 'integer' && !NOT_COUNT_UNITS.has(field.unit ?? '')) measures.push({ name: field.name, kind: 'count' });
    else notCovered.push({ table: name, column: field.name, unit: field.unit ?? '', reason: field.unit === '%' ? 'percentage' : 'not a count (duration)' });
  }
  if (!measures.length) continue;
  const pk = resource.schema.primaryKey ?? [];
  if (!pk.length) throw new Error(`${name}: no primaryKey in datapackage.json`);
  const pubResource = published?.resources.get(name);
  tables.push({
    name,
    truthPath: join(truth.dir, resource.path),
    pubPath: pubResource ? join(published!.dir, pubResource.path) : null,
    pk,
    regional: REGION.every((c) => pk.includes(c)),
    measures,
  });
}

const started = performance.now();
const db: Db = await openDb();
const run = async (sql: string) => db.run(sql);

// ---------------------------------------------------------------- cells
await run(`CREATE SEQUENCE cell_id`);
await run(`CREATE TEMP TABLE cells (
  id BIGINT, tbl VARCHAR, col VARCHAR, kind VARCHAR, tingkat VARCHAR, kode VARCHAR,
  rest VARCHAR, keystr VARCHAR, truth BIGINT, in_pub BOOLEAN, suppression BIGINT)`);
await run(`CREATE TEMP TABLE catmap (id BIGINT, tbl VARCHAR, col VARCHAR, catcol VARCHAR, grp VARCHAR, catval VARCHAR)`);
let nullTruthCells = 0;

const keyText = (c: string) => `coalesce(${q(c)}::VARCHAR, '∅')`;
for (const t of tables) {
  const measureList = t.measures.map((m) => q(m.name)).join(', ');
  const pkSel = t.pk.map(q).join(', ');
  const truthSel = t.measures.map((m) => `${q(m.name)}::BIGINT AS ${q(m.name)}`).join(', ');
  const pubSel = t.measures
    .map((m) => `CASE WHEN ${q(`${m.name}_disamarkan`)} IS TRUE THEN NULL ELSE ${q(m.name)}::BIGINT END AS ${q(m.name)}`)
    .join(', ');
  const join = t.pk.map((c) => `tl.${q(c)} IS NOT DISTINCT FROM pl.${q(c)}`).join(' AND ');
  await run(`CREATE OR REPLACE TEMP TABLE cur AS
    WITH tw AS (SELECT ${pkSel}, ${truthSel} FROM read_parquet(${lit(t.truthPath)})),
    tl AS (SELECT * FROM tw UNPIVOT INCLUDE NULLS (truth FOR col IN (${measureList})))
    ${t.pubPath ? `, pw AS (SELECT ${pkSel}, ${pubSel} FROM read_parquet(${lit(t.pubPath)})), pl AS (SELECT * FROM pw UNPIVOT INCLUDE NULLS (pub FOR col IN (${measureList})))` : ''}
    SELECT nextval('cell_id') AS id, tl.*, ${t.pubPath ? 'pl.col IS NOT NULL AS in_pub, pl.pub' : 'NULL::BOOLEAN AS in_pub, NULL::BIGINT AS pub'}
    FROM tl ${t.pubPath ? `LEFT JOIN pl ON ${join} AND tl.col = pl.col` : ''}`);
  const [{ n }] = (await db.all<{ n: number }>(`SELECT count(*) AS n FROM cur WHERE truth IS NULL`)) as [{ n: number }];
  nullTruthCells += n;
  const rupiah = t.measures.filter((m) => m.kind === 'rupiah').map((m) => lit(m.name));
  const restCols = t.pk.filter((c) => !REGION.includes(c));
  const restExpr = restCols.length ? `concat_ws('|', ${restCols.map(keyText).join(', ')})` : `''`;
  await run(`INSERT INTO cells SELECT id, ${lit(t.name)}, col,
      ${rupiah.length ? `CASE WHEN col IN (${rupiah.join(', ')}) THEN 'rupiah' ELSE 'count' END` : `'count'`},
      ${t.regional ? 'tingkat, kode_wilayah' : 'NULL, NULL'}, ${restExpr}, concat_ws('|', ${t.pk.map(keyText).join(', ')}),
      truth, in_pub, pub
    FROM cur WHERE truth IS NOT NULL`);
  // Category columns: key columns with a 'SEMUA' (all) row.
  for (const c of restCols) {
    const [{ has }] = (await db.all<{ has: boolean }>(`SELECT coalesce(bool_or(${q(c)}::VARCHAR = 'SEMUA'), false) AS has FROM cur`)) as [{ has: boolean }];
    if (!has) continue;
    const grp = `concat_ws('|', ${[...(t.regional ? REGION : []), ...restCols.filter((o) => o !== c)].map(keyText).join(', ') || "''"})`;
    await run(`INSERT INTO catmap SELECT id, ${lit(t.name)}, col, ${lit(c)}, ${grp}, ${q(c)}::VARCHAR FROM cur WHERE truth IS NOT NULL`);
  }
}
await run(`DROP TABLE cur`);

// ---------------------------------------------------------------- methods
// One HMAC-SHA256 per count cell; three slices of it key the cell-key method and the two roundings.
await run(`CREATE TEMP TABLE keyed AS
  SELECT id, truth, ${digestSql('keystr || \'|\' || col')} AS digest FROM cells WHERE kind = 'count'`);
await run(`CREATE TEMP TABLE perturbed AS
  SELECT id,
    ${cellKeySql('truth', uniformSql('digest', SLICES.cellKey))} AS cellkey,
    ${randomRoundSql('truth', 3, uniformSql('digest', SLICES.round3))} AS round3,
    ${randomRoundSql('truth', 5, uniformSql('digest', SLICES.round5))} AS round5
  FROM keyed`);
// Rupiah: amount × (published count / true count) of the count it is paid to; not covered when no such count.
const rupiahMap = Object.entries(RUPIAH_COUNT).map(([r, c]) => `(${lit(r)}, ${lit(c)})`).join(', ');
await run(`INSERT INTO perturbed
  SELECT r.id,
    ${['cellkey', 'round3', 'round5'].map((m) => `CASE WHEN c.id IS NULL THEN NULL WHEN c.truth = 0 THEN r.truth ELSE round(r.truth::DOUBLE * p.${m} / c.truth)::BIGINT END`).join(', ')}
  FROM cells r
  LEFT JOIN (VALUES ${rupiahMap}) AS m(rcol, ccol) ON m.rcol = r.col
  LEFT JOIN cells c ON c.tbl = r.tbl AND c.keystr = r.keystr AND c.col = m.ccol
  LEFT JOIN perturbed p ON p.id = c.id
  WHERE r.kind = 'rupiah'`);
const rupiahUnlinked = (await db.all<{ tbl: string; col: string }>(`
  SELECT DISTINCT r.tbl, r.col FROM cells r JOIN perturbed p USING (id) WHERE r.kind = 'rupiah' AND p.cellkey IS NULL ORDER BY 1, 2`));
await run(`CREATE TEMP TABLE v AS SELECT c.*, p.cellkey, p.round3, p.round5 FROM cells c JOIN perturbed p USING (id)`);

type MethodKey = 'suppression' | 'cellkey' | 'round3' | 'round5';
const METHODS: { key: MethodKey; id: string; en: string }[] = [
  ...(published ? [{ key: 'suppression' as const, id: 'Penyamaran sel (seperti terbit)', en: 'Cell suppression (as published)' }] : []),
  { key: 'cellkey', id: `Metode cell-key (D = ${CELL_KEY_D})`, en: `Cell-key method (D = ${CELL_KEY_D})` },
  { key: 'round3', id: 'Pembulatan acak basis 3', en: 'Random rounding, base 3' },
  { key: 'round5', id: 'Pembulatan acak basis 5', en: 'Random rounding, base 5' },
];

// ---------------------------------------------------------------- cell figures
interface CellFigures {
  cells: number;
  shown: number;
  shareShown: number;
  meanAbsError: number | null;
  maxAbsError: number | null;
  meanRelError: number | null;
  small: number;
  smallExact: number;
  shareSmallExact: number | null;
  smallShownZero: number;
  shareSmallShownZero: number | null;
}
const cellFigures = async (method: MethodKey, kind: Kind, where: string): Promise<CellFigures> => {
  const m = q(method);
  const [row] = (await db.all<Record<string, number | null>>(`
    SELECT count(*) AS cells, count(${m}) AS shown,
      avg(abs(${m} - truth)) AS mae, max(abs(${m} - truth)) AS maxerr,
      avg(abs(${m} - truth) / truth) FILTER (truth > 0) AS mre,
      count(*) FILTER (truth BETWEEN 1 AND ${K - 1}) AS small,
      count(*) FILTER (truth BETWEEN 1 AND ${K - 1} AND ${m} = truth) AS small_exact,
      count(*) FILTER (truth BETWEEN 1 AND ${K - 1} AND ${m} = 0) AS small_zero
    FROM v WHERE kind = '${kind}' AND ${where}`)) as [Record<string, number | null>];
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    cells: n('cells'),
    shown: n('shown'),
    shareShown: n('cells') ? n('shown') / n('cells') : 0,
    meanAbsError: row.mae ?? null,
    maxAbsError: row.maxerr ?? null,
    meanRelError: row.mre ?? null,
    small: n('small'),
    smallExact: n('small_exact'),
    shareSmallExact: n('small') ? n('small_exact') / n('small') : null,
    smallShownZero: n('small_zero'),
    shareSmallShownZero: n('small') ? n('small_zero') / n('small') : null,
  };
};

// ---------------------------------------------------------------- relations
// Ancestors of every region, from wilayah's kode_induk.
await run(`CREATE TEMP TABLE anc AS
  WITH RECURSIVE w AS (SELECT kode_wilayah AS kode, tingkat, kode_induk FROM read_parquet(${lit(join(truth.dir, truth.resources.get('wilayah')!.path))})),
  a(kode, tingkat, anc_kode) AS (
    SELECT kode, tingkat, kode_induk FROM w WHERE kode_induk IS NOT NULL
    UNION ALL SELECT a.kode, a.tingkat, w.kode_induk FROM a JOIN w ON w.kode = a.anc_kode WHERE w.kode_induk IS NOT NULL)
  SELECT a.kode, a.tingkat, a.anc_kode, w.tingkat AS anc_tingkat FROM a JOIN w ON w.kode = a.anc_kode`);
// Parent = Σ children at the next level the table publishes below it, same column and other keys.
await run(`CREATE TEMP TABLE rel_members AS
  WITH lv AS (SELECT DISTINCT tbl, tingkat, list_position(${`[${LEVELS.map(lit).join(', ')}]`}, tingkat) AS lvl FROM cells WHERE tingkat IS NOT NULL),
  child AS (SELECT a.tbl, a.tingkat AS parent, arg_min(b.tingkat, b.lvl) AS child FROM lv a JOIN lv b ON b.tbl = a.tbl AND b.lvl > a.lvl GROUP BY ALL)
  SELECT 'region' AS rel, '' AS relkey, P.id AS pid, C.id AS cid, child.child AS scope_level
  FROM cells P
  JOIN child ON child.tbl = P.tbl AND child.parent = P.tingkat
  JOIN anc ON anc.anc_kode = P.kode AND anc.tingkat = child.child
  JOIN cells C ON C.tbl = P.tbl AND C.col = P.col AND C.rest = P.rest AND C.tingkat = child.child AND C.kode = anc.kode
  UNION ALL
  SELECT 'category', P.catcol, P.id, C.id, cp.tingkat
  FROM catmap P
  JOIN catmap C ON C.tbl = P.tbl AND C.col = P.col AND C.catcol = P.catcol AND C.grp = P.grp AND C.catval <> 'SEMUA'
  JOIN cells cp ON cp.id = P.id
  WHERE P.catval = 'SEMUA'`);
const methodKeys = METHODS.map((m) => m.key);
await run(`CREATE TEMP TABLE rel AS
  SELECT r.rel, r.pid, any_value(r.scope_level) AS scope_level, any_value(P.kind) AS kind, any_value(P.tbl) AS tbl, count(*) AS children,
    any_value(P.truth) = sum(C.truth) AS holds,
    ${methodKeys
      .map(
        (m) => `any_value(P.${q(m)}) IS NOT NULL AND bool_and(C.${q(m)} IS NOT NULL) AS ${q(`${m}_all`)},
    any_value(P.${q(m)}) = sum(C.${q(m)}) AS ${q(`${m}_adds`)}`,
      )
      .join(',\n    ')}
  FROM rel_members r JOIN v P ON P.id = r.pid JOIN v C ON C.id = r.cid
  GROUP BY r.rel, r.relkey, r.pid`);

interface RelFigures { relations: number; holdInTruth: number; allShown: number; shareAllShown: number | null; addUp: number; shareAddUp: number | null }
const relFigures = async (method: MethodKey, kind: Kind, rel: string, where: string): Promise<RelFigures> => {
  const [row] = (await db.all<Record<string, number>>(`
    SELECT count(*) AS relations, count(*) FILTER (holds) AS holds,
      count(*) FILTER (holds AND ${q(`${method}_all`)}) AS all_shown,
      count(*) FILTER (holds AND ${q(`${method}_all`)} AND ${q(`${method}_adds`)}) AS adds
    FROM rel WHERE kind = '${kind}' AND rel = '${rel}' AND ${where}`)) as [Record<string, number>];
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    relations: n('relations'),
    holdInTruth: n('holds'),
    allShown: n('all_shown'),
    shareAllShown: n('holds') ? n('all_shown') / n('holds') : null,
    addUp: n('adds'),
    shareAddUp: n('all_shown') ? n('adds') / n('all_shown') : null,
  };
};

// ---------------------------------------------------------------- collect
const SCOPES = { all: 'true', desa: `tingkat = 'desa'` } as const;
const REL_SCOPES = { all: 'true', desa: `scope_level = 'desa'` } as const;
type Scope = keyof typeof SCOPES;
interface MethodResult {
  cells: Record<Kind, Record<Scope, CellFigures>>;
  region: Record<Kind, Record<Scope, RelFigures>>;
  category: Record<Kind, Record<Scope, RelFigures>>;
}
const results = {} as Record<MethodKey, MethodResult>;
for (const { key } of METHODS) {
  const r = { cells: {}, region: {}, category: {} } as MethodResult;
  for (const kind of ['count', 'rupiah'] as Kind[]) {
    r.cells[kind] = {} as Record<Scope, CellFigures>;
    r.region[kind] = {} as Record<Scope, RelFigures>;
    r.category[kind] = {} as Record<Scope, RelFigures>;
    for (const scope of Object.keys(SCOPES) as Scope[]) {
      r.cells[kind][scope] = await cellFigures(key, kind, SCOPES[scope]);
      r.region[kind][scope] = await relFigures(key, kind, 'region', REL_SCOPES[scope]);
      r.category[kind][scope] = await relFigures(key, kind, 'category', REL_SCOPES[scope]);
    }
  }
  results[key] = r;
}
const perTable = await db.all<Record<string, string | number | null>>(`
  SELECT tbl, count(*) AS cells, count(*) FILTER (tingkat = 'desa') AS desa_cells,
    ${methodKeys.map((m) => `count(${q(m)}) / count(*) AS ${q(`${m}_share`)}, count(${q(m)}) FILTER (tingkat = 'desa') / nullif(count(*) FILTER (tingkat = 'desa'), 0) AS ${q(`${m}_share_desa`)}, avg(abs(${q(m)} - truth)) AS ${q(`${m}_mae`)}`).join(', ')}
  FROM v WHERE kind = 'count' GROUP BY tbl ORDER BY tbl`);
// Suppression: what the hidden cells really are (primary = small, complementary = k or more).
const hidden = published
  ? await db.all<{ scope: string; hidden: number; zero: number; small: number; large: number }>(`
    SELECT scope, count(*) AS hidden, count(*) FILTER (truth = 0) AS zero,
      count(*) FILTER (truth BETWEEN 1 AND ${K - 1}) AS small, count(*) FILTER (truth >= ${K}) AS large
    FROM (SELECT 'all' AS scope, * FROM v UNION ALL SELECT 'desa', * FROM v WHERE tingkat = 'desa')
    WHERE kind = 'count' AND suppression IS NULL GROUP BY scope ORDER BY scope`)
  : [];
const seconds = (performance.now() - started) / 1000;
db.close();

// ---------------------------------------------------------------- what a reader knows and must be told
const interval: Record<MethodKey, { width: string; id: string; en: string }> = {
  suppression: {
    width: 'shown: 0; hidden: ≥ 1, no upper bound',
    id: 'Angka yang terbit tepat (lebar 0). Sel yang disamarkan hanya diketahui ≥ 1: sel primer bernilai 1..k−1, tetapi sel pelengkap bisa berapa saja dan pembaca tidak dapat membedakannya.',
    en: 'A shown number is exact (width 0). A hidden cell is known only to be ≥ 1: primary cells are 1..k−1, but complementary cells can be any size and a reader cannot tell them apart.',
  },
  cellkey: {
    width: `±${CELL_KEY_D} (width ${2 * CELL_KEY_D}); a shown 0 means 0..${CELL_KEY_D}`,
    id: `Nilai sebenarnya dalam ±${CELL_KEY_D} dari angka yang terbit dan ≥ 0 (lebar ${2 * CELL_KEY_D}); angka 0 yang terbit berarti 0..${CELL_KEY_D}.`,
    en: `The true value is within ±${CELL_KEY_D} of the shown number and ≥ 0 (width ${2 * CELL_KEY_D}); a shown 0 means 0..${CELL_KEY_D}.`,
  },
  round3: {
    width: '±2 (width 4); a shown 0 means 0..2',
    id: 'Nilai sebenarnya dalam ±2 dari angka yang terbit (lebar 4); angka 0 yang terbit berarti 0..2.',
    en: 'The true value is within ±2 of the shown number (width 4); a shown 0 means 0..2.',
  },
  round5: {
    width: '±4 (width 8); a shown 0 means 0..4',
    id: 'Nilai sebenarnya dalam ±4 dari angka yang terbit (lebar 8); angka 0 yang terbit berarti 0..4.',
    en: 'The true value is within ±4 of the shown number (width 8); a shown 0 means 0..4.',
  },
};
const tell: Record<MethodKey, { id: string; en: string }> = {
  suppression: {
    id: `Jumlah 1 sampai ${K - 1} (${published?.sensitiveK ?? 20} untuk kategori sensitif) tidak ditampilkan, dan beberapa sel lain ikut disamarkan agar tidak bisa dihitung ulang; angka yang tampil tepat, tetapi total tidak bisa dijumlahkan dari bagian yang tampil.`,
    en: `Counts of 1 to ${K - 1} (${published?.sensitiveK ?? 20} for sensitive categories) are not shown, and some other cells are hidden too so they cannot be worked out; shown numbers are exact, but totals cannot be rebuilt from the parts shown.`,
  },
  cellkey: {
    id: `Setiap angka diberi sedikit gangguan acak yang tetap (paling banyak ±${CELL_KEY_D}, tidak pernah di bawah 0, 0 tetap 0); sel yang sama selalu bernilai sama, jadi total bisa berbeda sedikit dari jumlah bagiannya.`,
    en: `Every number has a small, fixed random change (at most ±${CELL_KEY_D}, never below 0, 0 stays 0); the same cell always shows the same value, so a total may differ slightly from the sum of its parts.`,
  },
  round3: {
    id: 'Setiap angka dibulatkan secara acak ke kelipatan 3 terdekat (ke atas atau ke bawah, rata-rata tanpa bias); total dibulatkan sendiri, jadi bisa berbeda dari jumlah bagiannya.',
    en: 'Every number is randomly rounded to a neighbouring multiple of 3 (up or down, unbiased on average); totals are rounded on their own, so they may differ from the sum of their parts.',
  },
  round5: {
    id: 'Setiap angka dibulatkan secara acak ke kelipatan 5 terdekat (ke atas atau ke bawah, rata-rata tanpa bias); total dibulatkan sendiri, jadi bisa berbeda dari jumlah bagiannya.',
    en: 'Every number is randomly rounded to a neighbouring multiple of 5 (up or down, unbiased on average); totals are rounded on their own, so they may differ from the sum of their parts.',
  },
};

// ---------------------------------------------------------------- write
const today = new Date().toISOString().slice(0, 10);
const outPath = resolve(REPO_ROOT, values.out);
const jsonPath = resolve(REPO_ROOT, values.json ?? values.out.replace(/\.md$/, '') + '.json');
const rel = (p: string) => relative(REPO_ROOT, p) || '.';
const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).replace(/\n$/, '');
  } catch {
    return '';
  }
};
const head = git('rev-parse', '--short', 'HEAD');
const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'scripts').split('\n').filter(Boolean).map((line) => line.slice(3));
const command = `npx tsx bench/sdc-compare.ts --truth ${rel(truth.dir)}${published ? ` --published ${rel(published.dir)}` : ''} --k ${K} --out ${values.out}${values.json ? ` --json ${values.json}` : ''}`;

const figures = {
  generated: new Date().toISOString(),
  seconds: Number(seconds.toFixed(1)),
  command,
  gitHead: head,
  uncommittedBuildFiles: dirty,
  truth: { release: truth.id, k: truth.k, sensitiveK: truth.sensitiveK },
  published: published ? { release: published.id, k: published.k, sensitiveK: published.sensitiveK } : null,
  smallCountK: K,
  cellKey: { secret: 'fixed benchmark secret (bench/sdc-methods.ts)', D: CELL_KEY_D, pTable: P_TABLE },
  tables: tables.map((t) => ({ name: t.name, counts: t.measures.filter((m) => m.kind === 'count').map((m) => m.name), rupiah: t.measures.filter((m) => m.kind === 'rupiah').map((m) => m.name) })),
  notCovered,
  rupiahNotPerturbed: rupiahUnlinked,
  truthCellsWithoutValue: nullTruthCells,
  suppressionHiddenCounts: hidden,
  methods: Object.fromEntries(
    METHODS.map((m) => [m.key, { name: { id: m.id, en: m.en }, interval: interval[m.key], mustBeTold: tell[m.key], ...results[m.key] }]),
  ),
  perTable,
};
mkdirSync(dirname(jsonPath), { recursive: true });
writeFileSync(jsonPath, `${JSON.stringify(figures, null, 2)}\n`);

const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)} %`);
const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '–' : x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const int = (x: number) => x.toLocaleString('en');
const addCell = (f: RelFigures) => (f.allShown ? `${pct(f.shareAddUp)} of ${int(f.allShown)}` : '–');
const allCell = (f: RelFigures) => `${pct(f.shareAllShown)} of ${int(f.holdInTruth)}`;

const countTable = (scope: Scope) => [
  '| Metode / Method | Sel tampil / Cells shown | Galat mutlak rata-rata / Mean abs. error | Galat mutlak maks. / Max abs. error | Wilayah: relasi tampil utuh / Region: relations fully shown | Wilayah: tetap terjumlah / Region: still add up | Kategori SEMUA: relasi tampil utuh / SEMUA: relations fully shown | Kategori SEMUA: tetap terjumlah / SEMUA: still add up | Jumlah kecil 1..k−1 tampil tepat / Small counts shown exactly | Jumlah kecil tampil 0 / Small counts shown as 0 |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...METHODS.map((m) => {
    const c = results[m.key].cells.count[scope];
    const reg = results[m.key].region.count[scope];
    const cat = results[m.key].category.count[scope];
    return `| ${m.id} / ${m.en} | ${pct(c.shareShown)} | ${num(c.meanAbsError, 3)} | ${num(c.maxAbsError, 0)} | ${allCell(reg)} | ${addCell(reg)} | ${allCell(cat)} | ${addCell(cat)} | ${pct(c.shareSmallExact)} | ${pct(c.shareSmallShownZero)} |`;
  }),
];
const rupiahTable = (scope: Scope) => [
  '| Metode / Method | Sel tampil / Cells shown | Galat mutlak rata-rata (Rp) / Mean abs. error (Rp) | Galat mutlak maks. (Rp) / Max abs. error (Rp) | Galat relatif rata-rata / Mean relative error | Wilayah: relasi tampil utuh / Region: relations fully shown | Wilayah: tetap terjumlah / Region: still add up |',
  '|---|---|---|---|---|---|---|',
  ...METHODS.map((m) => {
    const c = results[m.key].cells.rupiah[scope];
    const reg = results[m.key].region.rupiah[scope];
    return `| ${m.id} / ${m.en} | ${pct(c.shareShown)} | ${num(c.meanAbsError, 0)} | ${num(c.maxAbsError, 0)} | ${pct(c.meanRelError, 2)} | ${allCell(reg)} | ${addCell(reg)} |`;
  }),
];
const anyCount = results[METHODS[0]!.key].cells.count;
const anyRupiah = results[METHODS[0]!.key].cells.rupiah;
const regionTruth = results[METHODS[0]!.key].region.count.all;
const categoryTruth = results[METHODS[0]!.key].category.count.all;

const md = [
  '# Perbandingan metode pengendalian pengungkapan / Comparison of disclosure-control methods',
  '',
  `Measured ${today} by \`bench/sdc-compare.ts\` for issue 23 (\`issues show 23\`: "compare, on the default sample, at least (a) cell suppression, (b) the cell-key method, (c) random rounding"). This page reports figures only; the choice of method and its reasoning belong in [methodology.md](methodology.md).`,
  '',
  '## Inputs and commands',
  '',
  `- Truth: release \`${truth.id}\` (k = ${truth.k}, sensitive k = ${truth.sensitiveK}: nothing suppressed).`,
  published ? `- Published: release \`${published.id}\` (k = ${published.k}, sensitive k = ${published.sensitiveK}).` : '- Published: not given; cell suppression is not measured.',
  `- Code: git \`${head}\`${dirty.length ? `, with uncommitted changes in ${dirty.map((f) => `\`${f}\``).join(', ')}` : ''} when the comparison ran (the two releases were built shortly before, from the working tree of that time). The build changes as issue 23 progresses: re-run the three commands below to refresh.`,
  `- Default sample (\`data/raw/\`, \`npm run sample\` defaults). Small counts are 1..${K - 1} (k = ${K}).`,
  '',
  '```sh',
  'TERANG_PUBLIC_DATA_DIR=/work/main/.tmp/cmp/truth TERANG_REPORTS_DIR=/work/main/.tmp/cmp/r1 TERANG_WORK_DIR=/work/main/.tmp/cmp/w1 npx tsx scripts/build-data.ts --k 1 --sensitive-k 1',
  'TERANG_PUBLIC_DATA_DIR=/work/main/.tmp/cmp/pub TERANG_REPORTS_DIR=/work/main/.tmp/cmp/r2 TERANG_WORK_DIR=/work/main/.tmp/cmp/w2 npx tsx scripts/build-data.ts',
  command,
  '```',
  '',
  `The comparison took ${seconds.toFixed(1)} s. The figures are also in [${rel(jsonPath).replace(/^docs\//, '')}](${rel(jsonPath).replace(/^docs\//, '')}).`,
  '',
  '## What is measured',
  '',
  `- **Cells**: every count cell of every published table except the survival curves (\`pengaduan_km\`, \`pengaduan_km_respons\`): integer columns that have a \`<col>_disamarkan\` companion and whose unit is a count (not rupiah, %, or hari kerja). ${int(anyCount.all.cells)} count cells, ${int(anyCount.desa.cells)} of them at desa level; ${int(anyRupiah.all.cells)} rupiah cells (${int(anyRupiah.desa.cells)} at desa level) are reported separately. Not covered: percentages (they follow their counts) and durations in working days (medians, 90th percentiles, maxima; ${notCovered.length} columns in all, listed in the JSON).`,
  '- **Cells shown**: a number is printed. Under suppression a hidden cell is not shown; the perturbative methods show every cell.',
  '- **Errors** are against the truth, over shown cells only (a suppressed cell has no error, it has no number).',
  `- **Additivity, region**: parent = Σ children (provinsi = Σ kabupaten, kabupaten = Σ kecamatan, kecamatan = Σ desa, or the next level the table publishes), same column and other keys. Only relations that hold in the truth are used (${regionTruth.holdInTruth === regionTruth.relations ? `all ${int(regionTruth.relations)} count relations hold` : `${int(regionTruth.holdInTruth)} of ${int(regionTruth.relations)} count relations; the others are not sums`}). "Fully shown" = parent and every child shown, as a share of those; "still add up" = the shown parent equals the sum of the shown children exactly, as a share of fully shown relations. Desa rows: kecamatan = Σ desa.`,
  `- **Additivity, categories**: the 'SEMUA' row = Σ the other categories (desil, status, kategori, saluran, alur), same region and other keys; again only where that holds in the truth (${categoryTruth.holdInTruth === categoryTruth.relations ? `all ${int(categoryTruth.relations)} hold` : `${int(categoryTruth.holdInTruth)} of ${int(categoryTruth.relations)}`}). Period relations (quarters → year) are not measured: a year counts each recipient once, so it is not the sum of its quarters. Desa rows: relations among desa cells.`,
  `- **Small counts shown exactly**: of cells whose true value is 1..${K - 1}, the share where the reader sees exactly the true value (the reader cannot tell which ones). **Shown as 0**: the share printed as 0.`,
  '',
  '## Counts, all levels / Jumlah, semua tingkat',
  '',
  ...countTable('all'),
  '',
  '## Counts, desa cells / Jumlah, sel desa',
  '',
  ...countTable('desa'),
  '',
  ...hidden.map(
    (h) =>
      `- Suppression, ${h.scope === 'all' ? 'all levels' : 'desa cells'}: ${int(h.hidden)} count cells hidden, of which ${int(h.small)} (${pct(h.small / h.hidden)}) are small (1..${K - 1}), ${int(h.large)} (${pct(h.large / h.hidden)}) are ${K} or more (complementary, or sensitive tables with a higher k) and ${int(h.zero)} are 0.`,
  ),
  ...(hidden.length ? [''] : []),
  '## Rupiah, all levels / Rupiah, semua tingkat',
  '',
  ...rupiahTable('all'),
  '',
  '## Rupiah, desa cells / Rupiah, sel desa',
  '',
  ...rupiahTable('desa'),
  '',
  `Rupiah under the perturbative methods: amount × (published count ÷ true count) of the count it is paid to (${Object.entries(RUPIAH_COUNT).map(([r, c]) => `\`${r}\` ← \`${c}\``).join(', ')}); an amount behind a true count of 0 is left as it is. This keeps the amount per recipient exact, so amount ÷ a fixed benefit gives back the *published* count, not the true one; publishing the true amount beside a perturbed count would give the true count back. ${rupiahUnlinked.length ? `Not perturbed (no count to follow): ${rupiahUnlinked.map((r) => `\`${r.tbl}.${r.col}\``).join(', ')}.` : 'Every rupiah column has its count.'}`,
  '',
  '## Interval for one cell, and what a reader must be told / Selang untuk satu sel, dan yang harus diberitahukan kepada pembaca',
  '',
  'The interval a reader can state for a single shown cell from the method\'s public parameters alone, before combining it with other published numbers (combining narrows it: that is what the auditor measures).',
  '',
  '| Metode / Method | Selang / Interval | Selang (ID) | Interval (EN) | Yang harus diberitahukan (ID) | What a reader must be told (EN) |',
  '|---|---|---|---|---|---|',
  ...METHODS.map((m) => `| ${m.id} / ${m.en} | ${interval[m.key].width} | ${interval[m.key].id} | ${interval[m.key].en} | ${tell[m.key].id} | ${tell[m.key].en} |`),
  '',
  '## Per table: counts / Per tabel: jumlah',
  '',
  `| Tabel / Table | Sel / Cells | Sel desa / Desa cells | ${METHODS.map((m) => `${m.en}: shown (all / desa)`).join(' | ')} | ${METHODS.filter((m) => m.key !== 'suppression').map((m) => `${m.en}: mean abs. error`).join(' | ')} |`,
  `|---|---|---|${METHODS.map(() => '---|').join('')}${METHODS.filter((m) => m.key !== 'suppression').map(() => '---|').join('')}`,
  ...perTable.map(
    (t) =>
      `| ${t.tbl} | ${int(Number(t.cells))} | ${int(Number(t.desa_cells))} | ${METHODS.map((m) => `${pct(t[`${m.key}_share`] as number)} / ${pct(t[`${m.key}_share_desa`] as number | null)}`).join(' | ')} | ${METHODS.filter((m) => m.key !== 'suppression').map((m) => num(t[`${m.key}_mae`] as number, 3)).join(' | ')} |`,
  ),
  '',
  '## How the methods are simulated',
  '',
  `- **(a) Cell suppression** is read from the published release: a cell with \`<col>_disamarkan\` = true (or a row missing from it) is not shown; shown cells are compared with the truth as they are.`,
  `- **(b) Cell-key.** Each cell's key is HMAC-SHA256, under a fixed benchmark secret, of its identity: the values of the table's primary key and the column name (not the table name, so the same cell in two tables, e.g. the 'SEMUA' row of \`pengaduan_bulanan\` and of \`pengaduan_saluran\`, gets the same noise). The real method (ABS TableBuilder, UK 2021 Census) gives every *record* a random key and takes the cell key from the sum of its records' keys, so the same set of records always gets the same noise wherever it appears; this benchmark approximates that with a hash of the cell's identity, which gives the same error distribution for these figures. The noise, from the key (52 bits of the digest as a uniform u), follows a p-table with D = ${CELL_KEY_D}: 0 stays 0; 1 becomes 0, 1, 2 or 3 with probabilities 0.30, 0.45, 0.20, 0.05; 2 and more get −2, −1, 0, +1, +2 with 0.05, 0.20, 0.50, 0.20, 0.05. Every row has expected noise 0 (the row for 1 is the −2..2 row cut at 0 and re-weighted to stay unbiased), nothing becomes negative, and 1 and 2 may be shown as 0.`,
  '- **(c) Random rounding** to base b (Statistics New Zealand): a count with remainder r = value mod b goes up to the next multiple of b with probability r/b, otherwise down; multiples of b (and 0) stay. Unbiased. The random draw is seeded per cell from two other slices of the same digest, so a re-run gives the same figures and the same cell is always rounded the same way (Statistics NZ draws independently; a fixed draw per cell also stops averaging over repeated queries). Totals are rounded independently of their parts, which is why they stop adding up.',
  '- Everything runs in DuckDB SQL (the HMAC as `sha256(outer key ‖ sha256(inner key ‖ identity))`); `test/unit/sdc-compare.test.ts` checks the SQL against the TypeScript reference in `bench/sdc-methods.ts`.',
  '',
].join('\n');
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, md);
console.log(countTable('all').join('\n'));
console.log();
console.log(countTable('desa').join('\n'));
console.log(`\n${rel(outPath)}, ${rel(jsonPath)}: ${seconds.toFixed(1)} s`);
