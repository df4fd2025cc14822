import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    testTimeout: 15000,
    pool: 'forks',
    // Only does something in jsdom test files (renderer).
    setupFiles: ['renderer/src/testing/jsdom-layout.ts'],
  },
});
