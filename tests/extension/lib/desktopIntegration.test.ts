// The controller as the Shell runs it, built, under real gjs, against the real backend
// (tests/gjs/desktopIntegration.js):
// it applies wallpapers for the backend, forwards the desktop's facts, follows the dark-style picture, drives
// favourite / trash / pause, and shows indexing progress.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { builtExtension, installInterfaceSchema, runGjs, writeImages } from '../../helpers/gjs.js';

/** A picture of two vertical bands of colour (a palette needs more than one colour to be interesting). */
async function twoBands(path: string, a: [number, number, number], b: [number, number, number]): Promise<void> {
    const width = 160;
    const height = 100;
    const pixels = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) pixels.set(x < width * 0.7 ? a : b, (y * width + x) * 3);
    await sharp(pixels, { raw: { width, height, channels: 3 } }).toFile(path);
}

describe('desktop integration under gjs', () => {
    let sandbox: Sandbox;
    beforeAll(() => {
        sandbox = makeSandbox();
    });
    afterAll(() => sandbox.cleanup());

    it(
        'sets wallpapers for the backend, tells it about the desktop, and drives Smart Selection',
        { timeout: 180_000 },
        async () => {
            expect(builtExtension() && existsSync(CLI), 'run `npm run build` first').toBe(true);
            const folder = sandbox.folder('pictures');
            await writeImages(folder, 5);
            // A light picture and a clearly darker one: with dark-wallpaper 'darker' the light one gets the dark one.
            const pair = sandbox.folder('pair');
            await twoBands(join(pair, 'light.png'), [236, 128, 150], [250, 220, 228]);
            await twoBands(join(pair, 'dark.png'), [24, 44, 120], [10, 16, 40]);
            const result = await runGjs(
                'desktopIntegration.js',
                {
                    ...sandbox.env,
                    GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
                    // A desktop schema whose accent enum lacks orange and yellow (as a distribution might), then the
                    // system's.
                    XDG_DATA_DIRS:
                        installInterfaceSchema(sandbox.dir, true, [
                            'blue',
                            'teal',
                            'green',
                            'red',
                            'pink',
                            'purple',
                            'slate',
                            'bark',
                        ]) + ':/usr/local/share:/usr/share',
                    LANG: 'en_US.UTF-8',
                    CHAMELEON_CLI: CLI,
                    CHAMELEON_DATA: sandbox.dataDir,
                    CHAMELEON_FOLDER: folder,
                    CHAMELEON_PAIR_FOLDER: pair,
                    CHAMELEON_BACKEND_CONFIG: sandbox.folder('backend-config'),
                    CHAMELEON_PROGRESS_BACKEND: join(ROOT, 'tests/gjs/progressBackend.mjs'),
                    CHAMELEON_STANDIN_RECORD: join(sandbox.dir, 'standin-record.jsonl'),
                },
                170_000,
            );
            const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
            expect(result.code, report).toBe(0);
            for (const step of [
                'started',
                'monitor-forwarded',
                'set-by-extension',
                'allowed-accents',
                'lock-screen-untouched',
                'dark-picture-shown',
                'light-picture-shown',
                'favourite',
                'trash',
                'paused-timer-quiet',
                'pause-follows',
                'keys-always-agree',
                'cleaned-up',
                'monitor-layout-and-keys-sent',
                'index-progress',
                'download-progress',
            ])
                expect(result.passed.has(step), `${step} missing\n${report}`).toBe(true);
        },
    );
});
