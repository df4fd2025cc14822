/**
 * The plumbing works end to end: `serve` starts, the built UI loads in
 * Chromium with the token, reaches the core over the WebSocket bridge and
 * shows the connection the core publishes.
 */
import { expect, test } from './harness';

test('the console loads and shows its PBX connection', async ({ page, consoleUrl, consoleServer }) => {
  await page.goto(consoleUrl);
  await expect(page).toHaveTitle('Attendant Console');

  // The label comes from the core itself, so the UI must have received state over the bridge to show it.
  const state = await consoleServer.readState();
  const labels = Object.values(state.connections).map((c) => c.label);
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) await expect(page.getByText(label, { exact: true }).first()).toBeVisible();
});

test('the UI cannot be loaded without the token', async ({ page, consoleUrl }) => {
  const response = await page.goto(consoleUrl.replace(/\?token=.*$/, ''));
  expect(response?.status()).toBe(403);
});
