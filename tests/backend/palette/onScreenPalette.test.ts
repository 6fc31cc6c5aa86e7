// GNOME draws a picture with transparency over org.gnome.desktop.background primary-color: the palette and accent
// must be those of what is on screen, not of the file's visible pixels alone. The fixture is a real, mostly
// transparent PNG from Debian's desktop-base (see tests/fixtures/transparent/SOURCE.md).
import { execa } from 'execa';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexProgressJson, WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

const TRANSPARENT = resolve(import.meta.dirname, '../../fixtures/transparent/debian-emerald-logo.png');

let sandbox: Sandbox;
let folder: string;
beforeEach(() => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    copyFileSync(TRANSPARENT, join(folder, 'emerald.png'));
});
afterEach(() => sandbox.cleanup());

async function gsettingsSet(key: string, value: string): Promise<void> {
    await execa('gsettings', ['set', 'org.gnome.desktop.background', key, value], {
        env: sandbox.env,
        extendEnv: false,
    });
}

async function next(): Promise<WallpaperJson> {
    const result = await runCli(sandbox, ['next', '--folder', folder, '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as WallpaperJson;
}

describe('the palette of a transparent picture', () => {
    it(
        'is the palette of the picture over the desktop colour, and follows a new primary-color ' +
            '(the CLI alone reads it)',
        async () => {
            // GNOME's default deep blue: the screen is blue, not the file's pale teal.
            const onBlue = await next();
            expect(onBlue.palette?.accentName).toBe('blue');

            await gsettingsSet('primary-color', "'#c01c28'");
            const onRed = await next();
            expect(onRed.name).toBe('emerald.png');
            expect(onRed.palette?.accentName).toBe('red');
            expect(onRed.palette?.background).not.toBe(onBlue.palette?.background);

            // Back to blue: the palette made over blue is found again (and is the same).
            await gsettingsSet('primary-color', "'#023c88'");
            expect((await next()).palette).toEqual(onBlue.palette);
        },
    );

    it('follows the gradient GNOME draws (color-shading-type with secondary-color)', async () => {
        await gsettingsSet('primary-color', "'#c01c28'");
        await gsettingsSet('secondary-color', "'#26a269'");
        const solidRed = await next();
        await gsettingsSet('color-shading-type', "'vertical'");
        const gradient = await next();
        expect(gradient.palette).not.toEqual(solidRed.palette);
        expect(gradient.palette?.colors.join(' ')).not.toBe(solidRed.palette?.colors.join(' '));
    });

    it('keeps an opaque picture’s palette whatever the desktop colour', async () => {
        const opaque = sandbox.folder('opaque');
        await writeSolid(join(opaque, 'orange.jpg'), '#e66100', { width: 160, height: 90 });
        const first = JSON.parse(
            (await runCli(sandbox, ['next', '--folder', opaque, '--json'])).stdout,
        ) as WallpaperJson;
        await gsettingsSet('primary-color', "'#c01c28'");
        const again = JSON.parse(
            (await runCli(sandbox, ['next', '--folder', opaque, '--json'])).stdout,
        ) as WallpaperJson;
        expect(again.palette).toEqual(first.palette);
        expect(again.palette?.accentName).toBe('orange');
    });

    it(
        'is made over the colour the extension forwards, analysed in the background or not, and ' + 'follows a new one',
        async () => {
            const backend = BackendProcess.start(sandbox);
            backend.onRequest = () => ({ ok: true });
            const analysed = new Promise<void>((done) => {
                const wait = () =>
                    void backend.notification('index.progress').then((params) => {
                        const progress = params as IndexProgressJson;
                        if (progress.phase === 'palettes' && progress.done === progress.total) done();
                        else wait();
                    });
                wait();
            });
            await backend.call('initialize', {
                protocolVersion: 2,
                config: { folders: [folder], desktop: { background: { primaryColor: '#c01c28', shading: 'solid' } } },
                capabilities: { desktop: true },
            });
            await backend.call('index.rescan');
            // The background pass analyses the picture (and stores its palette) before it is first shown.
            await analysed;
            expect((await backend.call('wallpaper.next')).palette?.accentName).toBe('red');
            // The user picks another colour: the wallpaper on screen gets its new palette without waiting for a change.
            const repainted = backend.notification('wallpaper.palette') as Promise<{ wallpaper: WallpaperJson }>;
            await backend.call('config.update', { desktop: { background: { primaryColor: 'rgb(2, 60, 136)' } } });
            const { wallpaper } = await repainted;
            expect(wallpaper.name).toBe('emerald.png');
            expect(wallpaper.palette?.accentName).toBe('blue');
            expect((await backend.call('wallpaper.current'))?.palette).toEqual(wallpaper.palette);
            expect((await backend.call('wallpaper.next')).palette?.accentName).toBe('blue');
            await backend.stop();
        },
    );
});
