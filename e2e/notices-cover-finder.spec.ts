/**
 * An error notice stays until dismissed; it must never sit over the finder's
 * field (what the receptionist types) nor over the calls and their buttons.
 * Two failed searches ("call mom", "call dad") give two notices at once.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { calls, connection, finder } from './page-helpers';

const notices = (page: Page) => page.getByRole('region', { name: 'Notices' });

/** The notices' overlap with the element matching `selector`, as "w×h px" each (none: []). */
function overlapWith(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const target = document.querySelector(sel)!.getBoundingClientRect();
    return [...document.querySelectorAll('.notices .notice')]
      .map((notice) => {
        const r = notice.getBoundingClientRect();
        const w = Math.min(target.right, r.right) - Math.max(target.left, r.left);
        const h = Math.min(target.bottom, r.bottom) - Math.max(target.top, r.top);
        return w > 0 && h > 0 ? `${Math.round(w)}×${Math.round(h)} px` : '';
      })
      .filter(Boolean);
  }, selector);
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1100, height: 760 },
  { width: 1024, height: 700 },
]) {
  test(`${size.width}×${size.height}: error notices cover neither the finder field nor the calls`, async ({ page, consoleUrl, sim }) => {
    await page.setViewportSize(size);
    await page.goto(consoleUrl);
    await expect(connection(page)).toContainText('Online');
    await sim('incomingCall', { from: '+33160127764' });
    await expect(calls(page).getByRole('listitem').filter({ hasText: 'Martin Jagger' })).toContainText('Ringing');
    for (const [count, query] of [
      [1, 'call mom'],
      [2, 'call dad'],
    ] as const) {
      await finder(page).fill(query);
      await expect(page.getByText('No matches.')).toBeVisible();
      await finder(page).press('Enter');
      await expect(notices(page).getByRole('alert')).toHaveCount(count);
      await expect(notices(page).getByRole('alert').first()).toBeInViewport({ ratio: 1 });
      expect(await overlapWith(page, '#finder'), 'the finder field under a notice').toEqual([]);
      expect(await overlapWith(page, '.calls'), 'the calls under a notice').toEqual([]);
    }
  });
}
