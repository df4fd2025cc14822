/**
 * innovaphone benchmark (prints figures; not a timed test):
 *  1. time from Initialize to a complete 10,000-user presence grid in the
 *     core (real connector over HTTP SOAP against the demo front end);
 *  2. Poll ingest: decode + adapt + reduce vs a bare XML parse of the same
 *     Poll replies, as a ratio;
 *  3. renderer frame times (requestAnimationFrame deltas) in Chromium while
 *     1,000 presence changes a second arrive, with the 10,000-user grid shown.
 *
 *   npx tsx scripts/bench-innovaphone.ts
 */
import { chromium } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { emptyConsoleState, type ConsoleState } from '../app/model';
import { reduceAll } from '../app/reducer';
import { CONNECTORS } from '../main/runtime/vendors';
import { ConsoleService } from '../main/core/console-service';
import { memoryLogger } from '../main/testing/memory-logger';
import { InnovaphonePresence } from '../main/connectors/innovaphone/adapter';
import { anyInfoValue, decodeAnyInfo, encodeResponse, readResponse } from '../main/connectors/innovaphone/codec';
import type { UserInfo } from '../main/connectors/innovaphone/messages';
import { startDemoPbx } from '../main/sim';
import { startConsoleServer } from '../e2e/harness';
import { CHROMIUM_ARGS } from '../playwright.config';

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
  service.start();
  while (Object.keys(service.getState().colleagues).length < USERS - 1) await new Promise((r) => setTimeout(r, 2));
  const elapsed = performance.now() - started;
  console.log(
    `1. Version+Initialize → complete grid of ${Object.keys(service.getState().colleagues).length} colleagues: ${elapsed.toFixed(0)} ms (goal ≤ 1000 ms)`,
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

function ingestRatio(): void {
  const replies: string[] = [];
  for (let r = 0; r < 200; r++) {
    replies.push(
      encodeResponse('Poll', [
        [
          'return',
          anyInfoValue({ user: Array.from({ length: 50 }, (_, k) => user((r * 50 + k) % USERS, r % 2 ? 'away' : 'busy')), call: [] }),
        ],
      ]),
    );
  }
  const bare = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: false });
  const time = (run: () => void) => {
    run(); // warm up
    const t = performance.now();
    for (let i = 0; i < 5; i++) run();
    return (performance.now() - t) / 5;
  };
  const bareMs = time(() => {
    for (const xml of replies) bare.parse(xml);
  });
  const fullMs = time(() => {
    let state: ConsoleState = emptyConsoleState();
    const presence = new InnovaphonePresence('bench', new Set());
    state = reduceAll(state, presence.apply({ ...user(0, ''), cn: '' })).state;
    // As the core does: everything one Poll reply brings is reduced in one batch.
    for (const xml of replies)
      state = reduceAll(
        state,
        decodeAnyInfo(readResponse(xml, 'Poll')).user.flatMap((u) => presence.apply(u)),
      ).state;
  });
  const events = replies.length * 50;
  console.log(
    `2. Poll ingest of ${events} UserInfo events in ${replies.length} replies: bare XML parse ${bareMs.toFixed(1)} ms, decode+adapt+reduce ${fullMs.toFixed(1)} ms → ratio ${(fullMs / bareMs).toFixed(2)} (${Math.round(events / (fullMs / 1000))} events/s)`,
  );
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
  await gridTime();
  ingestRatio();
  await frameTimes();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
