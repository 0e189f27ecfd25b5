import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
    pool: 'forks',
    setupFiles: ['tests/support/temp-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
