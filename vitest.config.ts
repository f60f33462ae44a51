import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts, whose root is web/ and whose plugins build the PWA.
export default defineConfig({
  test: {
    // Unit tests sit beside their modules; tests/ holds integration, fakes and browser tests.
    include: ['tests/**/*.test.ts', 'hub/**/*.test.ts', 'shared/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits 1 s by default: too little for a browser on a loaded CI machine.
    expect: { poll: { timeout: 10_000 } },
    // Browser and CLI tests start real processes; two cores are enough for two at once.
    maxWorkers: 2,
    // The JSON report lets .ci/run print the plain "N passed, N failed" line CI counts.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
