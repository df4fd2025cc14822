/**
 * Benchmark (not a test): the journal store (main/runtime/journal) with a
 * year of a busy reception's calls in a real SQLite file.
 *
 *   npx tsx scripts/bench-journal.ts        (BENCH_CALLS=50000 by default)
 *
 * Prints the cost of recording one call, of the journal view's reads (a page,
 * the missed list, a search, today's figures), and of the CSV export with the
 * longest time it held up the event loop (the core's calls wait that long).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JournalDb } from '../main/runtime/journal/journal-db';

const CALLS = Number(process.env.BENCH_CALLS ?? 50_000);
const START = Date.UTC(2026, 0, 1);
const INTERVAL_MS = 600_000;

function average(runs: number, work: () => unknown): string {
  const started = performance.now();
  for (let i = 0; i < runs; i++) work();
  return `${((performance.now() - started) / runs).toFixed(2)} ms`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-journal-'));
  const db = new JournalDb(path.join(dir, 'journal.sqlite'));
  try {
    const recording = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const startedAt = START + i * INTERVAL_MS;
      const answered = i % 3 !== 0;
      db.record({
        callId: `pbx/1100#${i}`,
        lineId: `pbx/${1100 + (i % 3)}`,
        lineLabel: ['Reception', 'Sales', 'Support'][i % 3],
        direction: i % 4 === 0 ? 'outgoing' : 'incoming',
        remote: { number: `+3725${String(i % 5000).padStart(6, '0')}`, name: `Caller ${i}` },
        startedAt,
        endedAt: startedAt + 90_000,
        answered,
        ...(answered ? { answeredAt: startedAt + 8_000 } : {}),
        talkSeconds: answered ? 82 : 0,
      });
    }
    const perCall = ((performance.now() - recording) / CALLS) * 1000;
    const lastDay = START + CALLS * INTERVAL_MS - 86_400_000;
    console.log(`journal of ${CALLS} calls`);
    console.log(`record one call (its own transaction, WAL, synchronous=NORMAL): ${perCall.toFixed(0)} µs`);
    console.log(`first page (50): ${average(50, () => db.query({ limit: 50 }))}`);
    console.log(`missed calls to return, first page: ${average(50, () => db.query({ filter: 'missed', limit: 50 }))}`);
    console.log(`search a name ("Caller 4711"): ${average(50, () => db.query({ text: 'Caller 4711', limit: 50 }))}`);
    console.log(`search a number as typed ("0 5123"): ${average(50, () => db.query({ text: '0 5123', limit: 50 }))}`);
    console.log(`today at a glance (one day): ${average(20, () => db.figures(lastDay))}`);
    let longest = 0;
    let last = performance.now();
    const ticks = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    const exporting = performance.now();
    const csv = await db.exportCsv({});
    clearInterval(ticks);
    console.log(
      `export CSV (all): ${(performance.now() - exporting).toFixed(0)} ms, ${(csv.length / 1e6).toFixed(1)} MB, longest event-loop stall ${longest.toFixed(0)} ms`,
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
