/**
 * The ring sound in browser mode: the built UI in Chromium against the demo
 * PBX. The <audio> element loops the ring (its currentTime advances: headless
 * Chromium plays media without a sound card) while a call rings here, and
 * pauses on answer or hang-up; Settings mute it and set its volume; under
 * do-not-disturb it stays silent. The suite's Chromium runs with
 * --autoplay-policy=no-user-gesture-required (playwright.config.ts);
 * e2e/sound-autoplay.spec.ts runs one without it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, connection } from './page-helpers';
import { allowButton, expectRinging, expectSilentFor, ring, ringingRow } from './sound-helpers';

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
}

test('rings while a call rings here, and stops as soon as it is answered', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await expectSilentFor(page, 300);
  await sim('incomingCall', { from: '+3725551234' });
  const caller = ringingRow(page);
  await expect(caller).toBeVisible();
  await expectRinging(page);
  await expect(allowButton(page)).toHaveCount(0);

  await button(caller, 'Answer').click();
  await expect(caller).toHaveCount(0);
  await expect.poll(async () => (await ring(page)).paused).toBe(true);
  expect((await ring(page)).currentTime).toBe(0);
});

test('stops when the caller hangs up before it is answered', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await sim('incomingCall', { from: '+3725551234' });
  await expectRinging(page);
  await sim('remoteHangup', { number: '+3725551234' });
  await expect(ringingRow(page)).toHaveCount(0);
  await expect.poll(async () => (await ring(page)).paused).toBe(true);
});

test('Settings set the volume and mute it', async ({ page, consoleUrl, sim }) => {
  await openOnline(page, consoleUrl);
  await button(page, 'Settings').click();
  const form = page.getByRole('form', { name: 'Preferences' });
  const sound = form.getByRole('group', { name: 'Ring sound' });
  await sound.getByRole('slider', { name: 'Ring volume' }).fill('30');
  await button(form, 'Save preferences').click();
  await expect(form.getByRole('status')).toHaveText('Preferences saved.');
  await button(page, 'Close').click();

  await sim('incomingCall', { from: '+3725551234' });
  await expectRinging(page);
  expect((await ring(page)).volume).toBeCloseTo(0.3);

  await button(page, 'Settings').click();
  await sound.getByRole('checkbox', { name: 'Mute the ring sound' }).check();
  await button(form, 'Save preferences').click();
  await expect(form.getByRole('status')).toHaveText('Preferences saved.');
  await expect.poll(async () => (await ring(page)).paused).toBe(true);
});

test.describe('under do-not-disturb', () => {
  const settingsDir = mkdtempSync(path.join(tmpdir(), 'attendant-e2e-sound-'));
  // An older-style partial file: the console fills in the other preferences' defaults.
  writeFileSync(path.join(settingsDir, 'preferences.json'), JSON.stringify({ alerts: { enabled: true, doNotDisturb: true } }));
  test.use({ serveArgs: ['--settings-dir', settingsDir] });
  test.afterAll(() => rm(settingsDir, { recursive: true, force: true }));

  test('a ringing call stays silent', async ({ page, consoleUrl, sim }) => {
    await openOnline(page, consoleUrl);
    await sim('incomingCall', { from: '+3725551234' });
    await expect(ringingRow(page)).toBeVisible();
    await expectSilentFor(page, 1_500);
  });
});
