/** The ring sound as the e2e specs see it (e2e/sound.spec.ts, e2e/sound-autoplay.spec.ts). */
import { expect, type Page } from '@playwright/test';

/** A call ringing here, by its row's accessible name ("Incoming call from …, Ringing"). */
export const ringingRow = (page: Page) => page.getByRole('listitem', { name: /, Ringing$/ });
/** The one-time prompt's button when the browser refused to play. */
export const allowButton = (page: Page) => page.getByRole('button', { name: 'Allow the ring sound' });

/** What the ring's audio element is doing. */
export const ring = (page: Page) =>
  page.locator('audio.ring-sound').evaluate((audio: HTMLAudioElement) => ({
    paused: audio.paused,
    currentTime: audio.currentTime,
    volume: audio.volume,
    src: audio.currentSrc || audio.src,
  }));

/** The ring is heard: the element plays the ring asset and time moves on in it (headless Chromium needs no sound card). */
export async function expectRinging(page: Page): Promise<void> {
  await expect.poll(async () => (await ring(page)).paused).toBe(false);
  const before = (await ring(page)).currentTime;
  // Time moves on in it — or, the ring being a loop, it started over: either way it is not where it was.
  await expect.poll(async () => (await ring(page)).currentTime).not.toBe(before);
  expect((await ring(page)).src).toMatch(/\/assets\/ring[^/]*\.wav$/);
}

/** Silent all along for `ms`: paused, at the start of the ring. */
export async function expectSilentFor(page: Page, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    expect(await ring(page)).toMatchObject({ paused: true, currentTime: 0 });
    await page.waitForTimeout(100);
  }
}
