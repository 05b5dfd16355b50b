import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/each-file.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Keep the summary line and failures; per-test lines are noise in CI logs.
    reporters: ['default'],
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', CHECKPOINT_DISABLE: '1' },
  },
});
