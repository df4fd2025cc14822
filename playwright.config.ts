/**
 * End-to-end tests: the built renderer in Debian's Chromium (never a
 * Playwright-downloaded browser) against `serve` with the demo PBX. Each
 * test starts its own server through the e2e/harness fixture.
 */
import { defineConfig } from '@playwright/test';

/** Chromium without the background services a test machine has no use for. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // The console rings as soon as a call does, before anyone clicked the page (e2e/sound.spec.ts).
  '--autoplay-policy=no-user-gesture-required',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // The Electron specs need an Electron binary: they run only with playwright.electron.config.ts.
  testIgnore: 'electron/**',
  // Playwright empties outputDir on start; keep it away from the unit test report in test-results/.
  outputDir: 'test-results/e2e-artifacts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    // The specs find buttons and headings by their English names, whatever the machine's language.
    locale: 'en-US',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
