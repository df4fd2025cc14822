/**
 * A receptionist on the Telia demo (notify-only lines): the built UI in
 * Chromium, the real core and Telia connector over HTTPS to the demo's
 * Telia front end, notifications arriving as HTTP GETs at the console.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { calls, connection, finder } from './page-helpers';

test.use({ serveArgs: ['--demo', 'telia'] });

const history = (page: Page) => page.getByRole('list', { name: 'Journal' });

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
  await expect(connection(page)).toContainText('Notification URL');
}

test('an incoming call shows without controls, then as missed with Call back', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+3725123456' });
  const row = calls(page).getByRole('listitem').filter({ hasText: 'Kalev Kask' });
  await expect(row).toContainText('Ringing');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(row).toContainText('Answer this call on your phone');
  // It rings in the banner like every other line, saying where it is answered.
  await expect(page.getByText(/^Incoming call from Kalev Kask on .* — answer it on your desk phone$/)).toBeVisible();
  await sim('remoteHangup', { number: '+3725123456' });
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
  const missed = history(page).getByRole('listitem').filter({ hasText: 'Kalev Kask' }).first();
  await expect(missed).toContainText('Missed');
  await missed.getByRole('button', { name: 'Call back Kalev Kask' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ringing your phone…' })).toBeVisible();
});

test('click-to-call from the directory says the phone rings first', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await finder(page).fill('Tiina');
  await page.getByRole('button', { name: 'Call Tiina Pold' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ringing your phone…' })).toBeVisible();
  const view = (await sim('calls', { device: '1100' })) as { groups: { primary: { other: { number: string } } }[] };
  expect(view.groups[0].primary.other.number).toBe('+3726654321');
});

test('a bad character is caught in the form; a new phonebook entry names the next caller', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  const form = page.getByRole('form', { name: 'Add phonebook entry' });
  await form.getByLabel('Name').fill('Łukasz Nowak');
  await form.getByLabel('Number').fill('+4915112345678');
  await form.getByRole('button', { name: 'Add to phonebook' }).click();
  await expect(form.getByRole('alert')).toContainText('not: Ł');
  await form.getByLabel('Name').fill('Lukasz Nowak');
  await form.getByRole('button', { name: 'Add to phonebook' }).click();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(form.getByLabel('Name')).toHaveValue('');

  await sim('incomingCall', { from: '+4915112345678' });
  await expect(calls(page).getByRole('listitem').filter({ hasText: 'Lukasz Nowak' })).toContainText('Ringing');

  await finder(page).fill('Lukasz');
  const entries = page.getByRole('list', { name: 'Phonebook entries' });
  await entries.getByRole('button', { name: 'Delete Lukasz Nowak' }).click();
  await expect(entries).toHaveCount(0);
});

test('the name people see when the receptionist calls can be set', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await page.getByRole('button', { name: 'Set caller name' }).click();
  const name = page.getByRole('textbox', { name: 'Name shown to people you call' });
  await name.fill('Reception');
  await page.getByRole('button', { name: 'Save caller name' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'first and a last name' })).toBeVisible();
  await name.fill('Vastuvõtt Nordvalgus');
  await page.getByRole('button', { name: 'Save caller name' }).click();
  await expect(name).toHaveCount(0);
  expect(await sim('callerNames', {})).toEqual({ '3726403231': 'Vastuvõtt Nordvalgus' });
});
