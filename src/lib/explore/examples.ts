/**
 * Example queries of the Jelajah (SQL explorer) page: SQL over the published
 * tables, with a plain-language explanation in both languages. The same list
 * is rendered as static HTML at build time and run by the tests against a
 * real release (@duckdb/node-api and DuckDB-wasm), so every example runs on
 * the published schema.
 *
 * Suppressed values are NULL with `<column>_disamarkan = true`: examples that
 * compare or add such a column exclude or count the suppressed rows
 * explicitly, and their explanation says so.
 */
import type { Lang } from '../format.ts';

export interface ExampleQuery {
  /** Stable id (anchors, tests). */
  id: string;
  title: Record<Lang, string>;
  explanation: Record<Lang, string>;
  sql: string;
}

/** The latest quarter published for a program (quarters are `YYYY-Qn`; the build publishes complete quarters). */
const latestQuarter = (program: string) =>
  `(SELECT max(periode) FROM sasaran_program WHERE kode_program = '${program}' AND periode LIKE '%-Q%')`;

export const EXAMPLE_QUERIES: ExampleQuery[] = [
  {
    id: 'desa-pkh-di-luar-desil',
    title: {
      id: 'Kecamatan dengan lebih dari 20% penerima PKH di luar desil 1–4',
      en: 'Kecamatan where more than 20% of PKH recipients are outside desil 1–4',
    },
    explanation: {
      id: 'Triwulan terakhir yang diterbitkan. Galat inklusi = penerima di luar aturan desil ÷ penerima, dalam persen; per desa sebagian besar disamarkan bersama pembilangnya. Kecamatan yang angkanya disamarkan (galat_inklusi_disamarkan = true, nilainya NULL) tidak ikut: angkanya tidak diterbitkan, jadi tidak diketahui apakah di atas 20%. Contoh “Berapa angka yang disamarkan” menghitungnya.',
      en: 'Latest published quarter. Inclusion error = recipients outside the desil rule ÷ recipients, in percent; per desa it is mostly suppressed with its numerator. Kecamatan whose value is suppressed (galat_inklusi_disamarkan = true, the value is NULL) are left out: the value is not published, so it is unknown whether it is above 20%. The example “How many values are suppressed” counts them.',
    },
    sql: `SELECT w.nama AS kecamatan, s.kode_wilayah, s.periode, s.penerima, s.penerima_di_luar_desil, s.penerima_di_luar_desil_disamarkan, s.galat_inklusi
FROM sasaran_program AS s
JOIN wilayah AS w USING (tingkat, kode_wilayah)
WHERE s.tingkat = 'kecamatan'
  AND s.kode_program = 'PKH'
  AND s.periode = ${latestQuarter('PKH')}
  AND NOT s.galat_inklusi_disamarkan
  AND s.galat_inklusi > 20
ORDER BY s.galat_inklusi DESC, s.kode_wilayah`,
  },
  {
    id: 'penerima-pkh-per-provinsi',
    title: {
      id: 'Penerima PKH per provinsi',
      en: 'PKH recipients by province',
    },
    explanation: {
      id: 'Triwulan terakhir yang diterbitkan, satu baris per provinsi, bisa digambar sebagai grafik batang. Provinsi yang jumlahnya disamarkan tampil dengan nilai kosong (–).',
      en: 'Latest published quarter, one row per province, which can be drawn as a bar chart. A province whose count is suppressed shows an empty value (–).',
    },
    sql: `SELECT w.nama AS provinsi, s.penerima
FROM sasaran_program AS s
JOIN wilayah AS w USING (tingkat, kode_wilayah)
WHERE s.tingkat = 'provinsi'
  AND s.kode_program = 'PKH'
  AND s.periode = ${latestQuarter('PKH')}
ORDER BY s.penerima DESC NULLS LAST, w.nama`,
  },
  {
    id: 'angka-disamarkan',
    title: {
      id: 'Berapa angka yang disamarkan, per tingkat wilayah',
      en: 'How many values are suppressed, by region level',
    },
    explanation: {
      id: 'Untuk PKH pada triwulan terakhir: banyaknya wilayah, dan berapa di antaranya yang jumlah penerima atau galat inklusinya disamarkan. Makin kecil wilayahnya, makin sering angka disamarkan (jumlah kecil dapat menunjuk orang tertentu).',
      en: 'For PKH in the latest quarter: the number of regions, and how many of them have their recipient count or inclusion error suppressed. The smaller the region, the more often values are suppressed (small counts can point to particular people).',
    },
    sql: `SELECT tingkat,
  count(*) AS wilayah,
  count(*) FILTER (WHERE penerima_disamarkan) AS penerima_disamarkan,
  count(*) FILTER (WHERE galat_inklusi_disamarkan) AS galat_inklusi_disamarkan
FROM sasaran_program
WHERE kode_program = 'PKH'
  AND periode = ${latestQuarter('PKH')}
GROUP BY tingkat
ORDER BY wilayah`,
  },
  {
    id: 'desil-1-4-per-kabupaten',
    title: {
      id: 'Persen keluarga di desil 1–4 per kabupaten/kota',
      en: 'Share of families in desil 1–4 by kabupaten/kota',
    },
    explanation: {
      id: 'Dari tabel keluarga_desil (keluarga berstatus AKTIF pada tanggal data). Baris desil “SEMUA” adalah jumlah seluruh desil. Bila salah satu angka desil 1–4 disamarkan, persennya tidak dihitung (NULL) dan kolom ada_disamarkan bernilai true, supaya jumlah yang kurang tidak terbaca sebagai persen yang lebih kecil.',
      en: 'From the keluarga_desil table (ACTIVE families at the data date). The desil row “SEMUA” is the total of all desil. When any desil 1–4 count is suppressed the share is not computed (NULL) and ada_disamarkan is true, so an incomplete sum is never read as a smaller share.',
    },
    sql: `SELECT w.nama AS kabupaten,
  sum(k.keluarga) FILTER (WHERE k.desil IN ('1', '2', '3', '4')) AS keluarga_desil_1_4,
  any_value(k.keluarga) FILTER (WHERE k.desil = 'SEMUA') AS keluarga_semua,
  bool_or(k.keluarga_disamarkan) FILTER (WHERE k.desil IN ('1', '2', '3', '4', 'SEMUA')) AS ada_disamarkan,
  CASE WHEN NOT ada_disamarkan THEN round(100 * keluarga_desil_1_4 / keluarga_semua, 1) END AS persen_desil_1_4
FROM keluarga_desil AS k
JOIN wilayah AS w USING (tingkat, kode_wilayah)
WHERE k.tingkat = 'kabupaten'
GROUP BY w.nama, k.kode_wilayah
ORDER BY persen_desil_1_4 DESC NULLS LAST, k.kode_wilayah`,
  },
  {
    id: 'pengaduan-selesai-dalam-tenggat',
    title: {
      id: 'Pengaduan selesai dalam tenggat, per kabupaten/kota dan tahun',
      en: 'Complaints resolved within the deadline, by kabupaten/kota and year',
    },
    explanation: {
      id: 'Semua kategori pengaduan (kategori “SEMUA”). Persen dihitung dari pengaduan yang sudah selesai atau sudah lewat tenggatnya. NULL berarti tidak ada dasar hitungan atau angkanya disamarkan (lihat kolom _disamarkan).',
      en: 'All complaint categories (category “SEMUA”). The share counts complaints that were resolved or are past their deadline. NULL means there is nothing to count or the value is suppressed (see the _disamarkan column).',
    },
    sql: `SELECT w.nama AS kabupaten, p.tahun, p.kasus, p.persen_selesai_dalam_tenggat, p.persen_selesai_dalam_tenggat_disamarkan
FROM pengaduan_waktu AS p
JOIN wilayah AS w USING (tingkat, kode_wilayah)
WHERE p.tingkat = 'kabupaten' AND p.kategori = 'SEMUA'
ORDER BY w.nama, p.tahun`,
  },
];
