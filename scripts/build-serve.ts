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

export function buildServe(): Promise<string> {
  return bundleForNode(SERVE_ENTRY, SERVE_BUNDLE);
}

/**
 * `entry` and what it imports from the repository as one CommonJS file for plain node, packages left in
 * node_modules: how serve and the Electron main process run the product's code. Benchmarks that time the product's
 * own code run it bundled too (bench-directory), since under tsx every imported constant is read through a getter
 * and every function is wrapped by keepNames, costs the shipped code never pays.
 */
export async function bundleForNode(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildServe().catch((error: unknown) => {
    // esbuild has printed what failed.
    if (!(error instanceof Error && 'errors' in error)) console.error(error);
    process.exitCode = 1;
  });
}
