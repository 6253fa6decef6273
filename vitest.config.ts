import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs (tests/e2e-*) run under scripts/e2e.mjs, not vitest.
    include: ['tests/{unit,db,contract,chaos,sync,portal}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
