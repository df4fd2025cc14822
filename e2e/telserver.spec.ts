/**
 * A receptionist's flows on the demo PBX (TelServer front end, manual mode):
 * the built UI in Chromium, through the WebSocket bridge, the real core, the
 * real TelServer client over TCP/UDP, and the simulated switch.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, buttonNames, calls, connection, finder, withTarget } from './page-helpers';

const callRow = (page: Page, text: string) => calls(page).getByRole('listitem').filter({ hasText: text });

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
}

test('incoming call: answer, hold, retrieve, consult 1103, complete the transfer', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+33160127764' });
  const caller = callRow(page, 'Martin Jagger');
  await expect(caller).toContainText('Ringing');
  await expect(caller).toContainText('uniGone');
  await expect.poll(() => buttonNames(caller)).toEqual(['Answer', 'Divert']);

  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected');
  await button(caller, 'Hold').click();
  await expect(caller).toContainText('On hold');
  await button(caller, 'Retrieve').click();
  await expect(caller).toContainText('Connected');

  await withTarget(caller, 'Consult', '1103');
  const colleague = callRow(page, 'Mart Kuusk');
  await expect(colleague).toContainText('Consultation');
  await expect(colleague).toContainText('Connected'); // 1103 answers by itself
  await expect(caller).toContainText('On hold');

  await button(colleague, 'Complete transfer').click();
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Journal' })).toContainText('Martin Jagger');
});

test('a conference of three, then hang up', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+3725123456' });
  const caller = callRow(page, 'Kalev Kask');
  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected');
  await withTarget(caller, 'Consult', '1102');
  const colleague = callRow(page, 'Maria Lind');
  await expect(colleague).toContainText('Connected');

  await button(colleague, 'Conference').click();
  const conference = calls(page).getByRole('listitem').filter({ hasText: 'Conference with' });
  await expect(conference).toHaveCount(1);
  await expect(conference).toContainText('Kalev Kask');
  await expect(conference).toContainText('Maria Lind');
  await button(conference, 'Hang up').click();
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
});

test('divert a ringing call to a colleague', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+3726654321' });
  const caller = callRow(page, 'Tiina Põld');
  await expect(caller).toContainText('Ringing');
  await withTarget(caller, 'Divert', '1104');
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
  const atColleague = (await sim('calls', { device: '1104' })) as { groups: unknown[] };
  expect(JSON.stringify(atColleague)).toContain('+3726654321');
});

test('blind transfer of a connected call to a number', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+46701234567' });
  const caller = callRow(page, 'Anders Lindqvist');
  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected');
  await withTarget(caller, 'Transfer', '1105');
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
});

test('directory search "Mar" finds colleagues and contacts, and dials one', async ({ page, consoleUrl }) => {
  await openOnline(page, consoleUrl);
  await finder(page).fill('Mar');
  const results = page.getByRole('list', { name: 'Directory results' });
  await expect(results).toContainText('Marcel Jagger');
  await expect(results).toContainText('Martin Jagger');
  await expect(results).toContainText('Maria Lind');
  await results.getByRole('button', { name: 'Call Maria Lind' }).click();
  const outgoing = callRow(page, 'Maria Lind');
  await expect(outgoing).toHaveAttribute('aria-label', /^Outgoing call to Maria Lind/);
  await expect(outgoing).toContainText('Connected');
  await finder(page).press('Escape');
  await expect(finder(page)).toHaveValue('');
});

test('the finder dials a number typed, F4 answers a ringing call from a text field, F9 hangs up', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await finder(page).fill('1105');
  await page.getByRole('button', { name: 'Call Jaan Saar' }).waitFor();
  await finder(page).press('Enter');
  await expect(callRow(page, 'Jaan Saar')).toContainText('Connected');
  await button(callRow(page, 'Jaan Saar'), 'Hang up').click();
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);

  await sim('incomingCall', { from: '+4930123456' });
  const caller = callRow(page, 'Hannah Weber');
  await expect(caller).toContainText('Ringing');
  await finder(page).fill('something');
  await page.keyboard.press('F4');
  await expect(caller).toContainText('Connected');
  await page.keyboard.press('F9');
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
});

test('neither a match nor a number is explained and nothing is dialled', async ({ page, consoleUrl }) => {
  await openOnline(page, consoleUrl);
  await finder(page).fill('call mom');
  await expect(page.getByText('No matches.')).toBeVisible();
  await finder(page).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'No one in the directory matches "call mom".' })).toBeVisible();
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
});

test('do-not-disturb and forward switch and show their state', async ({ page, consoleUrl }) => {
  await openOnline(page, consoleUrl);
  const dnd = button(page, 'Do not disturb');
  await expect(dnd).toHaveAttribute('aria-pressed', 'false');
  await dnd.click();
  await expect(dnd).toHaveAttribute('aria-pressed', 'true');
  await dnd.click();
  await expect(dnd).toHaveAttribute('aria-pressed', 'false');

  await button(page, 'Forward').click();
  await page.getByRole('textbox', { name: 'Forward to' }).fill('1102');
  await button(page, 'Set forward').click();
  await expect(page.getByText('Forwarded to 1102')).toBeVisible();
  await expect(button(page, 'Forward')).toHaveAttribute('aria-pressed', 'true');
  await button(page, 'Forward').click();
  await expect(page.getByText('Forwarded to 1102')).toHaveCount(0);
});

test('TelServer drops away: offline is shown, and the call list is rebuilt when it returns', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+4930123456' });
  await expect(callRow(page, 'Hannah Weber')).toContainText('Ringing');

  await sim('outage', { on: true });
  await expect(connection(page)).toContainText('Offline', { timeout: 15_000 });
  // While the console cannot see it, the PBX moves on.
  await sim('remoteHangup', { number: '+4930123456' });
  await sim('incomingCall', { from: '+358401234567' });
  await sim('outage', { on: false });

  await expect(connection(page)).toContainText('Online', { timeout: 20_000 });
  await expect(callRow(page, 'Matti Virtanen')).toContainText('Ringing');
  await expect(callRow(page, 'Hannah Weber')).toHaveCount(0);
});

test('PBX link down is shown, and the list is rebuilt from a snapshot when it comes back', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+3725559876' });
  await expect(callRow(page, 'Mari-Liis Org')).toContainText('Ringing');
  await sim('pbxLink', { up: false });
  await expect(connection(page)).toContainText('PBX link down');
  await sim('remoteHangup', { number: '+3725559876' });
  await sim('pbxLink', { up: true });
  await expect(connection(page)).toContainText('Online');
  await expect(callRow(page, 'Mari-Liis Org')).toHaveCount(0);
});

test.describe('the live demo', () => {
  test.use({ serveArgs: ['--demo-mode', 'live'] });

  test('a call rings in within 5 seconds of start, with no configuration', async ({ page, consoleUrl }) => {
    const started = Date.now();
    await page.goto(consoleUrl);
    await expect(calls(page).getByRole('listitem').filter({ hasText: 'Ringing' }).first()).toBeVisible({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(page.getByText(/Incoming call from .* press F4 to answer/)).toBeVisible();
  });
});
