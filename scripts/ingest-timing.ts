/**
 * What the ingest benchmarks (bench-portasip, bench-ingest, bench-innovaphone)
 * share: the core's reduction step as ConsoleService runs it, and a side-by-side
 * timing of "the product's ingest of these frames" against "a bare parse of the
 * same frames with the parser the product uses".
 */
import { cleanPeerFields } from '../app/peer-text';
import type { DomainEvent } from '../app/events';
import type { ConsoleState } from '../app/model';
import { OwnedState, type StateChange } from '../app/reducer';

/** The core's step for one turn of the event loop (ConsoleService.apply + flush): clean the peer text, reduce. */
export interface CoreIngest {
  /** The changes published for the turn (the patch every subscriber applies). */
  turn(events: DomainEvent[]): StateChange[];
  state(): ConsoleState;
  /** Time spent in `turn` so far: the core's share of the ingest. */
  coreMs(): number;
}

export function coreIngest(initial: ConsoleState): CoreIngest {
  const store = new OwnedState(initial);
  let spent = 0;
  return {
    turn(events) {
      const start = performance.now();
      for (const event of events) cleanPeerFields(event);
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
}

export interface IngestFigures {
  bareMs: number;
  fullMs: number;
  /** Of fullMs: the core's clean + reduce. */
  coreMs: number;
  ratio: number;
}

/** Median of `rounds` alternating rounds of bare parse and full ingest over the same frames. */
export function compareIngest(testCase: IngestCase, rounds = 7): IngestFigures {
  const bareRound = () => {
    const start = performance.now();
    for (const frame of testCase.frames) testCase.bare(frame);
    return performance.now() - start;
  };
  const fullRound = () => {
    const pipe = testCase.pipeline();
    const coreBefore = pipe.core.coreMs();
    const start = performance.now();
    for (const frame of testCase.frames) pipe.ingest(frame);
    const elapsed = performance.now() - start;
    pipe.check();
    return { elapsed, core: pipe.core.coreMs() - coreBefore };
  };
  bareRound(); // warm up both paths
  fullRound();
  const bare: number[] = [];
  const full: number[] = [];
  const core: number[] = [];
  for (let r = 0; r < rounds; r++) {
    bare.push(bareRound());
    const round = fullRound();
    full.push(round.elapsed);
    core.push(round.core);
  }
  const bareMs = median(bare);
  const fullMs = median(full);
  return { bareMs, fullMs, coreMs: median(core), ratio: fullMs / bareMs };
}

/** One line: the case, both figures, the ratio and the target. */
export function printIngest(testCase: IngestCase, figures: IngestFigures, parserName: string, target: number): void {
  const perFrame = (ms: number) => `${((ms * 1000) / testCase.frames.length).toFixed(2)} µs/frame`;
  const verdict = figures.ratio <= target ? 'meets' : 'MISSES';
  console.log(
    `  ${testCase.label.padEnd(32)} bare ${parserName} ${figures.bareMs.toFixed(1).padStart(7)} ms (${perFrame(figures.bareMs)})` +
      `  decode+adapt+reduce ${figures.fullMs.toFixed(1).padStart(7)} ms (${perFrame(figures.fullMs)})` +
      `  ratio ${figures.ratio.toFixed(2)}× (${verdict} ≤ ${target}×); of it the core's clean+reduce ${perFrame(figures.coreMs)}`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
