import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end files build with the real Chromium once per file, in beforeAll.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['./tests/helpers/scratch-folder.ts'],
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
