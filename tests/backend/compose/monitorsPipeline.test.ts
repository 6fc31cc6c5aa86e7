// A picture per monitor through the real backend (built CLI, stdio protocol) and real gsettings (keyfile backend):
// the pictures suit their monitors, the composed file is what GNOME is given with picture-options 'spanned', its
// pixels show each monitor's picture in that monitor's place, and history, previous and ban work per monitor.
// Mode 'same' with display mode 'zoom': one picture, 'zoom', no composition.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type MonitorJson, type WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { rgbaOf, writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const BG = 'org.gnome.desktop.background';
const LAYOUT: MonitorJson[] = [
    { index: 0, x: 0, y: 0, width: 640, height: 360, scale: 1, primary: true, name: 'DP-1' },
    { index: 1, x: 640, y: -100, width: 360, height: 640, scale: 1, name: 'HDMI-1' },
];
const COLOURS: Record<string, string> = {
    'land-red.png': '#d02020',
    'land-green.png': '#20b040',
    'land-blue.png': '#2040d0',
    'port-yellow.png': '#d0c020',
    'port-cyan.png': '#20c0d0',
    'port-pink.png': '#d040a0',
};

let sandbox: Sandbox;
let backend: BackendProcess;

beforeEach(async () => {
    sandbox = makeSandbox();
    const folder = sandbox.folder('walls');
    for (const [name, hex] of Object.entries(COLOURS)) {
        const portrait = name.startsWith('port');
        await writeSolid(join(folder, name), hex, { width: portrait ? 360 : 640, height: portrait ? 640 : 360 });
    }
    backend = BackendProcess.start(sandbox);
    await backend.call('initialize', {
        protocolVersion: PROTOCOL_VERSION,
        config: {
            folders: [folder],
            monitors: { layout: LAYOUT, mode: 'per-monitor' },
            selection: { minSizePercent: 0 },
        },
    });
});

afterEach(async () => {
    await backend?.stop();
    sandbox?.cleanup();
});

async function pixelAt(path: string, x: number, y: number): Promise<number[]> {
    const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
    const i = (y * info.width + x) * info.channels;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
}

function near(actual: number[], hex: string): boolean {
    return rgbaOf(hex)
        .slice(0, 3)
        .every((v, i) => Math.abs(v - actual[i]!) <= 16);
}

async function expectOnScreen(wallpaper: WallpaperJson): Promise<void> {
    expect(await sandbox.gsettingsGet(BG, 'picture-options')).toBe("'spanned'");
    expect(await sandbox.gsettingsGet(BG, 'picture-uri')).toBe(`'${wallpaper.uri}'`);
    expect(await sandbox.gsettingsGet(BG, 'picture-uri-dark')).toBe(`'${wallpaper.uri}'`);
    const composed = new URL(wallpaper.uri).pathname;
    expect(composed.startsWith(join(sandbox.dir, 'cache', 'chameleon', 'composed'))).toBe(true);
    // Canvas: 1000 × 640 (monitor 1 starts 100 above monitor 0); monitor 0 at (0, 100), monitor 1 at (640, 0).
    const [m0, m1] = wallpaper.monitors!;
    expect(near(await pixelAt(composed, 320, 280), COLOURS[m0!.name]!)).toBe(true);
    expect(near(await pixelAt(composed, 820, 320), COLOURS[m1!.name]!)).toBe(true);
}

