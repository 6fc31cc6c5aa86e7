import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGVariantStringArray } from '../../backend/src/config/gvariantText.js';
import type { HistoryEntryJson, VarietyImportJson } from '../../backend/src/protocol/messages.js';
import { writeSolid } from '../helpers/images.js';
import { ROOT, makeSandbox, runCli, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
    // As if the extension were installed: its schema is where the CLI looks for settings.
    sandbox.env.CHAMELEON_SCHEMA_DIR = join(ROOT, 'dist/extension/schemas');
});
afterEach(() => sandbox.cleanup());

describe('chameleon import-variety', () => {
    it("takes over Variety's folders, favourites, bans and history, and a second run changes nothing", async () => {
        const home = sandbox.env.HOME!;
        const walls = join(home, 'Pictures', 'Wallpapers');
        const variety = join(home, '.config', 'variety');
        const favourites = join(variety, 'Favorites');
        mkdirSync(walls, { recursive: true });
        mkdirSync(favourites, { recursive: true });
        for (const name of ['a', 'b', 'c', 'd']) await writeSolid(join(walls, `${name}.jpg`), '#446688');
        await writeSolid(join(walls, 'b.jpg'), '#884466');
        await writeSolid(join(favourites, 'loved-1.png'), '#aa2222');
        await writeSolid(join(favourites, 'loved-2.png'), '#22aa22');
        writeFileSync(
            join(variety, 'variety.conf'),
            [
                '# Variety configuration file',
                'change_on_start = False',
                'src1 = True|folder|~/Pictures/Wallpapers',
                'src2 = False|folder|/mnt/old-disk/walls',
                'src3 = True|wallhaven|nature',
                'src4 = True|folder|/does/not/exist',
                '[filters]',
                'src9 = True|folder|/not/a/source/section',
            ].join('\n'),
        );
        writeFileSync(join(variety, 'banned.txt'), `${join(walls, 'c.jpg')}\nhttps://example.invalid/x.jpg\n/elsewhere/y.jpg\n`);
        writeFileSync(join(variety, 'history.txt'), `${join(walls, 'a.jpg')}\n${join(walls, 'b.jpg')}\n${join(favourites, 'loved-1.png')}\n`);

        const first = await runCli(sandbox, ['import-variety', '--json']);
        expect(first.stderr).toBe('');
        expect(first.exitCode).toBe(0);
        const result = JSON.parse(first.stdout) as VarietyImportJson;
        expect(result).toMatchObject({ folders: [walls, favourites], foldersSaved: true, favourites: 2, banned: 1, history: 3 });
        expect(result.notes).toEqual([
            'skipped Variety folder /does/not/exist: it does not exist',
            '1 banned images of Variety are not in the imported folders; they were left alone',
        ]);
        const saved = await runCli(sandbox, ['status', '--json']);
        expect((JSON.parse(saved.stdout) as { folders: string[] }).folders).toEqual([walls, favourites]);
        const stored = await import('execa').then(({ execa }) =>
            execa('gsettings', ['--schemadir', sandbox.env.CHAMELEON_SCHEMA_DIR!, 'get', 'org.gnome.shell.extensions.chameleon', 'folders'], { env: sandbox.env, extendEnv: false }),
        );
        expect(parseGVariantStringArray(stored.stdout)).toEqual([walls, favourites]);

        const history = JSON.parse((await runCli(sandbox, ['history', '--json'])).stdout) as HistoryEntryJson[];
        expect(history.map((h) => h.path)).toEqual([join(walls, 'a.jpg'), join(walls, 'b.jpg'), join(favourites, 'loved-1.png')]);
        const why = JSON.parse((await runCli(sandbox, ['why', join(favourites, 'loved-2.png'), '--json'])).stdout) as { factors: { name: string; value: number }[] };
        expect(why.factors.find((f) => f.name === 'favourite')?.value).toBeGreaterThan(1);

        const second = JSON.parse((await runCli(sandbox, ['import-variety', '--json'])).stdout) as VarietyImportJson;
        expect(second).toMatchObject({ folders: [walls, favourites], favourites: 0, banned: 0, history: 0 });

        // The picture Variety banned has no chance at all, and a change shows another.
        const banned = JSON.parse((await runCli(sandbox, ['why', join(walls, 'c.jpg'), '--json'])).stdout) as { excludedBy: string | null; probability: number };
        expect(banned).toMatchObject({ excludedBy: 'banned', probability: 0 });
        const shown = JSON.parse((await runCli(sandbox, ['next', '--json'])).stdout) as { path: string };
        expect(shown.path).not.toBe(join(walls, 'c.jpg'));
    }, 120_000);

    it('says clearly when there is no Variety to import', async () => {
        const result = await runCli(sandbox, ['import-variety', join(sandbox.dir, 'nowhere')]);
        expect(result.exitCode).toBe(1);
        expect(result.stderr).toBe(`chameleon: no Variety configuration at ${join(sandbox.dir, 'nowhere', 'variety.conf')}`);
    });
});
