/**
 * Mapping a request path to a file under the site root, safely.
 *
 * `/` and `/foo/` → `index.html` inside; `/foo` → `/foo` (a file), else
 * `/foo/index.html`, else `/foo.html`. Paths that would leave the root after
 * decoding (`..`, encoded `%2e%2e%2f`, backslashes, NUL bytes) are refused,
 * and so are hidden files and folders (`/.git/...`, `/.env`). A file is sent
 * only when its real path (symlinks resolved, `fs.realpath`) lies inside the
 * root's real path: a symlink out of the root is treated as absent.
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
 * The real path and stats of a regular file at `filePath`, when that real
 * path lies inside `root` (an absolute, real path); else null. Every file the
 * server sends goes through this: the page, its precompressed `.br`/`.gz`
 * sibling and the 404 page. A symlink (of the file or of any folder on the
 * way) whose target is outside the root counts as no file at all, so a
 * request learns nothing about what lies outside.
 */
export async function realFileInside(root: string, filePath: string): Promise<{ filePath: string; stats: Stats } | null> {
  let real: string;
  try {
    real = await fs.realpath(filePath);
  } catch {
    return null; // missing, a dangling symlink, or a loop
  }
  if (!isInside(root, real)) return null;
  const stats = await statFile(real);
  return stats?.isFile() ? { filePath: real, stats } : null;
}

/**
 * Find the file for a decoded URL path under `root` (an absolute, real path).
 * Symlinks are followed only if their target stays inside the root; one that
 * leads out is skipped like a missing file (404 when no other candidate fits).
 */
export async function resolveFile(root: string, urlPath: string): Promise<Resolution> {
  const target = path.join(root, urlPath);
  if (!isInside(root, target)) return { kind: 'forbidden' };

  const candidates = urlPath.endsWith('/')
    ? [path.join(target, 'index.html')]
    : [target, path.join(target, 'index.html'), `${target}.html`];

  for (const candidate of candidates) {
    const found = await realFileInside(root, candidate);
    if (found) return { kind: 'file', ...found };
  }
  return { kind: 'not-found' };
}
