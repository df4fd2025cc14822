/**
 * Browser mode (`npm run serve`) as one bundle run by plain node, as the packaged app runs its bundled main process:
 * under tsx, serve also carried tsx's compiler, its loader thread and the source maps of every file it transpiled
 * (some 30–40 MB of RSS with nothing loaded).
 *
 * out/serve.cjs, one level below the root like main/serve.ts, so serve finds out/web from either. CommonJS like the
 * Electron main bundle (package.json has no "type": "module"), so a module imported dynamically (the demo PBX) is
 * evaluated only when it is asked for. Packages stay outside the bundle and load from node_modules as they are (keytar
 * and better-sqlite3 are native). The source map lets `node --enable-source-maps` name the TypeScript files in stack
 * traces; it carries no sources (node reads only the mappings).
 *
 * package.json's `serve` runs it with V8's young generation capped at 4 MB a half (`--max-semi-space-size=4`): under
 * the load of 1,000 live calls it otherwise grows to 16 MB a half, 32 MB of RSS with nothing live in it after a GC,
 * and serve's CPU stayed at the same 3–5 % of a core with the cap (scripts/bench-memory.ts prints both).
 *
 *   npm run build:serve
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVE_ENTRY = path.join(REPO_ROOT, 'main', 'serve.ts');
export const SERVE_BUNDLE = path.join(REPO_ROOT, 'out', 'serve.cjs');

export async function buildServe(): Promise<string> {
  await build({
    entryPoints: [SERVE_ENTRY],
    outfile: SERVE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  return SERVE_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildServe().catch((error: unknown) => {
    // esbuild has printed what failed.
    if (!(error instanceof Error && 'errors' in error)) console.error(error);
    process.exitCode = 1;
  });
}
