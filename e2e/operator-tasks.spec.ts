/**
 * A receptionist's everyday tasks done with the keyboard alone on the demo
 * (TelServer front end, manual mode), counting the keys pressed — typing a
 * name or number not counted — and asserting each takes at most 3, and that
 * the PBX did exactly that: the call the test meant, nothing else. The keys
 * are the defaults (app/keymap.ts): F4 answers the next ringing call, F2 the
 * finder (Enter there transfers the talking call, Shift+Enter consults),
 * F8 hold/retrieve, F9 hang up, Alt+J complete the transfer, Alt+B back to
 * the caller, Alt+K conference, Alt+M the journal's missed call.
 */
import type { Page } from '@playwright/test';
import { expect, test, type Sim } from './harness';
import { buttonNames, calls, connection, finder } from './page-helpers';

test.use({ locale: 'en-US' });

const RECEPTION = '1100';

/** What the PBX itself says a device's calls are: each group's primary (and consultation) state and the other party. */
async function pbxCalls(sim: Sim, device = RECEPTION): Promise<string[]> {
  const view = (await sim('calls', { device })) as {
    groups: { primary: { state: string; other: { number: string } }; consultation?: { state: string; other: { number: string } } }[];
  };
  return view.groups.map(
    (group) =>
      `${group.primary.state} ${group.primary.other.number}` +
      (group.consultation ? ` + ${group.consultation.state} ${group.consultation.other.number}` : ''),
  );
}

/** Presses keys and counts them; typing goes through `type`, which does not count. */
function keyboard(page: Page) {
  let count = 0;
  return {
    async press(key: string) {
      count++;
      await page.keyboard.press(key);
    },
    async type(text: string) {
      await page.keyboard.type(text);
    },
    get count() {
      return count;
    },
  };
}

const row = (page: Page, text: string) => calls(page).getByRole('listitem').filter({ hasText: text });

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
}

/** A caller ringing, then answered with F4: the starting point of most tasks. */
async function talkingTo(page: Page, sim: Sim, from: string, name: string) {
  await sim('incomingCall', { from });
  await expect(row(page, name)).toContainText('Ringing');
  await page.keyboard.press('F4');
  await expect(row(page, name)).toContainText('Connected');
}

test('answer the next ringing call: 1 key, the longest-waiting caller', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+33160127764' });
  await expect(row(page, 'Martin Jagger')).toContainText('Ringing');
  await sim('incomingCall', { from: '+3725123456' });
  await expect(row(page, 'Kalev Kask')).toContainText('Ringing');
  const keys = keyboard(page);
  await keys.press('F4');
  await expect(row(page, 'Martin Jagger')).toContainText('Connected');
  expect(keys.count).toBeLessThanOrEqual(3);
  await expect.poll(() => pbxCalls(sim)).toEqual(expect.arrayContaining(['connected +33160127764', 'alerting +3725123456']));
  // The focus is on the call just answered, not on the page.
  await expect(row(page, 'Martin Jagger')).toBeFocused();
});

test('blind-transfer the talking call to a colleague found by name: 2 keys', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await talkingTo(page, sim, '+46701234567', 'Anders Lindqvist');
  const keys = keyboard(page);
  await keys.press('F2');
  await keys.type('maria lind');
  await expect(page.getByText('Enter: Transfer to Maria Lind')).toBeVisible();
  await keys.press('Enter');
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
  expect(keys.count).toBeLessThanOrEqual(3);
  await expect.poll(() => pbxCalls(sim)).toEqual([]);
  expect((await pbxCalls(sim, '1102')).join()).toContain('+46701234567');
  await expect(finder(page)).toBeFocused();
});

test('consult a colleague, then complete the transfer: 3 keys', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await talkingTo(page, sim, '+33160127764', 'Martin Jagger');
  const keys = keyboard(page);
  await keys.press('F2');
  await keys.type('mart kuusk');
  await expect(page.getByText('Shift+Enter: Consult Mart Kuusk')).toBeVisible();
  await keys.press('Shift+Enter');
  await expect(row(page, 'Mart Kuusk')).toContainText('Connected'); // 1103 answers by itself
  await expect(row(page, 'Martin Jagger')).toContainText('On hold');
  await keys.press('Alt+KeyJ');
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
  expect(keys.count).toBeLessThanOrEqual(3);
  await expect.poll(() => pbxCalls(sim)).toEqual([]);
  expect((await pbxCalls(sim, '1103')).join()).toContain('connected +33160127764');
});

test('consult a colleague, then go back to the caller: 3 keys', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await talkingTo(page, sim, '+33160127764', 'Martin Jagger');
  const keys = keyboard(page);
  await keys.press('F2');
  await keys.type('1103');
  await expect(page.getByText('Shift+Enter: Consult Mart Kuusk')).toBeVisible();
  await keys.press('Shift+Enter');
  await expect(row(page, 'Mart Kuusk')).toContainText('Connected');
  await keys.press('Alt+KeyB');
  await expect(row(page, 'Martin Jagger')).toContainText('Connected');
  await expect(row(page, 'Mart Kuusk')).toHaveCount(0);
  expect(keys.count).toBeLessThanOrEqual(3);
  await expect.poll(() => pbxCalls(sim)).toEqual(['connected +33160127764']);
});

