/**
 * The key for hashing NIK and KK numbers inside the build. Taken from
 * TERANG_SECRET, or from a local file created on first use and ignored by git.
 * The same secret gives the same hashes, so builds are reproducible; the
 * hashes never leave the build, so the secret protects only the working files.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const loadSecret = (file: string, env: NodeJS.ProcessEnv = process.env): Buffer => {
  const fromEnv = env.TERANG_SECRET?.trim();
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file}: the build secret is too short (at least 32 characters)`);
  return Buffer.from(secret, 'utf8');
};
