import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecret } from '../../scripts/build/secret.ts';

const dir = mkdtempSync(join(tmpdir(), 'terang-secret-'));

describe('build secret', () => {
  it('prefers TERANG_SECRET from the environment', () => {
    expect(loadSecret(join(dir, 'unused'), { TERANG_SECRET: 'from-the-environment' }).toString()).toBe('from-the-environment');
  });

  it('creates a private secret file on first use and reuses it', () => {
    const file = join(dir, 'secret');
    const first = loadSecret(file, {});
    expect(first.length).toBe(64);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadSecret(file, {}).equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString());
  });

  it('refuses a secret too short to protect the hashes', () => {
    const file = join(dir, 'short');
    writeFileSync(file, 'abc\n');
    expect(() => loadSecret(file, {})).toThrow(/too short/);
  });
});
