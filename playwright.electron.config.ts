/**
 * The Electron e2e specs (e2e/electron): the built desktop app driven by
 * Playwright's Electron support. Extra, not the proof — they need an
 * Electron binary (not available on the build machine, where every spec
 * skips itself saying so). Run: npm run build:electron && npx playwright test -c playwright.electron.config.ts
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e/electron',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-electron-artifacts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
