// `chameleon import-variety` on a Variety setup as Variety leaves it: its default variety.conf (tests/fixtures/variety,
// see SOURCE.md) with the [sources] section Variety writes after the user added folders, history.txt and
// banned.txt in Variety's formats, its Favorites folder holding a copy of a picture from another folder.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGVariantStringArray } from '../../../backend/src/config/gvariantText.js';
import { openDatabase } from '../../../backend/src/db/database.js';
import type { HistoryEntryJson, VarietyImportJson } from '../../../backend/src/protocol/messages.js';
import { writeNoise, writeSolid } from '../../helpers/images.js';
import { ROOT, makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

const DEFAULT_CONF = readFileSync(join(ROOT, 'tests/fixtures/variety/variety.conf'), 'utf8');

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
    // As if the extension were installed: its schema is where the CLI looks for settings.
    sandbox.env.CHAMELEON_SCHEMA_DIR = join(ROOT, 'dist/extension/schemas');
});
afterEach(() => sandbox.cleanup());

/** The default configuration with its [sources] replaced by `sources`, as Variety's Options.write numbers them. */
function varietyConf(sources: string[]): string {
    const start = DEFAULT_CONF.indexOf('[sources]\n');
    const end = DEFAULT_CONF.indexOf('\n#', start);
    expect(start).toBeGreaterThan(0);
    const lines = sources.map((source, i) => `src${i + 1} = ${source}`);
    return `${DEFAULT_CONF.slice(0, start)}[sources]\n${lines.join('\n')}\n${DEFAULT_CONF.slice(end)}`;
}

