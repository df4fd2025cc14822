/**
 * Benchmark (not a test): Telia "Smart calls" notification ingest — a burst
 * of notification queries through decode + adapt + reduce — side by side
 * with a bare parse of the same queries by the parser the product uses
 * (URLSearchParams, as the notification listener reads them).
 *
 * Telia notifies one HTTP GET per call event; the burst is what a busy
 * company sees at the top of the hour: 1, 100 or 1,000 callers ringing at
 * once across 20 own numbers (set up first, not timed), then every one of
 * them answered ("Start", answer=Yes) and ended ("End") in turn, each query
 * alone in its turn of the event loop (the worst case). The document's own
 * query (fixtures/notification-start.query) is the template.
 *
 *   npm run bench:telia
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { emptyConsoleState } from '../app/model';
import { TeliaAdapter } from '../main/connectors/telia/adapter';
import { decodeNotification } from '../main/connectors/telia/codec';
import { repositoryRoot } from '../e2e/repository-root';
import { compareIngest, coreIngest, printIngest, type IngestCase } from './ingest-timing';

/** The document's example notification, verbatim. */
const EXAMPLE = readFileSync(
  path.join(repositoryRoot(__dirname), 'main/connectors/telia/fixtures/notification-start.query'),
  'utf8',
).trim();
/** Own numbers of the company (lines): a mid-sized Smart calls customer. */
const OWN_NUMBERS = Array.from({ length: 20 }, (_, i) => `3726200${String(i).padStart(4, '0')}`);
/** Queries timed per case: a multiple of twice every size, so each round ends where it began. */
const UPDATES = Number(process.env.BENCH_UPDATES ?? 6000);
const START_TS = 1_328_150_351;

/** The example query with this call's caller, called number, time and event. */
function query(call: number, ts: number, type: 'Start' | 'End', answered: boolean): string {
  const params = new URLSearchParams(EXAMPLE);
  params.set('ts', String(ts));
  params.set('anr', `3725${String(5_000_000 + call)}`);
  params.set('bnr', OWN_NUMBERS[call % OWN_NUMBERS.length] ?? '');
  params.set('type', type);
  params.set('answer', answered ? 'Yes' : 'No');
  return params.toString();
}

/** The adapter with the company's numbers, and the core (untimed: the stages name its share) holding them. */
function pipelineParts() {
  const adapter = new TeliaAdapter({ connectionId: 'bench', label: 'Telia', country: 'EE' }, () => 0);
  const core = coreIngest(emptyConsoleState(), { timed: false });
  core.turn(adapter.replaceLines(OWN_NUMBERS));
  return { adapter, core };
}

function ingestCase(calls: number): IngestCase {
  const setup: string[] = [];
  for (let j = 0; j < calls; j++) setup.push(query(j, START_TS, 'Start', false));
  // Each round: answer every caller, then end every one and ring them again, so the same calls stay live.
  const updates: string[] = [];
  for (let n = 0; updates.length < UPDATES; n++) {
    const call = n % calls;
    const ts = START_TS + 1 + Math.floor(n / calls);
    if (Math.floor(n / calls) % 2 === 0) updates.push(query(call, ts, 'Start', true));
    else updates.push(query(call, ts, 'End', true), query(call, ts, 'Start', false));
  }
  updates.length = UPDATES;
  return {
    label: `${OWN_NUMBERS.length} numbers, ${calls.toLocaleString('en')} live call${calls > 1 ? 's' : ''}`,
    frames: updates,
    bare: (text) => new URLSearchParams(text),
    pipeline: () => {
      const { adapter, core } = pipelineParts();
      const ingest = (text: string) => {
        const decoded = decodeNotification(new URLSearchParams(text));
        if (decoded.ok) core.turn(adapter.applyNotification(decoded.notification));
      };
      setup.forEach(ingest);
      const live = () => Object.keys(core.state().calls).length;
      if (live() !== calls) throw new Error(`bench: ${live()} calls after set-up, expected ${calls}`);
      return {
        ingest,
        core,
        check: () => {
          // Each round ends where it began: a refused or misrouted query would leave fewer or more live calls.
          if (live() !== calls) throw new Error(`bench: the adapter lost track of calls (${live()} live, expected ${calls})`);
        },
      };
    },
    stages: [
      { name: 'decode', build: () => (text: string) => decodeNotification(new URLSearchParams(text)) },
      {
        name: 'adapt',
        build: () => {
          const { adapter, core } = pipelineParts();
          const adapt = (text: string) => {
            const decoded = decodeNotification(new URLSearchParams(text));
            return decoded.ok ? adapter.applyNotification(decoded.notification) : [];
          };
          // The adapter holds the case's calls as the full pipeline's does (the core only to set them up).
          for (const text of setup) core.turn(adapt(text));
          return adapt;
        },
      },
    ],
  };
}

console.log(`Telia notification ingest, ${UPDATES.toLocaleString('en')} queries, one per turn (median of 7 rounds):`);
for (const calls of [1, 100, 1000]) {
  const testCase = ingestCase(calls);
  printIngest(testCase, compareIngest(testCase), 'URLSearchParams', 3);
}
