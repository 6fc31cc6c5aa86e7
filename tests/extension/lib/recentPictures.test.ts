// The menu's recent pictures under real gjs, against the real backend (tests/gjs/recentPictures.js).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNotAnImage } from '../../helpers/images.js';
import { CLI, ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, runGjs, writeImages } from '../../helpers/gjs.js';

describe('recent pictures under gjs', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it(
        'shows thumbnails of the picture on screen and the ones before it, and sets one when asked',
        { timeout: 150_000 },
        async () => {
            expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
            const folder = sandbox.folder('pictures');
            await writeImages(folder, 4);
            const downloads = sandbox.folder('Downloads');
            const [elsewhere] = await writeImages(downloads, 1);
            const result = await runGjs(
                'recentPictures.js',
                {
                    ...sandbox.env,
                    GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
                    XDG_DATA_DIRS: '/usr/local/share:/usr/share',
                    CHAMELEON_CLI: CLI,
                    CHAMELEON_DATA: sandbox.dataDir,
                    CHAMELEON_FOLDER: folder,
                    CHAMELEON_NOT_A_PICTURE: await writeNotAnImage(join(downloads, 'notes.jpg')),
                    CHAMELEON_ELSEWHERE: elsewhere,
                },
                140_000,
            );
            const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
            expect(result.code, report).toBe(0);
            for (const step of [
                'recent-listed',
                'recent-set',
                'not-a-picture-refused',
                'cli-set-followed',
                'cleaned-up',
            ])
                expect(result.passed.has(step), `${step} missing\n${report}`).toBe(true);
        },
    );
});
