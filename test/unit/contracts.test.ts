import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACTS, contractById, fileBelongsTo } from '../../scripts/contracts/contracts.ts';
import { renderContractsDoc } from '../../scripts/contracts/render-docs.ts';
import { CONTRACTS_DOC_PATH, ERRORS_DOC_PATH } from '../../scripts/contracts/write-docs.ts';
import { renderErrorsDoc } from '../../scripts/build/render-errors-doc.ts';

const referenceHeader = (fileName: string): string[] =>
  readFileSync(new URL(`../../data/reference/${fileName}`, import.meta.url), 'utf8').split('\n')[0]!.split(',');

describe('input contracts', () => {
  it('docs/data-contracts.md is current (run `npm run docs:contracts` if this fails)', () => {
    expect(readFileSync(CONTRACTS_DOC_PATH, 'utf8')).toBe(renderContractsDoc(CONTRACTS));
  });

  it('docs/errors.md is current (run `npm run docs:contracts` if this fails)', () => {
    expect(readFileSync(ERRORS_DOC_PATH, 'utf8')).toBe(renderErrorsDoc());
  });

  it('has unique ids and file names', () => {
    expect(new Set(CONTRACTS.map((c) => c.id)).size).toBe(CONTRACTS.length);
    expect(new Set(CONTRACTS.map((c) => c.fileName)).size).toBe(CONTRACTS.length);
  });

  it.each(CONTRACTS.map((c) => [c.id, c] as const))('%s: example covers exactly its columns, keys are columns', (_id, contract) => {
    const names = contract.columns.map((c) => c.name);
    expect(Object.keys(contract.example).sort()).toEqual([...names].sort());
    for (const key of contract.key ?? []) expect(names).toContain(key);
    for (const column of contract.columns) {
      if (column.required) expect(contract.example[column.name], column.name).not.toBe('');
      if (column.allowed) {
        const value = contract.example[column.name] ?? '';
        if (value !== '') expect(column.allowed).toContain(value);
      }
      if (column.allowedFrom) expect(() => contractById(column.allowedFrom!.file)).not.toThrow();
    }
  });

  it.each(CONTRACTS.filter((c) => c.kind === 'reference').map((c) => [c.fileName, c] as const))(
    'reference file %s has the contract header',
    (fileName, contract) => {
      expect(referenceHeader(fileName)).toEqual(contract.columns.map((c) => c.name));
    },
  );

  it('program, PPKS and complaint codes referenced by contracts exist in the reference files', () => {
    const programs = readFileSync(new URL('../../data/reference/programs.csv', import.meta.url), 'utf8');
    for (const code of ['PKH', 'SEMBAKO', 'BLT_DD', 'PBI_JK', 'PIP']) expect(programs).toContain(`\n${code},`);
    const ppks = readFileSync(new URL('../../data/reference/ppks-categories.csv', import.meta.url), 'utf8').trim().split('\n');
    expect(ppks.length - 1).toBe(26);
  });

  it('matches split exports to their contract by file name', () => {
    const households = contractById('households');
    expect(fileBelongsTo('keluarga.csv', households)).toBe(true);
    expect(fileBelongsTo('KELUARGA-2026.csv', households)).toBe(true);
    expect(fileBelongsTo('keluarga_jombang.csv', households)).toBe(true);
    expect(fileBelongsTo('keluargaku.csv', households)).toBe(false);
    expect(fileBelongsTo('keluarga.xlsx', households)).toBe(false);
  });
});
