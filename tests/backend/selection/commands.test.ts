// The Smart Selection commands end to end: the built CLI (alone) and the real backend over stdio.
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
    ErrorCode,
    type ExplainJson,
    type ImageStateJson,
    type StatsJson,
    type TrashResultJson,
    type WallpaperJson,
} from '../../../backend/src/protocol/messages.js';
import { readTrashInfo } from '../../../backend/src/trash/freedesktopTrash.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let folder: string;
beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    for (const [name, hex] of [
        ['red', '#d01c1c'],
        ['green', '#1cd01c'],
        ['blue', '#1c1cd0'],
        ['dark', '#111111'],
        ['light', '#eeeeee'],
    ]) {
        await writeSolid(join(folder, `${name}.png`), hex!, { width: 160, height: 90 });
    }
});
afterEach(() => sandbox.cleanup());

async function cli<T>(...args: string[]): Promise<T> {
    const result = await runCli(sandbox, [...args, '--folder', folder, '--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    return JSON.parse(result.stdout) as T;
}

describe('Smart Selection commands (CLI)', () => {
    // A few CLI processes per test: each is a Node start, slow on a busy machine.
    it('favourites the wallpaper on screen and explains its chance', async () => {
        const shown = await cli<WallpaperJson>('next');
        const state = await cli<ImageStateJson>('favourite');
        expect(state).toMatchObject({ path: shown.path, favourite: true, banned: false, copiedTo: null });
        const why = await cli<ExplainJson>('why');
        expect(why.path).toBe(shown.path);
        expect(why.factors.find((f) => f.name === 'favourite')?.value).toBe(2);
        expect(why.factors.find((f) => f.name === 'recency')?.value).toBeLessThan(0.01);
        expect(why.lastPick?.probability).toBeCloseTo(1 / 5, 6);
        expect(why.lastPick?.candidates).toBe(5);
        expect((await cli<ImageStateJson>('unfavourite')).favourite).toBe(false);
    });

    it('counts favourites and the wallpaper on screen in its cooldown', async () => {
        await cli<WallpaperJson>('next');
        await cli<ImageStateJson>('favourite');
        const stats = await cli<StatsJson>('stats');
        expect(stats).toMatchObject({ images: 5, eligible: 5, favourites: 1, banned: 0 });
        expect(stats.freshness.cooling).toBe(1);
        expect(stats.sources).toEqual([expect.objectContaining({ folder, images: 5, share: 1 })]);
    });

    it('counts lightness and colour families once the pictures are analysed', async () => {
        await cli<WallpaperJson>('next');
        const analysed = await cli<{ analysed: number; remaining: number }>('analyse');
        expect(analysed).toEqual({ analysed: 5, remaining: 0 });
        const after = await cli<StatsJson>('stats');
        // #1c1cd0 is dark too (OKLab lightness 0.42).
        expect(after.lightness).toMatchObject({ dark: 2, medium: 2, light: 1, unknown: 0 });
        expect(after.hue).toMatchObject({ red: 1, green: 1, blue: 1, grey: 2 });
    });

    it('never shows a banned image', async () => {
        const banned = join(folder, 'red.png');
        expect((await cli<ImageStateJson>('ban', banned)).banned).toBe(true);
        expect((await cli<ExplainJson>('why', banned)).excludedBy).toBe('banned');
        expect((await cli<WallpaperJson>('next')).path).not.toBe(banned);
    });

    it('shows a picture again once unbanned', async () => {
        const banned = join(folder, 'red.png');
        await cli<ImageStateJson>('ban', banned);
        await cli<ImageStateJson>('unban', banned);
        expect((await cli<ExplainJson>('why', banned)).excludedBy).toBeNull();
    });

    it('moves the wallpaper on screen to the freedesktop trash, restorably, and shows the next one', async () => {
        const shown = await cli<WallpaperJson>('next');
        const result = await cli<TrashResultJson>('trash');
        expect(result.path).toBe(shown.path);
        expect(result.next?.path).not.toBe(shown.path);
        expect(existsSync(shown.path)).toBe(false);
        const trash = join(sandbox.env.XDG_DATA_HOME!, 'Trash');
        expect(result.trashedTo).toBe(join(trash, 'files', `${shown.name}`));
        expect(existsSync(result.trashedTo)).toBe(true);
        const info = readTrashInfo(result.infoFile);
        expect(info.path).toBe(shown.path);
        expect(info.deletionDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
        expect(readdirSync(join(trash, 'info'))).toEqual([`${shown.name}.trashinfo`]);
        // Restoring is moving it back, as Files does; the next rescan finds it again.
        renameSync(result.trashedTo, info.path);
        const rescan = await cli<{ added: number }>('rescan');
        expect(rescan.added).toBe(1);
    });

    it('refuses paths that are not indexed images of the configured folders, touching nothing', async () => {
        const outside = join(sandbox.folder('elsewhere'), 'x.png');
        await writeSolid(outside, '#123456');
        for (const verb of ['trash', 'ban', 'favourite', 'why']) {
            const result = await runCli(sandbox, [verb, outside, '--folder', folder]);
            expect(result.exitCode).toBe(1);
            expect(result.stderr).toMatch(/is not an image in Chameleon's wallpaper folders/);
        }
        expect(existsSync(outside)).toBe(true);
    });
});

describe('Smart Selection over the protocol', () => {
    it('pauses (and says so to every client), fast-forwards, explains', async () => {
        const backend = BackendProcess.start(sandbox, ['--folder', folder]);
        try {
            await backend.call('initialize', { protocolVersion: 2 });
            const first = await backend.call('wallpaper.next', {});
            const paused = backend.notification('selection.paused');
            expect(await backend.call('selection.pause', {})).toEqual({ paused: true });
            expect(await paused).toEqual({ paused: true });
            expect((await backend.call('status', {})).paused).toBe(true);
            // A change the user asks for still happens.
            const second = await backend.call('wallpaper.next', {});
            expect(second.path).not.toBe(first.path);
            await backend.call('wallpaper.previous', {});
            const forward = await backend.call('wallpaper.fastForward', {});
            expect([first.path, second.path]).not.toContain(forward.path);
            expect(await backend.call('selection.resume', {})).toEqual({ paused: false });
            await backend.call('wallpaper.next', {});
            const why = await backend.call('selection.explain', { path: forward.path });
            expect(why.factors.map((f) => f.name)).toEqual([
                'favourite',
                'new image',
                'colour affinity',
                'time of day',
                'recency',
                'source weight',
                'source recency',
            ]);
            const bad = await backend.send('image.ban', { path: '/etc/passwd' });
            expect(bad.error?.code).toBe(ErrorCode.ImageNotIndexed);
            await backend.call('config.update', { settings: { 'selection-favourite-boost': 5 } });
            await backend.call('image.favourite', { path: forward.path });
            const boosted = await backend.call('selection.explain', { path: forward.path });
            expect(boosted.factors.find((f) => f.name === 'favourite')?.value).toBe(5);
        } finally {
            expect(await backend.stop()).toBe(0);
        }
    });
});
