// Composed wallpapers, pixel by pixel: for each kind of layout, every monitor's rectangle of the composed file
// shows that monitor's picture (left and right halves in two colours, so a swap or mirror shows too). The
// Composer runs as shipped, with its worker bundled the way build/build.mjs bundles it (see
// tests/helpers/bundle.ts for why under node_modules/.cache).
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Composer as ComposerClass } from '../../../backend/src/compose/composer.js';
import type { DisplayMode } from '../../../backend/src/compose/displayModes.js';
import { canvasLayout, type LayoutMode, type LayoutMonitor } from '../../../backend/src/compose/layout.js';
import { bundleForTest } from '../../helpers/bundle.js';
import { makeTempDir, removeTempDir, rgbaOf, writeRegions } from '../../helpers/images.js';

let bundleDir: string;
let dir: string;
let Composer: typeof ComposerClass;
let composer: ComposerClass;

beforeAll(async () => {
    const bundle = await bundleForTest('compose-', {
        composer: 'backend/src/compose/composer.ts',
        composeWorker: 'backend/src/compose/worker.ts',
    });
    bundleDir = bundle.dir;
    ({ Composer } = await bundle.load<typeof import('../../../backend/src/compose/composer.js')>('composer'));
    dir = await makeTempDir('chameleon-compose-');
    composer = new Composer({ dir: join(dir, 'composed'), keep: 3 });
});

afterAll(async () => {
    await composer?.close();
    await rm(bundleDir, { recursive: true, force: true });
    await removeTempDir(dir);
});

const PALETTE = [
    ['#d02020', '#20d020'],
    ['#2020d0', '#d0d020'],
    ['#20d0d0', '#d020d0'],
] as const;

/** A picture of `size` whose left half is one colour and right half another. */
async function halves(
    name: string,
    width: number,
    height: number,
    [left, right]: readonly [string, string],
): Promise<string> {
    return writeRegions(join(dir, `${name}.png`), {
        width,
        height,
        background: left,
        regions: [{ x: Math.floor(width / 2), y: 0, w: width, h: height, hex: right }],
    });
}

async function pixels(
    path: string,
): Promise<{ at(x: number, y: number): [number, number, number]; width: number; height: number }> {
    const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
    return {
        width: info.width,
        height: info.height,
        at: (x, y) => {
            const i = (Math.floor(y) * info.width + Math.floor(x)) * info.channels;
            return [data[i]!, data[i + 1]!, data[i + 2]!];
        },
    };
}

function expectColour(actual: [number, number, number], hex: string, where: string): void {
    const expected = rgbaOf(hex).slice(0, 3);
    const off = Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!)));
    expect(off, `${where}: ${actual.join(',')} is not ${hex}`).toBeLessThanOrEqual(16);
}

async function composeLayout(
    name: string,
    monitors: LayoutMonitor[],
    mode: LayoutMode,
    displayMode: DisplayMode = 'zoom',
) {
    const layout = canvasLayout(monitors, mode);
    // Each monitor's picture has the monitor's own shape (at a smaller size), so zoom keeps both halves whole.
    const paths = await Promise.all(
        layout.regions.map((r, i) =>
            halves(
                `${name}-${i}`,
                Math.round(r.rect.width / 4),
                Math.round(r.rect.height / 4),
                PALETTE[i % PALETTE.length]!,
            ),
        ),
    );
    const composed = await composer.compose({
        width: layout.width,
        height: layout.height,
        tiles: layout.regions.map((r, i) => ({ path: paths[i]!, rect: r.rect, mode: displayMode })),
    });
    return { layout, composed, image: await pixels(composed.path) };
}

describe('Composer: each monitor shows its own picture', () => {
    it.each<[string, LayoutMonitor[], LayoutMode]>([
        [
            'side by side',
            [
                { index: 0, x: 0, y: 0, width: 1280, height: 800, primary: true },
                { index: 1, x: 1280, y: 0, width: 1920, height: 1080 },
            ],
            'physical',
        ],
        [
            'stacked',
            [
                { index: 0, x: 0, y: 0, width: 1280, height: 720 },
                { index: 1, x: 0, y: 720, width: 1280, height: 720, primary: true },
            ],
            'physical',
        ],
        [
            'mixed scale 1 and 2',
            [
                { index: 0, x: 0, y: 0, width: 960, height: 540, scale: 2, primary: true },
                { index: 1, x: 960, y: 0, width: 1280, height: 720, scale: 1 },
            ],
            'logical',
        ],
        [
            'portrait and landscape',
            [
                { index: 0, x: 0, y: 0, width: 720, height: 1280 },
                { index: 1, x: 720, y: 200, width: 1280, height: 720, primary: true },
                { index: 2, x: 2000, y: 200, width: 800, height: 600 },
            ],
            'physical',
        ],
        [
            'negative coordinates',
            [
                { index: 0, x: 0, y: 0, width: 1280, height: 720, primary: true },
                { index: 1, x: -720, y: -300, width: 720, height: 1280 },
            ],
            'physical',
        ],
    ])('%s', async (name, monitors, mode) => {
        const { layout, image } = await composeLayout(name.replace(/\W+/g, '-'), monitors, mode);
        expect([image.width, image.height]).toEqual([layout.width, layout.height]);
        for (const [i, region] of layout.regions.entries()) {
            const { left, top, width, height } = region.rect;
            const [l, r] = PALETTE[i % PALETTE.length]!;
            for (const fy of [0.1, 0.5, 0.9]) {
                expectColour(
                    image.at(left + width * 0.1, top + height * fy),
                    l,
                    `${name}, monitor ${region.index}, left half`,
                );
                expectColour(
                    image.at(left + width * 0.9, top + height * fy),
                    r,
                    `${name}, monitor ${region.index}, right half`,
                );
            }
            // The corners of the region belong to it too (a pixel in from the edge, clear of JPEG's blocks).
            expectColour(image.at(left + 2, top + 2), l, `${name}, monitor ${region.index}, top-left corner`);
            expectColour(
                image.at(left + width - 3, top + height - 3),
                r,
                `${name}, monitor ${region.index}, bottom-right corner`,
            );
        }
        // What no monitor covers stays black (an L-shaped layout).
        if (name === 'portrait and landscape')
            expectColour(image.at(layout.width - 10, 50), '#000000', 'outside every monitor');
    });
});

