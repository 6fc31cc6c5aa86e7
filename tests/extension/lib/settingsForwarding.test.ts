// Settings forwarding, built, under real gjs, against the real backend (tests/gjs/settingsForwarding.js): the
// extension's GSettings keys reach the backend by name in initialize and in config.update, and the backend's
// status follows them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, runGjs, writeImages } from '../../helpers/gjs.js';

describe('settings forwarding under gjs', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it('forwards every key in initialize and each change as config.update', { timeout: 120_000 }, async () => {
        expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
        const folder = sandbox.folder('pictures');
        await writeImages(folder, 2);
        const result = await runGjs('settingsForwarding.js', {
            ...sandbox.env,
            GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
            CHAMELEON_CLI: CLI,
            CHAMELEON_DATA: sandbox.dataDir,
            CHAMELEON_FOLDER: folder,
            CHAMELEON_OTHER_FOLDER: sandbox.folder('more-pictures'),
            CHAMELEON_COPY_TO: join(sandbox.dir, 'copied-by-post-change-command'),
        });
        const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        expect(result.code, report).toBe(0);
        for (const step of [
            'initialize-forwards',
            'use-wallust-on',
            'use-wallust-off',
            'folders-followed',
            'post-change-commands-forwarded',
            'cleaned-up',
        ])
            expect(result.passed.has(step), `${step} missing\n${report}`).toBe(true);
    });
});
