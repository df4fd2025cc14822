/**
 * What the ingest benchmarks (bench-portasip, bench-ingest, bench-innovaphone,
 * bench-telia) share: the core's reduction step as ConsoleService runs it, and a
 * side-by-side timing of "the product's ingest of these frames" against "a bare
 * parse of the same frames with the parser the product uses".
 *
 * Each pass is timed in the process's CPU time (process.cpuUsage), not wall
 * time: on a loaded machine a wall clock also charges a pass for the time other
 * processes held the core, at random, to either side of the ratio. CPU time
 * still counts the garbage collector's helper threads, so what a pass allocates
 * stays its cost.
 */
import { cleanEventPeerFields } from '../app/peer-text';
import type { DomainEvent } from '../app/events';
import type { ConsoleState } from '../app/model';
import { OwnedState, type StateChange } from '../app/reducer';

/** The core's step for one turn of the event loop (ConsoleService.apply + flush): clean the peer text, reduce. */
export interface CoreIngest {
  /** The changes published for the turn (the patch every subscriber applies). */
  turn(events: DomainEvent[]): StateChange[];
  state(): ConsoleState;
  /** Time spent in `turn` so far (wall time, read around each turn): the core's share of the ingest. */
  coreMs(): number;
}

/**
 * `timed: false` leaves the clock out of the turn (two clock reads, about 0.1–0.3 µs a turn, are then not charged to
 * the product side of the ratio): for a case that names the core's share by its stages instead. The core's step is
 * the same either way (cleanEventPeerFields against the state, then the reduction, as ConsoleService runs them).
 */
export function coreIngest(initial: ConsoleState, { timed = true }: { timed?: boolean } = {}): CoreIngest {
  const store = new OwnedState(initial);
  let spent = 0;
  if (!timed) {
    return {
      turn(events) {
        for (const event of events) cleanEventPeerFields(event, store.peek());
        return store.reduce(events);
      },
      state: () => store.peek(),
      coreMs: () => NaN,
    };
  }
  return {
    turn(events) {
      const start = performance.now();
      for (const event of events) cleanEventPeerFields(event, store.peek());
      const changes = store.reduce(events);
      spent += performance.now() - start;
      return changes;
    },
    state: () => store.peek(),
    coreMs: () => spent,
  };
}

export interface IngestCase {
  /** e.g. "1,000 live calls" */
  label: string;
  /** The frames timed, each in its own turn. */
  frames: readonly string[];
  /** A bare parse of one frame with the product's parser. */
  bare: (frame: string) => unknown;
  /** Builds the product's pipeline, already holding the case's calls (not timed); returns what one frame costs. */
  pipeline: () => { ingest: (frame: string) => void; check: () => void; core: CoreIngest };
  /**
   * Optional, to name where the time goes: the pipeline cut short after each of its first stages, in order (e.g.
   * "decode": the codec alone; "adapt": codec + adapter, each builder setting up its own state like `pipeline`, not
   * timed). Each is timed like the full pipeline, in the same rounds; a stage costs its pass minus the one before
   * in the same round (the first: minus the bare parse), and the core's clean + reduce is the full pass minus the
   * last stage's; each the median over the rounds.
   */
  stages?: { name: string; build: () => (frame: string) => void }[];
}

export interface IngestFigures {
  bareMs: number;
  fullMs: number;
  /** Of fullMs: the core's clean + reduce (timed around each turn, in wall time). */
  coreMs: number;
  ratio: number;
  /** With IngestCase.stages: what each stage adds over the one before (medians), the last one "core". */
  stages?: { name: string; ms: number }[];
}

/** Rounds of each path run untimed before the timed ones. */
export const WARM_UP_ROUNDS = Number(process.env.BENCH_WARM_UP ?? 5);

