// Composition figures: three 4K pictures composed for a layout of three 4K monitors side by side, as the
// pipeline does it (the Composer and its worker thread), uncached and from the cache; a mixed-scale portrait +
// landscape layout; and how long the main thread's event loop stalled while compositions ran (the worker's point).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { Composer, type ComposeInput } from '../../backend/src/compose/composer.js';
import { canvasLayout, type LayoutMonitor } from '../../backend/src/compose/layout.js';
import { figure, single, timeRuns, type Figure } from './measure.js';

/** A photo-like 4K JPEG: smooth gradients and shapes plus grain, so it neither compresses nor decodes trivially. */
async function writePhotoLike(path: string, seed: number, width = 3840, height = 2160): Promise<string> {
    const base = sharp({
        create: {
            width,
            height,
            channels: 3,
            background: { r: (seed * 70) % 255, g: 120, b: 255 - ((seed * 70) % 255) },
        },
    });
    const grain = Buffer.alloc(width * height);
    let state = seed * 2654435761 || 1;
    for (let i = 0; i < grain.length; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        grain[i] = 96 + ((state >>> 0) % 64);
    }
    const sun = Buffer.from(
        `<svg width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" ` +
            `x2="0" y2="1"><stop offset="0" stop-color="#203060"/><stop offset="1" ` +
            `stop-color="#e0a060"/></linearGradient></defs><rect width="100%" height="65%" ` +
            `fill="url(#g)" opacity="0.7"/><circle cx="${width * 0.7}" cy="${height * 0.3}" ` +
            `r="${height * 0.12}" fill="#fad070"/><rect y="65%" width="100%" height="35%" ` +
            `fill="#305020"/></svg>`,
    );
    await base
        .composite([{ input: sun }, { input: grain, raw: { width, height, channels: 1 }, blend: 'overlay' }])
        .jpeg({ quality: 90 })
        .toFile(path);
    return path;
}

function inputFor(monitors: LayoutMonitor[], paths: string[], mode: 'logical' | 'physical'): ComposeInput {
    const layout = canvasLayout(monitors, mode);
    return {
        width: layout.width,
        height: layout.height,
        tiles: layout.regions.map((r, i) => ({ path: paths[i % paths.length]!, rect: r.rect, mode: 'smart' as const })),
    };
}

export async function composeFigures(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-compose-'));
    try {
        const pictures = join(dir, 'pictures');
        mkdirSync(pictures);
        const paths = await Promise.all(
            [1, 2, 3].map((seed) => writePhotoLike(join(pictures, `photo-${seed}.jpg`), seed)),
        );
        const portrait = await writePhotoLike(join(pictures, 'portrait.jpg'), 4, 2160, 3840);
        // The bench bundle lives in dist/bench/; the worker is built beside the CLI in dist/backend/.
        const composer = new Composer({
            dir: join(dir, 'composed'),
            workerUrl: new URL('../backend/composeWorker.js', import.meta.url),
            keep: 4,
        });
        const threeK: LayoutMonitor[] = [0, 1, 2].map((i) => ({
            index: i,
            x: i * 3840,
            y: 0,
            width: 3840,
            height: 2160,
            primary: i === 1,
        }));
        const three = inputFor(threeK, paths, 'physical');
        const mixed = inputFor(
            [
                { index: 0, x: 0, y: 0, width: 1920, height: 1080, scale: 2, primary: true },
                { index: 1, x: 1920, y: -400, width: 1080, height: 1920, scale: 1 },
            ],
            [paths[0]!, portrait],
            'logical',
        );

        const delay = monitorEventLoopDelay({ resolution: 5 });
        delay.enable();
        const uncached = await timeRuns(
            12,
            async () => {
                rmSync(join(dir, 'composed'), { recursive: true, force: true });
                await composer.compose(three);
            },
            2,
        );
        delay.disable();
        const cached = await timeRuns(30, () => composer.compose(three));
        const mixedRuns = await timeRuns(
            8,
            async () => {
                rmSync(join(dir, 'composed'), { recursive: true, force: true });
                await composer.compose(mixed);
            },
            1,
        );
        // The clock overlay: each minute the wallpaper on screen is composed again with the new time (4K monitor,
        // clock, date and quote). Wall time, and CPU time of the whole process (main thread and worker).
        const clockK = inputFor(
            [{ index: 0, x: 0, y: 0, width: 3840, height: 2160, primary: true }],
            [paths[0]!],
            'physical',
        );
        const quote = {
            text:
                'A banker is a fellow who lends you his umbrella when the sun is shining and wants it ' +
                'back the minute it begins to rain.',
            author: 'Mark Twain',
        };
        let cpu = 0;
        const redraws = await timeRuns(
            12,
            async (i) => {
                const time = `14:${String(i % 60).padStart(2, '0')}`;
                const overlays = [
                    {
                        rect: clockK.tiles[0]!.rect,
                        text: { time, date: 'Monday 30 November', quote, corner: 'bottom-right' as const },
                    },
                ];
                const before = process.cpuUsage();
                await composer.compose({ ...clockK, overlays });
                const used = process.cpuUsage(before);
                cpu += (used.user + used.system) / 1000;
            },
            0,
        );
        await composer.close();
        return [
            figure(
                'overlay redraw (clock + quote) of a 4K wallpaper, once a minute while the clock is on',
                'ms',
                redraws,
                { max: 400 },
            ),
            single('… CPU time per redraw (all threads)', 'ms', cpu / redraws.length),
            single('… share of one core while the clock is on', '%', (cpu / redraws.length / 60_000) * 100),
            figure('compose 3 × 4K for 3 monitors (11520×2160), uncached', 'ms', uncached, { max: 400 }),
            figure('compose 3 × 4K, cached (same inputs)', 'ms', cached, { max: 10 }),
            figure('compose 4K + portrait, mixed scale (5760×3840), uncached', 'ms', mixedRuns),
            single('main-thread event loop stall during composition (max)', 'ms', delay.max / 1e6, { max: 50 }),
        ];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
