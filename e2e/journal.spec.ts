/**
 * The journal lasts: a missed call and a note typed during a call survive a
 * clean restart of `serve` and a kill -9; calling the missed caller back
 * marks the missed call done. One settings folder across the restarts (the
 * test's own, never the user's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startConsoleServer, test, type ConsoleServer } from './harness';
import { button, calls, connection } from './page-helpers';

const journal = (page: Page) => page.getByRole('list', { name: 'Journal' });
const journalRow = (page: Page, text: string) => journal(page).getByRole('listitem').filter({ hasText: text });
const callRow = (page: Page, text: string) => calls(page).getByRole('listitem').filter({ hasText: text });
const missedTab = (page: Page) => page.getByRole('button', { name: /^Missed/ });

const TIINA = '+3726654321';
const MARTIN = '+33160127764';
const KALEV = '+3725123456';

async function openOnline(page: Page, server: ConsoleServer): Promise<void> {
  await page.goto(server.url);
  await expect(connection(page)).toContainText('Online');
}

async function missedCall(page: Page, server: ConsoleServer, number: string): Promise<void> {
  await server.sim('incomingCall', { from: number });
  await expect(calls(page).getByRole('listitem')).toHaveCount(1);
  await server.sim('remoteHangup', { number });
  await expect(calls(page).getByRole('listitem')).toHaveCount(0);
}

test('the journal survives a restart and a kill -9; a call back marks the missed call done; a note typed during a call stays', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'attendant-journal-e2e-'));
  const start = () => startConsoleServer(['--settings-dir', dir]);
  let server = await start();
  try {
    await openOnline(page, server);
    await missedCall(page, server, TIINA);
    await expect(journalRow(page, 'Tiina Põld')).toContainText('Missed');
    await expect(missedTab(page)).toHaveText(/1/);
    await expect(page.getByRole('status').filter({ hasText: '1 missed call to return' })).toBeVisible();

    // A note typed while the call runs lands on its journal entry.
    await server.sim('incomingCall', { from: MARTIN });
    const caller = callRow(page, 'Martin Jagger');
    await button(caller, 'Answer').click();
    await expect(caller).toContainText('Connected');
    await page.getByRole('textbox', { name: 'Note on the call with Martin Jagger' }).fill('Wants the price list');
    await button(page, 'Save note').click();
    await expect(page.getByRole('status').filter({ hasText: 'Note saved' })).toBeVisible();
    await server.sim('remoteHangup', { number: MARTIN });
    await expect(journalRow(page, 'Martin Jagger')).toContainText('Wants the price list');

    // A clean restart.
    await server.stop();
    server = await start();
    await openOnline(page, server);
    await expect(journalRow(page, 'Tiina Põld')).toContainText('Missed');
    await expect(journalRow(page, 'Martin Jagger')).toContainText('Wants the price list');

    // A crash right after a call: kill -9 loses nothing that had ended.
    await missedCall(page, server, KALEV);
    await expect(journalRow(page, 'Kalev Kask')).toContainText('Missed');
    await server.kill();
    server = await start();
    await openOnline(page, server);
    await expect(journalRow(page, 'Kalev Kask')).toContainText('Missed');
    await expect(journalRow(page, 'Tiina Põld')).toContainText('Missed');
    await expect(journalRow(page, 'Martin Jagger')).toContainText('Wants the price list');
    await expect(missedTab(page)).toHaveText(/2/);

    // Calling Tiina back (she answers) deals with her missed call by itself.
    await journalRow(page, 'Tiina Põld').getByRole('button', { name: 'Call back Tiina Põld' }).click();
    const outgoing = callRow(page, 'Tiina Põld');
    await expect(outgoing).toBeVisible();
    await expect
      .poll(() =>
        server.sim('remoteAnswer', { number: TIINA }).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await expect(outgoing).toContainText('Connected');
    await button(outgoing, 'Hang up').click();
    await expect(calls(page).getByRole('listitem')).toHaveCount(0);
    await missedTab(page).click();
    await expect(journal(page).getByRole('listitem')).toHaveCount(1);
    await expect(journalRow(page, 'Kalev Kask')).toContainText('Missed');

    // Mark all done; it stays done after another restart.
    await button(page, 'Mark all done').click();
    await expect(journal(page).getByRole('listitem')).toHaveCount(0);
    await server.stop();
    server = await start();
    await openOnline(page, server);
    await expect(journalRow(page, 'Tiina Põld').first()).toBeVisible();
    await expect(missedTab(page)).toHaveText('Missed');
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the journal is searchable and exports CSV as a download in the browser', async ({ page, consoleUrl, sim }) => {
  await page.goto(consoleUrl);
  await expect(connection(page)).toContainText('Online');
  await sim('incomingCall', { from: TIINA });
  await expect(calls(page).getByRole('listitem')).toHaveCount(1);
  await sim('remoteHangup', { number: TIINA });
  await sim('incomingCall', { from: MARTIN });
  await expect(calls(page).getByRole('listitem')).toHaveCount(1);
  await sim('remoteHangup', { number: MARTIN });
  await expect(journal(page).getByRole('listitem')).toHaveCount(2);

  await page.getByRole('searchbox', { name: 'Search journal' }).fill('6654');
  await expect(journal(page).getByRole('listitem')).toHaveCount(1);
  await expect(journalRow(page, 'Tiina Põld')).toBeVisible();

  const download = page.waitForEvent('download');
  await button(page, 'Export CSV').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^journal-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await new Promise<string>((resolve, reject) => {
    let body = '';
    void file.createReadStream().then((stream) => {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (body += chunk));
      stream.on('end', () => resolve(body));
      stream.on('error', reject);
    });
  });
  const lines = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(/^id,direction,outcome,number,name/);
  // The export follows the search: only Tiina's call.
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('+3726654321');
});