describe('per-monitor wallpapers through the backend', () => {
    it('picks a picture per monitor that suits it, composes them and sets the composition spanned', async () => {
        const wallpaper = await backend.call('wallpaper.next');
        expect(wallpaper.monitors).toHaveLength(2);
        const [m0, m1] = wallpaper.monitors!;
        expect(m0).toMatchObject({ index: 0, monitor: 'DP-1', primary: true, displayMode: 'zoom' });
        expect(m1).toMatchObject({ index: 1, monitor: 'HDMI-1', primary: false, displayMode: 'zoom' });
        // The portrait monitor gets a portrait picture, the landscape one a landscape picture.
        expect(m0!.name).toMatch(/^land-/);
        expect(m1!.name).toMatch(/^port-/);
        // Palette and accent from the primary monitor's picture; every monitor has its own palette for the menu.
        expect(wallpaper.path).toBe(m0!.path);
        expect(wallpaper.palette).toEqual(m0!.palette);
        expect(m1!.palette).not.toBeNull();
        await expectOnScreen(wallpaper);
        expect(await backend.call('wallpaper.current')).toMatchObject({
            uri: wallpaper.uri,
            monitors: [{ path: m0!.path }, { path: m1!.path }],
        });
    });

    it(
        'goes back to the same pictures per monitor, from the cached composition, and lists ' + 'history per monitor',
        async () => {
            const first = await backend.call('wallpaper.next');
            const second = await backend.call('wallpaper.next');
            expect(second.monitors!.map((m) => m.path)).not.toEqual(first.monitors!.map((m) => m.path));
            const back = await backend.call('wallpaper.previous');
            expect(back.monitors!.map((m) => m.path)).toEqual(first.monitors!.map((m) => m.path));
            expect(back.uri).toBe(first.uri);
            await expectOnScreen(back);
            const forward = await backend.call('wallpaper.next');
            expect(forward.monitors!.map((m) => m.path)).toEqual(second.monitors!.map((m) => m.path));
            const history = await backend.call('history.list', { limit: 10 });
            expect(history).toHaveLength(2);
            expect(history[0]!.monitors!.map((m) => m.path)).toEqual(second.monitors!.map((m) => m.path));
            expect(history[1]!.monitors!.map((m) => m.path)).toEqual(first.monitors!.map((m) => m.path));
        },
    );

    it(
        'banning or trashing the picture on a second monitor replaces just that picture, and a ' +
            'blend palette comes from the whole',
        async () => {
            await backend.call('config.update', { settings: { 'palette-from': 'blend' } });
            const shown = await backend.call('wallpaper.next');
            const banned = await backend.call('image.ban', { path: shown.monitors![1]!.path });
            expect(banned.next).not.toBeNull();
            expect(banned.next!.monitors!.map((m) => m.path)).not.toContain(shown.monitors![1]!.path);
            // Only the second monitor moved on: the first keeps its picture.
            expect(banned.next!.monitors![0]!.path).toBe(shown.monitors![0]!.path);
            // A blend of a landscape and a portrait picture is neither picture's palette.
            expect(banned.next!.palette).not.toEqual(banned.next!.monitors![0]!.palette);
            await expectOnScreen(banned.next!);
            // Trash (the file leaves the index before the move on) replaces just that monitor's picture too.
            const trashed = await backend.call('image.trash', { path: banned.next!.monitors![1]!.path });
            expect(trashed.next!.monitors![0]!.path).toBe(banned.next!.monitors![0]!.path);
            expect(trashed.next!.monitors![1]!.path).not.toBe(banned.next!.monitors![1]!.path);
            await expectOnScreen(trashed.next!);
        },
    );

    it('spans one picture over all monitors in mode span, and returns to one plain picture in mode same', async () => {
        await backend.call('config.update', { settings: { 'monitor-mode': 'span' } });
        const span = await backend.call('wallpaper.next');
        expect(new Set(span.monitors!.map((m) => m.path)).size).toBe(1);
        expect(await sandbox.gsettingsGet(BG, 'picture-options')).toBe("'spanned'");
        // Zoom, so that any picture of the collection goes to GNOME as it is (fillModes.test.ts has the others).
        await backend.call('config.update', { settings: { 'monitor-mode': 'same', 'display-mode': 'zoom' } });
        const same = await backend.call('wallpaper.next');
        expect(same.monitors).toBeUndefined();
        expect(same.uri).toBe(new URL(`file://${same.path}`).href);
        expect(await sandbox.gsettingsGet(BG, 'picture-options')).toBe("'zoom'");
        expect(await sandbox.gsettingsGet(BG, 'picture-uri')).toBe(`'${same.uri}'`);
    });
});
