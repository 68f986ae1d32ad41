/**
 * BPS region names → Kemendagri codes (scripts/bps/names.ts) against the
 * real idn-area-data list: spelling variants match, names in several places
 * are resolved by province context or reported with candidates, unknown
 * names get their closest candidates, and nothing is ever guessed or matched
 * by BPS code digits.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { cleanName, looksLikeProvince, nameParts, RegionIndex, type MatchResult } from '../../scripts/bps/names.ts';

const index = RegionIndex.load();
beforeEach(() => index.setOverrides([]));

const code = (result: MatchResult) => (result.status === 'matched' ? result.region.code : result.status);
const candidates = (result: MatchResult) => (result.status === 'matched' ? [] : result.candidates.map((c) => c.code));

describe('spelling variants', () => {
  it.each([
    ['Jombang', '3517'],
    ['Kabupaten Jombang', '3517'],
    ['Kab. Jombang', '3517'],
    ['KAB JOMBANG', '3517'],
    ['  kabupaten   jombang ', '3517'],
    ['Kota Malang', '3573'],
    ['Tanjungpinang', '2172'],
    ['Kota Tanjung Pinang', '2172'],
    ['Limapuluh Kota', '1307'],
    ['Lima Puluh Kota', '1307'],
    ['Kep. Mentawai', '1309'],
    ['Pangkajene Kepulauan', '7310'],
    ['Kota Adm. Jakarta Selatan', '3174'],
    ['Jakarta Selatan', '3174'],
    ['Kab. Adm. Kepulauan Seribu', '3101'],
    ['Kotabaru', '6302'],
    ['Malang Regency', '3507'],
  ])('%s → %s', (name, expected) => {
    expect(code(index.matchRegency(name, null))).toBe(expected);
  });

  it('matches province rows written the BPS way', () => {
    for (const [name, expected] of [
      ['JAWA TIMUR', '35'],
      ['DKI JAKARTA', '31'],
      ['DI YOGYAKARTA', '34'],
      ['D.I. YOGYAKARTA', '34'],
      ['KEP. BANGKA BELITUNG', '19'],
      ['KEPULAUAN RIAU', '21'],
      ['RIAU', '14'],
      ['Provinsi Kalimantan Selatan', '63'],
    ]) {
      expect(index.matchProvince(name!)?.code, name).toBe(expected);
    }
    expect(index.matchProvince('BANGKA BELITUNG')).toBeNull();
  });

  it('strips a leading BPS code and footnote marks from a name, but never matches on the code', () => {
    expect(cleanName('3573 Malang *)')).toBe('Malang');
    expect(cleanName('Pangandaran²')).toBe('Pangandaran');
    // BPS 3573 is Kota Malang, but its digits say nothing about Kemendagri: a name of digits only is unknown.
    expect(code(index.matchRegency('3573', null))).toBe('unknown');
  });

  it('tells province rows by upper case (or "Provinsi …")', () => {
    expect(looksLikeProvince('JAWA TIMUR')).toBe(true);
    expect(looksLikeProvince('Provinsi Jawa Timur')).toBe(true);
    expect(looksLikeProvince('Jombang')).toBe(false);
    expect(nameParts('Kota Baru')).toEqual({ kind: 'kota', key: 'baru', full: 'kotabaru' });
  });
});

describe('names found in several places', () => {
  it('uses the province context: Banjar is a kabupaten in Kalimantan Selatan and a kota in Jawa Barat', () => {
    expect(code(index.matchRegency('Banjar', '63'))).toBe('6303');
    expect(code(index.matchRegency('Banjar', '32'))).toBe('3279');
    const alone = index.matchRegency('Banjar', null);
    expect(alone.status).toBe('ambiguous');
    expect(candidates(alone)).toEqual(['3279', '6303']);
  });

  it('a bare name with both a kabupaten and a kota in the province is ambiguous, not taken as the kabupaten', () => {
    const result = index.matchRegency('Malang', '35');
    expect(result.status).toBe('ambiguous');
    expect(candidates(result)).toEqual(['3507', '3573']);
    expect(code(index.matchRegency('Kab. Malang', '35'))).toBe('3507');
    expect(code(index.matchRegency('Kota Malang', '35'))).toBe('3573');
  });

  it('a name that exists only in another province is unknown here, with the other one as a candidate', () => {
    const result = index.matchRegency('Jombang', '63');
    expect(result.status).toBe('unknown');
    expect(candidates(result)).toContain('3517');
  });
});

describe('unknown names and overrides', () => {
  it('suggests the closest names by edit distance', () => {
    const typo = index.matchRegency('Jombng', '35');
    expect(typo.status).toBe('unknown');
    expect(candidates(typo)[0]).toBe('3517');
    const wrongPrefix = index.matchRegency('Kota Baru', '63');
    expect(wrongPrefix.status).toBe('unknown');
    expect(candidates(wrongPrefix)[0]).toBe('6302');
  });

  it('an override settles an ambiguous or unknown name, limited to its province when it names one', () => {
    index.setOverrides([
      { name: 'Malang', provinceCode: '35', code: '3507' },
      { name: 'Toba Samosir', provinceCode: null, code: '1212' },
    ]);
    expect(index.matchRegency('MALANG', '35')).toMatchObject({ status: 'matched', method: 'override' });
    expect(code(index.matchRegency('Malang', '35'))).toBe('3507');
    expect(code(index.matchRegency('Malang', null))).toBe('ambiguous');
    expect(code(index.matchRegency('Toba Samosir', '12'))).toBe('1212');
  });
});
