/**
 * `npm run serve`: serve the built site (`dist/`, or TERANG_DIST_DIR).
 * Options: `--port <n>` (env PORT, default 4321), `--host <h>` (env HOST,
 * default 127.0.0.1), `--root <dir>`, `--quiet` (no access log).
 * The server itself lives in `scripts/server/static-server.ts`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { distDir } from './paths.ts';
import { createStaticServer, type StaticServer } from './server/static-server.ts';

export { createStaticServer } from './server/static-server.ts';
export type { RequestRecord, StaticServer, StaticServerOptions } from './server/static-server.ts';

export const DEFAULT_PORT = 4321;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeOptions {
  root?: string;
  port?: number;
  host?: string;
  quiet?: boolean;
}

/** Start serving and keep running until SIGINT/SIGTERM. */
export async function serveSite(options: ServeOptions = {}): Promise<StaticServer> {
  const root = path.resolve(options.root ?? distDir());
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`No built site in ${root} (index.html missing). Run \`npm run build:site\` or \`npm start\` first.`);
  }
  const server = createStaticServer({
    root,
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? DEFAULT_HOST,
    onRequest: options.quiet
      ? undefined
      : (r) => console.log(`${r.status} ${r.method} ${r.url}${r.encoding ? ` [${r.encoding}]` : ''} ${r.bytes} B`),
  });
  const { url } = await server.listen();
  const shown = url.replace('//127.0.0.1:', '//localhost:');
  console.log(`Terang is served from ${root}\n  → ${shown}/\n(Ctrl+C to stop)`);
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${value}`);
  return port;
}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      root: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  return {
    port: parsePort(values.port) ?? parsePort(env.PORT),
    host: values.host ?? (env.HOST || undefined),
    root: values.root,
    quiet: values.quiet,
  };
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  serveSite(parseServeArgs(process.argv.slice(2))).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
