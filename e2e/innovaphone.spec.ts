/**
 * A receptionist's flows on the demo PBX through its innovaphone front end
 * (HTTP SOAP, Poll loop) with the presence grid: the built UI in Chromium,
 * the WebSocket bridge, the real core and connector, the simulated switch.
 */
import type { Page } from '@playwright/test';
import { expect, test, type Sim } from './harness';
import { button, calls, connection, withTarget } from './page-helpers';

test.use({ serveArgs: ['--demo', 'innovaphone'] });

const callRow = (page: Page, text: string) => calls(page).getByRole('listitem').filter({ hasText: text });
const grid = (page: Page) => page.getByRole('list', { name: 'Colleagues' });
const colleague = (page: Page, name: string) => grid(page).getByRole('listitem', { name, exact: true });

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
  await expect(page.getByText(/\d+ colleagues/)).toBeVisible();
}

async function findColleague(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search colleagues' }).fill(text);
}

test('an incoming call is answered and transferred to a colleague chosen in the grid', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+33160127764' });
  const caller = callRow(page, 'Martin Jagger');
  await expect(caller).toContainText('Ringing');
  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected');
  await caller.click();
  await findColleague(page, 'Maria');
  await button(colleague(page, 'Maria Lind'), 'Transfer here').click();
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
  await expect(colleague(page, 'Maria Lind')).toContainText(/Ringing|On the phone/);
});

test('an incoming call is answered and transferred by dropping it on a colleague in the grid', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+33160127764' });
  const caller = callRow(page, 'Martin Jagger');
  await expect(caller).toContainText('Ringing');
  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected');
  await findColleague(page, 'Maria');
  // Nothing selected: the drop alone says which call goes where.
  await caller.dragTo(colleague(page, 'Maria Lind'));
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
  await expect(colleague(page, 'Maria Lind')).toContainText(/Ringing|On the phone/);
});

test('a call ringing at a colleague is picked up from the grid', async ({ page, consoleUrl, sim }) => {
  await sim('colleagueAutoAnswer', { on: false });
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+46701234567', to: '1105' });
  await findColleague(page, '1105');
  const row = colleague(page, 'Jaan Saar');
  await expect(row).toContainText('Ringing');
  await button(row, 'Pick up').click();
  const picked = callRow(page, 'Anders Lindqvist');
  await expect(picked).toContainText('Connected');
  await expect(row).toContainText('Free');
});

test('search for a colleague and dial by clicking the name; park and unpark the call', async ({ page, consoleUrl }) => {
  await openOnline(page, consoleUrl);
  await findColleague(page, 'Mart K');
  await expect(grid(page).getByRole('listitem')).toHaveCount(1);
  await button(colleague(page, 'Mart Kuusk'), 'Mart Kuusk').click();
  const call = callRow(page, 'Mart Kuusk');
  await expect(call).toContainText('Connected', { timeout: 10_000 }); // 1103 answers by itself
  await button(call, 'Park').click();
  await expect(call).toContainText('Parked');
  await button(call, 'Unpark').click();
  await expect(call).toContainText('Connected');
});

// The same receptionist's work on a v10 PBX (pbx10_00 only, rpc/encoded) and on one that binds pbx11_00
// (document/literal): the console finds the dialect itself (auto) and the connection bar says which.
for (const wsdl of ['pbx10_00', 'pbx11_00'] as const) {
  test.describe(`on a PBX that binds ${wsdl}`, () => {
    async function openOn(page: Page, url: string, sim: Sim): Promise<void> {
      await sim('serveDialects', { dialects: [wsdl] });
      await openOnline(page, url);
      await expect(connection(page)).toContainText(wsdl);
      await expect(connection(page)).toContainText('Online');
    }

    test('the connection bar shows the PBX; consult → Complete transfer hands the caller over', async ({ page, consoleUrl, sim }) => {
      await openOn(page, consoleUrl, sim);
      await expect(connection(page)).toContainText('nordvalgus.ee');
      await expect(connection(page)).toContainText('13r3');
      await sim('incomingCall', { from: '+33160127764' });
      const caller = callRow(page, 'Martin Jagger');
      await button(caller, 'Answer').click();
      await expect(caller).toContainText('Connected');
      await withTarget(caller, 'Consult', '1103');
      const consulted = callRow(page, 'Mart Kuusk');
      await expect(consulted).toContainText('Connected', { timeout: 10_000 }); // 1103 answers by itself
      await expect(caller).toContainText('On hold');
      await button(consulted, 'Complete transfer').click();
      await expect(calls(page).getByRole('listitem')).toHaveCount(0);
      await findColleague(page, 'Mart K');
      await expect(colleague(page, 'Mart Kuusk')).toContainText('On the phone');
    });

    test('presence note and do-not-disturb in the grid; a conference of three', async ({ page, consoleUrl, sim }) => {
      await openOn(page, consoleUrl, sim);
      await sim('setPresence', { device: '1102', status: 'closed', activity: 'dnd', note: 'Board meeting until 3' });
      await findColleague(page, 'Maria');
      const maria = colleague(page, 'Maria Lind');
      await expect(maria).toContainText('Do not disturb');
      await expect(maria).toContainText('Board meeting until 3');
      await sim('incomingCall', { from: '+3725123456' });
      const caller = callRow(page, 'Kalev Kask');
      await button(caller, 'Answer').click();
      await expect(caller).toContainText('Connected');
      await withTarget(caller, 'Consult', '1103');
      const consulted = callRow(page, 'Mart Kuusk');
      await expect(consulted).toContainText('Connected', { timeout: 10_000 });
      await button(consulted, 'Conference').click();
      const conference = calls(page).getByRole('listitem').filter({ hasText: 'Conference' });
      await expect(conference).toHaveCount(1);
      await expect(conference).toContainText('Kalev Kask');
    });

    test('who calls at a colleague is shown, the call picked up, then parked and unparked', async ({ page, consoleUrl, sim }) => {
      await sim('colleagueAutoAnswer', { on: false });
      await openOn(page, consoleUrl, sim);
      await sim('incomingCall', { from: '+46701234567', to: '1105' });
      await findColleague(page, '1105');
      const row = colleague(page, 'Jaan Saar');
      await expect(row).toContainText('Call from Anders Lindqvist');
      await button(row, 'Pick up').click();
      const picked = callRow(page, 'Anders Lindqvist');
      await expect(picked).toContainText('Connected');
      await button(picked, 'Park').click();
      await expect(picked).toContainText('Parked');
      await button(picked, 'Unpark').click();
      await expect(picked).toContainText('Connected');
    });
  });
}
