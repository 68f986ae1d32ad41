/**
 * Suppression thresholds. Defaults follow common practice (ONS and US CMS use
 * 10; DOMAIN.md "Publishing aggregates safely"); both are settings, read from
 * the environment by the build, never constants buried in the SQL.
 */

/** Counts from 1 to k−1 are suppressed. */
export const DEFAULT_K = 10;
/** Threshold for sensitive categories (PPKS such as HIV, violence, trafficking), unless a table sets its own. */
export const DEFAULT_SENSITIVE_K = 20;

export const K_ENV = 'TERANG_K';
export const SENSITIVE_K_ENV = 'TERANG_SENSITIVE_K';

export interface Thresholds {
  k: number;
  sensitiveK: number;
}

const parseThreshold = (variable: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${variable} must be a whole number ≥ 1 (got "${raw}")`);
  }
  return value;
};

/** Thresholds from `TERANG_K` / `TERANG_SENSITIVE_K`, with the defaults above. The sensitive threshold is never below k. */
export function resolveThresholds(env: NodeJS.ProcessEnv = process.env): Thresholds {
  const k = parseThreshold(K_ENV, env[K_ENV], DEFAULT_K);
  const sensitiveK = parseThreshold(SENSITIVE_K_ENV, env[SENSITIVE_K_ENV], DEFAULT_SENSITIVE_K);
  return { k, sensitiveK: Math.max(k, sensitiveK) };
}

/** Throws unless `value` is a usable threshold. */
export function assertThreshold(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1 (got ${value})`);
}