describe('chameleon import-variety', () => {
    it(
        "takes over Variety's folders, favourites (and the pictures they were copied from), " +
            'banned URLs and history',
        async () => {
            const home = sandbox.env.HOME!;
            const walls = join(home, 'Pictures', 'Wallpapers');
            const albums = join(home, 'Pictures', 'Holidays');
            const variety = join(home, '.config', 'variety');
            const favourites = join(variety, 'Favorites');
            const fetched = join(variety, 'Fetched');
            for (const folder of [walls, albums, favourites, fetched]) mkdirSync(folder, { recursive: true });
            for (const [name, seed] of [
                ['a', 1],
                ['b', 2],
                ['c', 3],
                ['d', 4],
            ] as const) {
                await writeNoise(join(walls, `${name}.jpg`), { width: 320, height: 180, base: '#446688', seed });
            }
            await writeSolid(join(albums, 'beach.png'), '#d0a040');
            await writeSolid(join(favourites, 'loved.png'), '#aa2222');
            // Variety's "Copy to Favorites": the same bytes under the same name.
            copyFileSync(join(walls, 'c.jpg'), join(favourites, 'c.jpg'));
            await writeSolid(join(fetched, 'from-clipboard.png'), '#22aa22');
            writeFileSync(
                join(variety, 'variety.conf'),
                varietyConf([
                    'True|favorites|The Favorites folder',
                    'True|fetched|The Fetched folder',
                    'False|folder|/usr/share/backgrounds',
                    'False|flickr|user:www.flickr.com/photos/peter-levi/;user_id:93647178@N00;',
                    `True|folder|${walls}`,
                    `True|album (by date)|${albums}`,
                    `True|image|${join(home, 'Pictures', 'one.jpg')}`,
                    'True|wallhaven|nature',
                    'True|folder|/does/not/exist',
                ]),
            );
            const bannedUrls = [
                'https://wallhaven.cc/w/8x1lp1',
                'https://www.flickr.com/photos/peter-levi/52218465478/',
            ];
            writeFileSync(join(variety, 'banned.txt'), bannedUrls.map((url) => `${url}\n`).join(''));
            // Newest first, after the position (1: the user went back one picture).
            const shown = [
                join(walls, 'a.jpg'),
                join(walls, 'b.jpg'),
                join(favourites, 'loved.png'),
                '/media/old-disk/gone.jpg',
            ];
            writeFileSync(join(variety, 'history.txt'), `1\n${shown.join('\n')}\n`);

            const first = await runCli(sandbox, ['import-variety', '--json']);
            expect(first.stderr).toBe('');
            expect(first.exitCode).toBe(0);
            const result = JSON.parse(first.stdout) as VarietyImportJson;
            const folders = [walls, albums, fetched, favourites];
            expect(result).toMatchObject({ folders, foldersSaved: true, favourites: 3, banned: 2, history: 3 });
            expect(result.notes).toEqual([
                'skipped Variety folder /does/not/exist: it does not exist',
                `Variety shows the single picture ${join(home, 'Pictures', 'one.jpg')}; Chameleon takes ` +
                    `folders: add its folder if you want it`,
                "Variety's online sources (wallhaven) are not taken over; add the ones you want on the Online page",
                "1 pictures of Variety's history are not in the imported folders; they were left out",
            ]);
            const stored = await import('execa').then(({ execa }) =>
                execa(
                    'gsettings',
                    [
                        '--schemadir',
                        sandbox.env.CHAMELEON_SCHEMA_DIR!,
                        'get',
                        'org.gnome.shell.extensions.chameleon',
                        'folders',
                    ],
                    { env: sandbox.env, extendEnv: false },
                ),
            );
            expect(parseGVariantStringArray(stored.stdout)).toEqual(folders);

            const history = JSON.parse((await runCli(sandbox, ['history', '--json'])).stdout) as HistoryEntryJson[];
            // Newest first, as Variety listed them.
            expect(history.map((h) => h.path)).toEqual([
                join(walls, 'a.jpg'),
                join(walls, 'b.jpg'),
                join(favourites, 'loved.png'),
            ]);
            // The picture Variety's favourite was copied from is a favourite too.
            for (const path of [join(walls, 'c.jpg'), join(favourites, 'c.jpg'), join(favourites, 'loved.png')]) {
                const why = JSON.parse((await runCli(sandbox, ['why', path, '--json'])).stdout) as {
                    factors: { name: string; value: number }[];
                };
                expect(why.factors.find((f) => f.name === 'favourite')?.value).toBeGreaterThan(1);
            }
            const db = openDatabase(sandbox.dataDir);
            const bans = db.prepare(`SELECT url FROM online_images WHERE banned = 1 ORDER BY url`).all() as {
                url: string;
            }[];
            // Favourites and history carry the content hash that keeps them through a move.
            const unhashed = db
                .prepare(
                    `SELECT count(*) AS n FROM images WHERE (favourite = 1 OR id IN (SELECT image_id FROM ` +
                        `history)) AND content_hash IS NULL`,
                )
                .get() as { n: number };
            db.close();
            expect(bans.map((b) => b.url)).toEqual([...bannedUrls].sort());
            expect(unhashed.n).toBe(0);

            const second = JSON.parse(
                (await runCli(sandbox, ['import-variety', '--json'])).stdout,
            ) as VarietyImportJson;
            expect(second).toMatchObject({ folders, favourites: 0, banned: 0, history: 0 });
        },
        120_000,
    );

    it(
        "leaves the favourites folder out when it is not one of Variety's sources, and still " + 'marks the originals',
        async () => {
            const home = sandbox.env.HOME!;
            const walls = join(home, 'walls');
            const variety = join(home, '.config', 'variety');
            mkdirSync(walls, { recursive: true });
            mkdirSync(join(variety, 'Favorites'), { recursive: true });
            await writeNoise(join(walls, 'kept.jpg'), { width: 320, height: 180, base: '#886644', seed: 9 });
            await writeNoise(join(walls, 'other.jpg'), { width: 320, height: 180, base: '#448866', seed: 10 });
            copyFileSync(join(walls, 'kept.jpg'), join(variety, 'Favorites', 'kept.jpg'));
            // sources.txt's defaults: the favourites folder off unless listed; the fetched folder on (and missing
            // here).
            writeFileSync(join(variety, 'variety.conf'), varietyConf([`True|folder|${walls}`]));
            const result = JSON.parse(
                (await runCli(sandbox, ['import-variety', '--json'])).stdout,
            ) as VarietyImportJson;
            expect(result).toMatchObject({ folders: [walls], favourites: 1, banned: 0, history: 0, notes: [] });
        },
    );

    it('says clearly when there is no Variety to import', async () => {
        const result = await runCli(sandbox, ['import-variety', join(sandbox.dir, 'nowhere')]);
        expect(result.exitCode).toBe(1);
        expect(result.stderr).toBe(
            `chameleon: no Variety configuration at ${join(sandbox.dir, 'nowhere', 'variety.conf')}`,
        );
    });
});