/** Median of `rounds` alternating rounds of bare parse and full ingest (and the stages, if any) over the same frames. */
export function compareIngest(testCase: IngestCase, rounds = 7): IngestFigures {
  const pass = (ingest: (frame: string) => unknown) => {
    const start = cpuMs();
    for (const frame of testCase.frames) ingest(frame);
    return cpuMs() - start;
  };
  const fullRound = () => {
    const pipe = testCase.pipeline();
    const coreBefore = pipe.core.coreMs();
    const elapsed = pass(pipe.ingest);
    pipe.check();
    return { elapsed, core: pipe.core.coreMs() - coreBefore };
  };
  const stages = testCase.stages ?? [];
  const stageRound = () => stages.map((stage) => pass(stage.build()));
  // Warm up every path for several rounds, not one: the product's code crosses many functions, and V8 took 4–5 rounds
  // of 6,000 frames to settle on its optimised code (the first ran at 4× the steady cost), so with one round the
  // median of 7 could fall among the settling rounds. Steady state is what a console open all day runs in. (What is
  // left of the run-to-run spread is per process: the same code settles on faster or slower compiled code.)
  for (let r = 0; r < WARM_UP_ROUNDS; r++) {
    pass(testCase.bare);
    stageRound();
    fullRound();
  }
  const bare: number[] = [];
  const full: number[] = [];
  const core: number[] = [];
  const staged: number[][] = stages.map(() => []);
  for (let r = 0; r < rounds; r++) {
    bare.push(pass(testCase.bare));
    stageRound().forEach((ms, i) => staged[i]?.push(ms));
    const round = fullRound();
    full.push(round.elapsed);
    core.push(round.core);
  }
  const bareMs = median(bare);
  const fullMs = median(full);
  const figures: IngestFigures = { bareMs, fullMs, coreMs: median(core), ratio: fullMs / bareMs };
  if (stages.length) {
    // Pass k of a round minus pass k - 1 of the same round (passes run back to back, so a slower minute cancels out).
    const passes = [bare, ...staged, full];
    figures.stages = [...stages.map((s) => s.name), 'core'].map((name, k) => ({
      name,
      ms: median(bare.map((_, r) => (passes[k + 1]?.[r] ?? NaN) - (passes[k]?.[r] ?? NaN))),
    }));
  }
  return figures;
}

/**
 * One line: the case, both figures, the ratio and the target; with stages, a second line of what each costs per
 * frame (the bare parse, then each stage's own work on top of it).
 */
export function printIngest(testCase: IngestCase, figures: IngestFigures, parserName: string, target: number): void {
  const perFrame = (ms: number) => `${((ms * 1000) / testCase.frames.length).toFixed(2)} µs/frame`;
  const verdict = figures.ratio <= target ? 'meets' : 'MISSES';
  // An untimed core (coreIngest's `timed: false`) has no share to print: its case names the core's part by stages.
  const core = figures.stages || Number.isNaN(figures.coreMs) ? '' : `; of it the core's clean+reduce ${perFrame(figures.coreMs)}`;
  console.log(
    `  ${testCase.label.padEnd(32)} bare ${parserName} ${figures.bareMs.toFixed(1).padStart(7)} ms (${perFrame(figures.bareMs)})` +
      `  decode+adapt+reduce ${figures.fullMs.toFixed(1).padStart(7)} ms (${perFrame(figures.fullMs)})` +
      `  ratio ${figures.ratio.toFixed(2)}× (${verdict} ≤ ${target}×)${core}`,
  );
  if (figures.stages) {
    const micros = (ms: number) => ((ms * 1000) / testCase.frames.length).toFixed(2);
    const added = (ms: number) => (ms < 0 ? `−${micros(-ms)}` : `+${micros(ms)}`);
    const parts = [`${parserName} ${micros(figures.bareMs)}`, ...figures.stages.map((s) => `${s.name} ${added(s.ms)}`)];
    console.log(`  ${''.padEnd(32)} µs per frame: ${parts.join(' · ')} (in all ${micros(figures.fullMs)})`);
  }
}

/** The process's CPU time (user + system, every thread) in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