describe('Composer: display modes on pixels', () => {
    const region = { left: 0, top: 0, width: 960, height: 540 };

    it('fit puts a portrait picture whole in the middle, over a darker blurred copy of itself', async () => {
        const portrait = await writeRegions(join(dir, 'portrait.png'), {
            width: 270,
            height: 480,
            background: '#e08020',
            regions: [],
        });
        const out = await composer.compose({
            width: 960,
            height: 540,
            tiles: [{ path: portrait, rect: region, mode: 'fit' }],
        });
        const image = await pixels(out.path);
        expectColour(image.at(480, 270), '#e08020', 'centre');
        // The picture is 304 px wide on a 540 px high region: the sides are background, 0.75 × the colour.
        expectColour(image.at(40, 270), '#a86018', 'blurred side');
    });

    it('tile repeats a tiny picture from a tile centred in the region', async () => {
        const tile = await writeRegions(join(dir, 'tile.png'), {
            width: 40,
            height: 40,
            background: '#2060e0',
            regions: [{ x: 0, y: 0, w: 20, h: 40, hex: '#f0f0f0' }],
        });
        const out = await composer.compose({
            width: 960,
            height: 540,
            tiles: [{ path: tile, rect: region, mode: 'smart' }],
        });
        const image = await pixels(out.path);
        // Centred tile at x = 460: white from 460 to 480, blue from 480 to 500, and so on every 40 px.
        for (const x of [465, 505, 25, 945]) expectColour(image.at(x, 270), '#f0f0f0', `white column at ${x}`);
        for (const x of [485, 445, 5, 925]) expectColour(image.at(x, 270), '#2060e0', `blue column at ${x}`);
    });

    it('centre keeps a small picture at its own size on a blurred background', async () => {
        const small = await writeRegions(join(dir, 'small.png'), {
            width: 300,
            height: 200,
            background: '#30c060',
            regions: [],
        });
        const out = await composer.compose({
            width: 960,
            height: 540,
            tiles: [{ path: small, rect: region, mode: 'center' }],
        });
        const image = await pixels(out.path);
        expectColour(image.at(331 + 4, 171 + 4), '#30c060', 'inside the picture');
        expectColour(image.at(320, 160), '#249048', 'just outside it');
    });
});

describe('Composer: cache', () => {
    it(
        'reuses a composed file for the same inputs, composes anew when a picture changes, and ' +
            'keeps only the last few',
        async () => {
            const a = await halves('cache-a', 320, 180, PALETTE[0]!);
            const input = {
                width: 640,
                height: 180,
                tiles: [
                    { path: a, rect: { left: 0, top: 0, width: 320, height: 180 }, mode: 'zoom' as const },
                    { path: a, rect: { left: 320, top: 0, width: 320, height: 180 }, mode: 'zoom' as const },
                ],
            };
            const first = await composer.compose(input);
            const again = await composer.compose(input);
            expect(first.reused).toBe(false);
            expect(again).toEqual({ path: first.path, reused: true });
            // Another display mode is another picture.
            const fit = await composer.compose({
                ...input,
                tiles: input.tiles.map((t) => ({ ...t, mode: 'fit' as const })),
            });
            expect(fit.path).not.toBe(first.path);
            // New content under the same name is a new file (GNOME caches backgrounds by file).
            await halves('cache-a', 320, 180, PALETTE[1]!);
            const changed = await composer.compose(input);
            expect(changed.path).not.toBe(first.path);
            for (let i = 0; i < 4; i++) await composer.compose({ ...input, width: 640 + i * 2 });
            const files = (await readdir(join(dir, 'composed'))).filter((f) => f.endsWith('.jpg'));
            expect(files).toHaveLength(3);
            await expect(stat(join(dir, 'composed', files[0]!))).resolves.toBeTruthy();
        },
    );

    it('reports a picture that cannot be read, and keeps working afterwards', async () => {
        await expect(
            composer.compose({
                width: 100,
                height: 100,
                tiles: [
                    {
                        path: join(dir, 'missing.png'),
                        rect: { left: 0, top: 0, width: 100, height: 100 },
                        mode: 'zoom',
                    },
                ],
            }),
        ).rejects.toThrow();
        const ok = await halves('after-error', 100, 100, PALETTE[2]!);
        await expect(
            composer.compose({
                width: 100,
                height: 100,
                tiles: [{ path: ok, rect: { left: 0, top: 0, width: 100, height: 100 }, mode: 'zoom' }],
            }),
        ).resolves.toMatchObject({ reused: false });
    });
});