test('hold and retrieve: 2 keys', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await talkingTo(page, sim, '+3725123456', 'Kalev Kask');
  const keys = keyboard(page);
  await keys.press('F8');
  await expect(row(page, 'Kalev Kask')).toContainText('On hold');
  await expect.poll(() => pbxCalls(sim)).toEqual(['hold +3725123456']);
  await keys.press('F8');
  await expect(row(page, 'Kalev Kask')).toContainText('Connected');
  expect(keys.count).toBeLessThanOrEqual(3);
  await expect.poll(() => pbxCalls(sim)).toEqual(['connected +3725123456']);
});

test('conference a third party: 3 keys', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await talkingTo(page, sim, '+3725123456', 'Kalev Kask');
  const keys = keyboard(page);
  await keys.press('F2');
  await keys.type('mart kuusk');
  await expect(page.getByText('Shift+Enter: Consult Mart Kuusk')).toBeVisible();
  await keys.press('Shift+Enter');
  await expect(row(page, 'Mart Kuusk')).toContainText('Connected');
  await keys.press('Alt+KeyK');
  const conference = calls(page).getByRole('listitem').filter({ hasText: 'Conference with' });
  await expect(conference).toHaveCount(1);
  expect(keys.count).toBeLessThanOrEqual(3);
  await expect.poll(async () => (await pbxCalls(sim)).length).toBe(1);
  expect((await pbxCalls(sim, '1103')).join()).toContain('connected');
});

test('call back a missed call: 2 keys', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+3726654321' });
  await expect(row(page, 'Tiina Põld')).toContainText('Ringing');
  await sim('remoteHangup', { number: '+3726654321' });
  await expect(page.getByRole('list', { name: 'Journal' }).getByRole('listitem').first()).toContainText('Missed');
  const keys = keyboard(page);
  await keys.press('Alt+KeyM');
  await expect(page.getByRole('button', { name: 'Call back Tiina Põld' })).toBeFocused();
  await keys.press('Enter');
  await expect(row(page, 'Tiina Põld')).toHaveAttribute('aria-label', /^Outgoing call to Tiina Põld/);
  expect(keys.count).toBeLessThanOrEqual(3);
  await expect.poll(() => pbxCalls(sim)).toEqual([expect.stringMatching(/^\w+ \+3726654321$/)]);
});

test('hang up: 1 key, and the focus goes to the next ringing caller', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await talkingTo(page, sim, '+3725123456', 'Kalev Kask');
  await sim('incomingCall', { from: '+33160127764' });
  await expect(row(page, 'Martin Jagger')).toContainText('Ringing');
  const keys = keyboard(page);
  await keys.press('F9');
  await expect(row(page, 'Kalev Kask')).toHaveCount(0);
  expect(keys.count).toBeLessThanOrEqual(3);
  await expect.poll(() => pbxCalls(sim)).toEqual(['alerting +33160127764']);
  await expect(row(page, 'Martin Jagger')).toBeFocused();
});

test('with a call ringing, Enter and Space on every button of another call press that button and answer nothing', async ({
  page,
  consoleUrl,
  sim,
}) => {
  await openOnline(page, consoleUrl);
  await talkingTo(page, sim, '+3725123456', 'Kalev Kask');
  await sim('incomingCall', { from: '+33160127764' });
  const ringing = row(page, 'Martin Jagger');
  await expect(ringing).toContainText('Ringing');
  const talking = row(page, 'Kalev Kask');
  const stillRinging = async () => {
    await expect(ringing).toContainText('Ringing');
    expect((await pbxCalls(sim)).join()).toContain('alerting +33160127764');
  };

  await talking.getByRole('button', { name: 'Hold', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(talking).toContainText('On hold');
  await stillRinging();

  await talking.getByRole('button', { name: 'Retrieve', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(talking).toContainText('Connected');
  await stillRinging();

  // Every other button the talking call has now (TelServer offers no consultation while a call waits).
  await expect.poll(() => buttonNames(talking)).toEqual(['Hang up', 'Hold', 'Transfer', 'Add party']);
  for (const [action, key] of [
    ['Transfer', 'Enter'],
    ['Add party', 'Space'],
  ] as const) {
    await talking.getByRole('button', { name: action, exact: true }).focus();
    await page.keyboard.press(key);
    // The finder now asks where the call goes: that button's job, nothing else.
    await expect(page.getByRole('search').getByText(`${action} Kalev Kask to…`)).toBeVisible();
    await expect(finder(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await stillRinging();
  }

  await ringing.getByRole('button', { name: 'Divert', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('search').getByText('Divert Martin Jagger to…')).toBeVisible();
  await page.keyboard.press('Escape');
  await stillRinging();

  // Hang up: Enter on it hangs up that call, never the ringing one.
  await talking.getByRole('button', { name: 'Hang up', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(talking).toHaveCount(0);
  await stillRinging();

  // Enter in the finder with text does the finder's action — with no call being talked on, dial — and answers nothing.
  await finder(page).fill('1105');
  await expect(page.getByText('Enter: Call Jaan Saar')).toBeVisible();
  await finder(page).press('Enter');
  await expect(row(page, 'Jaan Saar')).toHaveAttribute('aria-label', /^Outgoing call to Jaan Saar/);
  await stillRinging();
});
