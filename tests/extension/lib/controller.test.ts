// The extension's controller, built, under real gjs, against the real backend (tests/gjs/controller.js): what the
// menu shows for answers, notifications (a CLI change), a crash and an empty folder; accent sync; cleanup.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, installInterfaceSchema, runGjs, writeImages } from '../../helpers/gjs.js';

describe('controller under gjs', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it('drives the backend from the settings and shows what happens', { timeout: 120_000 }, async () => {
        expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
        const folder = sandbox.folder('pictures');
        await writeImages(folder, 4);
        // A picture outside the folders, for "set with GNOME Settings".
        const [elsewhere] = await writeImages(sandbox.folder('Downloads'), 1);
        const result = await runGjs('controller.js', {
            ...sandbox.env,
            // The extension's schema as built; a desktop schema with accent-color first, the system's after it
            // (the backend sets the wallpaper through org.gnome.desktop.background).
            GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
            XDG_DATA_DIRS: `${installInterfaceSchema(sandbox.dir, true)}:/usr/local/share:/usr/share`,
            CHAMELEON_CLI: CLI,
            CHAMELEON_DATA: sandbox.dataDir,
            CHAMELEON_FOLDER: folder,
            CHAMELEON_EMPTY_FOLDER: sandbox.folder('empty'),
            CHAMELEON_BACKEND_CONFIG: sandbox.folder('backend-config'),
            CHAMELEON_ELSEWHERE: elsewhere,
        });
        const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        expect(result.code, report).toBe(0);
        for (const step of [
            'started',
            'next-shown',
            'accent-synced',
            'cli-change-notified',
            'rapid-changes-agree',
            'restart-shown',
            'no-images-message',
            'folders-updated',
            'hand-pick-paused',
            'accent-resumed',
            'accent-sync-off',
            'backend-command-followed',
            'timer',
            'foreign-picture-followed',
            'cleaned-up',
            'change-on-start',
        ])
            expect(result.passed.has(step), `${step} missing\n${report}`).toBe(true);
    });
});
