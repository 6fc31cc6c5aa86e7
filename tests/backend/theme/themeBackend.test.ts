// Theme outputs through the built backend (`npm run build` first), driven over its real stdio protocol, with the real
// gsettings tool on a keyfile backend in a private HOME.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGVariantString } from '../../../backend/src/config/gvariantText.js';
import { PROTOCOL_VERSION, type ConfigUpdateJson, type WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { meanLightness } from '../../../backend/src/theme/darkCompanion.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeNoise, writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let backend: BackendProcess | null = null;
let bright: string;
let dark: string;

beforeEach(async () => {
    sandbox = makeSandbox();
    mkdirSync(sandbox.env.HOME!, { recursive: true });
    bright = sandbox.folder('bright');
    dark = sandbox.folder('dark');
    await writeNoise(join(bright, 'sunny.jpg'), { width: 320, height: 180, base: '#f0c8a0', amplitude: 10 });
    await writeSolid(join(dark, 'night.png'), '#101828', { width: 320, height: 180 });
    await writeNoise(join(dark, 'dusk.jpg'), { width: 320, height: 180, base: '#40304a', amplitude: 10 });
});
afterEach(async () => {
    await backend?.stop();
    backend = null;
    sandbox.cleanup();
});

async function start(config: ConfigUpdateJson): Promise<BackendProcess> {
    backend = BackendProcess.start(sandbox);
    await backend.call('initialize', {
        protocolVersion: PROTOCOL_VERSION,
        config: { folders: [bright, dark], ...config },
    });
    return backend;
}

const get = async (schema: string, key: string) => parseGVariantString(await sandbox.gsettingsGet(schema, key));

describe('theme outputs through the backend', () => {
    it('wallpaper.next writes pywal’s colors.json for that wallpaper (write-pywal setting)', async () => {
        const b = await start({ settings: { 'write-pywal': true } });
        const wallpaper = await b.call('wallpaper.next');
        const file = join(sandbox.env.XDG_CACHE_HOME!, 'wal', 'colors.json');
        const json = JSON.parse(readFileSync(file, 'utf8')) as {
            wallpaper: string;
            alpha: string;
            special: Record<string, string>;
            colors: Record<string, string>;
        };
        expect(json.wallpaper).toBe(wallpaper.path);
        expect(json.alpha).toBe('100');
        expect(Object.values(json.colors)).toEqual(wallpaper.palette!.colors);
        expect(json.special.background).toBe(wallpaper.palette!.background);
        expect(existsSync(join(sandbox.env.XDG_CACHE_HOME!, 'wal', 'colors.sh'))).toBe(true);
        const status = await b.call('status');
        expect(status.theme?.paletteFrom).toBe(wallpaper.path);
        expect(status.theme?.outputs.map((o) => o.state)).toEqual(['written', 'written', 'written']);

        // The next change rewrites it for the new wallpaper.
        const second = await b.call('wallpaper.next');
        expect((JSON.parse(readFileSync(file, 'utf8')) as { wallpaper: string }).wallpaper).toBe(second.path);
    });

    it('a refused template target shows in status and does not stop the change', async () => {
        mkdirSync(join(sandbox.env.HOME!, 't'));
        const template = join(sandbox.env.HOME!, 't', 'x.tmpl');
        const { writeFileSync } = await import('node:fs');
        writeFileSync(template, 'accent={{accent}}\n');
        const b = await start({
            settings: {
                templates: [
                    [template, '~/out/x.conf'],
                    [template, '/tmp/chameleon-never.conf'],
                ],
            },
        });
        const wallpaper = await b.call('wallpaper.next');
        expect(readFileSync(join(sandbox.env.HOME!, 'out', 'x.conf'), 'utf8')).toBe(
            `accent=${wallpaper.palette!.accent}\n`,
        );
        const status = await b.call('status');
        expect(status.theme?.outputs.map((o) => o.state)).toEqual(['written', 'failed']);
        expect(status.theme?.outputs[1]?.error).toMatch(/outside your home folder/);
        expect(existsSync('/tmp/chameleon-never.conf')).toBe(false);
        expect(await get('org.gnome.desktop.background', 'picture-uri')).toBe(wallpaper.uri);
    });

    it("dark-wallpaper 'darker' gives picture-uri-dark a darker image", async () => {
        const b = await start({ settings: { 'dark-wallpaper': 'darker' } });
        // The companion comes from the indexed collection; a pick limited to one folder indexes only that one.
        await b.call('index.rescan');
        const changed = b.notification('wallpaper.changed') as Promise<{ wallpaper: WallpaperJson }>;
        const wallpaper = await b.call('wallpaper.next', { folders: [bright] });
        expect(wallpaper.name).toBe('sunny.jpg');
        const lightUri = await get('org.gnome.desktop.background', 'picture-uri');
        const darkUri = await get('org.gnome.desktop.background', 'picture-uri-dark');
        expect(lightUri).toBe(wallpaper.uri);
        expect(darkUri).not.toBe(lightUri);
        expect(wallpaper.dark?.uri).toBe(darkUri);
        expect(wallpaper.dark?.palette?.colors).toHaveLength(16);
        expect((await changed).wallpaper.dark?.uri).toBe(darkUri);
        expect(await meanLightness(wallpaper.dark!.path)).toBeLessThan((await meanLightness(wallpaper.path)) - 0.05);
    });

    it(
        "dark-wallpaper 'same' (the default) keeps one picture for both styles and leaves the " +
            "screensaver's picture alone",
        async () => {
            const b = await start({});
            const before = await sandbox.gsettingsGet('org.gnome.desktop.screensaver', 'picture-uri');
            const wallpaper = await b.call('wallpaper.next', { folders: [bright] });
            expect(await get('org.gnome.desktop.background', 'picture-uri-dark')).toBe(wallpaper.uri);
            expect(wallpaper.dark).toBeUndefined();
            expect(await sandbox.gsettingsGet('org.gnome.desktop.screensaver', 'picture-uri')).toBe(before);
        },
    );

    it('limits accent names to those the desktop allows', async () => {
        const b = await start({ allowedAccentNames: ['blue', 'slate', 'purple'] });
        const wallpaper = await b.call('wallpaper.next', { folders: [bright] });
        // A warm peach image is orange by libadwaita's rule; of the allowed names, purple is the nearest by hue.
        expect(wallpaper.palette!.accentName).toBe('purple');
    });
});
