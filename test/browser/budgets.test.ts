/**
 * The page-weight budget, in CI: before any interaction, no page type may
 * transfer more than 150 KB compressed, and none may fetch wasm (DuckDB loads
 * only when a reader asks for another view). Bytes only: timings are the
 * benchmark's job (`npm run bench:site`), not a test's.
 *
 * Serves the sample site that global-setup built with a server of its own, so
 * its byte counts see no other test's traffic.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createStaticServer, type StaticServer } from '../../scripts/server/static-server.ts';
import { launchChromium } from './harness.ts';
import { measurePageWeight, pageTypes } from './page-weight.ts';

/** 150 KB, counted as 150,000 bytes. */
export const BUDGET_BYTES = 150_000;

let browser: Browser;
let server: StaticServer;
let root: string;

beforeAll(async () => {
  // global-setup's workspace: <root>/public/data (injected) and <root>/dist.
  root = path.resolve(inject('samplePublicDataDir'), '..', '..', 'dist');
  server = createStaticServer({ root, port: 0, host: '127.0.0.1' });
  await server.listen();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('page weight before interaction', () => {
  it('stays within 150 KB compressed and fetches no wasm, on every page type', async () => {
    const types = pageTypes(root);
    expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(['beranda', 'wilayah', 'kabupaten', 'sasaran', 'jelajah']));
    for (const type of types) {
      const weight = await measurePageWeight(browser, server, root, type);
      expect(weight.requests, type.path).toBeGreaterThan(0);
      expect(weight.wasm, `${type.path}: wasm before interaction`).toEqual([]);
      expect(weight.bytesCompressed, `${type.path}: ${weight.bytesCompressed} bytes compressed`).toBeLessThanOrEqual(BUDGET_BYTES);
    }
  });
});
