/**
 * Relations between published tables that a reader can derive from the
 * tables' definitions (docs/methodology.md): the same families, recipients or
 * complaints counted in two tables, or a yearly figure that is the sum of
 * monthly ones elsewhere. Each link yields relations only for the tables
 * present in the audit; every relation is checked against the true values
 * before it is used (system.ts), so a link that does not hold stops the build.
 */
import { ident } from '../sql.ts';
import type { CellNamer, Generator } from './system.ts';

export interface Link {
  name: string;
  /** Tables the link needs; it is skipped unless all are controlled in this audit. */
  tables: string[];
  generators(names: CellNamer): Generator[];
}

export interface LinkContext {
  /** SQL relation with the programs (`kode`, `unit`, `desil_min`, `desil_max`), e.g. the published `program` table. */
  programs: string;
}

const SAME_REGION = (a: string, b: string) => `${a}.tingkat = ${b}.tingkat AND ${a}.kode_wilayah = ${b}.kode_wilayah`;

/** Σ left − Σ right {=, ≤} 0, for relations keyed by `g`: each side a SELECT of (g, cell). */
const sides = (kind: string, eq: boolean, left: string[], right: string[]): Generator => ({
  kind,
  eq,
  sql: [
    ...left.map((sql) => `SELECT x.g, x.cell, 1.0 AS coef FROM (${sql}) AS x(g, cell)`),
    ...right.map((sql) => `SELECT x.g, x.cell, -1.0 AS coef FROM (${sql}) AS x(g, cell)`),
  ].join('\nUNION ALL\n'),
});

const regionKey = (alias: string, ...more: string[]) =>
  `concat_ws('|', ${[`${alias}.tingkat`, `${alias}.kode_wilayah`, ...more].join(', ')})`;

