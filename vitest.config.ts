import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['tests/**/*.test.ts'],
        exclude: ['tests/e2e/**', 'node_modules/**'],
        // Tests spawn real processes (backend, gjs, gsettings); two cores, so keep the pool small.
        maxWorkers: 2,
        testTimeout: 30_000,
        hookTimeout: 60_000,
    },
});
