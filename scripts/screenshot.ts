/**
 * Renders docs/screenshot.png for the README: the console on the demo PBX
 * with a connected call, a consultation and a caller ringing; then the same
 * screen in the dark theme (the OS asking for dark), docs/screenshot-dark.png
 * at 1440×900.
 *
 *   npm run build:renderer && npx tsx scripts/screenshot.ts
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startConsoleServer } from '../e2e/harness';
import { CHROMIUM_ARGS } from '../playwright.config';

async function main(): Promise<void> {
  const server = await startConsoleServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.getByRole('list', { name: 'PBX connections' }).getByText('Online').waitFor();
    const calls = page.getByRole('list', { name: 'Calls' });

    await server.sim('incomingCall', { from: '+33160127764' });
    const first = calls.getByRole('listitem').filter({ hasText: 'Martin Jagger' });
    await first.getByRole('button', { name: 'Answer', exact: true }).click();
    await first.getByText('Connected').waitFor();
    await first.getByRole('button', { name: 'Consult', exact: true }).click();
    await first.getByRole('textbox', { name: 'Destination number' }).fill('1103');
    await first.getByRole('button', { name: 'Confirm Consult' }).click();
    await calls.getByRole('listitem').filter({ hasText: 'Mart Kuusk' }).getByText('Connected').waitFor();
    await server.sim('incomingCall', { from: '+3725123456' });
    await calls.getByRole('listitem').filter({ hasText: 'Kalev Kask' }).waitFor();
    await page.getByRole('textbox', { name: 'Search directory' }).fill('Mar');
    await page.getByRole('button', { name: 'Call Maria Lind' }).waitFor();
    await page.waitForTimeout(1200);
    const file = path.resolve(__dirname, '..', 'docs', 'screenshot.png');
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(600);
    const dark = path.resolve(__dirname, '..', 'docs', 'screenshot-dark.png');
    await page.screenshot({ path: dark });
    console.log(`wrote ${dark}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
