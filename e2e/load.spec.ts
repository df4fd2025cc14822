/**
 * The work surface at 1,000 live calls (PortaSIP load mode: 1,000 connected
 * calls on 250 extensions, 200 state changes a second): the page keeps only
 * what is in view and keeps showing the changes, typing in the finder and
 * its own keys work, the first caller in the list is answered with its
 * Answer button, and the page keeps drawing frames while it all goes on.
 * Not a timing test (scripts/bench-renderer.ts and bench-latency.ts measure
 * against the targets); generous bounds only.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, calls, connection, finder, waitingCalls } from './page-helpers';

test.use({ serveArgs: ['--demo', 'portasip'], locale: 'en-US' });
test.describe.configure({ timeout: 120_000 });

/** The state classes of the Centrex rows in the page now, by call id. */
function shownStates(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.centrex [data-call-id]')].map((row) => [row.getAttribute('data-call-id'), row.className]),
    ),
  );
}

/** requestAnimationFrame intervals over `ms`: a page that is busy for long draws few frames with long gaps. */
function frameIntervals(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (span) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const end = last + span;
        const tick = (now: number) => {
          out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

test('1,000 live calls: few DOM nodes, changes shown, the finder types, the first caller is answered', async ({
  page,
  consoleUrl,
  sim,
  consoleServer,
}) => {
  await page.goto(consoleUrl);
  await expect(connection(page)).toContainText('Online');
  await sim('startLoad', { calls: 1000, updatesPerSecond: 200, extensions: 250 });
  await expect
    .poll(async () => Object.keys((await consoleServer.readState()).calls).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1000);
  // Give the page the flood of patches, then count what it keeps.
  await page.waitForTimeout(2_000);
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  test.info().annotations.push({ type: 'figure', description: `DOM nodes at 1,000 live calls: ${nodes}` });
  expect(nodes).toBeLessThan(3_000);

  // The calls in view keep changing on screen (hold ↔ connected) while the load runs.
  const before = await shownStates(page);
  expect(Object.keys(before).length).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      const now = await shownStates(page);
      return Object.keys(now).filter((id) => before[id] !== undefined && now[id] !== before[id]).length;
    })
    .toBeGreaterThan(0);

  // Every key reaches the finder while the load goes on, and the finder answers each word.
  await finder(page).click();
  for (const [i, key] of [...'maria'].entries()) {
    await page.keyboard.press(key);
    await expect(finder(page)).toHaveValue('maria'.slice(0, i + 1));
  }
  // This demo's directory has no Maria: its answer is "No matches."
  await expect(page.getByRole('search').getByText('No matches.')).toBeVisible();
  // The finder's own key: Escape clears the field.
  await page.keyboard.press('Escape');
  await expect(finder(page)).toHaveValue('');
  await expect(finder(page)).toBeFocused();
  // A number: the finder offers to dial it as typed.
  await page.keyboard.type('5551234');
  await expect(finder(page)).toHaveValue('5551234');
  await expect(page.getByRole('list', { name: 'Directory results' })).toContainText('5551234');
  await page.keyboard.press('Escape');
  await expect(finder(page)).toHaveValue('');

  // A new caller rings reception: the first row of the waiting list, answered with its own Answer button.
  await sim('incomingCall', { from: '+3726654321' });
  const first = waitingCalls(page).locator('[data-call-id]').first();
  await expect(first).toContainText('Tiina Põld');
  await button(first, 'Answer').click();
  const caller = calls(page).getByRole('listitem').filter({ hasText: 'Tiina Põld' });
  await expect(caller).toContainText('Connected', { timeout: 15_000 });

  // Still responsive: the page keeps drawing frames under the load, none stalled for long.
  const intervals = await frameIntervals(page, 2_000);
  test.info().annotations.push({
    type: 'figure',
    description: `frames in 2 s at 1,000 live calls: ${intervals.length}, longest gap ${Math.max(...intervals).toFixed(0)} ms`,
  });
  expect(intervals.length).toBeGreaterThan(20);
  expect(Math.max(...intervals)).toBeLessThan(1_000);
  await sim('stopLoad');
});
