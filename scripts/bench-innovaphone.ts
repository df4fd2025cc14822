/**
 * innovaphone benchmark (prints figures; not a timed test):
 *  1. time from Initialize to a complete 10,000-user presence grid in the
 *     core (real connector over HTTP SOAP against the demo front end);
 *  2. Poll ingest at 1, 100 and 1,000 live calls on 64 monitored users with
 *     a 9,999-colleague grid: decode + adapt + reduce side by side with a bare
 *     parse of the same Poll replies by the parser the product uses
 *     (parseXmlElements, main/connectors/shared/xml.ts); goal ≤ 1.5×;
 *  3. renderer frame times (requestAnimationFrame deltas) in Chromium while
 *     1,000 presence changes a second arrive, with the 10,000-user grid shown.
 *
 *   npm run bench:innovaphone                               (builds the renderer first)
 *   npx tsx scripts/run-bundled.ts scripts/bench-innovaphone.ts --ingest-only   (figure 2 alone, no build needed)
 *   npx tsx scripts/run-bundled.ts scripts/bench-innovaphone.ts --grid-only     (figure 1 alone, no build needed)
 */
import { chromium } from '@playwright/test';
import type { DomainEvent } from '../app/events';
import { emptyConsoleState } from '../app/model';
import { CONNECTORS } from '../main/runtime/vendors';
import { ConsoleService } from '../main/core/console-service';
import { memoryLogger } from '../main/testing/memory-logger';
import { InnovaphoneLineAdapter, InnovaphonePresence } from '../main/connectors/innovaphone/adapter';
import { anyInfoValue, decodeAnyInfo, encodeResponse, readResponse } from '../main/connectors/innovaphone/codec';
import type { AnyInfo, CallInfo, UserInfo } from '../main/connectors/innovaphone/messages';
import { parseXmlElements } from '../main/connectors/shared/xml';
import { startDemoPbx } from '../main/sim';
import { startConsoleServer } from '../e2e/harness';
import { CHROMIUM_ARGS } from '../playwright.config';
import { compareIngest, coreIngest, printIngest, type CoreIngest, type IngestCase } from './ingest-timing';

const USERS = 10_000;

