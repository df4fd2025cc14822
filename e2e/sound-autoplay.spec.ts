/**
 * The ring sound in a Chromium without --autoplay-policy=no-user-gesture-required,
 * as a browser opened by hand: the first ring is refused (NotAllowedError),
 * the console says so and asks once for a click; after the click it rings,
 * and it never asks again in that page.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { expect, test } from './harness';
import { button } from './page-helpers';
import { allowButton, expectRinging, ring, ringingRow } from './sound-helpers';

// Playwright's trace recorder snapshots the page with a user gesture, which would allow playing: no trace in this file.
test.use({ trace: 'off' });

test('asks once for a click, then rings, and never asks again', async ({ consoleServer, consoleUrl, sim }) => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--autoplay-policy')),
  });
  try {
    const page = await browser.newPage({ locale: 'en-US' });
    // Nothing touches the page until the console tried to ring (evaluate() runs with a user gesture, which would
    // allow playing): the core's state says when the call rings.
    await page.goto(consoleUrl);
    const states = async (of: 'connections' | 'calls') => Object.values((await consoleServer.readState())[of]).map((item) => item.state);
    await expect.poll(() => states('connections')).toEqual(['online']);
    await sim('incomingCall', { from: '+3725551234' });
    await expect.poll(() => states('calls')).toEqual(['ringing']);
    await page.waitForTimeout(1_000);
    await expect(page.getByRole('status').filter({ hasText: 'The browser holds back the ring sound' })).toBeVisible();
    expect((await ring(page)).paused).toBe(true);

    await allowButton(page).click();
    await expect(allowButton(page)).toHaveCount(0);
    await expectRinging(page);

    await button(ringingRow(page), 'Answer').click();
    await expect.poll(async () => (await ring(page)).paused).toBe(true);
    await sim('incomingCall', { from: '+3725559876' });
    await expectRinging(page);
    await expect(allowButton(page)).toHaveCount(0);
  } finally {
    await browser.close();
  }
});
