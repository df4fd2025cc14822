/**
 * axe-core on the screens a receptionist looks at all day — a call ringing,
 * a consultation with the caller on hold (a connected call), the settings
 * view, a connection that went offline, the presence grid, the Centrex view,
 * the Telia journal: no serious or critical violation of any rule (WCAG 2.0
 * to 2.2 A/AA and axe's best practices), and colour contrast in both themes.
 * Each screen is built once and checked in the light theme and then the dark
 * one (the OS scheme switched under the page, the theme preference left at
 * "system").
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, calls, connection, finder, withTarget } from './page-helpers';

test.use({ locale: 'en-US' });
// axe runs the whole rule set once and contrast twice per screen: seconds each on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

const THEMES = ['light', 'dark'] as const;
const callRow = (page: Page, text: string) => calls(page).getByRole('listitem').filter({ hasText: text });

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
}

/** Every serious or critical violation of any rule, by rule and element. */
async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`));
  expect(serious, screen).toEqual([]);
}

/** Runs axe: all rules once, then colour contrast in each theme (every failure listed by element, colours and ratio). */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  await expectNoSeriousViolations(page, screen);
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const failures = results.violations
      .filter((violation) => violation.id === 'color-contrast')
      .flatMap((violation) => violation.nodes.map((node) => `${node.target.join(' ')}: ${node.any[0]?.message ?? node.failureSummary}`));
    expect(failures, `${screen}, ${theme} theme`).toEqual([]);
    // Something was measured: the rule ran on this screen's text.
    const checked = results.passes.find((rule) => rule.id === 'color-contrast')?.nodes.length ?? 0;
    expect(checked, `${screen}, ${theme} theme: text checked for contrast`).toBeGreaterThan(10);
  }
}

test('a call ringing, a missed call in the journal, directory results', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+3726654321' });
  await expect(callRow(page, 'Tiina Põld')).toContainText('Ringing');
  await sim('remoteHangup', { number: '+3726654321' });
  await expect(page.getByRole('list', { name: 'Journal' })).toContainText('Tiina Põld');
  await sim('incomingCall', { from: '+33160127764' });
  await expect(callRow(page, 'Martin Jagger')).toContainText('Ringing');
  await expect(page.getByText(/press F4 to answer/)).toBeVisible();
  await finder(page).fill('Mar');
  await expect(page.getByRole('list', { name: 'Directory results' })).toContainText('Maria Lind');
  await expectAccessible(page, 'ringing call');
});

test('a consultation: the caller on hold, the colleague connected; do not disturb and forward on', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+33160127764' });
  const caller = callRow(page, 'Martin Jagger');
  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected');
  await withTarget(caller, 'Consult', '1103');
  await expect(callRow(page, 'Mart Kuusk')).toContainText('Connected');
  await expect(caller).toContainText('On hold');
  await button(page, 'Do not disturb').click();
  await expect(button(page, 'Do not disturb')).toHaveAttribute('aria-pressed', 'true');
  await button(page, 'Forward').click();
  await page.getByRole('textbox', { name: 'Forward to' }).fill('1102');
  await button(page, 'Set forward').click();
  await expect(page.getByText('Forwarded to 1102')).toBeVisible();
  await expectAccessible(page, 'consultation');
});

test('the settings view, with a form showing a problem', async ({ page, consoleUrl }) => {
  await openOnline(page, consoleUrl);
  await button(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
  await button(page, 'Add connection').click();
  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('TelServer port').fill('70000');
  await button(form, 'Save connection').click();
  await expect(form.getByText('A port from 1 to 65535.')).toBeVisible();
  await expectAccessible(page, 'settings');
});

test('a connection offline, counting down to its retry, and a refused number', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('outage', { on: true });
  await expect(connection(page)).toContainText('Offline', { timeout: 15_000 });
  await expect(button(connection(page), 'Reconnect now')).toBeVisible();
  await finder(page).fill('call mom');
  await expect(page.getByText('No matches.')).toBeVisible();
  await finder(page).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'No one in the directory matches' })).toBeVisible();
  await expectAccessible(page, 'offline');
});

test.describe('the presence grid (innovaphone)', () => {
  test.use({ serveArgs: ['--demo', 'innovaphone'] });

  test('colleagues free, away and with a call ringing', async ({ page, consoleUrl, sim }) => {
    await sim('colleagueAutoAnswer', { on: false });
    await openOnline(page, consoleUrl);
    await expect(page.getByText(/\d+ colleagues/)).toBeVisible();
    await sim('incomingCall', { from: '+46701234567', to: '1105' });
    await page.getByRole('searchbox', { name: 'Search colleagues' }).fill('Saar');
    const grid = page.getByRole('list', { name: 'Colleagues' });
    await expect(grid.getByRole('listitem', { name: 'Jaan Saar', exact: true })).toContainText('Ringing');
    await expect(grid).toContainText('away');
    await expectAccessible(page, 'presence grid');
  });
});

test.describe('the Centrex view (PortaSIP)', () => {
  test.use({ serveArgs: ['--demo', 'portasip'] });

  test('a call ringing at a colleague', async ({ page, consoleUrl, sim }) => {
    await openOnline(page, consoleUrl);
    await sim('incomingCall', { from: '+3726654321', to: '1102' });
    await expect(page.getByRole('list', { name: 'Calls of Maria Lind' })).toContainText('Ringing');
    await expectAccessible(page, 'Centrex view');
  });
});

test.describe('the Telia journal (notify-only lines)', () => {
  test.use({ serveArgs: ['--demo', 'telia'] });

  test('a call ringing on the desk phone, then missed in the journal with Call back', async ({ page, consoleUrl, sim }) => {
    await openOnline(page, consoleUrl);
    await sim('incomingCall', { from: '+3725123456' });
    await expect(callRow(page, 'Kalev Kask')).toContainText('Ringing');
    await expectAccessible(page, 'Telia call ringing');
    await sim('remoteHangup', { number: '+3725123456' });
    const journal = page.getByRole('list', { name: 'Journal' });
    await expect(journal.getByRole('listitem').filter({ hasText: 'Kalev Kask' }).first()).toContainText('Missed');
    await expectAccessible(page, 'Telia journal');
  });
});
