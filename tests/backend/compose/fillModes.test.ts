// How a picture fills the screen in the ordinary one-picture mode ('same'), through the real backend (built CLI,
// stdio protocol) and real gsettings: GNOME's own picture-options are set as they are, with the picture itself;
// the blurred fills are composed at the monitor's size (decoded here to check their pixels) and set zoomed; with
// no monitor size known GNOME's nearest option stands in. GNOME's modes in a composed (per-monitor) wallpaper are
// drawn over black, as GNOME draws them over its background colour.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type MonitorJson, type WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { rgbaOf, writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const BG = 'org.gnome.desktop.background';
const SCREEN: MonitorJson[] = [
    { index: 0, x: 0, y: 0, width: 640, height: 360, scale: 1, primary: true, name: 'eDP-1' },
];
const RED = '#d02020';

let sandbox: Sandbox;
let backend: BackendProcess;
let picture: string;

async function start(config: object): Promise<void> {
    backend = BackendProcess.start(sandbox);
    await backend.call('initialize', {
        protocolVersion: PROTOCOL_VERSION,
        config: { folders: [sandbox.folder('walls')], selection: { minSizePercent: 0 }, ...config },
    });
}

beforeEach(async () => {
    sandbox = makeSandbox();
    // A portrait picture for a landscape screen: the case where the modes differ most.
    picture = join(sandbox.folder('walls'), 'portrait.png');
    await writeSolid(picture, RED, { width: 180, height: 320 });
});

afterEach(async () => {
    await backend?.stop();
    sandbox?.cleanup();
});

async function pixels(path: string): Promise<{ at(x: number, y: number): number[]; width: number; height: number }> {
    const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
    return {
        width: info.width,
        height: info.height,
        at: (x, y) => {
            const i = (y * info.width + x) * info.channels;
            return [data[i]!, data[i + 1]!, data[i + 2]!];
        },
    };
}

function near(actual: number[], expected: number[], tolerance = 16): boolean {
    return expected.every((v, i) => Math.abs(v - actual[i]!) <= tolerance);
}

async function onScreen(): Promise<{ uri: string; options: string }> {
    const uri = (await sandbox.gsettingsGet(BG, 'picture-uri')).slice(1, -1);
    return { uri, options: (await sandbox.gsettingsGet(BG, 'picture-options')).slice(1, -1) };
}

describe('fill modes with one picture on every monitor', () => {
    for (const mode of ['scaled', 'centered', 'stretched', 'wallpaper', 'spanned', 'zoom'] as const) {
        it(`'${mode}' hands the picture itself to GNOME with picture-options '${mode}'`, async () => {
            await start({ monitors: { layout: SCREEN, mode: 'same', displayMode: mode } });
            const shown = await backend.call('wallpaper.next');
            expect(shown.path).toBe(picture);
            expect(await onScreen()).toEqual({ uri: shown.uri, options: mode });
            expect(shown.uri).toBe(new URL(`file://${picture}`).href);
            expect(await sandbox.gsettingsGet(BG, 'picture-uri-dark')).toBe(`'${shown.uri}'`);
        });
    }

    it("'fit' shows the whole picture in the middle of the monitor over a darker blurred copy of it", async () => {
        await start({ settings: { 'display-mode': 'fit' }, monitors: { layout: SCREEN } });
        const shown: WallpaperJson = await backend.call('wallpaper.next');
        expect(shown.path).toBe(picture);
        const screen = await onScreen();
        expect(screen).toEqual({ uri: shown.uri, options: 'zoom' });
        const composed = new URL(shown.uri).pathname;
        expect(composed.startsWith(join(sandbox.dir, 'cache', 'chameleon', 'composed'))).toBe(true);
        const image = await pixels(composed);
        expect([image.width, image.height]).toEqual([640, 360]);
        const red = rgbaOf(RED).slice(0, 3);
        // The picture, scaled to the monitor's height: 202 × 360 in the middle (219 … 421).
        expect(near(image.at(320, 180), red)).toBe(true);
        expect(near(image.at(225, 20), red)).toBe(true);
        // Either side, its blurred copy: the same hue, darker, never black.
        const side = image.at(40, 180);
        expect(
            near(
                side,
                red.map((v) => v * 0.75),
                24,
            ),
        ).toBe(true);
        expect(near(image.at(600, 300), side, 8)).toBe(true);
        // The history and the current wallpaper name the picture; going back shows the same composition.
        expect((await backend.call('wallpaper.current'))!.uri).toBe(shown.uri);
        const history = await backend.call('history.list', { limit: 5 });
        expect(history[0]!.path).toBe(picture);
    });

    it(
        "'smart' lets GNOME zoom a picture of the screen's shape, and composes a blurred fill for " +
            'one of another shape',
        async () => {
            await writeSolid(join(sandbox.folder('walls'), 'landscape.png'), '#2040d0', { width: 1280, height: 720 });
            await start({ monitors: { layout: SCREEN } });
            const seen = new Map<string, { uri: string; options: string }>();
            while (seen.size < 2) {
                const shown = await backend.call('wallpaper.next');
                seen.set(shown.path, await onScreen());
            }
            expect(seen.get(join(sandbox.dir, 'walls', 'landscape.png'))).toEqual({
                uri: new URL(`file://${join(sandbox.dir, 'walls', 'landscape.png')}`).href,
                options: 'zoom',
            });
            const portrait = seen.get(picture)!;
            expect(portrait.options).toBe('zoom');
            expect(portrait.uri).toContain('/cache/chameleon/composed/');
        },
    );

    it('with no monitor size known, a blurred fill falls back to the GNOME option nearest to it', async () => {
        await start({ settings: { 'display-mode': 'fit' } });
        const shown = await backend.call('wallpaper.next');
        expect(await onScreen()).toEqual({ uri: new URL(`file://${picture}`).href, options: 'scaled' });
        expect(shown.uri).toBe(new URL(`file://${picture}`).href);
    });

    it("GNOME's 'scaled' in a picture per monitor is drawn over black, the whole picture in the middle", async () => {
        await start({ monitors: { layout: SCREEN, mode: 'per-monitor', displayMode: 'scaled' } });
        const shown = await backend.call('wallpaper.next');
        expect(await onScreen()).toEqual({ uri: shown.uri, options: 'spanned' });
        expect(shown.monitors![0]!.displayMode).toBe('scaled');
        const image = await pixels(new URL(shown.uri).pathname);
        expect(near(image.at(320, 180), rgbaOf(RED).slice(0, 3))).toBe(true);
        expect(near(image.at(40, 180), [0, 0, 0], 4)).toBe(true);
    });
});
