/**
 * tel:/callto: links reaching the running desktop app: on the first
 * command line (cold start: dialled once the line is online), and from a
 * second launch, which hands its link to the first instance and exits.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, launchApp, MAIN_BUNDLE, skipWithoutElectron, test, electronExecutable } from './launch';

skipWithoutElectron();

test('a tel: link on the first launch is dialled once the line is online', async () => {
  const { app } = await launchApp(['tel:+372-640-1234']);
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('list', { name: 'Calls' }).getByRole('listitem', { name: /^Outgoing call to .*640/ })).toHaveCount(1, {
      timeout: 20_000,
    });
  } finally {
    await app.close();
  }
});

test('a second launch with a callto: link hands it to the running app and exits', async () => {
  const { app, userDataDir } = await launchApp();
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('list', { name: 'PBX connections' })).toContainText('Online', { timeout: 20_000 });
    // Same user data folder = same single-instance lock: the second launch quits at once, so it is a plain process.
    const second = spawn(electronExecutable()!, [MAIN_BUNDLE, `--user-data-dir=${userDataDir}`, 'callto://+3726401234'], {
      stdio: 'ignore',
    });
    await once(second, 'exit');
    await expect(window.getByRole('list', { name: 'Calls' }).getByRole('listitem', { name: /^Outgoing call to .*640/ })).toHaveCount(1, {
      timeout: 20_000,
    });
  } finally {
    await app.close();
  }
});