async function gridTime(): Promise<void> {
  const pbx = await startDemoPbx({
    vendors: ['innovaphone'],
    mode: 'manual',
    innovaphone: { extraUsers: USERS - 11, accounts: { Reception: 'bench' } },
  });
  process.env.BENCH_INNOVAPHONE_PASSWORD = 'bench';
  const service = new ConsoleService({
    log: memoryLogger(),
    connectors: [
      CONNECTORS.connectorFor(
        {
          vendor: 'innovaphone',
          id: 'bench',
          label: 'Bench',
          url: pbx.innovaphone!.url,
          username: 'Reception',
          passwordEnv: 'BENCH_INNOVAPHONE_PASSWORD',
          lines: [{ cn: 'Reception' }],
        },
        'EE',
      ),
    ],
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  service.start();
  while (Object.keys(service.getState().colleagues).length < USERS - 1) await new Promise((r) => setTimeout(r, 2));
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time too: on a loaded machine the wall time says more about the other processes than about this one.
  console.log(
    `1. Version+Initialize → complete grid of ${Object.keys(service.getState().colleagues).length} colleagues: ${elapsed.toFixed(0)} ms ` +
      `(goal ≤ 1000 ms; CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms in this process, the demo PBX's included)`,
  );
  await service.stop();
  await pbx.stop();
}

function user(i: number, activity: string): UserInfo {
  return {
    active: true,
    state: 1,
    channel: i % 3 === 0 ? 1 : 0,
    alert: i % 7 === 0 ? 1 : 0,
    type: 'ep',
    guid: `g${i}`,
    cn: `User ${i}`,
    e164: String(2000 + i),
    h323: `u${i}`,
    dn: `User ${i}`,
    groups: [{ group: 'Sales', active: true }],
    presence: [{ status: 'open', activity, note: `note ${i}` }],
    cfg: false,
    node: 'root',
    loc: '',
  };
}

/** The most users one connection monitors as lines (app/vendors/innovaphone.ts). */
const MONITORED = 64;
/** Poll replies timed per case: a multiple of twice every size, so each round ends where it began. */
const POLLS = Number(process.env.BENCH_POLLS ?? 6000);

function callInfo(j: number, state: number, renamed = false): CallInfo {
  return {
    user: (j % MONITORED) + 1,
    call: j + 1,
    reg: 0,
    active: true,
    state,
    msg: '',
    no: [
      {
        type: 'peer',
        cn: '',
        e164: `+37255${String(100000 + j).slice(-6)}`,
        h323: '',
        dn: renamed ? `Caller ${j} (Sales)` : `Caller ${j}`,
      },
    ],
    info: [],
  };
}

const pollReply = (info: AnyInfo) => encodeResponse('Poll', [['return', anyInfoValue(info)]]);

/**
 * What each Poll reply does to its call: holds or retrieves it — which changes the actions of the user's other
 * calls too (a held call beside them offers transfer and conference), so at 1,000 calls (16 a user) a reply
 * republishes about three calls — or renames its caller, which changes that call alone.
 */
type PollPattern = 'hold' | 'rename';

/**
 * `calls` live calls across 64 monitored users and a grid of 9,999 colleagues
 * (set up first, not timed); then each Poll reply holds or retrieves one call
 * (or renames its caller) and changes one colleague's presence, alone in its turn (as the core
 * reduces one Poll reply's events: one batch). The first half of the replies
 * sets colleagues away, the second half sets the same ones busy again, so a
 * round ends in the state it began and one pipeline serves every round.
 */
function pollCase(calls: number, pattern: PollPattern = 'hold'): IngestCase & { publishedPerReply: () => number } {
  const setup: string[] = [];
  for (let j = 0; j < calls; j++) setup.push(pollReply({ user: [], call: [callInfo(j, 0x81)] }));
  for (let j = 0; j < calls; j++) setup.push(pollReply({ user: [], call: [callInfo(j, 0x85)] }));
  const polls: string[] = [];
  const half = POLLS / 2;
  for (let n = 0; n < POLLS; n++) {
    const changed = Math.floor(n / calls) % 2 === 0;
    const colleague = user(1 + ((n % half) % (USERS - 1)), n < half ? 'away' : 'busy');
    const call = pattern === 'hold' ? callInfo(n % calls, changed ? 0x185 : 0x85) : callInfo(n % calls, 0x85, changed);
    polls.push(pollReply({ user: [colleague], call: [call] }));
  }
  const cns = Array.from({ length: MONITORED }, (_, k) => `Line ${k}`);
  let built: ReturnType<IngestCase['pipeline']> | undefined;
  return {
    label:
      `${MONITORED} users, ${(USERS - 1).toLocaleString('en')} colleagues, ${calls.toLocaleString('en')} call${calls > 1 ? 's' : ''}` +
      (pattern === 'rename' ? ', callers renamed' : ''),
    frames: polls,
    bare: (xml) => parseXmlElements(xml),
    // Built once, not before every round: the setup's garbage (a 10,000-colleague grid) would be collected during the timed round that follows.
    pipeline: () => (built ??= buildPipeline(coreIngest(emptyConsoleState()))),
    publishedPerReply,
  };
  /** Calls republished per Poll reply on average, over one pass of the replies through a pipeline of its own (untimed). */
  function publishedPerReply(): number {
    const core = coreIngest(emptyConsoleState(), { timed: false });
    let published = 0;
    const { ingest } = buildPipeline({
      ...core,
      turn(events) {
        for (const event of events) if (event.type === 'callUpserted') published++;
        return core.turn(events);
      },
    });
    published = 0; // the setup's
    for (const poll of polls) ingest(poll);
    return published / polls.length;
  }
  function buildPipeline(core: CoreIngest): ReturnType<IngestCase['pipeline']> {
    const presence = new InnovaphonePresence('bench', new Set(cns));
    const byHandle = new Map<number, InnovaphoneLineAdapter>();
    const byCn = new Map<string, InnovaphoneLineAdapter>();
    cns.forEach((cn, k) => {
      const adapter = new InnovaphoneLineAdapter({ connectionId: 'bench', cn, label: cn, country: 'EE' }, () => 0);
      adapter.userHandle = k + 1;
      byHandle.set(adapter.userHandle, adapter);
      byCn.set(cn, adapter);
      core.turn([{ type: 'lineUpserted', line: adapter.line() }]);
    });
    // The initial presence stream: every colleague, then the terminator (an empty cn).
    const initial: UserInfo[] = [];
    for (let i = 1; i < USERS; i++) initial.push(user(i, 'busy'));
    core.turn([...initial, { ...user(0, ''), cn: '' }].flatMap((u) => presence.apply(u)));
    // As the connector's ingest does with one Poll reply.
    const ingest = (xml: string) => {
      const info = decodeAnyInfo(readResponse(xml, 'Poll'));
      const events: DomainEvent[] = [];
      for (const u of info.user) {
        const own = byCn.get(u.cn);
        if (own) events.push(...own.applyOwnUserInfo(u));
        events.push(...presence.apply(u));
      }
      for (const call of info.call) events.push(...(byHandle.get(call.user)?.applyCallInfo(call) ?? []));
      core.turn(events);
    };
    setup.forEach(ingest);
    return {
      ingest,
      core,
      check: () => {
        const state = core.state();
        if (Object.keys(state.calls).length !== calls || Object.keys(state.colleagues).length !== USERS - 1)
          throw new Error('bench: wrong number of calls or colleagues');
      },
    };
  }
}

function pollIngest(): void {
  console.log(
    `2. Poll ingest, ${POLLS.toLocaleString('en')} Poll replies (one call held or retrieved, one presence change each), one per turn (median of 7 rounds):`,
  );
  for (const [calls, pattern] of [
    [1, 'hold'],
    [100, 'hold'],
    [1000, 'hold'],
    [1000, 'rename'],
  ] as const) {
    const testCase = pollCase(calls, pattern);
    printIngest(testCase, compareIngest(testCase), 'parseXmlElements', 1.5);
    console.log(`  ${''.padEnd(32)} calls republished per Poll reply: ${testCase.publishedPerReply().toFixed(2)}`);
  }
}

async function frameTimes(): Promise<void> {
  process.env.ATTENDANT_INNOVAPHONE_DEMO_USERS = String(USERS - 11);
  const server = await startConsoleServer(['--demo', 'innovaphone']);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByText(`${USERS - 1} colleagues`).waitFor({ timeout: 30_000 });
    await server.sim('presenceLoad', { perSecond: 1000, seconds: 6 });
    await page.waitForTimeout(500);
    // A plain-text page function: the bundler's helpers do not exist in the page.
    const deltas = await page.evaluate<number[]>(`new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const viewport = document.querySelector('.presence__viewport');
      const end = last + 4000;
      function frame(now) {
        out.push(now - last);
        last = now;
        // Scroll while changes arrive, as a receptionist looking for someone would.
        if (viewport) viewport.scrollTop += 37;
        if (now < end) requestAnimationFrame(frame);
        else resolve(out);
      }
      requestAnimationFrame(frame);
    })`);
    const sorted = [...deltas].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
    console.log(
      `3. Renderer with ${USERS - 1} colleagues, 1,000 presence changes/s, scrolling: ${deltas.length} frames in 4 s, frame time median ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms, frames > 50 ms: ${deltas.filter((d) => d > 50).length}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const ingestOnly = process.argv.includes('--ingest-only');
  const gridOnly = process.argv.includes('--grid-only');
  if (!ingestOnly) await gridTime();
  if (!gridOnly) pollIngest();
  if (!ingestOnly && !gridOnly) await frameTimes();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
