/**
 * Calls you can trust (issue #14): a call whose connection is not online is
 * unknown — greyed, no buttons, out of the ringing banner, out of every
 * key's reach — until the resync after reconnecting shows the PBX's truth.
 *
 * Two independent PBXs: `serve`'s own demo PBX (the "Demo PBX (TelServer)"
 * connection, driven through `sim`) and a second demo PBX this spec runs
 * in its own process, reached by a TelServer connection in the
 * connections.json of the settings folder it hands `serve` (demo mode runs
 * the saved connections beside its own). Stopping the second PBX — every
 * session dropped and every connection refused, as the demo's `outage`
 * does — touches nothing of the first, and its switch keeps its calls (and
 * takes a new one while the console cannot see it), so after it is back
 * the console's list must equal the PBX's again, not what it showed before.
 * The bounds are generous (15 s to notice, 30 s to reconnect): timing is
 * proven by the unit tests (main/connectors/<vendor>/link-timing*.test.ts).
 *
 * Then the console service itself (`serve`, the WebSocket bridge) is killed:
 * every connection says its state is unknown, every call is unknown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ConsoleState } from '../app/model';
import { startDemoPbx, type DemoPbx } from '../main/sim';
import { expect, startConsoleServer, test, type ConsoleServer } from './harness';
import { buttonNames, calls, DEMO_CALLERS } from './page-helpers';

const SECOND = { id: 'second', label: 'Second PBX' };
/** Both PBXs' reception. */
const RECEPTION = '1100';
const [HEALTHY_CALLER, UNKNOWN_CALLER, MISSED_CALLER] = [DEMO_CALLERS[0], DEMO_CALLERS[1], DEMO_CALLERS[2]];
const NOTICE_MS = 15_000;
const RECONNECT_MS = 30_000;

interface TwoPbxs {
  server: ConsoleServer;
  second: DemoPbx;
  demoConnectionId: string;
}

let running: { server?: ConsoleServer; second?: DemoPbx; dir?: string } = {};
test.afterEach(async () => {
  await running.server?.stop();
  await running.second?.stop();
  if (running.dir) rmSync(running.dir, { recursive: true, force: true });
  running = {};
});

/** The second PBX, a settings folder whose connections.json reaches it, and `serve` (with its own demo PBX) on that folder. */
async function startTwoPbxs(): Promise<TwoPbxs> {
  const second = await startDemoPbx({ vendors: ['telserver'], mode: 'manual' });
  running.second = second;
  const dir = mkdtempSync(path.join(tmpdir(), 'attendant-e2e-unknown-'));
  running.dir = dir;
  const connection = {
    vendor: 'telserver',
    ...SECOND,
    host: second.telserver!.host,
    port: second.telserver!.port,
    requestTimeoutMs: 2000,
    keepaliveSeconds: 2,
    lines: [{ device: RECEPTION, label: 'Second reception' }],
  };
  writeFileSync(path.join(dir, 'connections.json'), JSON.stringify({ connections: [connection] }));
  const server = await startConsoleServer(['--settings-dir', dir]);
  running.server = server;
  const demo = (await server.sim('demoConnection')) as { id: string };
  return { server, second, demoConnectionId: demo.id };
}

const connectionItem = (page: Page, label: string) =>
  page.getByRole('list', { name: 'PBX connections' }).getByRole('listitem', { name: label, exact: false });
const callRow = (page: Page, number: string) => calls(page).locator('[data-call-id]').filter({ hasText: number });
const banner = (page: Page) => page.locator('.ringing-banner p[aria-live]');

/** A PBX's calls at reception and a connection's calls in the console, each as "number ringing|other", sorted. */
function pbxCalls(view: { groups: { primary: LegLike; consultation?: LegLike }[] }): string[] {
  return view.groups
    .flatMap((g) => [g.primary, g.consultation])
    .filter((leg): leg is LegLike => leg !== undefined)
    .map((leg) => `${leg.other.number} ${leg.state === 'alerting' ? 'ringing' : 'other'}`)
    .sort();
}
interface LegLike {
  state: string;
  other: { number: string };
}
function consoleCalls(state: ConsoleState, connectionId: string): string[] {
  return Object.values(state.calls)
    .filter((c) => c.connectionId === connectionId)
    .map((c) => `${c.remote.number} ${c.state === 'ringing' ? 'ringing' : 'other'}`)
    .sort();
}

