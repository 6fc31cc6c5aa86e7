// Pipeline figures: how long "next wallpaper" takes from request to reply for a 4K JPEG, with the palette
// cached, made by the built-in extractor, or made by (the fake) wallust; and what the built-in extractor costs
// over decoding alone. The backend runs in-process (the protocol adds well under a millisecond); the desktop is
// real gsettings with the keyfile backend in a temporary config directory.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from '../../backend/src/app.js';
import { decodeThumbnail, extractPalette } from '../../backend/src/palette/extractPalette.js';
import { BuiltinExtractor } from '../../backend/src/palette/extractor.js';
import { writePixels } from '../helpers/images.js';
import { figure, single, timeRuns, type Figure } from './measure.js';

const WIDTH = 3840;
const HEIGHT = 2160;

/** A photo-like 4K JPEG: two-axis gradient, a few shapes, fine grain (so it does not compress to nothing). */
export async function writePhotoLike(path: string, seed: number): Promise<void> {
    const pixels = new Uint8Array(WIDTH * HEIGHT * 3);
    let state = seed * 2654435761 || 1;
    const grain = () => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return ((state >>> 0) % 17) - 8;
    };
    const hue = (seed * 47) % 255;
    for (let y = 0; y < HEIGHT; y++) {
        for (let x = 0; x < WIDTH; x++) {
            const i = (y * WIDTH + x) * 3;
            const inSun = (x - WIDTH * 0.7) ** 2 + (y - HEIGHT * 0.3) ** 2 < (HEIGHT * 0.12) ** 2;
            const ground = y > HEIGHT * 0.65;
            pixels[i] = Math.max(0, Math.min(255, (inSun ? 250 : ground ? 60 : hue) + (x * 60) / WIDTH + grain()));
            pixels[i + 1] = Math.max(
                0,
                Math.min(255, (inSun ? 200 : ground ? 110 - (y * 40) / HEIGHT : 120) + grain()),
            );
            pixels[i + 2] = Math.max(
                0,
                Math.min(255, (inSun ? 90 : ground ? 40 : 255 - hue) + (y * 50) / HEIGHT + grain()),
            );
        }
    }
    await writePixels(path, pixels, { width: WIDTH, height: HEIGHT, channels: 3 }, 'jpg');
}

export async function pipelineFigures(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-'));
    const saved = { ...process.env };
    try {
        process.env.GSETTINGS_BACKEND = 'keyfile';
        process.env.XDG_CONFIG_HOME = join(dir, 'config');
        process.env.XDG_CACHE_HOME = join(dir, 'cache');
        const folder = join(dir, 'walls');
        mkdirSync(folder);
        const images = 12;
        for (let i = 0; i < images; i++) await writePhotoLike(join(folder, `photo-${i}.jpg`), i + 1);

        // The bench bundle lives in dist/bench/; the worker is built beside the CLI in dist/backend/.
        const workerUrl = new URL('../backend/paletteWorker.js', import.meta.url);
        const newApp = (name: string, palette: object) =>
            new App({
                dataDir: join(dir, name),
                config: { folders: [folder], palette },
                extractor: new BuiltinExtractor({ workerUrl }),
            });

        const builtin = newApp('builtin', { useWallust: false });
        const uncached = await timeRuns(
            24,
            async () => {
                builtin.db.exec('DELETE FROM palettes');
                await builtin.service.next();
            },
            2,
        );
        const cached = await timeRuns(40, () => builtin.service.next());
        await builtin.close();

        process.env.PATH = `${resolve('tests/fakes/wallust')}:${saved.PATH}`;
        const wallust = newApp('wallust', { useWallust: true });
        const viaWallust = await timeRuns(
            16,
            async () => {
                wallust.db.exec('DELETE FROM palettes');
                rmSync(join(dir, 'cache', 'wallust'), { recursive: true, force: true });
                await wallust.service.next();
            },
            2,
        );
        const status = wallust.palettes.status();
        await wallust.close();
        if (status.extractor !== 'wallust')
            throw new Error(`the fake wallust was not used: ${status.wallustUnavailable}`);

        const photo = join(folder, 'photo-0.jpg');
        const decode = await timeRuns(20, () => decodeThumbnail(photo));
        const extract = await timeRuns(20, () => extractPalette(photo));
        const decodeFigure = figure('sharp decode to extractor size, 4K JPEG', 'ms', decode);
        const extractFigure = figure('built-in extractor, 4K JPEG (in-process)', 'ms', extract);
        return [
            // The backend alone sets the desktop with gsettings (the CLI without the extension): process starts
            // dominate.
            figure('next via gsettings (CLI alone), palette cached, 4K JPEG', 'ms', cached),
            figure('next via gsettings (CLI alone), built-in extractor uncached, 4K JPEG', 'ms', uncached),
            figure('next via gsettings (CLI alone), fake wallust uncached, 4K JPEG', 'ms', viaWallust),
            decodeFigure,
            extractFigure,
            single('built-in extractor ÷ decode alone', 'ratio', extractFigure.p50 / decodeFigure.p50, { max: 1.5 }),
        ];
    } finally {
        process.env = saved;
        rmSync(dir, { recursive: true, force: true });
    }
}
