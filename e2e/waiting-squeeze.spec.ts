/**
 * A busy desk: 20 calls in progress must not squeeze the ringing callers out
 * of sight. The "Ringing and waiting" region shows its rows (up to 45 % of
 * the column); it was shrunk to about one row, weighted against the long
 * list below it. A second demo PBX (its ten devices all the receptionist's
 * lines) is driven directly, like unknown-calls.spec.ts does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startDemoPbx, type DemoPbx } from '../main/sim';
import { expect, startConsoleServer, test, type ConsoleServer } from './harness';
import { activeCalls, waitingCalls } from './page-helpers';

const DEVICES = Array.from({ length: 10 }, (_, i) => String(1100 + i));
const callerNumber = (i: number) => `+37255500${String(i).padStart(3, '0')}`;
const callerName = (i: number) => `Caller ${String(i).padStart(2, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let running: { server?: ConsoleServer; pbx?: DemoPbx; dir?: string } = {};
test.afterEach(async () => {
  await running.server?.stop();
  await running.pbx?.stop();
  if (running.dir) rmSync(running.dir, { recursive: true, force: true });
  running = {};
});

async function startBusyDesk(page: Page): Promise<DemoPbx> {
  const pbx = await startDemoPbx({ vendors: ['telserver'], mode: 'manual' });
  running.pbx = pbx;
  pbx.control.setColleagueAutoAnswer(false);
  const dir = mkdtempSync(path.join(tmpdir(), 'attendant-e2e-squeeze-'));
  running.dir = dir;
  const connection = {
    vendor: 'telserver',
    id: 'desk',
    label: 'Busy desk',
    host: pbx.telserver!.host,
    port: pbx.telserver!.port,
    requestTimeoutMs: 2000,
    keepaliveSeconds: 2,
    lines: DEVICES.map((device) => ({ device, label: `Line ${device}` })),
  };
  writeFileSync(path.join(dir, 'connections.json'), JSON.stringify({ connections: [connection] }));
  running.server = await startConsoleServer(['--settings-dir', dir]);
  await page.goto(running.server.url);
  await expect(
    page.getByRole('list', { name: 'PBX connections' }).getByRole('listitem', { name: 'Busy desk', exact: false }),
  ).toContainText('Online');
  return pbx;
}

/** The names of the waiting rows wholly inside the waiting region's visible box. */
function fullyShownWaiting(page: Page): Promise<string[]> {
  return waitingCalls(page).evaluate((list) => {
    const box = list.closest('.call-scroller')!.getBoundingClientRect();
    return [...list.querySelectorAll<HTMLElement>('[data-call-id]')]
      .filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      })
      .map((row) => row.querySelector('.call__name')?.textContent ?? '');
  });
}

test('1280×800, 20 calls in progress and 4 ringing: every ringing caller is in view, also after one is answered', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const pbx = await startBusyDesk(page);
  // Two answered on each device (the second answer holds the first): 20 in progress.
  let n = 1;
  for (const device of DEVICES) {
    for (let k = 0; k < 2; k++) {
      pbx.control.incomingCall({ from: callerNumber(n), to: device, name: callerName(n++) });
      await sleep(5);
      pbx.switch.answer(device);
      await sleep(5);
    }
  }
  for (let i = 60; i < 64; i++) {
    pbx.control.incomingCall({ from: callerNumber(i), to: '1100', name: callerName(i) });
    await sleep(5);
  }
  await expect(activeCalls(page).locator('[data-call-id]').first()).toBeVisible();
  await expect(waitingCalls(page).locator('[data-call-id]')).toHaveCount(4);
  await expect.poll(() => fullyShownWaiting(page)).toEqual(['Caller 60', 'Caller 61', 'Caller 62', 'Caller 63']);
  // The in-progress list keeps the rest of the column, its first row in view.
  await expect(activeCalls(page).locator('[data-call-id]').first()).toBeInViewport({ ratio: 1 });

  // Enter on the last ringing row answers it; the caller the banner names (and F4 answers) stays in view.
  await waitingCalls(page).locator('[data-call-id]').last().focus();
  await page.keyboard.press('Enter');
  await expect(waitingCalls(page).locator('[data-call-id]')).toHaveCount(3);
  await expect(page.locator('.ringing-banner p[aria-live]')).toContainText('Caller 60');
  await expect.poll(() => fullyShownWaiting(page)).toEqual(['Caller 60', 'Caller 61', 'Caller 62']);
});
