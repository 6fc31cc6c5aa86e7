import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The end-to-end scenarios. Run through tests/e2e/run.sh (it builds the root, starts GNOME Shell and sets
// CHAMELEON_E2E_*); the main vitest config excludes this folder.
export default defineConfig({
    root: fileURLToPath(new URL('../..', import.meta.url)),
    test: {
        include: ['tests/e2e/**/*.e2e.test.ts'],
        // One shell, one user session: scenarios run one after another, in file order.
        fileParallelism: false,
        maxWorkers: 1,
        sequence: { concurrent: false },
        testTimeout: 60_000,
        hookTimeout: 60_000,
        reporters: ['verbose'],
    },
});
