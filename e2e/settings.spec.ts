/**
 * The settings view in browser mode: a receptionist adds a second TelServer
 * connection (to the demo PBX's own TelServer port), tests it, saves it,
 * sees it come online in the connection bar, and removes it again; a bad
 * port is caught with a clear message and nothing is saved. `serve` keeps
 * its settings in a temporary folder of this spec.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button } from './page-helpers';

const settingsDir = mkdtempSync(path.join(tmpdir(), 'attendant-e2e-settings-'));
test.use({ serveArgs: ['--settings-dir', settingsDir] });
test.afterAll(async () => {
  await rm(settingsDir, { recursive: true, force: true });
});

const connections = (page: Page) => page.getByRole('list', { name: 'PBX connections' });

async function openSettings(page: Page, url: string) {
  await page.goto(url);
  await expect(connections(page).getByRole('listitem', { name: 'Demo PBX (TelServer)' })).toContainText('Online');
  await button(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
}

async function fillTelServer(page: Page, host: string, port: string) {
  await button(page, 'Add connection').click();
  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Name', { exact: true }).fill('Second desk');
  await form.getByLabel('Short name (id)').fill('second-desk');
  await form.getByLabel('TelServer host').fill(host);
  await form.getByLabel('TelServer port').fill(port);
  await form.getByLabel('Devices (extensions)').fill('1101');
  return form;
}

test('add a TelServer connection: test, save, online in the bar; then remove it', async ({ page, consoleUrl, sim }) => {
  const demo = (await sim('demoConnection')) as { host: string; port: number };
  await openSettings(page, consoleUrl);
  const form = await fillTelServer(page, demo.host, String(demo.port));

  await button(form, 'Test connection').click();
  await expect(form.getByRole('status')).toHaveText('Connection test succeeded.');
  // A test saves nothing and starts nothing.
  await expect(connections(page).getByRole('listitem', { name: 'Second desk' })).toHaveCount(0);

  await button(form, 'Save connection').click();
  const saved = page.getByRole('list', { name: 'Saved connections' });
  await expect(saved).toContainText('Second desk (TelServer)');
  await expect(connections(page).getByRole('listitem', { name: 'Second desk' })).toContainText('Online');
  const file = JSON.parse(await readFile(path.join(settingsDir, 'connections.json'), 'utf8'));
  expect(file.connections).toEqual([
    { vendor: 'telserver', id: 'second-desk', label: 'Second desk', host: demo.host, port: demo.port, lines: [{ device: '1101' }] },
  ]);

  await button(page, 'Close').click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Calls' })).toBeVisible();
  await expect(connections(page).getByRole('listitem', { name: 'Second desk' })).toContainText('Online');

  await button(page, 'Settings').click();
  await button(page, 'Remove Second desk').click();
  await expect(page.getByText('No saved connections.')).toBeVisible();
  await expect(connections(page).getByRole('listitem', { name: 'Second desk' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Settings' })).toHaveCount(0);
  expect(JSON.parse(await readFile(path.join(settingsDir, 'connections.json'), 'utf8')).connections).toEqual([]);
});

test('a bad port gives a clear error and saves nothing', async ({ page, consoleUrl, sim }) => {
  const demo = (await sim('demoConnection')) as { host: string; port: number };
  await openSettings(page, consoleUrl);
  const form = await fillTelServer(page, demo.host, '70000');
  await button(form, 'Save connection').click();
  await expect(form.getByText('A port from 1 to 65535.')).toBeVisible();
  await expect(form.getByRole('alert')).toHaveText('Please correct the marked fields.');

  // A port in range where nothing answers: the test says why, in words.
  await form.getByLabel('TelServer port').fill('1');
  await button(form, 'Test connection').click();
  await expect(form.getByRole('alert')).toContainText('Connection test failed:');

  await expect(page.getByText('No saved connections.')).toBeVisible();
  await expect(connections(page).getByRole('listitem', { name: 'Second desk' })).toHaveCount(0);
  const state = await readFile(path.join(settingsDir, 'connections.json'), 'utf8').catch(() => '{"connections":[]}');
  expect(JSON.parse(state).connections).toEqual([]);
});
