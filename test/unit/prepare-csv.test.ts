import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contractById } from '../../scripts/contracts/contracts.ts';
import { InputFileError } from '../../scripts/build/errors.ts';
import { detectDelimiter, hashField, incompleteUtf8Tail, inspectCsv, normalizeHeader, prepareCsv, preparedInSlices, scanCsv } from '../../scripts/build/prepare-csv.ts';

const deaths = contractById('deaths');
const dir = mkdtempSync(join(tmpdir(), 'terang-prepare-'));
const prepare = (name: string, bytes: Buffer | string) => {
  const source = join(dir, name);
  writeFileSync(source, bytes);
  const prepared = prepareCsv(source, join(dir, `${name}.out`), deaths);
  return { prepared, output: readFileSync(prepared.output, 'utf8') };
};

describe('prepareCsv', () => {
  it('reads UTF-8 with a BOM, CRLF and `;`, numbering rows as a spreadsheet does', () => {
    const { prepared, output } = prepare('bom.csv', '\uFEFFNIK;Nama;Tanggal_Meninggal\r\n3517011204780002;Siti;03/02/2025\r\n\r\n3517011204780003;Ani;2025-02-04\r\n');
    expect(prepared.encoding).toBe('utf-8-bom');
    expect(prepared.direct).toBe(false); // a blank line would shift row numbers: copied with explicit ones
    expect(prepared.delimiter).toBe(';');
    expect(prepared.columns).toEqual(['nik', 'nama', 'tanggal_meninggal']);
    expect(prepared.rowsRead).toBe(2);
    expect(prepared.blankLines).toBe(1);
    expect(output.split('\n').slice(0, 3)).toEqual(['_row;nik;nama;tanggal_meninggal', '2;3517011204780002;Siti;03/02/2025', '4;3517011204780003;Ani;2025-02-04']);
  });

  it('lets DuckDB read a plain UTF-8 export as it is, without a copy', () => {
    const { prepared } = prepare('plain.csv', 'nik,nama,tanggal_meninggal\r\n3517011204780002,"Siti, Aminah",03/02/2025\r\n');
    expect(prepared.direct).toBe(true);
    expect(prepared.output).toBe(prepared.source);
    expect(prepared.rowsRead).toBe(1);
  });

  it('decodes Windows-1252 names into UTF-8', () => {
    const bytes = iconv.encode('nik,nama,tanggal_meninggal\n3517011204780002,Andrés Ma’ruf,03/02/2025\n', 'win1252');
    const { prepared, output } = prepare('cp1252.csv', bytes);
    expect(prepared.encoding).toBe('windows-1252');
    expect(output).toContain('Andrés Ma’ruf');
  });

  it('keeps row numbers right across a quoted value with a line break and sets aside misshapen rows', () => {
    const { prepared, output } = prepare(
      'quoted.csv',
      'nik,nama,tanggal_meninggal\n3517011204780002,"Siti\nAminah",03/02/2025\n3517011204780003,Ani,Budi,2025-02-04\n3517011204780004,Tono,2025-02-05',
    );
    expect(prepared.rowsRead).toBe(3);
    expect(prepared.misshapen).toEqual([{ row: 4, fields: 4 }]);
    expect(output).toContain('5,3517011204780004,Tono,2025-02-05');
    expect(output).toContain('2,3517011204780002,"Siti\nAminah"');
  });

  it('maps aliases and reports unknown columns', () => {
    const households = contractById('households');
    const source = join(dir, 'alias.csv');
    writeFileSync(source, 'No KK,NIK Kepala,Kode Wilayah,Desil,JML_ANGGOTA,Status Verval,Catatan\n1,2,3,4,5,6,7\n');
    const prepared = prepareCsv(source, `${source}.out`, households);
    expect(prepared.columns).toEqual(['no_kk', 'nik_kepala', 'kode_desa', 'desil', 'jumlah_anggota', 'status_verval', '_unknown_7']);
    expect(prepared.unknownColumns).toEqual(['catatan']);
  });

  it('refuses binary content', () => {
    expect(() => prepare('bin.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(InputFileError);
  });
});

describe('preparedInSlices', () => {
  const payments = contractById('payments');
  const header = 'nik,no_kk,kode_program,periode,nominal,saluran,status,tanggal_bayar';
  const body: string[] = [];
  for (let i = 0; i < 300; i++) {
    const kk = `35170112020500${String(i % 60).padStart(2, '0')}`;
    body.push(`,${i % 7 === 0 ? `"${kk}"` : i % 5 === 0 ? ` ${kk} ` : kk},PKH,2025-${String((i % 12) + 1).padStart(2, '0')},750000,HIMBARA,DIBAYAR,`);
  }
  const source = join(dir, 'pembayaran.csv');
  writeFileSync(source, `${header}\r\n${body.join('\r\n')}\r\n`);
  const outputs = [0, 1, 2, 3].map((k) => join(dir, `pembayaran-s${k}.csv`));
  // Sliced straight after the header is read: the copy counts the records itself.
  const prepared = preparedInSlices(inspectCsv(source, payments), outputs, ['nik', 'no_kk'], payments);
  const slices = outputs.map((o) => readFileSync(o, 'utf8').trim().split('\n'));

  it('counts records in the slicing pass as the counting scan does, and estimates them from the first bytes', () => {
    const scanned = scanCsv(source, payments);
    expect(scanned.rowsRead).toBe(300);
    expect([prepared.rowsRead, prepared.blankLines, prepared.misshapen]).toEqual([scanned.rowsRead, scanned.blankLines, scanned.misshapen]);
    expect(inspectCsv(source, payments).estimatedRows).toBe(300); // the whole file fits in the sample
  });

  it('writes every record to exactly one slice, each with the header and its source line number', () => {
    expect(prepared.sliceFiles).toEqual(outputs);
    expect(prepared.direct).toBe(false);
    expect(prepared.rowsRead).toBe(300);
    for (const lines of slices) expect(lines[0]).toBe(`_row,${header}`);
    const rows = slices.flatMap((lines) => lines.slice(1));
    expect(rows).toHaveLength(300);
    const byLine = new Map(rows.map((r) => [Number(r.slice(0, r.indexOf(','))), r.slice(r.indexOf(',') + 1)]));
    expect([...byLine.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 2));
    expect(byLine.get(2 + 7)).toBe(body[7]!.replace('\r', ''));
  });

  it('keeps rows with the same key value in one slice, quoted or padded alike, and spreads the rest', () => {
    const sliceOfKk = new Map<string, Set<number>>();
    slices.forEach((lines, k) => {
      for (const line of lines.slice(1)) {
        const kk = line.split(',')[2]!.replace(/"/g, '').trim();
        if (!sliceOfKk.has(kk)) sliceOfKk.set(kk, new Set());
        sliceOfKk.get(kk)!.add(k);
      }
    });
    expect(sliceOfKk.size).toBe(60);
    for (const [kk, set] of sliceOfKk) expect(set.size, kk).toBe(1);
    for (const lines of slices) expect(lines.length - 1).toBeGreaterThan(30); // no slice is empty or takes nearly all
  });

  it('hashes a value the way DuckDB reads it: surrounding spaces and quotes do not count', () => {
    const h = (text: string) => hashField(Buffer.from(text), 0, text.length, 0x811c9dc5);
    expect(h('"123"')).toBe(h('123'));
    expect(h(' 123\t')).toBe(h('123'));
    expect(h('123')).not.toBe(h('124'));
  });
});

describe('inspectCsv', () => {
  it('estimates the records of a file larger than its 4 MB sample from the sample and the size', () => {
    const payments = contractById('payments');
    const rows = Array.from({ length: 120_000 }, (_, i) => `,35170112020500${String(i % 100).padStart(2, '0')},PKH,2025-0${(i % 9) + 1},${750000 + (i % 1000)},HIMBARA,DIBAYAR,`);
    const source = join(dir, 'pembayaran-besar.csv');
    writeFileSync(source, `nik,no_kk,kode_program,periode,nominal,saluran,status,tanggal_bayar\n${rows.join('\n')}\n`);
    expect(statSync(source).size).toBeGreaterThan(5 * 2 ** 20);
    const { estimatedRows } = inspectCsv(source, payments);
    expect(Math.abs(estimatedRows - 120_000) / 120_000).toBeLessThan(0.01);
  });
});

describe('helpers', () => {
  it('detects the separator from the header, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,"c;d"', 'x')).toBe(',');
    expect(detectDelimiter('a;b;"c,d"', 'x')).toBe(';');
    expect(() => detectDelimiter('a\tb\tc', 'x')).toThrow(/FILE_DELIMITER/);
  });

  it('normalises header spellings', () => {
    expect(normalizeHeader('\uFEFF "Tanggal Lahir" ')).toBe('tanggal_lahir');
    expect(normalizeHeader('No.KK')).toBe('no_kk');
  });

  it('finds a multi-byte character cut at a chunk boundary', () => {
    const e = Buffer.from('é'); // c3 a9
    expect(incompleteUtf8Tail(Buffer.from([0x61, e[0]!]))).toBe(1);
    expect(incompleteUtf8Tail(Buffer.concat([Buffer.from('a'), e]))).toBe(0);
    const euro = Buffer.from('€'); // e2 82 ac
    expect(incompleteUtf8Tail(euro.subarray(0, 2))).toBe(2);
  });
});
