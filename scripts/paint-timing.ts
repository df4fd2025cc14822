/**
 * What the renderer benchmarks (bench-renderer.ts, bench-latency.ts) share:
 * a probe installed in the page, and the reading of a Chromium trace.
 *
 * Two clocks say when something reached the screen, and both are printed:
 * - rAF ("painted"): the first requestAnimationFrame callback after the DOM
 *   change, then a task posted from it. Chromium runs a frame's style,
 *   layout, paint and commit in the same task as its animation callbacks,
 *   so that task runs once the main thread has painted the first frame that
 *   began after the change. A change made inside a frame's own callbacks
 *   (the console applies call patches there) is painted by that very frame,
 *   so for those this is up to a frame late: an upper bound.
 * - trace ("pixel"): the Chromium trace of the same run (CDP Tracing, the
 *   devtools.timeline categories). The first `Paint` on the page's main
 *   thread that starts after the change, then the first
 *   `AnimationFrame::Presentation` after that paint: when the compositor
 *   presented the frame with the change. For keys, Chromium's own
 *   `EventTiming` trace events (the Event Timing API's figures, unrounded):
 *   key event → presentation of the frame after its handlers ran. The
 *   targets are judged on these.
 * rAF timestamps in headless Chromium are snapped to the 16.7 ms vsync grid;
 * the trace's main-frame starts (`BeginMainThreadFrame`) are when the main
 * thread really began each frame, so the frame intervals come from there too.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startConsoleServer, type ConsoleServer } from '../e2e/harness';
import { CHROMIUM_ARGS } from '../playwright.config';

/** The trace categories: the timeline (tasks, paint, event timing, presentation) and the frame pipeline. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
];

/**
 * The page side, as a string (tsx's helpers do not exist in the page). `window.__paint`:
 * - whenPainted(cb): cb(performance.now()) once the change just made has been painted (the rAF clock above);
 * - frames: every rAF timestamp while `recordFrames` is on;
 * - clockMark(): a user-timing mark that ties performance.now() to the trace clock.
 */
export const PAINT_PROBE = `(() => {
  if (window.__paint) return;
  const probe = { recordFrames: false, frames: [] };
  probe.whenPainted = (callback) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); callback(performance.now()); };
    channel.port2.postMessage(null);
  });
  const tick = (time) => { if (probe.recordFrames) probe.frames.push(time); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  probe.clockMark = () => performance.mark('bench-clock');
  window.__paint = probe;
})()`;

export async function installPaintProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PAINT_PROBE });
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: what the thread itself spent, without the time other processes had the core. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** A key event as Chromium's Event Timing saw it (ms, the page's performance.now() clock). */
export interface KeyTiming {
  type: string;
  timeStamp: number;
  /** Key event → presentation of the next frame after its handlers. */
  duration: number;
}

/** The page's main thread in the trace, every time in ms on the page's performance.now() clock. */
export interface Timeline {
  /** Main-thread frame starts. */
  mainFrames: number[];
  /** Presentation times of the page's frames. */
  presentations: number[];
  paints: { start: number; end: number }[];
  /** Top-level main-thread tasks: when, and the main thread's own CPU time in them (ms). */
  tasks: { start: number; end: number; cpu: number }[];
  keys: KeyTiming[];
  /** Frames the compositor reported dropped (PipelineReporter STATE_DROPPED). */
  droppedFrames: number;
  presentedFrames: number;
}

/** Paint and presentation only (devtools.timeline): enough for when a change reached the screen, and a smaller trace. */
export const PAINT_CATEGORIES = ['devtools.timeline', 'blink.user_timing'];

export async function startTrace(browser: Browser, page: Page, categories: readonly string[] = TRACE_CATEGORIES): Promise<void> {
  await browser.startTracing(page, { categories: [...categories] });
  // The mark that ties the page's clock to the trace's: the page must be traced when it is made.
  await page.evaluate('window.__paint.clockMark()');
}

/** Stops the trace and reads it; BENCH_TRACE_FILE=path keeps it (open it in chrome://tracing or Perfetto). */
export async function stopTrace(browser: Browser): Promise<Timeline> {
  const buffer = await browser.stopTracing();
  const keep = process.env.BENCH_TRACE_FILE;
  if (keep) writeFileSync(keep, buffer);
  return readTimeline(JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[]);
}

