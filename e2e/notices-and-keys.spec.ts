/**
 * Notices and keys as a receptionist meets them: information clears itself,
 * errors stay until dismissed, never more than three at once (newest first);
 * a key changed in Settings works at once and the old one no longer does.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, calls, connection, finder } from './page-helpers';

test.use({ locale: 'en-US' });

const notices = (page: Page) => page.getByRole('region', { name: 'Notices' });

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
}

test('errors stay until dismissed, never more than three, newest first', async ({ page, consoleUrl }) => {
  await openOnline(page, consoleUrl);
  for (const query of ['call mom', 'call dad', 'call home', 'call work']) {
    await finder(page).fill(query);
    await expect(page.getByText('No matches.')).toBeVisible();
    await finder(page).press('Enter');
    await expect(notices(page).getByRole('alert').first()).toContainText(`"${query}"`);
  }
  const shown = notices(page).getByRole('alert');
  await expect(shown).toHaveCount(3);
  await expect(shown).toContainText(['"call work"', '"call home"', '"call dad"']);
  // Errors do not go by themselves.
  await page.waitForTimeout(7_000);
  await expect(shown).toHaveCount(3);
  await button(shown.first(), 'Dismiss').click();
  await expect(shown).toHaveCount(2);
});

test.describe('information on the Telia demo', () => {
  test.use({ serveArgs: ['--demo', 'telia'] });

  test('"Ringing your phone…" clears itself', async ({ page, consoleUrl }) => {
    await page.goto(consoleUrl);
    await expect(connection(page)).toContainText('Online');
    await finder(page).fill('Tiina');
    await page.getByRole('button', { name: 'Call Tiina Pold' }).click();
    const info = notices(page).getByRole('status').filter({ hasText: 'Ringing your phone…' });
    await expect(info).toBeVisible();
    await expect(info).toHaveCount(0, { timeout: 10_000 });
  });
});

test('a key changed in Settings works, and the old one no longer does', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await button(page, 'Settings').click();
  const keys = page.getByRole('region', { name: 'Keys' });
  await button(keys, 'Change the key for Answer the next ringing call').click();
  await page.keyboard.press('Alt+KeyG');
  await expect(keys.getByRole('row', { name: /Answer the next ringing call/ })).toContainText('Alt+G');
  await button(page, 'Close').click();

  await sim('incomingCall', { from: '+33160127764' });
  const caller = calls(page).getByRole('listitem').filter({ hasText: 'Martin Jagger' });
  await expect(caller).toContainText('Ringing');
  await expect(page.getByText(/press Alt\+G to answer/)).toBeVisible();
  await page.keyboard.press('F4');
  await page.waitForTimeout(500);
  await expect(caller).toContainText('Ringing');
  await page.keyboard.press('Alt+KeyG');
  await expect(caller).toContainText('Connected');
});
