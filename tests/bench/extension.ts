// "Next" as a GNOME user meets it: the extension's own backend client and wallpaper setter (under gjs, writing
// GSettings in-process as the Shell does) drive the real backend over its pipes, with 4K JPEGs: palette cached,
// made by the built-in extractor, and made by (the fake) wallust. Smart Selection shows every image once before
// any repeats, so with more images than requests every timed change meets an image it has not analysed yet.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { figure, type Figure } from './measure.js';
import { writePhotoLike } from './pipeline.js';

interface NextTimes {
    /** Request to reply. */
    samples: number[];
    /** Request to `wallpaper.changed`: when the menu names the new picture. */
    announced: number[];
}

async function timeNexts(
    dir: string,
    run: string,
    folder: string,
    count: number,
    warmup: number,
    useWallust: boolean,
): Promise<NextTimes> {
    const { stdout } = await execa(
        'gjs',
        [
            '-m',
            resolve('tests/bench/extensionLatency.js'),
            resolve('dist/backend/cli.js'),
            join(dir, run, 'data'),
            folder,
            String(count),
            String(warmup),
            useWallust ? '1' : '0',
        ],
        {
            env: {
                GSETTINGS_BACKEND: 'keyfile',
                XDG_CONFIG_HOME: join(dir, run, 'config'),
                XDG_CACHE_HOME: join(dir, run, 'cache'),
                XDG_RUNTIME_DIR: '',
                PATH: `${resolve('tests/fakes/wallust')}:${process.env.PATH}`,
            },
            timeout: 600_000,
        },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as NextTimes;
}

export async function extensionFigures(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-ext-'));
    try {
        const few = join(dir, 'few');
        const many = join(dir, 'many');
        mkdirSync(few);
        mkdirSync(many);
        for (let i = 0; i < 6; i++) await writePhotoLike(join(few, `photo-${i}.jpg`), i + 1);
        for (let i = 0; i < 26; i++) await writePhotoLike(join(many, `photo-${i}.jpg`), i + 11);
        const wallust = await timeNexts(dir, 'wallust', many, 24, 1, true);
        return [
            figure(
                'next via the extension, palette cached, 4K JPEG',
                'ms',
                (await timeNexts(dir, 'cached', few, 60, 12, false)).samples,
                { max: 30 },
            ),
            figure(
                'next via the extension, built-in extractor uncached, 4K JPEG',
                'ms',
                (await timeNexts(dir, 'builtin', many, 24, 1, false)).samples,
                { max: 250 },
            ),
            figure('next via the extension, fake wallust uncached, 4K JPEG', 'ms', wallust.samples),
            // The menu names the picture as soon as it is on screen; wallust's palette follows (the figure above).
            figure('menu names the new picture, fake wallust uncached, 4K JPEG', 'ms', wallust.announced),
        ];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
