import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/src/db/database.js';
import type { HistoryEntryJson, RescanResultJson, WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { writeNoise, writeSolid } from '../../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

async function json<T>(args: string[]): Promise<T> {
    const result = await runCli(sandbox, [...args, '--json']);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as T;
}

describe('moved and renamed files', () => {
    it('keep their favourite, history and palette', async () => {
        const folder = sandbox.folder('walls');
        const original = join(folder, 'dunes.jpg');
        await writeNoise(original, { width: 320, height: 180, base: '#c2884a', seed: 3 });
        const first = await json<WallpaperJson>(['next', '--folder', folder]);
        expect(first.path).toBe(original);
        await json(['favourite', original, '--folder', folder]);
        await writeSolid(join(folder, 'other.png'), '#224466');

        mkdirSync(join(folder, 'desert'));
        const moved = join(folder, 'desert', 'Dunes at dusk.jpg');
        renameSync(original, moved);
        const scan = await json<RescanResultJson>(['rescan', '--folder', folder]);
        expect(scan).toMatchObject({ moved: 1, added: 1, removed: 0 });

        const why = await json<{ factors: { name: string; value: number }[] }>(['why', moved, '--folder', folder]);
        expect(why.factors.find((f) => f.name === 'favourite')?.value).toBeGreaterThan(1);
        const history = await json<HistoryEntryJson[]>(['history']);
        const entry = history.find((h) => h.path === moved);
        expect(entry?.palette).toEqual(first.palette);
        expect(history.some((h) => h.path === original)).toBe(false);
    });

    it('a favourite that was never shown, and so never hashed, keeps it after a move', async () => {
        const folder = sandbox.folder('walls');
        const original = join(folder, 'fjord.jpg');
        await writeNoise(original, { width: 320, height: 180, base: '#4a7ac2', seed: 5 });
        await writeSolid(join(folder, 'other.png'), '#224466');
        await json(['rescan', '--folder', folder]);
        await json(['favourite', original, '--folder', folder]);

        const moved = join(folder, 'Norway', 'fjord at dawn.jpg');
        mkdirSync(join(folder, 'Norway'));
        renameSync(original, moved);
        expect(await json<RescanResultJson>(['rescan', '--folder', folder])).toMatchObject({
            moved: 1,
            added: 0,
            removed: 0,
        });
        const why = await json<{ factors: { name: string; value: number }[] }>(['why', moved, '--folder', folder]);
        expect(why.factors.find((f) => f.name === 'favourite')?.value).toBeGreaterThan(1);
    });

    it(
        'a favourite and a ban recorded before hashes were kept get their hash at the next scan, ' +
            'and survive a rename',
        async () => {
            const folder = sandbox.folder('walls');
            const loved = join(folder, 'loved.jpg');
            const hated = join(folder, 'hated.jpg');
            await writeNoise(loved, { width: 320, height: 180, base: '#c24a7a', seed: 7 });
            await writeNoise(hated, { width: 320, height: 200, base: '#7ac24a', seed: 8 });
            await writeSolid(join(folder, 'other.png'), '#224466');
            await json(['favourite', loved, '--folder', folder]);
            await json(['ban', hated, '--folder', folder]);
            // As a database of an older version has them: favourite and ban, no hash.
            const db = openDatabase(sandbox.dataDir);
            db.prepare(`UPDATE images SET content_hash = NULL`).run();
            db.close();

            await json(['rescan', '--folder', folder]);
            renameSync(loved, join(folder, 'still loved.jpg'));
            renameSync(hated, join(folder, 'still hated.jpg'));
            expect(await json<RescanResultJson>(['rescan', '--folder', folder])).toMatchObject({
                moved: 2,
                added: 0,
                removed: 0,
            });
            const why = await json<{ factors: { name: string; value: number }[] }>([
                'why',
                join(folder, 'still loved.jpg'),
                '--folder',
                folder,
            ]);
            expect(why.factors.find((f) => f.name === 'favourite')?.value).toBeGreaterThan(1);
            const banned = await runCli(sandbox, [
                'why',
                join(folder, 'still hated.jpg'),
                '--folder',
                folder,
                '--json',
            ]);
            expect((JSON.parse(banned.stdout) as { excludedBy: string | null }).excludedBy).toBe('banned');
        },
    );

    it('analyse records the content hash of each picture it reads', async () => {
        const folder = sandbox.folder('walls');
        await writeNoise(join(folder, 'a.jpg'), { width: 160, height: 90, base: '#c2884a', seed: 1 });
        await writeSolid(join(folder, 'b.png'), '#224466');
        await json(['rescan', '--folder', folder]);
        expect(await json(['analyse', '--folder', folder])).toMatchObject({ analysed: 2 });
        const db = openDatabase(sandbox.dataDir);
        const rows = db.prepare(`SELECT path, content_hash FROM images ORDER BY path`).all() as {
            path: string;
            content_hash: string | null;
        }[];
        db.close();
        expect(rows).toHaveLength(2);
        for (const row of rows) expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('a favourite moved to another folder keeps it, whichever folder is scanned first', async () => {
        const first = sandbox.folder('first');
        const second = sandbox.folder('second');
        const folders = ['--folder', first, '--folder', second];
        await writeNoise(join(first, 'lake.jpg'), { width: 320, height: 180, base: '#4a9ac2', seed: 11 });
        await writeSolid(join(first, 'other.png'), '#224466');
        await writeSolid(join(second, 'another.png'), '#664422');
        await json(['rescan', ...folders]);
        await json(['favourite', join(first, 'lake.jpg'), ...folders]);
        const isFavourite = async (path: string) =>
            ((await json<{ factors: { name: string; value: number }[] }>(['why', path, ...folders])).factors.find(
                (f) => f.name === 'favourite',
            )?.value ?? 0) > 1;

        // From the folder scanned first to the one scanned after: the first scan finds it gone and keeps what it
        // carried, the second finds it again (moved, not added).
        renameSync(join(first, 'lake.jpg'), join(second, 'lake.jpg'));
        expect(await json<RescanResultJson>(['rescan', ...folders])).toMatchObject({ moved: 1, added: 0, removed: 1 });
        expect(await isFavourite(join(second, 'lake.jpg'))).toBe(true);

        // And back: the first folder's scan finds it new, the second's hands the favourite over to it.
        renameSync(join(second, 'lake.jpg'), join(first, 'lake.jpg'));
        expect(await json<RescanResultJson>(['rescan', ...folders])).toMatchObject({ moved: 1, removed: 0 });
        expect(await isFavourite(join(first, 'lake.jpg'))).toBe(true);
        const db = openDatabase(sandbox.dataDir);
        const count = db.prepare(`SELECT count(*) AS n FROM images`).get() as { n: number };
        db.close();
        expect(count.n).toBe(3);
    });
});
