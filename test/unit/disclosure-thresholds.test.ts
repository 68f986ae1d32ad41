import { describe, expect, it } from 'vitest';
import { DEFAULT_K, DEFAULT_SENSITIVE_K, resolveThresholds } from '../../scripts/build/disclosure.ts';

describe('disclosure thresholds', () => {
  it('default to k = 10 and 20 for sensitive categories', () => {
    expect(resolveThresholds({})).toEqual({ k: DEFAULT_K, sensitiveK: DEFAULT_SENSITIVE_K });
    expect([DEFAULT_K, DEFAULT_SENSITIVE_K]).toEqual([10, 20]);
  });

  it('read TERANG_K and TERANG_SENSITIVE_K', () => {
    expect(resolveThresholds({ TERANG_K: '5', TERANG_SENSITIVE_K: ' 11 ' })).toEqual({ k: 5, sensitiveK: 11 });
    expect(resolveThresholds({ TERANG_K: '' })).toEqual({ k: 10, sensitiveK: 20 });
  });

  it('never let the sensitive threshold fall below k', () => {
    expect(resolveThresholds({ TERANG_K: '25' })).toEqual({ k: 25, sensitiveK: 25 });
  });

  it.each(['0', '-3', '2.5', 'sepuluh'])('reject TERANG_K=%s', (value) => {
    expect(() => resolveThresholds({ TERANG_K: value })).toThrow(/TERANG_K/);
  });
});
