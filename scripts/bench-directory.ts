/**
 * Benchmark (not a test): directory search over a synthetic 100,000-entry
 * directory, the product's index against MiniSearch and FlexSearch, on the
 * same data and the same queries typed keystroke by keystroke.
 *
 *   npm run bench:directory            (BENCH_ENTRIES=20000 for a smaller one; BENCH_ENGINES=product for one engine)
 *
 * Each engine is measured in a process of its own (scripts/bench-directory-engine.ts, one after another),
 * on the same deterministic entries and keystrokes (bench-directory-data.ts): in one shared process an
 * engine's keystrokes were timed beside the heap the engines before it left, and the collections of that
 * heap landed in its keystrokes. This process prints the figures side by side.
 *
 * Prints per engine: index build time, heap, per-keystroke p50/p99/max, the collections that ran during
 * the timed keystrokes, and recall@10; for the product also its slowest keystrokes by median (a p99
 * that one keystroke causes every time is not noise). Recall is measured here against a brute-force
 * reference (bench-directory-data.ts), independently of the product's ranking: with diacritics folded, exact
 * whole-word name matches first, then prefixes of a first, last or alternative
 * name, then digit prefixes of a number (E.164 or national form), then company
 * prefixes; several words must each match, the entry's tier is its worst
 * word's. recall@10 = how many of an engine's top 10 belong to the best tier
 * the reference found (all of it when it has fewer than 10).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildEntries,
  ENGINE_NAMES,
  KEYSTROKES,
  QUERIES,
  referenceBest,
  refEntry,
  SETTINGS,
  type EngineName,
  type Measurement,
} from './bench-directory-data';
import { bundleForNode } from './build-serve';

const ENGINE_SCRIPT = fileURLToPath(new URL('./bench-directory-engine.ts', import.meta.url));
const ENGINE_BUNDLE = path.resolve(path.dirname(ENGINE_SCRIPT), '..', 'out', 'bench', 'bench-directory-engine.cjs');

/**
 * Measures one engine in a child process of plain node running the engine script bundled, as the product's main
 * process runs the index (under tsx a first build took 356–453 ms against 246–314 ms bundled, the same code: tsx reads
 * every imported constant through a getter call, which the build's loops pay before they are optimised). The peers
 * load from node_modules as they ship either way. Resolves with what the child reports.
 */
