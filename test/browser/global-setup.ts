/**
 * Build the site once per test run, in three throwaway workspaces, and serve
 * each with our static server on a free port:
 * - `empty`: no data release published (the honest "no release yet" page);
 * - `release`: a fixture `latest.json`, to check the page shows what it names;
 * - `sample`: a real release of the fictional sample at scale 0.01 (sample
 *   generator + data build), so pages show real published numbers.
 * Tests read the URLs with `inject('siteUrls')` and the sample's data folder
 * with `inject('samplePublicDataDir')`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { StaticServer } from '../../scripts/server/static-server.ts';
import { buildSampleRelease, buildSite, createWorkspace, serveSite, type SiteWorkspace } from './harness.ts';

export interface SiteUrls {
  empty: string;
  release: string;
  sample: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrls: SiteUrls;
    samplePublicDataDir: string;
  }
}

/** A small, clearly fictional pointer in the data build's format; the page must show exactly this. */
export const FIXTURE_RELEASE = {
  release: '2026-11-23-0123456789',
  path: '2026-11-23-0123456789/',
  dataDate: '2026-10-31',
  generatedAt: '2026-11-23T03:15:00Z',
  tables: [{ name: 'penerima_per_desa', rows: 1234 }, { name: 'pengaduan' }],
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workspaces: SiteWorkspace[] = [];
  const servers: StaticServer[] = [];
  const teardown = async () => {
    await Promise.all(servers.map((server) => server.close()));
    if (!process.env.TERANG_KEEP_TEST_WORKSPACE) {
      await Promise.all(workspaces.map((workspace) => fs.rm(workspace.root, { recursive: true, force: true })));
    }
  };
  try {
    const empty = await createWorkspace('browser-empty');
    workspaces.push(empty);
    const withRelease = await createWorkspace('browser-release');
    workspaces.push(withRelease);
    await fs.writeFile(path.join(withRelease.publicDataDir, 'latest.json'), JSON.stringify(FIXTURE_RELEASE, null, 2));

    const sample = await createWorkspace('browser-sample');
    workspaces.push(sample);

    // One after the other: two parallel builds would fight over 2 cores.
    await buildSite(empty);
    await buildSite(withRelease);
    await buildSampleRelease(sample, 0.01);
    await buildSite(sample);

    const emptyServer = await serveSite(empty);
    servers.push(emptyServer);
    const releaseServer = await serveSite(withRelease);
    servers.push(releaseServer);
    const sampleServer = await serveSite(sample);
    servers.push(sampleServer);
    project.provide('siteUrls', { empty: emptyServer.url, release: releaseServer.url, sample: sampleServer.url });
    project.provide('samplePublicDataDir', sample.publicDataDir);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
