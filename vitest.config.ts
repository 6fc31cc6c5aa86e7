import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['tests/**/*.test.ts'],
        exclude: ['tests/e2e/**', 'node_modules/**'],
        // Tests spawn real processes (backend, gjs, gsettings); two cores, so keep the pool small.
        maxWorkers: 2,
        testTimeout: 30_000,
        hookTimeout: 60_000,
        // `npm run coverage`: lines of the backend run inside the test processes. The backend and CLI that tests
        // start as processes, and the extension under gjs, run outside them and are not counted.
        coverage: {
            provider: 'v8',
            include: ['backend/src/**/*.ts'],
            reporter: ['text-summary', 'text', 'html'],
            reportsDirectory: 'coverage',
            reportOnFailure: true,
        },
    },
});
