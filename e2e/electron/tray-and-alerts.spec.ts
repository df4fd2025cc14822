/**
 * The desktop citizen: closing the window keeps the console in the tray,
 * and a ringing call raises a native notification with the caller and an
 * Answer action (the demo PBX's live callers ring by themselves).
 */
import { expect, launchApp, skipWithoutElectron, test } from './launch';

skipWithoutElectron();

test('closing the window keeps the app running in the tray; the window comes back', async () => {
  const { app } = await launchApp();
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('list', { name: 'PBX connections' })).toContainText('Online', { timeout: 20_000 });
    await window.close({ runBeforeUnload: false }).catch(() => {});
    const hidden = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({ visible: w.isVisible(), destroyed: w.isDestroyed() })),
    );
    expect(hidden).toEqual([{ visible: false, destroyed: false }]);
    // The tray's Show (and the tray click) restore the same window.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].show());
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].isVisible())).toBe(true);
  } finally {
    await app.close();
  }
});

test('a ringing call raises a notification with the caller and an Answer action', async () => {
  const { app } = await launchApp();
  try {
    // Record what the shell shows; the console creates its notifications after this point.
    await app.evaluate(({ Notification }) => {
      const shown: { title: string; body: string; actions: unknown }[] = [];
      (globalThis as { shownNotifications?: unknown }).shownNotifications = shown;
      // Read by name, not as a method reference: it is called below with each notification as `this`.
      const original = Reflect.get(Notification.prototype, 'show');
      Notification.prototype.show = function (this: Electron.Notification) {
        shown.push({ title: this.title, body: this.body, actions: this.actions });
        return original.call(this);
      };
    });
    const window = await app.firstWindow();
    await expect(
      window
        .getByRole('list', { name: 'Calls' })
        .getByRole('listitem', { name: /Ringing/ })
        .first(),
    ).toBeVisible({ timeout: 60_000 });
    const shown = (await app.evaluate(() => (globalThis as { shownNotifications?: unknown }).shownNotifications)) as {
      title: string;
      actions: unknown;
    }[];
    expect(shown.find((n) => / is calling$/.test(n.title))?.actions).toEqual([{ type: 'button', text: 'Answer' }]);
  } finally {
    await app.close();
  }
});
