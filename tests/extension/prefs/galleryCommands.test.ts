// The preferences' Gallery page commands under real gjs, through the real `chameleon` command
// (tests/gjs/galleryCommands.js).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, runGjs, writeImages } from '../../helpers/gjs.js';

describe('gallery commands of the preferences under gjs', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it(
        'pages through the collection with thumbnails, filters it, and sets a picture',
        { timeout: 150_000 },
        async () => {
            expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
            const folder = sandbox.folder('pictures');
            const other = sandbox.folder('other');
            await writeImages(folder, 24 + 4);
            await writeImages(other, 2);
            const result = await runGjs(
                'galleryCommands.js',
                {
                    ...sandbox.env,
                    GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
                    XDG_DATA_DIRS: '/usr/local/share:/usr/share',
                    CHAMELEON_CLI: CLI,
                    CHAMELEON_DATA: sandbox.dataDir,
                    CHAMELEON_FOLDER: folder,
                    CHAMELEON_OTHER_FOLDER: other,
                },
                140_000,
            );
            const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
            expect(result.code, report).toBe(0);
            for (const step of ['first-page', 'second-page', 'filters', 'set-picture', 'error-shown'])
                expect(result.passed.has(step), `${step} missing\n${report}`).toBe(true);
        },
    );
});
