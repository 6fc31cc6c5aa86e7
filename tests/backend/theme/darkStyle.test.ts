// Which image the outputs come from when the dark style shows another picture: in-process, with a recording
// desktop (no gsettings), so the desktop state the extension forwards can be set directly.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../backend/src/app.js';
import type { DesktopExtras, DesktopSetter } from '../../../backend/src/desktop/desktopSetter.js';
import { extractPalette } from '../../../backend/src/palette/extractPalette.js';
import { writeNoise, writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
const saved = { HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
const calls: { path: string; extras: DesktopExtras | undefined }[] = [];
const desktop: DesktopSetter = {
    set: (path, _uri, _reason, extras) => {
        calls.push({ path, extras });
        return Promise.resolve();
    },
};

beforeAll(() => {
    sandbox = makeSandbox();
    mkdirSync(sandbox.env.HOME!, { recursive: true });
    // The theme writer writes to the process's own HOME / XDG_CACHE_HOME: point them at the sandbox.
    process.env.HOME = sandbox.env.HOME;
    process.env.XDG_CACHE_HOME = sandbox.env.XDG_CACHE_HOME;
});
afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
    sandbox.cleanup();
});

describe('palette source in the dark style', () => {
    it("with 'darker' and the dark style on, colors.json and `dark` come from the dark picture", async () => {
        const bright = sandbox.folder('bright');
        const dark = sandbox.folder('dark');
        await writeNoise(join(bright, 'sunny.jpg'), { width: 200, height: 120, base: '#f0c8a0', amplitude: 10 });
        await writeSolid(join(dark, 'night.png'), '#10305a', { width: 200, height: 120 });
        const app = new App({
            dataDir: join(sandbox.dir, 'db'),
            desktop,
            // The extractor's own function, in this thread (the worker needs the built bundle).
            extractor: { key: 'builtin-test', extract: extractPalette, close: () => Promise.resolve() },
            config: {
                folders: [bright, dark],
                theme: { pywal: true, darkMode: 'darker' },
                desktop: { colorScheme: 'prefer-dark' },
            },
        });
        try {
            await app.service.rescan();
            const wallpaper = await app.handlers['wallpaper.next']({ folders: [bright] });
            expect(calls.at(-1)).toEqual({
                path: wallpaper.path,
                extras: { darkUri: wallpaper.dark!.uri, pictureOptions: 'zoom' },
            });
            expect(wallpaper.dark!.path).toBe(join(dark, 'night.png'));
            const json = JSON.parse(readFileSync(join(sandbox.env.XDG_CACHE_HOME!, 'wal', 'colors.json'), 'utf8')) as {
                wallpaper: string;
                colors: Record<string, string>;
            };
            expect(json.wallpaper).toBe(wallpaper.dark!.path);
            expect(Object.values(json.colors)).toEqual(wallpaper.dark!.palette!.colors);
            expect(wallpaper.dark!.palette!.accentName).toBe('blue');

            // Light style: the wallpaper itself.
            app.applyConfig({ desktop: { colorScheme: 'default' } });
            const next = await app.handlers['wallpaper.next']({ folders: [bright] });
            const light = JSON.parse(readFileSync(join(sandbox.env.XDG_CACHE_HOME!, 'wal', 'colors.json'), 'utf8')) as {
                wallpaper: string;
            };
            expect(light.wallpaper).toBe(next.path);
            const status = await app.handlers.status(undefined);
            expect(status.theme?.paletteFrom).toBe(next.path);
        } finally {
            await app.close();
        }
    });
});
