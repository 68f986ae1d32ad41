/**
 * The view state in the query string: parsing with fallbacks (unknown or
 * missing values, a period another program does not have), serialising,
 * and the round trip. Uses the Sasaran page's real fields.
 */
import { describe, expect, it } from 'vitest';
import { parseState, sameState, serialiseState } from '../../src/client/url-state.ts';
import { targetingFields, type TargetingConfig } from '../../src/lib/targeting/view.ts';

const config: TargetingConfig = {
  lang: 'id',
  release: '2026-10-31-abc',
  databaseUrl: '/data/2026-10-31-abc/terang.duckdb',
  databaseWhole: false,
  programs: [
    { kode: 'PKH', label: 'PKH', periods: ['2026-Q3', '2026-Q2', '2026'], defaultPeriod: '2026-Q3' },
    { kode: 'PIP', label: 'PIP', periods: ['2026-Q2', '2025'], defaultPeriod: '2026-Q2' },
  ],
  levels: ['provinsi', 'kabupaten', 'kecamatan'],
  defaultLevel: 'provinsi',
  defaultMetric: 'inklusi',
};
const fields = targetingFields(config);
const DEFAULT = { program: 'PKH', periode: '2026-Q3', metrik: 'inklusi', tingkat: 'provinsi' };

describe('parseState', () => {
  it('gives the defaults for an empty query string', () => {
    expect(parseState('', fields)).toEqual(DEFAULT);
    expect(parseState('?', fields)).toEqual(DEFAULT);
  });

  it('reads every field it knows and ignores the rest', () => {
    expect(parseState('?program=PIP&periode=2025&metrik=cakupan&tingkat=kecamatan&utm_source=x', fields)).toEqual({
      program: 'PIP',
      periode: '2025',
      metrik: 'cakupan',
      tingkat: 'kecamatan',
    });
  });

  it('falls back per field on unknown values, case included', () => {
    expect(parseState('?program=pkh&metrik=INKLUSI&tingkat=desa', fields)).toEqual(DEFAULT);
    expect(parseState('?metrik=<script>', fields)).toEqual(DEFAULT);
  });

  it("takes a period the program does not have as that program's default", () => {
    // 2026-Q3 is a PKH period, not a PIP one.
    expect(parseState('?program=PIP&periode=2026-Q3', fields)).toMatchObject({ program: 'PIP', periode: '2026-Q2' });
    // An unknown program falls back to PKH, and then its period is checked against PKH's.
    expect(parseState('?program=XYZ&periode=2026', fields)).toMatchObject({ program: 'PKH', periode: '2026' });
  });

  it('decodes percent-encoding and uses the first of repeated keys', () => {
    expect(parseState('?program=P%49P&program=PKH', fields).program).toBe('PIP');
  });
});

describe('serialiseState', () => {
  it('writes every field in a fixed order, defaults too', () => {
    expect(serialiseState(DEFAULT, fields)).toBe('?program=PKH&periode=2026-Q3&metrik=inklusi&tingkat=provinsi');
  });

  it('can omit the defaults, judging a period against its own program', () => {
    expect(serialiseState(DEFAULT, fields, { omitDefaults: true })).toBe('');
    expect(serialiseState({ ...DEFAULT, program: 'PIP', periode: '2026-Q2' }, fields, { omitDefaults: true })).toBe('?program=PIP');
    expect(serialiseState({ ...DEFAULT, tingkat: 'kabupaten' }, fields, { omitDefaults: true })).toBe('?tingkat=kabupaten');
  });

  it('keeps parameters that are not its own and replaces its own', () => {
    expect(serialiseState(DEFAULT, fields, { keep: '?lang=x&program=PIP&tingkat=desa' })).toBe('?lang=x&program=PKH&periode=2026-Q3&metrik=inklusi&tingkat=provinsi');
  });

  it('round-trips through parseState', () => {
    const states = [DEFAULT, { program: 'PIP', periode: '2025', metrik: 'kebocoran', tingkat: 'kabupaten' }];
    for (const state of states) {
      expect(parseState(serialiseState(state, fields), fields)).toEqual(state);
      expect(parseState(serialiseState(state, fields, { omitDefaults: true }), fields)).toEqual(state);
    }
  });
});

describe('sameState', () => {
  it('compares only the fields', () => {
    expect(sameState(DEFAULT, { ...DEFAULT }, fields)).toBe(true);
    expect(sameState(DEFAULT, { ...DEFAULT, extra: 'x' }, fields)).toBe(true);
    expect(sameState(DEFAULT, { ...DEFAULT, metrik: 'cakupan' }, fields)).toBe(false);
  });
});
