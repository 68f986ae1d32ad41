/**
 * `--messy`: the bad inputs a real Dinas export contains. Row-level defects
 * go into the normal files (the build must quarantine those rows and still
 * finish); file-level defects go to `<out>-unreadable/` (each must stop a
 * build). Every injection is counted for the manifest.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MESSY_ROW_SHARE } from './calibration.ts';
import { type CsvFileWriter, formatLine, type Row, type RowFilter } from './csv-writer.ts';
import type { RawFileId } from './formats.ts';
import { NAMES_NEEDING_CP1252 } from './names.ts';
import type { Rng } from './rng.ts';

export interface MessyContext {
  asOf: number;
  fmtDate: (days: number) => string;
  fmtTimestamp: (minutes: number) => string;
  /** A village code that exists nowhere, in the file's own style. */
  unknownVillage: string;
}

type Defect = (row: Row, rng: Rng) => Row;

const futureDate = (ctx: MessyContext, rng: Rng): string => ctx.fmtDate(ctx.asOf + rng.int(30, 900));

/** The defects each file receives, by kind. A kind's name is what the manifest reports. */
const DEFECTS = (ctx: MessyContext): Record<RawFileId, Record<string, Defect>> => ({
  households: {
    textInNumber: (r, rng) => ({ ...r, desil: rng.pick(['tiga', 'satu', 'Desil 2', '-']) }),
    invalidEnum: (r, rng) => ({ ...r, status_verval: rng.pick(['AKTIP', 'Aktif?', 'MATI', 'NONAKTIF']) }),
    unknownVillage: (r) => ({ ...r, kode_desa: ctx.unknownVillage }),
    futureDate: (r, rng) => ({ ...r, tanggal_verval: futureDate(ctx, rng) }),
    emptyRequired: (r) => ({ ...r, no_kk: '' }),
    duplicateRow: (r) => r,
  },
  individuals: {
    invalidEnum: (r, rng) => ({ ...r, jenis_kelamin: rng.pick(['X', 'Laki', 'W']) }),
    emptyRequired: (r) => ({ ...r, tanggal_lahir: '' }),
    futureDate: (r, rng) => ({ ...r, tanggal_lahir: futureDate(ctx, rng) }),
    duplicateRow: (r) => r,
  },
  payments: {
    textInNumber: (r, rng) => ({ ...r, nominal: rng.pick(['satu juta', 'Rp -', 'empat ratus ribu']) }),
    /** Lenient parsers may accept this spelling; it is counted apart from plain text. */
    formattedRupiah: (r) => ({ ...r, nominal: `${(r.nominal ?? '0').replace(/\B(?=(\d{3})+$)/g, '.')},-` }),
    invalidEnum: (r, rng) => ({ ...r, saluran: rng.pick(['BRI', 'BANK', 'TUNAI']) }),
    unknownProgram: (r, rng) => ({ ...r, kode_program: rng.pick(['PKH2', 'BST', 'BLT_BBM']) }),
    futureDate: (r, rng) => ({ ...r, tanggal_bayar: futureDate(ctx, rng) }),
    emptyRequired: (r) => ({ ...r, nik: '', no_kk: '' }),
    duplicateRow: (r) => r,
  },
  deaths: {
    futureDate: (r, rng) => ({ ...r, tanggal_meninggal: futureDate(ctx, rng) }),
    emptyRequired: (r) => ({ ...r, nik: '' }),
    duplicateRow: (r) => r,
  },
  ppks: {
    invalidEnum: (r, rng) => ({ ...r, kategori: rng.pick(['27', '0', 'Lansia']) }),
    unknownVillage: (r) => ({ ...r, kode_desa: ctx.unknownVillage }),
    emptyRequired: (r) => ({ ...r, kategori: '' }),
    futureDate: (r, rng) => ({ ...r, tanggal_registrasi: futureDate(ctx, rng) }),
    duplicateRow: (r) => r,
  },
  complaints: {
    closedBeforeReceived: (r, rng) => ({ ...r, ditutup: ctx.fmtTimestamp((ctx.asOf - rng.int(800, 900)) * 1440 + 600), hasil: 'SELESAI', dibuka_kembali: '0' }),
    invalidEnum: (r, rng) => ({ ...r, saluran: rng.pick(['WHATSAPP', 'SMS', 'Email']) }),
    unknownVillage: (r) => ({ ...r, kode_desa: ctx.unknownVillage }),
    futureDate: (r, rng) => ({ ...r, diterima: ctx.fmtTimestamp((ctx.asOf + rng.int(30, 400)) * 1440 + 600) }),
    emptyRequired: (r) => ({ ...r, kategori: '' }),
    duplicateRow: (r) => r,
  },
});

