// Clock and quote drawn into the wallpaper, through the real backend (stdio protocol) with the desktop set by the
// client as the extension does it: the picture GNOME gets is a composition whose corner holds the overlay, the
// original file is untouched, and the clock is redrawn when the minute turns — as the same history entry.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
    PROTOCOL_VERSION,
    type DesktopApplyJson,
    type MonitorJson,
    type WallpaperJson,
} from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const QUOTES = resolve(import.meta.dirname, '../../fixtures/quotes/literature');
const LAYOUT: MonitorJson[] = [
    { index: 0, x: 0, y: 0, width: 1280, height: 720, scale: 1, primary: true, name: 'eDP-1' },
];
const COLOUR = '#3a5f8a';

let sandbox: Sandbox;
let backend: BackendProcess;
let picture: string;
let sets: { uri: string; options: string }[];
let nextSet: (() => void) | null;

beforeEach(async () => {
    sandbox = makeSandbox();
    const folder = sandbox.folder('walls');
    picture = join(folder, 'blue.png');
    await writeSolid(picture, COLOUR, { width: 1280, height: 720 });
    sets = [];
    nextSet = null;
    backend = BackendProcess.start(sandbox);
    backend.onRequest = (method, params) => {
        const wallpaper = (params as DesktopApplyJson).wallpaper;
        if (method === 'desktop.apply' && wallpaper) {
            sets.push(wallpaper);
            nextSet?.();
        }
        return { ok: true };
    };
});

afterEach(async () => {
    await backend?.stop();
    sandbox?.cleanup();
});

function initialize(monitors: Record<string, unknown>) {
    return backend.call('initialize', {
        protocolVersion: PROTOCOL_VERSION,
        config: {
            folders: [join(sandbox.dir, 'walls')],
            monitors: { layout: LAYOUT, mode: 'same', ...monitors },
            selection: { minSizePercent: 0 },
        },
        capabilities: { desktop: true },
    });
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Pixels of the composed file in a rectangle that differ from the picture's own colour by more than JPEG noise. */
async function changedPixels(
    path: string,
    rect: { left: number; top: number; width: number; height: number },
): Promise<number> {
    const { data } = await sharp(path).extract(rect).raw().toBuffer({ resolveWithObject: true });
    const [r, g, b] = [0x3a, 0x5f, 0x8a];
    let changed = 0;
    for (let i = 0; i < data.length; i += 3)
        if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) > 60) changed++;
    return changed;
}

const CORNER = { left: 640, top: 400, width: 640, height: 320 };
const OPPOSITE = { left: 0, top: 0, width: 640, height: 320 };

describe('clock and quote overlays', () => {
    it(
        'draws clock and quote into a composed copy in the chosen corner and leaves the picture ' + 'file as it was',
        async () => {
            const before = sha(picture);
            await initialize({ overlayClock: true, overlayQuotes: true, overlayQuotesFile: QUOTES });
            const shown: WallpaperJson = await backend.call('wallpaper.next');
            expect(shown.path).toBe(picture);
            expect(shown.monitors).toBeUndefined();
            const composed = new URL(shown.uri).pathname;
            expect(composed.startsWith(join(sandbox.dir, 'cache', 'chameleon', 'composed'))).toBe(true);
            expect(sets.at(-1)).toMatchObject({ uri: shown.uri, options: 'spanned' });
            expect(await changedPixels(composed, CORNER)).toBeGreaterThan(2000);
            expect(await changedPixels(composed, OPPOSITE)).toBe(0);
            expect(sha(picture)).toBe(before);
            // The palette is the picture's own.
            expect(shown.palette?.accentName).toBe('blue');
        },
    );

    it('without overlays, sets the picture itself, as before', async () => {
        await initialize({});
        const shown: WallpaperJson = await backend.call('wallpaper.next');
        expect(shown.uri).toBe(`file://${picture}`);
        expect(sets.at(-1)).toMatchObject({ uri: `file://${picture}`, options: 'zoom' });
    });

    it('shows the overlay as soon as it is turned on, and the picture itself again once it is turned off', async () => {
        await initialize({});
        const plain: WallpaperJson = await backend.call('wallpaper.next');
        expect(plain.uri).toBe(`file://${picture}`);
        let set = new Promise<void>((done) => (nextSet = done));
        await backend.call('config.update', { monitors: { overlayQuotes: true, overlayQuotesFile: QUOTES } });
        await set;
        const withQuote = sets.at(-1)!;
        expect(withQuote.options).toBe('spanned');
        expect(await changedPixels(new URL(withQuote.uri).pathname, CORNER)).toBeGreaterThan(1000);
        expect(await backend.call('wallpaper.adopt', { uri: withQuote.uri })).toBeNull();
        set = new Promise<void>((done) => (nextSet = done));
        await backend.call('config.update', { monitors: { overlayQuotes: false } });
        await set;
        expect(sets.at(-1)).toMatchObject({ uri: `file://${picture}`, options: 'zoom' });
        expect(await backend.call('wallpaper.adopt', { uri: `file://${picture}` })).toBeNull();
        expect(await backend.call('history.list', { limit: 10 })).toHaveLength(1);
    });

    it('redraws the clock when the minute turns, as the same history entry', async () => {
        await initialize({ overlayClock: true, overlayDate: false, overlayCorner: 'top-left' });
        const shown: WallpaperJson = await backend.call('wallpaper.next');
        expect(
            await changedPixels(new URL(shown.uri).pathname, { left: 0, top: 0, width: 640, height: 320 }),
        ).toBeGreaterThan(500);
        const redrawn = new Promise<void>((done) => (nextSet = done));
        await redrawn;
        const again = sets.at(-1)!;
        expect(again.uri).not.toBe(shown.uri);
        expect(again.options).toBe('spanned');
        // The extension hands a picture-uri it did not set itself to wallpaper.adopt (in the queue, after the
        // redraw): the redrawn file is known as the wallpaper on screen, not news.
        expect(await backend.call('wallpaper.adopt', { uri: again.uri })).toBeNull();
        expect((await backend.call('wallpaper.current'))?.uri).toBe(again.uri);
        expect(await backend.call('history.list', { limit: 10 })).toHaveLength(1);
    }, 120_000);
});
