/**
 * The CRM hook in browser mode: the receptionist sets the CRM lookup
 * address in Settings (a hostile one is refused), a ringing call's row then
 * offers "Look up in CRM", and a click opens exactly the configured page
 * with the URL-encoded number in a new tab that has no handle on the console
 * (noopener) and is told nothing about where it came from (noreferrer).
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button } from './page-helpers';

const settingsDir = mkdtempSync(path.join(tmpdir(), 'attendant-e2e-crm-'));
test.use({ serveArgs: ['--settings-dir', settingsDir] });
test.afterAll(async () => {
  await rm(settingsDir, { recursive: true, force: true });
});

async function saveCrmAddress(page: Page, address: string) {
  const form = page.getByRole('form', { name: 'Preferences' });
  await form.getByLabel('CRM lookup address').fill(address);
  await button(form, 'Save preferences').click();
  return form;
}

test('set the CRM address, then look a ringing caller up in the CRM', async ({ page, context, consoleUrl, sim }) => {
  const opened: string[] = [];
  await context.route('https://crm.example.com/**', (route) => {
    opened.push(route.request().url());
    return route.fulfill({ contentType: 'text/html', body: '<title>CRM</title><p>Kalev Kask</p>' });
  });
  await page.goto(consoleUrl);
  await expect(page.getByRole('list', { name: 'PBX connections' }).getByRole('listitem', { name: 'Demo PBX (TelServer)' })).toContainText(
    'Online',
  );
  await sim('incomingCall', { from: '+3725123456' });
  const row = page.getByRole('region', { name: 'Calls' }).getByRole('listitem').first();
  await expect(row).toHaveAttribute('aria-label', /Ringing/);
  await expect(button(row, 'Look up in CRM')).toHaveCount(0);

  await button(page, 'Settings').click();
  const refused = await saveCrmAddress(page, 'javascript:alert(document.cookie)//{number}');
  await expect(refused.getByRole('alert')).toContainText('must start with http:// or https://');
  const saved = await saveCrmAddress(page, 'https://crm.example.com/search?phone={number}');
  await expect(saved.getByRole('status')).toHaveText('Preferences saved.');
  await button(page, 'Close').click();

  const popup = context.waitForEvent('page');
  await button(row, 'Look up in CRM').click();
  const crm = await popup;
  await crm.waitForLoadState();
  expect(crm.url()).toBe('https://crm.example.com/search?phone=%2B3725123456');
  expect(opened).toEqual(['https://crm.example.com/search?phone=%2B3725123456']);
  expect(await crm.evaluate(() => window.opener)).toBeNull();
  expect(await crm.evaluate(() => document.referrer)).toBe('');
});
