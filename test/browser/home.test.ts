/**
 * The home page in real Chromium, in both languages: visible text, honesty
 * when no release exists, no console errors, nothing fetched from another
 * origin, the CSP header, a 360 px phone screen, and no serious axe issues.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/paths.ts';
import { CONTENT_SECURITY_POLICY } from '../../scripts/server/headers.ts';
import { launchChromium, openRecordedPage, requestsOffOrigin, type PageRecording } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results');

const pages = [
  {
    path: '/',
    lang: 'id',
    heading: 'Terang: transparansi bantuan sosial',
    noRelease: 'Belum ada rilis data',
    latest: 'Rilis data terbaru',
    switchTo: 'English',
  },
  {
    path: '/en/',
    lang: 'en',
    heading: 'Terang: social assistance transparency',
    noRelease: 'No data release yet',
    latest: 'Latest data release',
    switchTo: 'Bahasa Indonesia',
  },
] as const;

// Launched by the first test that needs it, so a missing Chromium fails every
// test with the install hint (a failing beforeAll would mark them skipped).
let browser: Promise<Browser> | undefined;
const opened: PageRecording[] = [];

afterAll(async () => {
  await Promise.all(opened.map((recording) => recording.context.close()));
  await (await browser?.catch(() => undefined))?.close();
});

async function visit(siteUrl: string, urlPath: string, viewport?: { width: number; height: number }) {
  browser ??= launchChromium();
  const recording = await openRecordedPage(await browser, siteUrl, { viewport });
  opened.push(recording);
  const response = await recording.page.goto(new URL(urlPath, siteUrl).href, { waitUntil: 'load' });
  if (!response) throw new Error(`no response for ${urlPath}`);
  return { ...recording, response };
}

function expectCleanPage(recording: PageRecording, siteUrl: string) {
  expect(recording.consoleErrors, 'console errors').toEqual([]);
  expect(recording.pageErrors, 'page errors').toEqual([]);
  expect(recording.failedRequests, 'failed requests').toEqual([]);
  expect(recording.foreignRequests, 'requests to other origins').toEqual([]);
  expect(requestsOffOrigin(recording.requests, siteUrl)).toEqual([]);
}

describe.each(pages)('home page $path', (expected) => {
  it('shows the page in its language and says honestly that no release exists', async () => {
    const siteUrl = inject('siteUrls').empty;
    const visit1 = await visit(siteUrl, expected.path);
    const { page, response } = visit1;

    expect(response.status()).toBe(200);
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.locator('html').getAttribute('lang')).toBe(expected.lang);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(expected.heading);
    expect(await page.getByTestId('no-release').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(expected.noRelease);
    expect(await page.getByText('npm run build:data').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: expected.switchTo }).isVisible()).toBe(true);
    expect(await page.getByTestId('release-id').count()).toBe(0);
    expect(visit1.requests.length).toBeGreaterThan(0);
    expectCleanPage(visit1, siteUrl);
  });

  it('shows the release that latest.json names, and its tables', async () => {
    const siteUrl = inject('siteUrls').release;
    const visited = await visit(siteUrl, expected.path);
    const { page } = visited;

    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(expected.latest);
    expect(await page.getByTestId('release-id').textContent()).toBe('2026-11-23-0123456789');
    expect(await page.locator('time[datetime="2026-10-31"]').textContent()).toBe('31 October 2026'.replace('October', expected.lang === 'id' ? 'Oktober' : 'October'));
    const tables = await page.getByTestId('release-tables').locator('li').allTextContents();
    expect(tables).toHaveLength(2);
    expect(tables[0]).toContain('penerima_per_desa');
    expect(tables[0]).toContain(expected.lang === 'id' ? '1.234' : '1,234');
    expect(tables[1]).toBe('pengaduan');
    expect(await page.getByTestId('generated-at').getAttribute('datetime')).toBe('2026-11-23T03:15:00Z');
    expect(await page.getByTestId('generated-at').textContent()).toContain('WIB');
    expect(await page.getByTestId('no-release').count()).toBe(0);
    expectCleanPage(visited, siteUrl);
  });

  it('fits a 360 px phone screen without horizontal scrolling', async () => {
    const siteUrl = inject('siteUrls').empty;
    const visited = await visit(siteUrl, expected.path, PHONE);
    const scrollWidth = await visited.page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await visited.page.screenshot({ path: path.join(SCREENSHOT_DIR, `home-${expected.lang}-360.png`), fullPage: true });
    expectCleanPage(visited, siteUrl);
  });

  it('has no serious or critical accessibility violations (axe)', async () => {
    for (const siteUrl of [inject('siteUrls').empty, inject('siteUrls').release]) {
      for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
        const { page } = await visit(siteUrl, expected.path, viewport);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
        expect(serious, `${siteUrl}${expected.path} at ${viewport.width}px`).toEqual([]);
      }
    }
  });
});

describe('language switch', () => {
  it('links Indonesian and English versions of the same page', async () => {
    const siteUrl = inject('siteUrls').empty;
    const visited = await visit(siteUrl, '/');
    await visited.page.getByRole('link', { name: 'English' }).click();
    await visited.page.waitForURL(`${siteUrl}/en/`);
    expect(await visited.page.locator('html').getAttribute('lang')).toBe('en');
    await visited.page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    await visited.page.waitForURL(`${siteUrl}/`);
    expect(await visited.page.locator('html').getAttribute('lang')).toBe('id');
    expectCleanPage(visited, siteUrl);
  });
});

describe('unknown address', () => {
  it('answers 404 with the bilingual not-found page', async () => {
    const siteUrl = inject('siteUrls').empty;
    const recording = await openRecordedPage(await (browser ??= launchChromium()), siteUrl);
    opened.push(recording);
    const response = await recording.page.goto(`${siteUrl}/tidak-ada/`);
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(await recording.page.getByRole('heading', { level: 1 }).textContent()).toBe('Halaman tidak ditemukan');
    expect(await recording.page.getByText('Page not found').isVisible()).toBe(true);
    expect(recording.pageErrors).toEqual([]);
    expect(recording.foreignRequests).toEqual([]);
  });
});
