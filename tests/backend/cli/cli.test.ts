import { copyFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGVariantString } from '../../../backend/src/config/gvariantText.js';
import type { HistoryEntryJson, RescanResultJson, WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

async function writeImage(path: string, hex: string, width = 96, height = 64): Promise<string> {
    await sharp({ create: { width, height, channels: 3, background: hex } }).toFile(path);
    return path;
}

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

async function cliJson<T>(args: string[]): Promise<T> {
    const result = await runCli(sandbox, [...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    return JSON.parse(result.stdout) as T;
}

describe('chameleon CLI', () => {
    it('prints help and version, and rejects unknown commands with exit status 2', async () => {
        const help = await runCli(sandbox, ['--help']);
        expect(help.exitCode).toBe(0);
        expect(help.stdout).toMatch(/Usage: chameleon/);
        expect((await runCli(sandbox, ['--version'])).stdout).toMatch(/^chameleon \d+\.\d+\.\d+/);
        const bad = await runCli(sandbox, ['fly']);
        expect(bad.exitCode).toBe(2);
        expect(bad.stderr).toBe("chameleon: unknown command: fly\nTry 'chameleon --help'.");
        expect((await runCli(sandbox, ['previous', '--folder', '/x'])).exitCode).toBe(2);
        expect((await runCli(sandbox, ['history', '--limit', 'lots'])).stderr).toMatch(
            /--limit must be a positive whole number/,
        );
    });

    it('sets a wallpaper from --folder: both GNOME URIs, its palette and accent', async () => {
        const folder = sandbox.folder('walls');
        await writeImage(join(folder, 'red.png'), '#d01c1c');
        const wallpaper = await cliJson<WallpaperJson>(['next', '--folder', folder]);
        expect(wallpaper.path).toBe(join(folder, 'red.png'));
        expect(wallpaper.uri).toBe(`file://${folder}/red.png`);
        expect(wallpaper.palette?.colors).toHaveLength(16);
        expect(wallpaper.palette?.accentName).toBe('red');
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(`'${wallpaper.uri}'`);
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri-dark')).toBe(
            `'${wallpaper.uri}'`,
        );
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-options')).toBe(`'zoom'`);
    });

    it('writes URIs that GNOME turns back into the exact file, whatever the file name', async () => {
        const folder = sandbox.folder('odd names');
        const names = ["it's #1 — 100% ünïcødé.jpg", 'a?b&c=d;e.png', 'tab\there "quoted".webp', 'new\nline.png'];
        for (const name of names) {
            await writeImage(join(folder, name), '#2190a4');
            const wallpaper = await cliJson<WallpaperJson>(['next', '--folder', folder]);
            rmSync(wallpaper.path);
            const stored = parseGVariantString(
                await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri-dark'),
            );
            expect(stored).toBe(wallpaper.uri);
            expect(stored).not.toMatch(/[ #\n\t"ü]/);
            expect(fileURLToPath(stored)).toBe(join(folder, name));
        }
    });

    it('walks back with previous and forward again with next before picking new images', async () => {
        const folder = sandbox.folder('walls');
        for (const [name, hex] of [
            ['a', '#ff0000'],
            ['b', '#00ff00'],
            ['c', '#0000ff'],
            ['d', '#ffff00'],
        ]) {
            await writeImage(join(folder, `${name}.png`), hex!);
        }
        const shown: string[] = [];
        for (let i = 0; i < 3; i++) shown.push((await cliJson<WallpaperJson>(['next', '--folder', folder])).path);
        const history = await cliJson<HistoryEntryJson[]>(['history']);
        expect(history.map((h) => h.path)).toEqual([...shown].reverse());
        expect(Date.parse(history[0]!.shownAt)).toBeGreaterThanOrEqual(Date.parse(history[2]!.shownAt));

        expect((await cliJson<WallpaperJson>(['previous'])).path).toBe(shown[1]);
        expect((await cliJson<WallpaperJson>(['previous'])).path).toBe(shown[0]);
        expect((await cliJson<WallpaperJson | null>(['current']))?.path).toBe(shown[0]);
        const oldest = await runCli(sandbox, ['previous']);
        expect(oldest.exitCode).toBe(1);
        expect(oldest.stderr).toBe('chameleon: this is the oldest wallpaper in the history');

        const forward = await cliJson<WallpaperJson>(['next']);
        expect(forward.path).toBe(shown[1]);
        expect(forward.palette).toEqual(history[1]!.palette);
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(`'${forward.uri}'`);
        expect((await cliJson<WallpaperJson>(['next'])).path).toBe(shown[2]);
        expect(await cliJson<HistoryEntryJson[]>(['history'])).toHaveLength(3);
    });

    it('never shows the current image twice in a row while another exists', async () => {
        const folder = sandbox.folder('walls');
        await writeImage(join(folder, 'one.png'), '#111111');
        await writeImage(join(folder, 'two.png'), '#eeeeee');
        let previous = '';
        for (let i = 0; i < 6; i++) {
            const { path } = await cliJson<WallpaperJson>(['next', '--folder', folder]);
            expect(path).not.toBe(previous);
            previous = path;
        }
    });

    it('picks up added, changed and removed files on rescan and skips what it cannot show, saying why', async () => {
        const folder = sandbox.folder('walls');
        await writeImage(join(folder, 'keep.png'), '#123456');
        await writeImage(join(folder, 'change.png'), '#654321');
        await writeImage(join(folder, 'remove.png'), '#abcdef');
        writeFileSync(join(folder, 'notes.txt'), 'not an image');
        writeFileSync(join(folder, 'fake.jpg'), 'not a jpeg either');
        const first = await cliJson<RescanResultJson>(['rescan', '--folder', folder]);
        expect(first).toMatchObject({ added: 4, changed: 0, removed: 0, skipped: 1, total: 3 });

        const again = await cliJson<RescanResultJson>(['rescan', '--folder', folder]);
        expect(again).toMatchObject({ added: 0, changed: 0, removed: 0, total: 3 });

        rmSync(join(folder, 'remove.png'));
        await writeImage(join(folder, 'change.png.tmp.png'), '#000000', 300, 200);
        renameSync(join(folder, 'change.png.tmp.png'), join(folder, 'change.png'));
        copyFileSync(join(folder, 'keep.png'), join(folder, 'new.png'));
        const third = await cliJson<RescanResultJson>(['rescan', '--folder', folder]);
        expect(third).toMatchObject({ added: 1, changed: 1, removed: 1, total: 3 });
    });

    it(
        'fails with one clear line and status 1 for a missing folder, an empty folder, or nothing ' + 'to go back to',
        async () => {
            const missing = await runCli(sandbox, ['next', '--folder', join(sandbox.dir, 'nope')]);
            expect(missing.exitCode).toBe(1);
            expect(missing.stderr).toBe(`chameleon: folder not found: ${join(sandbox.dir, 'nope')}`);

            const empty = sandbox.folder('empty');
            const none = await runCli(sandbox, ['next', '--folder', empty]);
            expect(none.exitCode).toBe(1);
            expect(none.stderr).toBe(`chameleon: no usable images in ${empty}`);

            const back = await runCli(sandbox, ['previous']);
            expect(back.exitCode).toBe(1);
            expect(back.stderr).toBe('chameleon: no wallpaper has been shown yet');
        },
    );

    it('uses the Pictures folder when no folder is configured', async () => {
        const pictures = sandbox.folder('home/Pictures');
        await writeImage(join(pictures, 'home.png'), '#3a944a');
        expect((await cliJson<WallpaperJson>(['next'])).path).toBe(join(pictures, 'home.png'));
    });

    it('does not record a wallpaper the desktop refused or did not keep', async () => {
        const folder = sandbox.folder('walls');
        await writeImage(join(folder, 'a.png'), '#ff0000');
        // The keyfile backend writes under XDG_CONFIG_HOME; a file in its place makes every write fail.
        writeFileSync(join(sandbox.dir, 'config'), 'in the way');
        const refused = await runCli(sandbox, ['next', '--folder', folder]);
        expect(refused.exitCode).toBe(1);
        expect(refused.stderr).toMatch(/^chameleon: could not set the wallpaper to .*a\.png: .*not writable$/);
        rmSync(join(sandbox.dir, 'config'));

        // With no session to save settings in, gsettings keeps them in memory and still exits 0.
        sandbox.env.GSETTINGS_BACKEND = 'memory';
        const lost = await runCli(sandbox, ['next', '--folder', folder]);
        expect(lost.exitCode).toBe(1);
        expect(lost.stderr).toMatch(
            /^chameleon: the desktop did not keep the wallpaper .*a\.png: GSettings changes are not saved/,
        );
        sandbox.env.GSETTINGS_BACKEND = 'keyfile';
        expect(await cliJson<HistoryEntryJson[]>(['history'])).toEqual([]);
    });
});
