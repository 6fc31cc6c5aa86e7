// "Next" as a GNOME user meets it: the extension's own backend client and wallpaper setter (under gjs, writing
// GSettings in-process as the Shell does) drive the real backend over its pipes; palettes cached, 4K JPEGs.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { figure, type Figure } from './measure.js';
import { writePhotoLike } from './pipeline.js';

export async function extensionFigures(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-ext-'));
    try {
        const folder = join(dir, 'walls');
        mkdirSync(folder);
        for (let i = 0; i < 6; i++) await writePhotoLike(join(folder, `photo-${i}.jpg`), i + 1);
        const { stdout } = await execa(
            'gjs',
            ['-m', resolve('tests/bench/extensionLatency.js'), resolve('dist/backend/cli.js'), join(dir, 'data'), folder, '60'],
            { env: { GSETTINGS_BACKEND: 'keyfile', XDG_CONFIG_HOME: join(dir, 'config'), XDG_RUNTIME_DIR: '' }, timeout: 300_000 },
        );
        const { samples } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { samples: number[] };
        return [figure('next, palette cached, 4K JPEG, via the extension', 'ms', samples, { max: 30 })];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
