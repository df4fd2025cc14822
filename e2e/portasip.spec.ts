/**
 * A receptionist on a PortaSIP Centrex (demo PBX, PortaSIP front end, manual
 * mode): the built UI in Chromium, through the bridge, the real core, the
 * real PortaSIP client over a WebSocket, and the simulated switch.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, buttonNames, withTarget } from './page-helpers';

test.use({ serveArgs: ['--demo', 'portasip'] });

const centrex = (page: Page) => page.getByRole('list', { name: 'Centrex' });
const extension = (page: Page, label: string) =>
  centrex(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: label }) });
const callsOf = (page: Page, label: string) => page.getByRole('list', { name: `Calls of ${label}` });
const callRow = (page: Page, label: string, text: string) => callsOf(page, label).getByRole('listitem').filter({ hasText: text });

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('list', { name: 'PBX connections' }).getByRole('listitem').first()).toContainText('Online');
  await expect(extension(page, 'Reception')).toBeVisible();
}

test('answer, hold, unhold and blind-transfer a caller; the call moves to the colleague', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+33160127764' });
  const caller = callRow(page, 'Reception', 'Martin Jagger');
  await expect(caller).toContainText('Ringing');
  await expect.poll(() => buttonNames(caller)).toEqual(['Answer', 'Hang up']);
  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected');
  await button(caller, 'Hold').click();
  await expect(caller).toContainText('On hold');
  await button(caller, 'Retrieve').click();
  await expect(caller).toContainText('Connected');
  await withTarget(caller, 'Transfer', '1104');
  await expect(callsOf(page, 'Reception')).toHaveCount(0);
  await expect(callRow(page, 'Kadri Tamm', 'Martin Jagger')).toContainText('Ringing');
  await expect(page.getByRole('list', { name: 'Journal' })).toContainText('Martin Jagger');
});

test('attended transfer: consult 1103 by callback, then complete the transfer (join)', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('colleagueAutoAnswer', { on: true });
  await sim('incomingCall', { from: '+3725123456' });
  const caller = callRow(page, 'Reception', 'Kalev Kask');
  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected');
  await withTarget(caller, 'Consult', '1103');
  await expect(page.getByText('Ringing Reception (1100) first')).toBeVisible();
  const colleague = callRow(page, 'Reception', 'Mart Kuusk');
  await expect(colleague).toContainText('Connected');
  await expect(caller).toContainText('On hold');
  await button(colleague, 'Complete transfer').click();
  await expect(callsOf(page, 'Reception')).toHaveCount(0);
  await expect(callRow(page, 'Mart Kuusk', 'Kalev Kask')).toContainText('Connected');
});

test('a call ringing at a colleague is visible in the Centrex view and can be answered there', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+3726654321', to: '1102' });
  const atColleague = callRow(page, 'Maria Lind', 'Tiina Põld');
  await expect(atColleague).toContainText('Ringing');
  await expect(extension(page, 'Maria Lind')).toContainText('Ringing');
  await button(atColleague, 'Answer').click();
  await expect(atColleague).toContainText('Connected');
  await expect(extension(page, 'Maria Lind')).toContainText('Talking');
});
