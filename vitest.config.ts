import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end files build with the real Chromium once per file, in beforeAll. Timeouts only catch a
    // hang: on a busy machine a step takes many times as long as on an idle one (a build of the seed
    // took 4 s idle, over 30 s with the load at 13 on two cores).
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['./tests/helpers/scratch-folder.ts'],
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
