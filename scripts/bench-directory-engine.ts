/**
 * One engine of `npm run bench:directory`, measured in a process of its own:
 *
 *   npx tsx scripts/bench-directory-engine.ts [product|MiniSearch|FlexSearch]   (default product; prints its figures)
 *
 * scripts/bench-directory.ts forks this file once per engine and gets the measurement back over IPC.
 * Why a process each: in one process an engine's keystrokes were timed beside the garbage of the engines
 * measured before it (MiniSearch leaves a ~270 MB heap), and the collections that garbage caused landed
 * in whichever keystroke was running. Each process builds the same deterministic entries
 * (bench-directory-data.ts) and types the same keystrokes; the coordinator computes recall, so the
 * reference lives in one place.
 */
import { PerformanceObserver, constants as perfConstants, type PerformanceEntry } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { DirectoryIndex } from '../app/directory/directory-index';
import {
  buildEntries,
  ENGINE_NAMES,
  engineQuery,
  KEYSTROKES,
  refFold,
  refNumberForms,
  SETTINGS,
  type BenchEntry,
  type EngineName,
  type Measurement,
} from './bench-directory-data';

setFlagsFromString('--expose-gc');
const exposedGc: unknown = runInNewContext('gc');
function gc(): void {
  if (typeof exposedGc === 'function') Reflect.apply(exposedGc, undefined, []);
}

interface Engine {
  build: (entries: BenchEntry[]) => void;
  search: (query: string) => number[];
}

function productEngine(): Engine {
  let index: DirectoryIndex<BenchEntry> | undefined;
  return {
    build: (entries) => {
      index = DirectoryIndex.build(entries);
    },
    search: (query) => (index?.search(query, 10) ?? []).map((hit) => hit.entry.id),
  };
}

function numberText(entry: BenchEntry): string {
  return entry.numbers.flatMap(refNumberForms).join(' ');
}

function miniSearchEngine(): Engine {
  let index: MiniSearch<BenchEntry> | undefined;
  return {
    build: (entries) => {
      index = new MiniSearch<BenchEntry>({
        fields: ['name', 'altNames', 'company', 'numbers'],
        extractField: (doc, field) => {
          if (field === 'numbers') return numberText(doc);
          if (field === 'altNames') return doc.altNames.join(' ');
          if (field === 'name') return `${doc.firstName} ${doc.lastName}`;
          if (field === 'id') return String(doc.id);
          const value = (doc as unknown as Record<string, unknown>)[field];
          return typeof value === 'string' ? value : '';
        },
        processTerm: (term) => refFold(term),
        searchOptions: { prefix: true, combineWith: 'AND', boost: { name: 3, altNames: 2, numbers: 2 } },
      });
      index.addAll(entries);
    },
    search: (query) =>
      (index?.search(engineQuery(query)) ?? []).slice(0, 10).map((result) => {
        const id: unknown = result.id;
        return typeof id === 'number' ? id : Number(id);
      }),
  };
}

function flexSearchEngine(): Engine {
  let index: InstanceType<typeof FlexSearch.Index> | undefined;
  return {
    build: (entries) => {
      index = new FlexSearch.Index({ tokenize: 'forward', encoder: FlexSearch.Charset.LatinBalance, resolution: 9 });
      for (const entry of entries) {
        void index.add(entry.id, `${entry.firstName} ${entry.lastName} ${entry.altNames.join(' ')} ${numberText(entry)} ${entry.company}`);
      }
    },
    search: (query) => {
      const ids: unknown = index?.search(engineQuery(query), { limit: 10 }) ?? [];
      return Array.isArray(ids) ? ids.map((id: unknown) => Number(id)) : [];
    },
  };
}

const ENGINES: Record<EngineName, () => Engine> = { product: productEngine, MiniSearch: miniSearchEngine, FlexSearch: flexSearchEngine };

function heapMb(): number {
  gc();
  gc();
  // Typed arrays keep their contents outside the JS heap: count them too.
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 2 ** 20;
}

/**
 * Heap bytes a search of `typed` allocates, measured apart from the timed loop:
 * the heap's growth over repeated searches, the least of a few tries (a try a
 * collection ran in shrinks the heap and is dropped).
 */
function allocatedBytes(engine: Engine, typed: string): number {
  const repeats = 50;
  let least = Infinity;
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < repeats; i++) engine.search(typed);
    const grown = process.memoryUsage().heapUsed - before;
    if (grown >= 0) least = Math.min(least, grown / repeats);
  }
  return Number.isFinite(least) ? least : NaN;
}

