/**
 * Benchmark (not a test): wire → painted pixel in browser mode, with 0, 100
 * and 1,000 live calls already on screen (issue #17).
 *
 *   npm run bench:latency          (needs the built renderer: npm run build:renderer)
 *   BENCH_CALLS=50 npx tsx scripts/bench-latency.ts     (fewer calls per size)
 *
 * `serve --demo portasip` in Debian's Chromium. For each size, the sim's load
 * mode puts that many connected calls on the Centrex's extensions and keeps
 * changing them (200 updates a second, the load the issue names); then
 * BENCH_CALLS (default 100) callers ring reception one after another. For
 * each: the time the demo PBX sent the notification (sentAt, from the sim
 * control endpoint, this machine's wall clock), the time a MutationObserver
 * saw the caller in the call list (the DOM), and when that change reached
 * the screen, two ways (scripts/paint-timing.ts):
 * - pixel (trace): the first Paint after the change, then the presentation
 *   of that frame, from a Chromium trace of the run (CDP Tracing); the
 *   figure that counts, as it is what the receptionist sees;
 * - painted (rAF): the first requestAnimationFrame after the change, then a
 *   task after that frame (its main-thread paint done). The call list applies
 *   patches inside a frame's callbacks, whose own paint shows them, so this
 *   one is up to a frame late (an upper bound), kept as a cross-check that
 *   needs no trace.
 * Prints p50 / p99 per size and clock, and one "p50 … p99 …" line per size.
 */
import type { Browser, Page } from '@playwright/test';
import { formatNumber } from '../app/phone';
import type { ConsoleServer } from '../e2e/harness';
import {
  loadAverage,
  ms,
  PAINT_CATEGORIES,
  presentedAfter,
  quantile,
  startTrace,
  stopTrace,
  openProbedConsole,
  runBench,
} from './paint-timing';

const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const SIZES = [0, 100, 1000];
const UPDATES_PER_SECOND = 200;
const EXTENSIONS = 250;

/** In the page: when each awaited caller first appears in the call list (DOM), and when that was painted (rAF). */
const ARRIVAL_PROBE = `(() => {
  const out = { pending: new Set(), seen: {} };
  window.__arrivals = out;
  new MutationObserver(() => {
    if (out.pending.size === 0) return;
    const list = document.querySelector('section[aria-labelledby=calls-heading]');
    const text = list ? list.textContent : '';
    for (const marker of out.pending) {
      if (!text.includes(marker)) continue;
      const seen = { dom: performance.now(), painted: null, wallOffset: Date.now() - performance.now() };
      out.seen[marker] = seen;
      out.pending.delete(marker);
      window.__paint.whenPainted((time) => { seen.painted = time; });
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

interface Seen {
  dom: number;
  painted: number | null;
  /** Date.now() − performance.now() in the page when it was seen: puts the server's wall clock on the page's clock. */
  wallOffset: number;
}

interface Sample {
  /** The page clock (performance.now(), ms) at which the demo PBX sent the call's notification. */
  sent: number;
  dom: number;
  painted: number | null;
}

async function waitForCoreCalls(server: ConsoleServer, count: number): Promise<void> {
  for (const deadline = Date.now() + 90_000; Object.keys((await server.readState()).calls).length < count;) {
    if (Date.now() > deadline) throw new Error(`the console did not reach ${count} calls within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function ringOneByOne(page: Page, server: ConsoleServer, size: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < CALLS; i++) {
    const number = `+3725600${String(size).padStart(4, '0')}${String(i).padStart(3, '0')}`;
    const marker = formatNumber(number, 'EE');
    await page.evaluate((m) => (window as unknown as { __arrivals: { pending: Set<string> } }).__arrivals.pending.add(m), marker);
    const { sentAt } = (await server.sim('incomingCall', { from: number })) as { sentAt: number };
    const seen = await page.waitForFunction(
      (m) => {
        const entry = (window as unknown as { __arrivals: { seen: Record<string, Seen> } }).__arrivals.seen[m];
        return entry && entry.painted !== null ? entry : null;
      },
      marker,
      { polling: 20, timeout: 15_000 },
    );
    const entry = (await seen.jsonValue()) as Seen;
    samples.push({ sent: sentAt - entry.wallOffset, dom: entry.dom, painted: entry.painted });
    await server.sim('remoteHangup', { number });
    await page.waitForFunction((m) => !document.querySelector('section[aria-labelledby=calls-heading]')?.textContent?.includes(m), marker, {
      polling: 20,
      timeout: 15_000,
    });
  }
  return samples;
}

interface SizeFigures {
  size: number;
  dom: number[];
  painted: number[];
  pixel: number[];
  load: string;
}

async function measureSize(browser: Browser, page: Page, server: ConsoleServer, size: number): Promise<SizeFigures> {
  if (size > 0) {
    await server.sim('startLoad', { calls: size, updatesPerSecond: UPDATES_PER_SECOND, extensions: EXTENSIONS });
    await waitForCoreCalls(server, size);
    await page.waitForFunction((n) => document.querySelectorAll('[data-call-id]').length > 0 || n === 0, size, { timeout: 60_000 });
    await page.waitForTimeout(2000);
  }
  await startTrace(browser, page, PAINT_CATEGORIES);
  const samples = await ringOneByOne(page, server, size);
  const timeline = await stopTrace(browser);
  const load = loadAverage();
  const pixel = samples.flatMap((s) => {
    const at = presentedAfter(timeline, s.dom);
    return at === null ? [] : [at - s.sent];
  });
  return {
    size,
    dom: samples.map((s) => s.dom - s.sent),
    painted: samples.flatMap((s) => (s.painted === null ? [] : [s.painted - s.sent])),
    pixel,
    load,
  };
}

const spread = (values: number[]) => `p50 ${ms(quantile(values, 0.5))} p99 ${ms(quantile(values, 0.99))}`;

async function main(): Promise<void> {
  const { server, browser, page } = await openProbedConsole();
  const figures: SizeFigures[] = [];
  try {
    await page.evaluate(ARRIVAL_PROBE);
    for (const size of SIZES) {
      const result = await measureSize(browser, page, server, size);
      figures.push(result);
      console.log(
        `${size.toLocaleString('en').padStart(5)} live calls on screen (${size ? `${UPDATES_PER_SECOND} updates/s` : 'idle'}), ${CALLS} callers, load average ${result.load}:`,
      );
      console.log(
        `    wire → DOM ${spread(result.dom)} · wire → painted (rAF) ${spread(result.painted)} · wire → pixel (trace) ${spread(result.pixel)} (${result.pixel.length} found in the trace)`,
      );
    }
    await server.sim('stopLoad', {});
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(
    `Wire → painted pixel (demo PortaSIP → WebSocket → core → bridge → React → Chromium's compositor), ${CALLS} incoming calls per size:`,
  );
  for (const f of figures) {
    console.log(
      `  p50 ${ms(quantile(f.pixel, 0.5))} p99 ${ms(quantile(f.pixel, 0.99))} wire → pixel, ${f.size.toLocaleString('en')} live calls on screen (rAF: p50 ${ms(quantile(f.painted, 0.5))} p99 ${ms(quantile(f.painted, 0.99))}) · target none set (issue #17 asks for the figure) · load ${f.load}`,
    );
  }
}

runBench(main);
