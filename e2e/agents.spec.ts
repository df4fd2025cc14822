/**
 * Agent state on the TelServer demo (the reception line is an agent of the
 * demo's hunt group): switched from the console with a button and with the
 * agent key, and at the PBX (a supervisor) — each time checked on both sides.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, connection } from './page-helpers';

test.use({ locale: 'en-US' });

const agent = (page: Page) => page.getByRole('group', { name: 'Agent' });

async function pbxAgentState(sim: (action: string, args?: object) => Promise<unknown>): Promise<unknown> {
  const view = await sim('calls');
  return typeof view === 'object' && view !== null ? Reflect.get(view, 'agentState') : undefined;
}

test('agent state switched from the console (button and key) and from the PBX side', async ({ page, consoleUrl, sim }) => {
  await page.goto(consoleUrl);
  await expect(connection(page)).toContainText('Online');
  await expect(agent(page)).toContainText('Agent: Ready');

  await button(agent(page), 'Not ready').click();
  await expect(agent(page)).toContainText('Agent: Not ready');
  await expect.poll(() => pbxAgentState(sim)).toBe('notReady');

  // The agent key (Alt+R) makes the agent ready again, from anywhere in the window.
  await page.keyboard.press('Alt+KeyR');
  await expect(agent(page)).toContainText('Agent: Ready');
  await expect.poll(() => pbxAgentState(sim)).toBe('ready');

  // A supervisor logs the agent out at the PBX: the console follows, and offers what the PBX permits now (no "Log out").
  await sim('agentState', { state: 'loggedOff' });
  await expect(agent(page)).toContainText('Agent: Logged out');
  await expect(button(agent(page), 'Log in')).toHaveAttribute('aria-keyshortcuts', 'Alt+KeyR');
  await expect(button(agent(page), 'Log out')).toHaveCount(0);
  await button(agent(page), 'Log in').click();
  await expect.poll(() => pbxAgentState(sim)).toBe('loggedOn');

  // The PBX's own statistics for the agent are shown beside the journal's.
  await expect(page.getByRole('table', { name: 'PBX statistics for this agent' })).toBeVisible();
});
