/**
 * PortaSIP figures (printed, not asserted):
 *
 * 1. Notification ingest: the same 20,000 sip.call_control_notifications
 *    frames (1,000 calls across 250 extensions, hold/unhold updates) through
 *    decode + adapt + reduce, against a bare JSON.parse of the frames; the
 *    ratio is what the console's work costs over reading the JSON at all.
 * 2. Renderer frame times under load: the built UI in Chromium on
 *    `serve --demo portasip`, the sim's load mode (1,000 concurrent calls,
 *    200 updates a second); requestAnimationFrame intervals for 5 s.
 *
 *   npx tsx scripts/bench-portasip.ts      (needs `npm run build:renderer` first)
 */
import { chromium } from '@playwright/test';
import { emptyConsoleState } from '../app/model';
import type { DomainEvent } from '../app/events';
import { reduceAll } from '../app/reducer';
import { PortaSipAdapter } from '../main/connectors/portasip/adapter';
import { decodeFrame } from '../main/connectors/portasip/codec';
import type { PsCallInfo } from '../main/connectors/portasip/messages';
import { startConsoleServer } from '../e2e/harness';
import { CHROMIUM_ARGS } from '../playwright.config';

const CALLS = 1000;
const EXTENSIONS = 250;
const FRAMES = 20_000;

function frames(): string[] {
  const out: string[] = [];
  for (let n = 0; n < FRAMES; n++) {
    const i = n % CALLS;
    const ext = String(9000 + (i % EXTENSIONS));
    const info: PsCallInfo = {
      call: { id: `load-${i}@bench`, tag: `l${i}` },
      caller: {
        id: `+37255${String(i).padStart(5, '0')}`,
        display_id: `+37255${String(i).padStart(5, '0')}`,
        display_name: `Caller ${i}`,
        forwarder_list: [],
      },
      callee: {
        account_id: ext,
        extension_id: ext,
        id: ext,
        display_id: ext,
        display_name: `Extension ${ext}`,
        centrex_id: '30',
        forwarder_list: [],
      },
      state: n < CALLS ? 'ringing' : Math.floor(n / CALLS) % 2 ? 'holding' : 'connected',
      type: 'incoming',
      transport_id: '127.0.0.1:5060',
      connect_time: '2024-01-01 10:00:00',
    };
    out.push(JSON.stringify({ action: 'update', event: 'sip.call_control_notifications', result: { call_info: info } }));
  }
  return out;
}

/**
 * `framesPerTurn` frames reach the core in one turn of the event loop (one
 * socket read's worth); the core reduces each turn's events as one batch
 * (ConsoleService.apply → reduceAll). 1 is the worst case: every frame alone.
 */
function ingest(texts: string[], framesPerTurn: number): void {
  const adapter = new PortaSipAdapter(
    { connectionId: 'bench', connectionLabel: 'Bench', country: 'EE', reception: { number: '1100' }, extensions: [] },
    () => 0,
  );
  let state = emptyConsoleState();
  let turn: DomainEvent[] = [];
  texts.forEach((text, i) => {
    const frame = decodeFrame(text);
    if (frame.kind === 'notification') turn.push(...adapter.applyCallInfo(frame.callInfo));
    if ((i + 1) % framesPerTurn === 0 || i === texts.length - 1) {
      state = reduceAll(state, turn).state;
      turn = [];
    }
  });
  if (Object.keys(state.calls).length !== CALLS) throw new Error('bench: wrong number of calls');
}

function time(fn: () => void, rounds = 5): number {
  fn(); // warm up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

async function rendererFrames(): Promise<void> {
  const server = await startConsoleServer(['--demo', 'portasip']);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.getByRole('list', { name: 'PBX connections' }).getByText('Online').waitFor();
    await server.sim('startLoad', { calls: CALLS, updatesPerSecond: 200, extensions: EXTENSIONS });
    await page.waitForFunction((n) => document.querySelectorAll('.centrex .call').length >= n, CALLS, { timeout: 60_000 });
    // A string, not a function: tsx's helpers do not exist in the page.
    const intervals = await page.evaluate<number[]>(`new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const end = last + 5000;
      const tick = (now) => { out.push(now - last); last = now; if (now < end) requestAnimationFrame(tick); else resolve(out); };
      requestAnimationFrame(tick);
    })`);
    await server.sim('stopLoad', {});
    const sorted = intervals.sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
    console.log(
      `renderer under load (${CALLS} calls, 200 updates/s, 5 s): ${sorted.length} frames, frame interval p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const texts = frames();
  const bare = time(() => {
    for (const t of texts) JSON.parse(t);
  });
  const rate = (ms: number) => `${Math.round(FRAMES / (ms / 1000)).toLocaleString('en')} frames/s`;
  console.log(`notification ingest (${FRAMES} frames, ${CALLS} calls, ${EXTENSIONS} extensions):`);
  console.log(`  bare JSON.parse                          ${bare.toFixed(1)} ms  (${rate(bare)})`);
  for (const framesPerTurn of [1, 16, 64]) {
    const full = time(() => ingest(texts, framesPerTurn));
    const label = `decode+adapt+reduce, ${framesPerTurn} frame${framesPerTurn > 1 ? 's' : ''}/turn`.padEnd(40);
    console.log(`  ${label} ${full.toFixed(1)} ms  (${rate(full)}), ratio ${(full / bare).toFixed(1)}×`);
  }
  await rendererFrames();
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
