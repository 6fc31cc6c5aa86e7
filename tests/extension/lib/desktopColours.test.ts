// What the user sees of colours, through the built controller under real gjs and the real backend
// (tests/gjs/desktopColours.js): transparent pictures over GNOME's primary-color, and the palette following the
// name when it takes time to make.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_WALLUST_DIR } from '../../fakes/wallust/expected.js';
import { CLI, ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, installInterfaceSchema, runGjs, writeImages } from '../../helpers/gjs.js';

describe('desktop colours under gjs', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it(
        'shows palettes of pictures as GNOME draws them, and a change before its palette',
        { timeout: 120_000 },
        async () => {
            expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
            const transparent = sandbox.folder('transparent');
            copyFileSync(
                join(ROOT, 'tests/fixtures/transparent/debian-emerald-logo.png'),
                join(transparent, 'emerald.png'),
            );
            const folder = sandbox.folder('pictures');
            await writeImages(folder, 3);
            const result = await runGjs('desktopColours.js', {
                ...sandbox.env,
                GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
                XDG_DATA_DIRS: `${installInterfaceSchema(sandbox.dir, true)}:/usr/local/share:/usr/share`,
                CHAMELEON_CLI: CLI,
                CHAMELEON_DATA: sandbox.dataDir,
                CHAMELEON_TRANSPARENT_FOLDER: transparent,
                CHAMELEON_FOLDER: folder,
                CHAMELEON_BACKEND_CONFIG: sandbox.folder('backend-config'),
                CHAMELEON_FAKE_WALLUST_DIR: FAKE_WALLUST_DIR,
            });
            const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
            expect(result.code, report).toBe(0);
            for (const step of [
                'over-primary-color',
                'follows-primary-color',
                'palette-follows-colour',
                'name-first-palette-after',
                'cleaned-up',
            ])
                expect(result.passed.has(step), `${step} missing\n${report}`).toBe(true);
        },
    );
});