export function readTimeline(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): Timeline {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mark = events.find((event) => event.name === 'bench-clock' && event.cat.includes('blink.user_timing'));
  const startTime = mark?.args?.data?.startTime;
  if (!mark || typeof startTime !== 'number') throw new Error('the trace has no bench-clock mark: was the probe installed?');
  // The trace's clock is in µs; the mark says what performance.now() was then.
  const offsetUs = mark.ts - startTime * 1000;
  const ms = (ts: number) => (ts - offsetUs) / 1000;
  const main = { pid: mark.pid, tid: mark.tid };
  const onMain = (event: TraceEvent) => event.pid === main.pid && event.tid === main.tid;
  const ordered = (list: number[]) => list.sort((a, b) => a - b);

  const keys: KeyTiming[] = [];
  let droppedFrames = 0;
  let presentedFrames = 0;
  for (const event of events) {
    // An EventTiming begin event carries the whole entry (its ids are reused, so the begin alone is read).
    if (event.name === 'EventTiming' && event.ph === 'b' && onMain(event)) {
      const data = event.args?.data ?? {};
      if (
        typeof data.type === 'string' &&
        data.type.startsWith('key') &&
        typeof data.timeStamp === 'number' &&
        typeof data.duration === 'number'
      )
        keys.push({ type: data.type, timeStamp: data.timeStamp, duration: data.duration });
    }
    if (event.name === 'PipelineReporter' && event.ph === 'b') {
      const state = (event.args as { frame_reporter?: { state?: string } } | undefined)?.frame_reporter?.state;
      if (state === 'STATE_DROPPED') droppedFrames++;
      if (state === 'STATE_PRESENTED_ALL' || state === 'STATE_PRESENTED_PARTIAL') presentedFrames++;
    }
  }
  return {
    mainFrames: ordered(events.filter((e) => e.name === 'BeginMainThreadFrame' && onMain(e)).map((e) => ms(e.ts))),
    presentations: ordered(events.filter((e) => e.name === 'AnimationFrame::Presentation' && onMain(e)).map((e) => ms(e.ts))),
    paints: events
      .filter((e) => e.name === 'Paint' && e.ph === 'X' && onMain(e))
      .map((e) => ({ start: ms(e.ts), end: ms(e.ts + (e.dur ?? 0)) }))
      .sort((a, b) => a.start - b.start),
    tasks: events
      .filter((e) => e.name === 'RunTask' && e.ph === 'X' && onMain(e))
      .map((e) => ({ start: ms(e.ts), end: ms(e.ts + (e.dur ?? 0)), cpu: (e.tdur ?? e.dur ?? 0) / 1000 }))
      .sort((a, b) => a.start - b.start),
    keys: keys.sort((a, b) => a.timeStamp - b.timeStamp),
    droppedFrames,
    presentedFrames,
  };
}

/** When a change made at `at` (page clock, ms) was presented: the first paint after it, then the first presentation after that paint. */
export function presentedAfter(timeline: Timeline, at: number): number | null {
  const paint = timeline.paints.find((p) => p.start >= at);
  if (!paint) return null;
  return timeline.presentations.find((t) => t >= paint.end) ?? null;
}

/**
 * The main thread's own CPU time between two moments (ms): the share of each task inside them. Beside a wall-clock
 * figure on a shared machine, it says how much of it was this page's work rather than waiting for a core.
 */
export function mainThreadCpu(timeline: Timeline, from: number, to: number): number {
  let sum = 0;
  for (const task of timeline.tasks) {
    if (task.end <= from || task.start >= to) continue;
    const wall = task.end - task.start;
    sum += wall > 0 ? (task.cpu * (Math.min(to, task.end) - Math.max(from, task.start))) / wall : 0;
  }
  return sum;
}

/**
 * BENCH_BUNDLE=<a renderer build's folder>: the page runs that build's script instead of the one `serve` has (the
 * page itself still comes from `serve`), so two builds can be compared under the same load on the same machine.
 */
export async function routeBundleFromEnv(page: Page): Promise<string | null> {
  const dir = process.env.BENCH_BUNDLE;
  if (!dir) return null;
  const file = readdirSync(join(dir, 'assets')).find((name) => /^index-.*\.js$/.test(name));
  if (!file) throw new Error(`BENCH_BUNDLE: no assets/index-*.js in ${dir}`);
  const body = readFileSync(join(dir, 'assets', file));
  await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.fulfill({ body, contentType: 'text/javascript' }));
  return join(dir, 'assets', file);
}

/** The PortaSIP demo console open in Chromium with the paint probe installed, its connection online. */
export interface ProbedConsole {
  server: ConsoleServer;
  browser: Browser;
  page: Page;
}

/** Starts `serve --demo portasip` and opens its page, probed; the caller closes `browser` and stops `server`. */
export async function openProbedConsole(): Promise<ProbedConsole> {
  const server = await startConsoleServer(['--demo', 'portasip']);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await installPaintProbe(page);
    const bundle = await routeBundleFromEnv(page);
    if (bundle) console.log(`(the page runs ${bundle})`);
    await page.goto(server.url);
    await page.getByRole('list', { name: 'PBX connections' }).getByText('Online').waitFor();
    return { server, browser, page };
  } catch (error) {
    await browser.close();
    await server.stop();
    throw error;
  }
}

/** Runs a bench's main, printing its failure and exiting non-zero. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/** Successive differences of an ordered list. */
export function intervals(times: readonly number[]): number[] {
  return times.slice(1).map((time, i) => time - (times[i] ?? time));
}

/** The q-th quantile (0…1) by nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');

/** The machine's load average, printed beside every figure (the machine is shared). */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/**
 * One summary line: the figure beside its target, and whether it is met. Every bench summary line contains
 * "· target", which is how scripts/bench-all.ts can pick them out.
 */
export function figureLine(label: string, value: string, target: string, met: boolean | null, load: string): string {
  const verdict = met === null ? '' : met ? ' · met' : ' · MISSED';
  return `${label}: ${value} · target ${target}${verdict} · load ${load}`;
}
