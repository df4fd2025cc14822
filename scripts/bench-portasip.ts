/**
 * PortaSIP figures (printed, not asserted):
 *
 * 1. Notification ingest at 1, 100 and 1,000 live calls (250 extensions, a
 *    Centrex): the same sip.call_control_notifications frames (hold/unhold
 *    updates of the live calls) through decode + adapt + reduce, each frame
 *    alone in its turn of the event loop (the worst case: the core batches
 *    what arrives in one turn), side by side with a bare JSON.parse of the
 *    same frames. The ratio is what the console's work costs over reading
 *    the JSON at all; the goal is ≤ 3× at 1,000 calls. Each pass is timed in
 *    CPU time (scripts/ingest-timing.ts); a second line per size names where
 *    the time goes: the parse, then what the decoder, the adapter and the
 *    core's clean + reduce each add per frame (passes cut short after each
 *    stage, in the same rounds).
 * 2. Renderer frame times under load: the built UI in Chromium on
 *    `serve --demo portasip`, the sim's load mode (1,000 concurrent calls,
 *    200 updates a second); requestAnimationFrame intervals for 5 s.
 *
 *   npm run bench:portasip                                (builds the renderer first)
 *   npx tsx scripts/run-bundled.ts scripts/bench-portasip.ts --ingest-only   (figure 1 alone, no build needed)
 */
import { chromium } from '@playwright/test';
import { emptyConsoleState } from '../app/model';
import { applyChanges } from '../app/reducer';
import { PortaSipAdapter } from '../main/connectors/portasip/adapter';
import { decodeFrame } from '../main/connectors/portasip/codec';
import type { PsCallInfo } from '../main/connectors/portasip/messages';
import { startConsoleServer } from '../e2e/harness';
import { CHROMIUM_ARGS } from '../playwright.config';
import { compareIngest, coreIngest, printIngest, type IngestCase } from './ingest-timing';

const CALLS = 1000;
const EXTENSIONS = 250;
/** Update frames timed per case: a multiple of twice every size, so each round ends where it began. */
const UPDATES = 6000;

function frame(i: number, state: PsCallInfo['state']): string {
  const ext = String(9000 + (i % EXTENSIONS));
  const number = `+37255${String(i).padStart(5, '0')}`;
  const info: PsCallInfo = {
    call: { id: `load-${i}@bench`, tag: `l${i}` },
    caller: { id: number, display_id: number, display_name: `Caller ${i}`, forwarder_list: [] },
    callee: {
      account_id: ext,
      extension_id: ext,
      id: ext,
      display_id: ext,
      display_name: `Extension ${ext}`,
      centrex_id: '30',
      forwarder_list: [],
    },
    state,
    type: 'incoming',
    transport_id: '127.0.0.1:5060',
    connect_time: '2024-01-01 10:00:00',
  };
  return JSON.stringify({ action: 'update', event: 'sip.call_control_notifications', result: { call_info: info } });
}

/** `calls` calls ring and are answered (not timed); then every call is held and retrieved in turn, one frame at a time. */
function framesFor(calls: number): { setup: string[]; frames: string[] } {
  const setup: string[] = [];
  for (let i = 0; i < calls; i++) setup.push(frame(i, 'ringing'));
  for (let i = 0; i < calls; i++) setup.push(frame(i, 'connected'));
  const frames: string[] = [];
  for (let n = 0; n < UPDATES; n++) frames.push(frame(n % calls, Math.floor(n / calls) % 2 ? 'connected' : 'holding'));
  return { setup, frames };
}

function benchAdapter(): PortaSipAdapter {
  return new PortaSipAdapter(
    { connectionId: 'bench', connectionLabel: 'Bench', country: 'EE', reception: { number: '1100' }, extensions: [] },
    () => 0,
  );
}

