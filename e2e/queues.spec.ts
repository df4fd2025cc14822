/**
 * The queue view on the PortaSIP demo (call queues 1 "Sales" and 2
 * "Support", reception an operator of both): it fills as callers queue up,
 * longest first with their place, and drains as the PBX hands the
 * longest-waiting caller to the receptionist — who answers it with one key.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { activeCalls, calls, connection, ringAndAnswer, waitingCalls } from './page-helpers';

test.use({ locale: 'en-US', serveArgs: ['--demo', 'portasip'] });

const queueView = (page: Page) => page.getByRole('region', { name: /^Queues/ });
const queueRows = (page: Page) => queueView(page).getByRole('list', { name: 'Queues' }).getByRole('listitem');

interface QueueState {
  queues: { id: string; waiting: { number: string }[] }[];
}

async function waitingAtPbx(sim: (action: string, args?: object) => Promise<unknown>): Promise<string[]> {
  const state = (await sim('queueState')) as QueueState;
  return state.queues.flatMap((queue) => queue.waiting.map((caller) => `${queue.id}:${caller.number}`));
}

test('the queue view fills and drains; the longest-waiting caller is answered with one key when the PBX hands it over', async ({
  page,
  consoleUrl,
  sim,
}) => {
  await page.goto(consoleUrl);
  await expect(connection(page)).toContainText('Online');
  // Reception is on a call: queued callers wait.
  await ringAndAnswer(page, sim, { ringing: 0, inProgress: 1 });

  await sim('queueCall', { from: '+3725207788', queue: '1' });
  await sim('queueCall', { from: '+4916098765432', queue: '2' });
  await sim('queueCall', { from: '+3726101234', queue: '1' });
  await expect(queueRows(page)).toHaveCount(3);
  await expect(queueView(page).getByRole('heading', { level: 2 })).toContainText('Sales: 2');
  await expect(queueView(page).getByRole('heading', { level: 2 })).toContainText('Support: 1');
  await expect(queueRows(page).nth(0)).toContainText(/^Sales · No\. 1 · .* · waiting \d+:\d\d · \d operators? active$/);
  await expect(queueRows(page).nth(1)).toContainText(/^Support · No\. 1 · /);
  await expect(queueRows(page).nth(2)).toContainText(/^Sales · No\. 2 · /);
  // Nothing here can take a caller out of the queue at PortaSIP: no buttons, and the view says why.
  await expect(queueView(page).getByRole('button')).toHaveCount(0);
  await expect(queueView(page)).toContainText('The PBX hands these callers to a free operator');
  // The answer key means the call ringing on the receptionist's own lines: none rings, so it answers nothing.
  await page.keyboard.press('F4');
  expect(await waitingAtPbx(sim)).toHaveLength(3);

  // A caller gives up: the row goes.
  await sim('remoteHangup', { number: '+4916098765432' });
  await expect(queueRows(page)).toHaveCount(2);
  await expect(queueView(page).getByRole('heading', { level: 2 })).not.toContainText('Support');

  // Reception hangs up; the PBX hands over the longest-waiting caller, who rings here: F4 answers it.
  await page.keyboard.press('F9');
  await expect(waitingCalls(page).getByRole('listitem')).toHaveCount(1);
  await expect(queueRows(page)).toHaveCount(1);
  await expect(queueRows(page).first()).toContainText(/^Sales · No\. 1 · /);
  await page.keyboard.press('F4');
  await expect(activeCalls(page).getByRole('listitem')).toHaveCount(1);
  await expect(activeCalls(page).getByRole('listitem').first()).toHaveAttribute('aria-label', /Connected/);
  await expect.poll(() => waitingAtPbx(sim)).toEqual(['1:+3726101234']);
  await expect(calls(page)).toBeVisible();
});

test.describe('on the innovaphone demo (the queues are the PBX’s waiting-queue objects)', () => {
  test.use({ serveArgs: ['--demo', 'innovaphone'] });

  test('a waiting caller is taken out of the queue with one key, and the one after with its button', async ({ page, consoleUrl, sim }) => {
    await page.goto(consoleUrl);
    await expect(connection(page)).toContainText('Online');
    await ringAndAnswer(page, sim, { ringing: 0, inProgress: 1 });
    await sim('queueCall', { from: '+3725207788', queue: '1' });
    await sim('queueCall', { from: '+4916098765432', queue: '2' });
    const takeable = queueView(page).getByRole('list', { name: 'Callers you can take' }).getByRole('listitem');
    await expect(takeable).toHaveCount(2);
    await expect(takeable.nth(0)).toContainText(/^Sales · /);
    await expect(takeable.nth(1)).toContainText(/^Support · /);
    // Nothing rings at reception: a waiting caller is the queue's until taken.
    await expect(waitingCalls(page)).toHaveCount(0);

    await page.keyboard.press('Alt+KeyQ');
    await expect(takeable).toHaveCount(1);
    await expect.poll(() => waitingAtPbx(sim)).toEqual(['2:+4916098765432']);
    await expect(
      activeCalls(page)
        .getByRole('listitem')
        .filter({ hasText: /520 ?7788/ }),
    ).toHaveAttribute('aria-label', /Connected/);

    await takeable.first().getByRole('button', { name: 'Take call' }).click();
    await expect(queueView(page)).toHaveCount(0);
    await expect.poll(() => waitingAtPbx(sim)).toEqual([]);
  });
});
