/**
 * The journal's "Today at a glance" table fits the side panel: at 1280×800
 * its "Longest wait" column ran past the panel's padding and was cut.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { connection } from './page-helpers';

/** How far the table's right edge lies past the panel's content box (≤ 0: it fits). */
function spill(page: Page): Promise<number> {
  return page.getByRole('table', { name: 'Today at a glance' }).evaluate((table) => {
    const panel = table.closest('.panel') as HTMLElement;
    const style = getComputedStyle(panel);
    const inner = panel.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    return table.getBoundingClientRect().right - inner;
  });
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1100, height: 760 },
  { width: 1024, height: 700 },
]) {
  test(`${size.width}×${size.height}: the Today at a glance table fits its panel`, async ({ page, consoleUrl }) => {
    await page.setViewportSize(size);
    await page.goto(consoleUrl);
    await expect(connection(page)).toContainText('Online');
    await expect(page.getByRole('table', { name: 'Today at a glance' })).toBeVisible();
    expect(await spill(page)).toBeLessThanOrEqual(0.5);
  });
}