function ingestCase(calls: number): IngestCase {
  const { setup, frames: updates } = framesFor(calls);
  return {
    label: `${calls.toLocaleString('en')} live call${calls > 1 ? 's' : ''}`,
    frames: updates,
    bare: (text): unknown => JSON.parse(text),
    stages: [
      { name: 'decode', build: () => (text) => void decodeFrame(text) },
      {
        name: 'adapt',
        build: () => {
          const adapter = benchAdapter();
          const ingest = (text: string) => {
            const decoded = decodeFrame(text);
            if (decoded.kind === 'notification') adapter.applyCallInfo(decoded.callInfo);
          };
          setup.forEach(ingest);
          return ingest;
        },
      },
    ],
    pipeline: () => {
      const adapter = benchAdapter();
      // Untimed: the stages name the core's share, and the clock would be charged to the product.
      const core = coreIngest(emptyConsoleState(), { timed: false });
      const ingest = (text: string) => {
        const decoded = decodeFrame(text);
        if (decoded.kind === 'notification') core.turn(adapter.applyCallInfo(decoded.callInfo));
      };
      setup.forEach(ingest);
      return {
        ingest,
        core,
        check: () => {
          if (Object.keys(core.state().calls).length !== calls) throw new Error('bench: wrong number of calls');
        },
      };
    },
  };
}

/**
 * What each patch costs a subscriber: the renderer's store applies every patch with the shared applyChanges,
 * which copies each collection the patch touches (its selectors rely on a new collection when it changed).
 */
function patchApplyMicros(calls: number): number {
  const adapter = benchAdapter();
  const core = coreIngest(emptyConsoleState());
  const turn = (text: string) => {
    const decoded = decodeFrame(text);
    return decoded.kind === 'notification' ? core.turn(adapter.applyCallInfo(decoded.callInfo)) : [];
  };
  const { frames: updates, setup } = framesFor(calls);
  setup.forEach(turn);
  // The subscriber's snapshot arrives serialised (IPC or WebSocket): its own copy.
  const snapshot = structuredClone(core.state());
  const patches = updates.map(turn).filter((changes) => changes.length > 0);
  let mirror = snapshot;
  for (const changes of patches) mirror = applyChanges(mirror, changes); // warm up
  mirror = snapshot;
  const start = performance.now();
  for (const changes of patches) mirror = applyChanges(mirror, changes);
  const micros = ((performance.now() - start) * 1000) / patches.length;
  if (Object.keys(mirror.calls).length !== calls) throw new Error('bench: the mirror lost calls');
  return micros;
}

function notificationIngest(): void {
  console.log(
    `PortaSIP notification ingest, ${UPDATES.toLocaleString('en')} hold/retrieve frames, one frame per turn (median of 7 rounds, CPU time):`,
  );
  for (const calls of [1, 100, 1000]) {
    const testCase = ingestCase(calls);
    printIngest(testCase, compareIngest(testCase), 'JSON.parse', 3);
  }
  console.log('  a subscriber (the renderer store) applying each of those patches with applyChanges:');
  for (const calls of [1, 100, 1000]) {
    console.log(`    ${calls.toLocaleString('en').padStart(5)} live calls: ${patchApplyMicros(calls).toFixed(1)} µs/patch`);
  }
}

async function rendererFrames(): Promise<void> {
  const server = await startConsoleServer(['--demo', 'portasip']);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.getByRole('list', { name: 'PBX connections' }).getByText('Online').waitFor();
    await server.sim('startLoad', { calls: CALLS, updatesPerSecond: 200, extensions: EXTENSIONS });
    // The lists are virtual (only a screenful is in the page): wait for the core to hold every call, then for the page to show some.
    for (const deadline = Date.now() + 60_000; Object.keys((await server.readState()).calls).length < CALLS;) {
      if (Date.now() > deadline) throw new Error(`the console did not reach ${CALLS} calls within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-call-id]').length > 0, undefined, { timeout: 60_000 });
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
  notificationIngest();
  if (!process.argv.includes('--ingest-only')) await rendererFrames();
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
