/**
 * Mapping a request path to a file under the site root, safely.
 *
 * `/` and `/foo/` → `index.html` inside; `/foo` → `/foo` (a file), else
 * `/foo/index.html`, else `/foo.html`. Paths that would leave the root after
 * decoding (`..`, encoded `%2e%2e%2f`, backslashes, NUL bytes) are refused,
 * and so are hidden files and folders (`/.git/...`, `/.env`).
 */
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

export type Resolution =
  | { kind: 'file'; filePath: string; stats: Stats }
  | { kind: 'forbidden' }
  | { kind: 'bad-request' }
  | { kind: 'not-found' };

/** Decode and check a URL pathname. Returns null when it must be refused. */
export function decodeUrlPath(pathname: string): { path: string } | { refused: 'forbidden' | 'bad-request' } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { refused: 'bad-request' };
  }
  if (decoded.includes('\0')) return { refused: 'bad-request' };
  if (decoded.includes('\\')) return { refused: 'forbidden' };
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..')) return { refused: 'forbidden' };
  if (segments.some((segment) => segment.startsWith('.') && segment !== '.well-known' && segment !== '.')) {
    return { refused: 'forbidden' };
  }
  return { path: decoded };
}

async function statFile(filePath: string): Promise<Stats | null> {
  try {
    return await fs.stat(filePath);
  } catch {
    return null;
  }
}

/** Whether `child` is `parent` itself or inside it (both absolute, resolved). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Find the file for a decoded URL path under `root` (an absolute, real path).
 * Symlinks are followed only if their target stays inside the root.
 */
export async function resolveFile(root: string, urlPath: string): Promise<Resolution> {
  const target = path.join(root, urlPath);
  if (!isInside(root, target)) return { kind: 'forbidden' };

  const candidates = urlPath.endsWith('/')
    ? [path.join(target, 'index.html')]
    : [target, path.join(target, 'index.html'), `${target}.html`];

  for (const candidate of candidates) {
    const stats = await statFile(candidate);
    if (!stats?.isFile()) continue;
    const real = await fs.realpath(candidate);
    if (!isInside(root, real)) return { kind: 'forbidden' };
    return { kind: 'file', filePath: real, stats };
  }
  return { kind: 'not-found' };
}
