/**
 * Click-to-dial in browser mode: `serve --open-link` hands the link to the
 * same LinkDialer the desktop shell feeds from a browser's tel:/callto:
 * click (first launch, second instance, open-url). The link arrives before
 * the line is online (cold start), waits, and is dialled once — through the
 * core's dial command, the TelServer client and the demo PBX.
 */
import { expect, test } from './harness';
import { calls } from './page-helpers';

test.describe('a tel: link given at start', () => {
  test.use({ serveArgs: ['--open-link', 'tel:+372%20512-3456;ext=7'] });

  test('is dialled on the reception line once it is online', async ({ page, consoleUrl, consoleServer, sim }) => {
    await page.goto(consoleUrl);
    const row = calls(page).getByRole('listitem').filter({ hasText: 'Kalev Kask' });
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('aria-label', /^Outgoing call to Kalev Kask/);
    const state = await consoleServer.readState();
    const outgoing = Object.values(state.calls).filter((c) => c.direction === 'outgoing');
    expect(outgoing.map((c) => c.remote.number)).toEqual(['+3725123456']);
    expect(JSON.stringify(await sim('calls'))).toContain('3725123456');
    expect(consoleServer.stderr()).toContain('Dialling +3725123456 on');
    expect(consoleServer.stderr()).toContain('Key in extension 7 once answered.');
  });
});

test.describe('a hostile link given at start', () => {
  test.use({ serveArgs: ['--open-link', 'tel:+3725123456%0a$(reboot)'] });

  test('is refused with a reason and dials nothing', async ({ page, consoleUrl, consoleServer }) => {
    await page.goto(consoleUrl);
    await expect(page.getByRole('list', { name: 'PBX connections' }).getByRole('listitem').first()).toContainText('Online');
    expect(consoleServer.stderr()).toMatch(/link: The number in the link is not properly encoded\./);
    const state = await consoleServer.readState();
    expect(Object.values(state.calls)).toEqual([]);
  });
});