test('a stopped PBX: its calls turn unknown, lose their buttons and the banner, F4 answers the healthy one; back, the list is the PBX’s', async ({
  page,
}) => {
  const { server, second, demoConnectionId } = await startTwoPbxs();
  await page.goto(server.url);
  await expect(connectionItem(page, 'Demo PBX (TelServer)')).toContainText('Online');
  await expect(connectionItem(page, SECOND.label)).toContainText('Online');

  // The caller at the second PBX rings first, so while both are known it is the one F4 would answer.
  second.control.incomingCall({ from: UNKNOWN_CALLER, to: RECEPTION });
  await expect(callRow(page, 'Kalev Kask')).toContainText('Ringing');
  await server.sim('incomingCall', { from: HEALTHY_CALLER });
  await expect(callRow(page, 'Martin Jagger')).toContainText('Ringing');
  await expect.poll(() => buttonNames(callRow(page, 'Kalev Kask'))).toEqual(['Answer', 'Divert']);
  await expect(banner(page)).toContainText('Kalev Kask');

  // The second PBX stops: sessions gone, connections refused.
  second.telserver!.faults.dropAllSessions();
  await second.telserver!.faults.refuseConnections(true);

  const unknown = callRow(page, 'Kalev Kask');
  await expect(unknown).toContainText('PBX offline — state unknown', { timeout: NOTICE_MS });
  await expect(connectionItem(page, SECOND.label)).not.toContainText('Online');
  await expect(unknown).toHaveClass(/call--unknown/);
  expect(await buttonNames(unknown)).toEqual([]);
  await expect(unknown).toHaveAttribute('tabindex', '-1');
  // The healthy connection's caller is untouched, and now the only one the banner names.
  const healthy = callRow(page, 'Martin Jagger');
  await expect(healthy).toContainText('Ringing');
  await expect.poll(() => buttonNames(healthy)).toEqual(['Answer', 'Divert']);
  await expect(banner(page)).toContainText('Martin Jagger');
  await expect(banner(page)).not.toContainText('Kalev Kask');

  // F4 (answer the next ringing call) reaches only the known caller.
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.keyboard.press('F4');
  await expect(healthy).toContainText('Connected');
  const demoView = (await server.sim('calls')) as { groups: { primary: LegLike }[] };
  expect(pbxCalls(demoView)).toEqual([`${HEALTHY_CALLER} other`]);
  expect(demoView.groups[0]?.primary.state).toBe('connected');
  // At the stopped PBX the other caller still rings: nobody answered it.
  expect(pbxCalls(second.switch.deviceView(RECEPTION))).toEqual([`${UNKNOWN_CALLER} ringing`]);
  // Still unknown, still without buttons (the answer did not touch it).
  await expect(unknown).toContainText('PBX offline — state unknown');
  expect(await buttonNames(unknown)).toEqual([]);

  // While the console cannot see it, another caller arrives there.
  second.control.incomingCall({ from: MISSED_CALLER, to: RECEPTION });

  // Back: the resync shows the PBX's truth, both callers, known again.
  await second.telserver!.faults.refuseConnections(false);
  await expect(connectionItem(page, SECOND.label)).toContainText('Online', { timeout: RECONNECT_MS });
  await expect(callRow(page, 'Kalev Kask')).toContainText('Ringing');
  await expect(callRow(page, 'Kalev Kask')).not.toHaveClass(/call--unknown/);
  await expect(callRow(page, 'Tiina Põld')).toContainText('Ringing');
  const state = await server.readState();
  expect(consoleCalls(state, SECOND.id)).toEqual(pbxCalls(second.switch.deviceView(RECEPTION)));
  expect(consoleCalls(state, SECOND.id)).toEqual([`${UNKNOWN_CALLER} ringing`, `${MISSED_CALLER} ringing`].sort());
  expect(consoleCalls(state, demoConnectionId)).toEqual(pbxCalls((await server.sim('calls')) as { groups: { primary: LegLike }[] }));
});

test('the console service is lost: every connection’s state and every call is unknown, with no buttons and no banner', async ({ page }) => {
  const { server, second } = await startTwoPbxs();
  await page.goto(server.url);
  await expect(connectionItem(page, SECOND.label)).toContainText('Online');
  await server.sim('incomingCall', { from: HEALTHY_CALLER });
  second.control.incomingCall({ from: UNKNOWN_CALLER, to: RECEPTION });
  await expect(callRow(page, 'Martin Jagger')).toContainText('Ringing');
  await expect(callRow(page, 'Kalev Kask')).toContainText('Ringing');
  await expect(banner(page)).not.toHaveText('');

  await server.kill();

  for (const label of ['Demo PBX (TelServer)', SECOND.label]) {
    await expect(connectionItem(page, label)).toContainText('State unknown (console service lost)', { timeout: NOTICE_MS });
  }
  for (const name of ['Martin Jagger', 'Kalev Kask']) {
    const row = callRow(page, name);
    await expect(row).toContainText('Console service lost — state unknown');
    await expect(row).toHaveClass(/call--unknown/);
    expect(await buttonNames(row)).toEqual([]);
  }
  await expect(banner(page)).toHaveText('');
});