export function links(context: LinkContext): Link[] {
  return [
    {
      name: 'keluarga AKTIF: keluarga_desil SEMUA = verval_status AKTIF',
      tables: ['keluarga_desil', 'verval_status'],
      generators: (n) => {
        const d = n.table('keluarga_desil').work;
        const v = n.table('verval_status').work;
        return [
          sides(
            'keluarga_desil SEMUA = verval_status AKTIF',
            true,
            [`SELECT 'kd|' || ${regionKey('a')} AS g, ${n.cell('keluarga_desil', 'a', 'keluarga')} AS cell FROM ${d} a WHERE a.desil = 'SEMUA'`],
            [`SELECT 'kd|' || ${regionKey('b')}, ${n.cell('verval_status', 'b', 'keluarga')} FROM ${v} b WHERE b.status_verval = 'AKTIF'
               AND EXISTS (SELECT 1 FROM ${d} a WHERE a.desil = 'SEMUA' AND ${SAME_REGION('a', 'b')})`],
          ),
        ];
      },
    },
    {
      name: 'semua keluarga: verval_kemutakhiran = verval_status SEMUA',
      tables: ['verval_kemutakhiran', 'verval_status'],
      generators: (n) => {
        const k = n.table('verval_kemutakhiran').work;
        const v = n.table('verval_status').work;
        return [
          sides(
            'verval_kemutakhiran = verval_status SEMUA',
            true,
            [`SELECT 'vk|' || ${regionKey('a')} AS g, ${n.cell('verval_kemutakhiran', 'a', 'keluarga')} AS cell FROM ${k} a`],
            [`SELECT 'vk|' || ${regionKey('b')}, ${n.cell('verval_status', 'b', 'keluarga')} FROM ${v} b WHERE b.status_verval = 'SEMUA'
               AND EXISTS (SELECT 1 FROM ${k} a WHERE ${SAME_REGION('a', 'b')})`],
          ),
        ];
      },
    },
    {
      name: 'keluarga layak = Σ keluarga_desil in the program rule',
      tables: ['sasaran_program', 'keluarga_desil'],
      generators: (n) => {
        const s = n.table('sasaran_program').work;
        const d = n.table('keluarga_desil').work;
        const family = `SELECT kode, desil_min, desil_max FROM ${context.programs} WHERE upper(unit) = 'KELUARGA'`;
        return [
          sides(
            'sasaran_program.keluarga_layak = Σ keluarga_desil',
            true,
            [`SELECT 'kl|' || ${regionKey('a', 'a.kode_program', 'a.periode')} AS g, ${n.cell('sasaran_program', 'a', 'keluarga_layak')} AS cell
              FROM ${s} a WHERE a.kode_program IN (SELECT kode FROM (${family}))`],
            [`SELECT 'kl|' || ${regionKey('a', 'a.kode_program', 'a.periode')}, ${n.cell('keluarga_desil', 'b', 'keluarga')}
              FROM ${s} a JOIN (${family}) p ON p.kode = a.kode_program
              JOIN ${d} b ON ${SAME_REGION('a', 'b')} AND b.desil <> 'SEMUA' AND TRY_CAST(b.desil AS INTEGER) BETWEEN p.desil_min AND p.desil_max`],
          ),
        ];
      },
    },
    {
      name: 'pengaduan: kategori SEMUA = saluran SEMUA per bulan',
      tables: ['pengaduan_bulanan', 'pengaduan_saluran'],
      generators: (n) => {
        const b = n.table('pengaduan_bulanan').work;
        const s = n.table('pengaduan_saluran').work;
        return ['diterima', 'direspons', 'selesai', 'terbuka', 'dirujuk', 'dibuka_kembali'].map((c) =>
          sides(
            `pengaduan_bulanan SEMUA = pengaduan_saluran SEMUA (${c})`,
            true,
            [`SELECT 'bs|${c}|' || ${regionKey('a', 'a.bulan::VARCHAR')} AS g, ${n.cell('pengaduan_bulanan', 'a', c)} AS cell FROM ${b} a
              WHERE a.kategori = 'SEMUA' AND EXISTS (SELECT 1 FROM ${s} x WHERE x.saluran = 'SEMUA' AND ${SAME_REGION('a', 'x')} AND x.bulan = a.bulan)`],
            [`SELECT 'bs|${c}|' || ${regionKey('x', 'x.bulan::VARCHAR')}, ${n.cell('pengaduan_saluran', 'x', c)} FROM ${s} x
              WHERE x.saluran = 'SEMUA' AND EXISTS (SELECT 1 FROM ${b} a WHERE a.kategori = 'SEMUA' AND ${SAME_REGION('a', 'x')} AND x.bulan = a.bulan)`],
          ),
        );
      },
    },
    {
      name: 'pengaduan: tahun (pengaduan_waktu) = Σ bulan (pengaduan_bulanan)',
      tables: ['pengaduan_waktu', 'pengaduan_bulanan'],
      generators: (n) => {
        const w = n.table('pengaduan_waktu').work;
        const b = n.table('pengaduan_bulanan').work;
        const pairs: [string, string][] = [['kasus', 'diterima'], ['direspons', 'direspons'], ['selesai', 'selesai'], ['dirujuk', 'dirujuk'], ['dibuka_kembali', 'dibuka_kembali']];
        return pairs.map(([year, month]) =>
          sides(
            `pengaduan_waktu.${year} = Σ pengaduan_bulanan.${month}`,
            true,
            [`SELECT 'wb|${year}|' || ${regionKey('a', 'a.kategori', 'a.tahun::VARCHAR')} AS g, ${n.cell('pengaduan_waktu', 'a', year)} AS cell FROM ${w} a
              WHERE EXISTS (SELECT 1 FROM ${b} x WHERE ${SAME_REGION('a', 'x')})`],
            [`SELECT 'wb|${year}|' || ${regionKey('x', 'x.kategori', 'year(x.bulan)::VARCHAR')}, ${n.cell('pengaduan_bulanan', 'x', month)} FROM ${b} x`],
          ),
        );
      },
    },
    {
      name: 'pengaduan: terbuka (pengaduan_tunggakan) = Σ tahun (kasus − selesai)',
      tables: ['pengaduan_tunggakan', 'pengaduan_waktu'],
      generators: (n) => {
        const t = n.table('pengaduan_tunggakan').work;
        const w = n.table('pengaduan_waktu').work;
        return [
          sides(
            'pengaduan_tunggakan.terbuka = Σ (pengaduan_waktu.kasus − selesai)',
            true,
            [
              `SELECT 'tw|' || ${regionKey('a', 'a.kategori')} AS g, ${n.cell('pengaduan_tunggakan', 'a', 'terbuka')} AS cell FROM ${t} a`,
              `SELECT 'tw|' || ${regionKey('x', 'x.kategori')}, ${n.cell('pengaduan_waktu', 'x', 'selesai')} FROM ${w} x
               WHERE EXISTS (SELECT 1 FROM ${t} a WHERE ${SAME_REGION('a', 'x')} AND a.kategori = x.kategori)`,
            ],
            [`SELECT 'tw|' || ${regionKey('x', 'x.kategori')}, ${n.cell('pengaduan_waktu', 'x', 'kasus')} FROM ${w} x
              WHERE EXISTS (SELECT 1 FROM ${t} a WHERE ${SAME_REGION('a', 'x')} AND a.kategori = x.kategori)`],
          ),
        ];
      },
    },
    {
      name: 'pengaduan: rujukan SEMUA = pengaduan_waktu SEMUA per tahun',
      tables: ['pengaduan_rujukan', 'pengaduan_waktu'],
      generators: (n) => {
        const r = n.table('pengaduan_rujukan').work;
        const w = n.table('pengaduan_waktu').work;
        return ['kasus', 'selesai'].map((c) =>
          sides(
            `pengaduan_rujukan SEMUA = pengaduan_waktu SEMUA (${c})`,
            true,
            [`SELECT 'rw|${c}|' || ${regionKey('a', 'a.tahun::VARCHAR')} AS g, ${n.cell('pengaduan_rujukan', 'a', c)} AS cell FROM ${r} a WHERE a.alur = 'SEMUA'`],
            [`SELECT 'rw|${c}|' || ${regionKey('x', 'x.tahun::VARCHAR')}, ${n.cell('pengaduan_waktu', 'x', c)} FROM ${w} x
              WHERE x.kategori = 'SEMUA' AND EXISTS (SELECT 1 FROM ${r} a WHERE a.alur = 'SEMUA' AND ${SAME_REGION('a', 'x')} AND a.tahun = x.tahun)`],
          ),
        );
      },
    },
    {
      name: 'pengaduan: Σ alur of a channel = Σ bulan of that channel',
      tables: ['pengaduan_rujukan', 'pengaduan_saluran'],
      generators: (n) => {
        const r = n.table('pengaduan_rujukan').work;
        const s = n.table('pengaduan_saluran').work;
        return [['kasus', 'diterima'], ['selesai', 'selesai']].map(([flow, month]) =>
          sides(
            `Σ pengaduan_rujukan.${flow} by saluran = Σ pengaduan_saluran.${month}`,
            true,
            [`SELECT 'rs|${flow}|' || ${regionKey('a', 'a.saluran', 'a.tahun::VARCHAR')} AS g, ${n.cell('pengaduan_rujukan', 'a', flow!)} AS cell FROM ${r} a WHERE a.alur <> 'SEMUA'`],
            [`SELECT 'rs|${flow}|' || ${regionKey('x', 'x.saluran', 'year(x.bulan)::VARCHAR')}, ${n.cell('pengaduan_saluran', 'x', month!)} FROM ${s} x
              WHERE x.saluran <> 'SEMUA' AND EXISTS (SELECT 1 FROM ${r} a WHERE ${SAME_REGION('a', 'x')})`],
          ),
        );
      },
    },
    {
      name: 'tumpang tindih ≤ multi_program of each program',
      tables: ['sasaran_tumpang_tindih', 'sasaran_program'],
      generators: (n) => {
        const t = n.table('sasaran_tumpang_tindih').work;
        const s = n.table('sasaran_program').work;
        return ['program_a', 'program_b'].map((side) =>
          sides(
            `sasaran_tumpang_tindih.keluarga ≤ sasaran_program.multi_program (${side})`,
            false,
            [`SELECT 'tt|${side}|' || a._rid AS g, ${n.cell('sasaran_tumpang_tindih', 'a', 'keluarga')} AS cell FROM ${t} a
              WHERE EXISTS (SELECT 1 FROM ${s} x WHERE ${SAME_REGION('a', 'x')} AND x.periode = a.periode AND x.kode_program = a.${ident(side)})`],
            [`SELECT 'tt|${side}|' || a._rid, ${n.cell('sasaran_program', 'x', 'multi_program')} FROM ${t} a
              JOIN ${s} x ON ${SAME_REGION('a', 'x')} AND x.periode = a.periode AND x.kode_program = a.${ident(side)}`],
          ),
        );
      },
    },
  ];
}

