/**
 * The work surface at 1,000 live calls (PortaSIP load mode: 1,000 connected
 * calls on 250 extensions, 200 state changes a second): the page keeps only
 * what is in view, typing in the finder and answering a new caller work,
 * and the page answers while it all goes on. Not a timing test (the
 * benchmarks measure latency); generous bounds only.
 */
import { expect, test } from './harness';
import { button, calls, connection, finder } from './page-helpers';

test.use({ serveArgs: ['--demo', 'portasip'], locale: 'en-US' });
test.describe.configure({ timeout: 90_000 });

test('1,000 live calls: few DOM nodes, the finder types, a new caller is answered', async ({ page, consoleUrl, sim, consoleServer }) => {
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

  await finder(page).click();
  await page.keyboard.type('maria');
  await expect(finder(page)).toHaveValue('maria');
  // The finder answers (this demo's directory has no Maria: its answer is "No matches.") while the load goes on.
  await expect(page.getByRole('search').getByText('No matches.')).toBeVisible();

  await sim('incomingCall', { from: '+3726654321' });
  const caller = calls(page).getByRole('listitem').filter({ hasText: 'Tiina Põld' });
  await button(caller, 'Answer').click();
  await expect(caller).toContainText('Connected', { timeout: 15_000 });
  // Still responsive: a round trip through the page's event loop is quick even now.
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  expect(Date.now() - started).toBeLessThan(2_000);
  await sim('stopLoad');
});