export type DefectCounts = Record<string, number>;

/**
 * A row filter that injects each defect kind into about MESSY_ROW_SHARE of
 * rows, and into one early row for sure, so even a tiny sample has every kind.
 */
export const messyFilter = (
  id: RawFileId,
  ctx: MessyContext,
  rng: Rng,
  counts: DefectCounts,
  onCp1252Name?: (name: string) => void,
): RowFilter => {
  const defects = Object.entries(DEFECTS(ctx)[id]);
  for (const [kind] of defects) counts[kind] = 0;
  return (row, index) => {
    let out = row;
    // The Windows-1252 file also gets names whose characters only that code page spells right.
    if (onCp1252Name && (index === 3 || rng.chance(MESSY_ROW_SHARE))) {
      const name = rng.pick(NAMES_NEEDING_CP1252);
      out = { ...out, nama_kepala: name };
      onCp1252Name(name);
    }
    const forced = index >= 7 && index < 7 + defects.length * 5 && (index - 7) % 5 === 0 ? (index - 7) / 5 : -1;
    const u = rng.next();
    const drawn = u < MESSY_ROW_SHARE * defects.length ? Math.floor(u / MESSY_ROW_SHARE) : -1;
    const which = forced >= 0 ? forced : drawn;
    const defect = defects[which];
    if (!defect) return [out];
    const [kind, apply] = defect;
    counts[kind] = (counts[kind] ?? 0) + 1;
    return kind === 'duplicateRow' ? [out, out] : [apply(out, rng)];
  };
};

export interface UnreadableFile {
  file: string;
  problem: 'missingRequiredColumn' | 'empty' | 'binaryGarbage' | 'tabSeparated' | 'pipeSeparated';
  detail: string;
}

/** Broken exports, built from the first rows of the real files, that must stop a build. */
export const writeUnreadable = (dir: string, writers: Record<RawFileId, CsvFileWriter>, rng: Rng): UnreadableFile[] => {
  mkdirSync(dir, { recursive: true });
  const out: UnreadableFile[] = [];
  const put = (file: string, content: string | Buffer, problem: UnreadableFile['problem'], detail: string): void => {
    writeFileSync(path.join(dir, file), content);
    out.push({ file, problem, detail });
  };

  const households = writers.households;
  const keep = households.columns.map((c, i) => [c, i] as const).filter(([c]) => c !== 'desil');
  const lines = [keep.map(([c]) => c), ...households.head.slice(0, 20).map((cells) => keep.map(([, i]) => cells[i] ?? ''))];
  put('keluarga.csv', lines.map((cells) => formatLine(cells, ',')).join(''), 'missingRequiredColumn', 'kolom wajib "desil" tidak ada');

  put('kematian.csv', '', 'empty', 'file kosong (0 byte)');

  const garbage = Buffer.alloc(4096);
  for (let i = 0; i < garbage.length; i++) garbage[i] = rng.int(0, 255);
  garbage.set([0x50, 0x4b, 0x03, 0x04], 0); // starts like a zip: an .xlsx saved as .csv
  put('individu.csv', garbage, 'binaryGarbage', 'isi biner (xlsx/zip) dengan nama .csv');

  const tabbed = [writers.payments.columns, ...writers.payments.head.slice(0, 20)].map((cells) => `${cells.join('\t')}\r\n`).join('');
  put('pembayaran.csv', tabbed, 'tabSeparated', 'pemisah tab, bukan koma atau titik koma');

  const piped = [writers.ppks.columns, ...writers.ppks.head.slice(0, 20)].map((cells) => `${cells.join('|')}\r\n`).join('');
  put('ppks.csv', piped, 'pipeSeparated', 'pemisah "|"');
  return out;
};
