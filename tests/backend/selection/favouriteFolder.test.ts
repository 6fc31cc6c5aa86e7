// Variety's two favourites operations through the real backend (stdio protocol), on real files and the real
// SQLite database: "Move to Favorites" moves the picture on screen into the favourites folder and sets it again
// from there, keeping its favourite and history; "Copy to Favorites" indexes the copy as the same picture, never
// as a new one. Either way the favourites folder is one of the folders pictures are picked from.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/src/db/database.js';
import { PROTOCOL_VERSION, type ImageStateJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeNoise } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const BG = 'org.gnome.desktop.background';
const DAY_MS = 86_400_000;

let sandbox: Sandbox;
let backend: BackendProcess;
let walls: string;
let favourites: string;

beforeEach(async () => {
    sandbox = makeSandbox();
    walls = sandbox.folder('walls');
    favourites = join(sandbox.dir, 'home', 'Pictures', 'Loved');
    for (const [name, seed] of [
        ['dunes', 1],
        ['fjord', 2],
        ['forest', 3],
    ] as const) {
        await writeNoise(join(walls, `${name}.jpg`), { width: 320, height: 180, base: '#6a7a4a', seed });
    }
});

afterEach(async () => {
    await backend?.stop();
    sandbox?.cleanup();
});

async function start(mode: 'copy' | 'move'): Promise<void> {
    backend = BackendProcess.start(sandbox);
    await backend.call('initialize', {
        protocolVersion: PROTOCOL_VERSION,
        config: {
            folders: [walls],
            settings: {
                'selection-favourite-mode': mode,
                'selection-favourites-folder': favourites,
                'selection-min-size-percent': 0,
            },
        },
    });
}

function rows(): {
    path: string;
    favourite: number;
    added_at: number;
    times_shown: number;
    content_hash: string | null;
}[] {
    const db = openDatabase(sandbox.dataDir);
    try {
        return db
            .prepare(`SELECT path, favourite, added_at, times_shown, content_hash FROM images ORDER BY path`)
            .all() as ReturnType<typeof rows>;
    } finally {
        db.close();
    }
}

describe('favourites folder', () => {
    it(
        "'move' moves the picture on screen into the favourites folder, shows it from there, and " +
            'keeps it one picture',
        async () => {
            await start('move');
            const shown = await backend.call('wallpaper.next');
            const state = (await backend.call('image.favourite', {})) as ImageStateJson;
            const moved = join(favourites, shown.name);
            expect(state).toMatchObject({ path: shown.path, favourite: true, movedTo: moved, copiedTo: null });
            expect(existsSync(shown.path)).toBe(false);
            expect(existsSync(moved)).toBe(true);
            // GNOME is given the picture at its new place at once, so the desktop never points at a file that is gone.
            expect(await sandbox.gsettingsGet(BG, 'picture-uri')).toBe(`'${new URL(`file://${moved}`).href}'`);
            expect((await backend.call('wallpaper.current'))!.path).toBe(moved);
            const history = await backend.call('history.list', { limit: 5 });
            expect(history.every((entry) => entry.path === moved)).toBe(true);

            // The favourites folder is a source of its own, and a rescan finds nothing new or gone.
            expect((await backend.call('status')).folders).toEqual([walls, favourites]);
            expect(await backend.call('index.rescan')).toMatchObject({ added: 0, removed: 0, total: 3 });
            const why = await backend.call('selection.explain', { path: moved });
            expect(why.factors.find((f) => f.name === 'favourite')?.value).toBeGreaterThan(1);
            expect(why.folder).toBe(favourites);
            expect(
                rows()
                    .filter((row) => row.favourite === 1)
                    .map((row) => row.path),
            ).toEqual([moved]);
        },
    );

    it(
        "'copy' indexes the copy as the same picture: a favourite, with the original's history, " + 'not a new picture',
        async () => {
            const original = join(walls, 'fjord.jpg');
            const copy = join(favourites, 'fjord.jpg');
            // The collection was indexed long ago: nothing in it is new any more.
            await start('copy');
            await backend.call('index.rescan');
            await backend.stop();
            const db = openDatabase(sandbox.dataDir);
            db.prepare(`UPDATE images SET added_at = ?`).run(Date.now() - 60 * DAY_MS);
            db.close();
            await start('copy');

            const state = (await backend.call('image.favourite', { path: original })) as ImageStateJson;
            expect(state).toMatchObject({ path: original, favourite: true, copiedTo: copy });
            expect(await backend.call('index.rescan')).toMatchObject({ added: 0, removed: 0, total: 4 });
            const indexed = rows();
            const [fromCopy, fromOriginal] = [
                indexed.find((row) => row.path === copy)!,
                indexed.find((row) => row.path === original)!,
            ];
            expect(fromCopy).toMatchObject({
                favourite: 1,
                added_at: fromOriginal.added_at,
                times_shown: fromOriginal.times_shown,
            });
            expect(fromCopy.content_hash).toBe(fromOriginal.content_hash);
            expect(fromCopy.content_hash).toMatch(/^[0-9a-f]{64}$/);
            const why = await backend.call('selection.explain', { path: copy });
            expect(why.factors.find((f) => f.name === 'new image')?.value).toBe(1);
            expect(why.factors.find((f) => f.name === 'favourite')?.value).toBeGreaterThan(1);
        },
    );
});
