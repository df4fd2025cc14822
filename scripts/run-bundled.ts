/**
 * Runs a benchmark script the way the product runs its code: bundled by
 * esbuild for plain node (bundleForNode, as serve's bundle and the Electron
 * main process are built), not under tsx. Under tsx every imported binding is
 * read through a getter and every function is wrapped by keepNames: costs
 * that fall on the product's side of an ingest ratio (its code crosses many
 * modules) and hardly on the bare parse's (one module), so the ratio said
 * more about tsx than about the product.
 *
 *   tsx scripts/run-bundled.ts [node flags…] scripts/bench-ingest.ts [the bench's own arguments…]
 *
 * The bundle is written to out/bench/<name>.cjs; node's flags (those before
 * the script) are passed to the node that runs it; its exit code is this one's.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './build-serve';

const args = process.argv.slice(2);
const entryIndex = args.findIndex((arg) => !arg.startsWith('-'));
if (entryIndex < 0) {
  console.error('usage: tsx scripts/run-bundled.ts [node flags…] <script.ts> [arguments…]');
  process.exit(2);
}
const entry = path.resolve(args[entryIndex]);
const bundle = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'out',
  'bench',
  `${path.basename(entry, path.extname(entry))}.cjs`,
);

bundleForNode(entry, bundle).then(
  () => {
    const run = spawnSync(process.execPath, [...args.slice(0, entryIndex), bundle, ...args.slice(entryIndex + 1)], { stdio: 'inherit' });
    process.exitCode = run.status ?? 1;
  },
  (error: unknown) => {
    // esbuild has printed what failed.
    if (!(error instanceof Error && 'errors' in error)) console.error(error);
    process.exitCode = 1;
  },
);
