/**
 * Click-to-dial in browser mode asks first (RFC 3966 §11: no call from a tel: URI without the user's consent).
 * A link reaches the page in its address (`?link=tel:…`, what a registered handler opens) or through
 * `serve --open-link`; the core checks and resolves it (the same LinkDialer as the desktop app), the page shows
 * the number formatted with the directory's name and the line, Enter dials through the ordinary dial command,
 * Escape dials nothing. A refused link says why in a notice. Checked at the demo PBX's own call list.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type Sim } from './harness';
import { calls, connection } from './page-helpers';

const confirmation = (page: Page) => page.getByRole('alertdialog', { name: 'Click to dial' });
const notices = (page: Page) => page.getByRole('region', { name: 'Notices' });
const row = (page: Page, name: string) => calls(page).getByRole('listitem').filter({ hasText: name });
const withLink = (url: string, link: string) => `${url}&link=${encodeURIComponent(link)}`;

/** The numbers of the calls the demo PBX has at reception (1100), as it sees them. */
async function pbxCalls(sim: Sim): Promise<string> {
  return JSON.stringify(await sim('calls'));
}

test('a link while a call is connected asks first: Escape dials nothing, Enter dials', async ({ page, consoleUrl, consoleServer, sim }) => {
  await page.goto(consoleUrl);
  await expect(connection(page)).toContainText('Online');
  await sim('incomingCall', { from: '+3725123456' });
  await expect(row(page, 'Kalev Kask')).toContainText('Ringing');
  await page.keyboard.press('F4');
  await expect(row(page, 'Kalev Kask')).toContainText('Connected');

  // A registered handler opens the console's address with the link; the page takes it out of its address at once.
  await page.goto(withLink(consoleUrl, 'tel:1103'));
  const dialog = confirmation(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Dial Mart Kuusk, 1103, on Reception?');
  await expect(dialog.getByRole('button', { name: 'Dial' })).toBeFocused();
  await expect(page).not.toHaveURL(/link=/);
  await expect(row(page, 'Kalev Kask')).toContainText('Connected');

  // A call that rings meanwhile stays in view, and no console key reaches through the question.
  await sim('incomingCall', { from: '+3726654321' });
  await expect(page.locator('.ringing-banner')).toContainText('Tiina Põld');
  await expect(dialog).toContainText('A call is ringing');
  await page.keyboard.press('F4');
  await page.keyboard.press('F9');
  await expect(row(page, 'Tiina Põld')).toContainText('Ringing');
  await expect(row(page, 'Kalev Kask')).toContainText('Connected');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(notices(page)).toContainText('1103 was not dialled.');
  await sim('remoteHangup', { number: '+3726654321' });
  await expect(row(page, 'Tiina Põld')).toHaveCount(0);
  expect(await pbxCalls(sim)).not.toContain('1103');
  expect(Object.values((await consoleServer.readState()).calls).filter((c) => c.direction === 'outgoing')).toEqual([]);

  await page.goto(withLink(consoleUrl, 'tel:1103'));
  await expect(confirmation(page)).toContainText('Mart Kuusk');
  await page.keyboard.press('Enter');
  await expect(confirmation(page)).toBeHidden();
  await expect(row(page, 'Mart Kuusk')).toHaveCount(1);
  await expect.poll(() => pbxCalls(sim)).toContain('1103');
  const outgoing = Object.values((await consoleServer.readState()).calls).filter((c) => c.direction === 'outgoing');
  expect(outgoing.map((c) => c.remote.number)).toEqual(['1103']);
  expect(consoleServer.stderr()).toContain('link: Asking the console page to confirm dialling 1103 on Reception.');
});

test('a refused link says why in a notice and dials nothing', async ({ page, consoleUrl, consoleServer, sim }) => {
  await page.goto(withLink(consoleUrl, 'tel:*2767*3855%23'));
  await expect(notices(page).getByRole('alert')).toContainText('Links cannot dial service codes with * or #');
  await expect(confirmation(page)).toHaveCount(0);
  // An error notice stays until dismissed.
  await page.waitForTimeout(500);
  await expect(notices(page).getByRole('alert')).toBeVisible();
  expect(Object.values((await consoleServer.readState()).calls)).toEqual([]);
  expect(((await sim('calls')) as { groups: unknown[] }).groups).toEqual([]);
});

test.describe('a link given to serve at start (--open-link)', () => {
  test.use({ serveArgs: ['--open-link', 'tel:+372%20512-3456;ext=7'] });

  test('waits for the line, is offered to the page that connects, and is dialled on Enter', async ({
    page,
    consoleUrl,
    consoleServer,
    sim,
  }) => {
    await page.goto(consoleUrl);
    const dialog = confirmation(page);
    await expect(dialog).toContainText('Dial Kalev Kask, 512 3456, on Reception?');
    await expect(dialog).toContainText('Key in extension 7 once answered.');
    expect(await pbxCalls(sim)).not.toContain('3725123456');
    await page.keyboard.press('Enter');
    await expect(row(page, 'Kalev Kask')).toHaveAttribute('aria-label', /^Outgoing call to Kalev Kask/);
    await expect.poll(() => pbxCalls(sim)).toContain('3725123456');
    await expect(notices(page)).toContainText('Key in extension 7 once answered.');
    // Offered once: a reload does not ask again.
    await page.reload();
    await expect(connection(page)).toContainText('Online');
    await expect(confirmation(page)).toHaveCount(0);
    expect(consoleServer.stderr()).toContain('link: Asking the console page to confirm dialling +3725123456 on Reception.');
  });
});

test.describe('a hostile link given to serve at start', () => {
  test.use({ serveArgs: ['--open-link', 'tel:+3725123456%0a$(reboot)'] });

  test('is refused with the reason in a notice and dials nothing', async ({ page, consoleUrl, consoleServer }) => {
    await page.goto(consoleUrl);
    await expect(notices(page).getByRole('alert')).toContainText('The number in the link is not properly encoded.');
    expect(consoleServer.stderr()).toMatch(/link: The number in the link is not properly encoded\./);
    expect(Object.values((await consoleServer.readState()).calls)).toEqual([]);
  });
});

test('the confirmation passes axe, its contrast in both themes included', async ({ page, consoleUrl }) => {
  await page.goto(withLink(consoleUrl, 'tel:1103'));
  await expect(confirmation(page)).toContainText('Mart Kuusk');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const results = await new AxeBuilder({ page })
      .include('.link-confirm')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`));
    expect(serious, `${theme} theme`).toEqual([]);
    expect(results.passes.find((rule) => rule.id === 'color-contrast')?.nodes.length ?? 0).toBeGreaterThan(3);
  }
});
