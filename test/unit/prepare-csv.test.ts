import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contractById } from '../../scripts/contracts/contracts.ts';
import { InputFileError } from '../../scripts/build/errors.ts';
import { detectDelimiter, incompleteUtf8Tail, normalizeHeader, prepareCsv } from '../../scripts/build/prepare-csv.ts';

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