/** The collections that start while it records (kept by the observer: nothing is allocated in the timed loop for them). */
class GcRecorder {
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** The collections that started in [from, to) (performance.now() times); waits for the observer's last delivery. */
  async between(from: number, to: number): Promise<Measurement['gcDuringTimed']> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    this.observer.disconnect();
    const inside = this.entries.filter((entry) => entry.startTime >= from && entry.startTime < to);
    const kind = (entry: PerformanceEntry): unknown => (Reflect.get(entry, 'detail') as { kind?: unknown } | undefined)?.kind;
    return {
      count: inside.length,
      major: inside.filter((entry) => kind(entry) === perfConstants.NODE_PERFORMANCE_GC_MAJOR).length,
      ms: inside.reduce((sum, entry) => sum + entry.duration, 0),
    };
  }
}

/** How long `run` took, and the CPU time the process spent meanwhile (every thread: the compiler's and the collector's too) — less at the mercy of a loaded machine's scheduler. */
function clocked(run: () => void): { ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  const spent = process.cpuUsage(cpu);
  return { ms, cpuMs: (spent.user + spent.system) / 1000 };
}

/** Builds the engine's index of the entries twice, times every keystroke `rounds` times, and reads its answers. */
export async function measure(name: EngineName, entries: BenchEntry[], entriesHeapMb: number, rounds: number): Promise<Measurement> {
  const engine = ENGINES[name]();
  const before = heapMb();
  const build = clocked(() => engine.build(entries));
  const heap = heapMb() - before;
  const rebuild = clocked(() => engine.build(entries));
  gc();
  // Warm-up: a few passes, so the timed rounds measure optimised code (one pass left the first rounds in
  // baseline code — 11–20 ms a round against ~2 ms after — and those decided the p99), the same for every engine.
  for (let pass = 0; pass < SETTINGS.warmUpPasses; pass++) for (const typed of KEYSTROKES) engine.search(typed);
  // The timed loop allocates nothing of its own (a scavenge it caused would land in some keystroke's time):
  // each time goes into a preallocated slot, keystroke k of round r at r * keystrokes + k.
  const timed = new Float64Array(rounds * KEYSTROKES.length);
  const collections = new GcRecorder();
  const timedFrom = performance.now();
  for (let round = 0, slot = 0; round < rounds; round++) {
    for (let k = 0; k < KEYSTROKES.length; k++, slot++) {
      const typed = KEYSTROKES[k] ?? '';
      const t0 = performance.now();
      engine.search(typed);
      timed[slot] = performance.now() - t0;
    }
  }
  const gcDuringTimed = await collections.between(timedFrom, performance.now());
  const tops = KEYSTROKES.map((typed) => engine.search(typed).slice(0, 10));
  const allocated: Measurement['allocated'] = name === 'product' ? KEYSTROKES.map((typed) => [typed, allocatedBytes(engine, typed)]) : [];
  return {
    name,
    entriesHeapMb,
    buildMs: build.ms,
    buildCpuMs: build.cpuMs,
    rebuildMs: rebuild.ms,
    rebuildCpuMs: rebuild.cpuMs,
    heapMb: heap,
    timed: [...timed],
    tops,
    allocated,
    gcDuringTimed,
  };
}

/** This process's run: the entries, then the engine named on the command line. */
async function main(): Promise<void> {
  const asked = process.argv[2] ?? 'product';
  const name = ENGINE_NAMES.find((engine) => engine === asked);
  if (!name) throw new Error(`usage: bench-directory-engine.ts [${ENGINE_NAMES.join('|')}] (default product)`);
  const startHeap = heapMb();
  const entries = buildEntries(SETTINGS.entries);
  const entriesHeapMb = heapMb() - startHeap;
  const result = await measure(name, entries, entriesHeapMb, name === 'product' ? SETTINGS.rounds : SETTINGS.peerRounds);
  if (process.send) {
    process.send(result);
    return;
  }
  const sorted = [...result.timed].sort((a, b) => a - b);
  const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0).toFixed(3);
  console.log(
    `${name}: build ${result.buildMs.toFixed(0)} ms (CPU ${result.buildCpuMs.toFixed(0)} ms), rebuild ${result.rebuildMs.toFixed(0)} ms (CPU ${result.rebuildCpuMs.toFixed(0)} ms), index heap ${result.heapMb.toFixed(1)} MB, ` +
      `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; ${result.gcDuringTimed.count} collections during the timed keystrokes`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