function measureApart(name: EngineName, bundle: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(bundle, [name], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: Measurement | undefined;
    child.once('message', (message) => {
      result = message as Measurement;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`${name}'s process ended (${code ?? 'signal'}) without a result`)),
    );
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

interface Result extends Measurement {
  p50: number;
  p99: number;
  max: number;
  recall: number;
  /** Each keystroke's own times, sorted: which ones are slow. */
  perKeystroke: Map<string, number[]>;
}

/** An engine's figures from what its process reported: the percentiles of its times, and its recall against the reference. */
function summarise(measurement: Measurement, references: ReadonlyMap<string, ReadonlySet<number>>): Result {
  const times = [...measurement.timed].sort((a, b) => a - b);
  const perKeystroke = new Map<string, number[]>(KEYSTROKES.map((typed) => [typed, []]));
  measurement.timed.forEach((took, slot) => perKeystroke.get(KEYSTROKES[slot % KEYSTROKES.length] ?? '')?.push(took));
  for (const list of perKeystroke.values()) list.sort((a, b) => a - b);
  let recallSum = 0;
  KEYSTROKES.forEach((typed, k) => {
    const best = references.get(typed) ?? new Set<number>();
    const top = measurement.tops[k] ?? [];
    const wanted = Math.min(10, best.size);
    recallSum += wanted === 0 ? 1 : top.filter((id) => best.has(id)).length / wanted;
  });
  return {
    ...measurement,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times[times.length - 1] ?? 0,
    recall: recallSum / KEYSTROKES.length,
    perKeystroke,
  };
}

function printResult(result: Result): void {
  const collections = result.gcDuringTimed;
  console.log(
    `${result.name.padEnd(11)} build ${result.buildMs.toFixed(0).padStart(6)} ms (CPU ${result.buildCpuMs.toFixed(0)})  ` +
      `rebuild ${result.rebuildMs.toFixed(0).padStart(6)} ms (CPU ${result.rebuildCpuMs.toFixed(0)})  index heap ${result.heapMb.toFixed(1).padStart(6)} MB  ` +
      `p50 ${result.p50.toFixed(3)} ms  p99 ${result.p99.toFixed(3)} ms  max ${result.max.toFixed(3)} ms  recall@10 ${result.recall.toFixed(2)}`,
  );
  console.log(
    `  collections during its timed keystrokes: ${collections.count} (${collections.major} major), ${collections.ms.toFixed(1)} ms`,
  );
  if (result.name !== 'product') return;
  // The slowest keystrokes by their median: a p99 that one keystroke causes every time is not noise.
  const slowest = [...result.perKeystroke].sort((a, b) => percentile(b[1], 0.5) - percentile(a[1], 0.5)).slice(0, 8);
  console.log(
    `  allocated per keystroke: mean ${mean(result.allocated.map(([, bytes]) => bytes)).toFixed(0)} B, most ${[...result.allocated]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([typed, bytes]) => `${JSON.stringify(typed)} ${bytes.toFixed(0)} B`)
      .join(', ')}`,
  );
  console.log(
    `  slowest keystrokes (p50/max ms): ${slowest.map(([typed, list]) => `${JSON.stringify(typed)} ${percentile(list, 0.5).toFixed(3)}/${(list[list.length - 1] ?? 0).toFixed(3)}`).join(', ')}`,
  );
}

async function main(): Promise<void> {
  const entries = buildEntries(SETTINGS.entries);
  const refEntries = entries.map(refEntry);
  const references = new Map(KEYSTROKES.map((typed) => [typed, referenceBest(refEntries, typed)]));
  console.log(
    `${SETTINGS.entries} entries, ${KEYSTROKES.length} keystrokes × ${SETTINGS.rounds} rounds (peers ${SETTINGS.peerRounds}), each engine in its own process`,
  );
  console.log(`keystrokes: ${KEYSTROKES.map((k) => JSON.stringify(k)).join(' ')}`);
  console.log('');

  const only = process.env.BENCH_ENGINES?.split(',');
  const bundle = await bundleForNode(ENGINE_SCRIPT, ENGINE_BUNDLE);
  const results: Result[] = [];
  for (const name of ENGINE_NAMES.filter((engine) => !only || only.includes(engine))) {
    const result = summarise(await measureApart(name, bundle), references);
    results.push(result);
    printResult(result);
  }
  console.log('');
  console.log("the reference best tier at each query's last keystroke:");
  console.log(`  ${QUERIES.map((query) => `${JSON.stringify(query)} ${references.get(query)?.size ?? 0}`).join(', ')}`);
  const [product, mini, flex] = results;
  if (!product || product.name !== 'product' || !mini || !flex) return;
  const totalHeap = product.entriesHeapMb + product.heapMb;
  console.log(
    `product total heap (entries ${product.entriesHeapMb.toFixed(1)} MB + index): ${totalHeap.toFixed(1)} MB; ` +
      `targets: p99 ≤ 1 ms, build ≤ 300 ms, recall@10 ≥ ${Math.max(mini.recall, flex.recall).toFixed(2)}, heap ≤ 60 MB`,
  );
  console.log(
    `directory ${Math.round(SETTINGS.entries / 1000)}k: build ${product.buildMs.toFixed(0)} ms, p99 ${product.p99.toFixed(3)} ms, recall@10 ${product.recall.toFixed(2)}; ` +
      `MiniSearch p99 ${mini.p99.toFixed(3)} ms; FlexSearch p99 ${flex.p99.toFixed(3)} ms`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
