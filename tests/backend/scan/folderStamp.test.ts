// A folder's stamp: what a complete scan saw of its sub-folders, so that a lone `chameleon next` can trust an
// unchanged folder with one stat per sub-folder. Every change that adds, removes or renames a file anywhere below
// must break the stamp, and a lone `next` must still find a picture added deep inside.
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderStamp, folderUnchanged } from '../../../backend/src/scan/folderStamp.js';
import { walkFolder } from '../../../backend/src/scan/walkFolder.js';
import type { WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let root: string;
beforeEach(async () => {
    sandbox = makeSandbox();
    root = sandbox.folder('walls');
    mkdirSync(join(root, 'trips', '2024'), { recursive: true });
    await writeSolid(join(root, 'a.png'), '#aa3322');
    await writeSolid(join(root, 'trips', '2024', 'b.png'), '#2233aa');
});
afterEach(() => sandbox.cleanup());

async function stamp(): Promise<string> {
    return folderStamp((await walkFolder(root)).folders);
}

describe("a folder's stamp", () => {
    it('holds while nothing below changes', async () => {
        expect(folderUnchanged(await stamp())).toBe(true);
    });

    const changes: [string, () => Promise<unknown> | void][] = [
        ['a picture added two levels down', () => writeSolid(join(root, 'trips', '2024', 'c.png'), '#22aa33')],
        ['a picture removed', () => rmSync(join(root, 'trips', '2024', 'b.png'))],
        ['a picture renamed', () => renameSync(join(root, 'a.png'), join(root, 'z.png'))],
        ['a sub-folder renamed', () => renameSync(join(root, 'trips', '2024'), join(root, 'trips', '2025'))],
        ['a sub-folder removed', () => rmSync(join(root, 'trips'), { recursive: true })],
        ["a sub-folder's permissions changed", () => chmodSync(join(root, 'trips'), 0o700)],
    ];
    for (const [change, make] of changes) {
        it(`breaks when ${change}`, async () => {
            const before = await stamp();
            await make();
            expect(folderUnchanged(before)).toBe(false);
        });
    }

    it('is not trusted when missing or damaged', () => {
        expect(folderUnchanged(null)).toBe(false);
        expect(folderUnchanged('')).toBe(false);
        expect(folderUnchanged('{not json')).toBe(false);
        expect(folderUnchanged('[]')).toBe(false);
    });
});

describe('a lone chameleon next over a stamped folder', () => {
    it('still finds a picture added deep inside, and shows it before any repeat', async () => {
        const shown = new Set<string>();
        for (let i = 0; i < 2; i++) {
            const run = await runCli(sandbox, ['next', '--folder', root, '--json']);
            expect(run.exitCode).toBe(0);
            shown.add((JSON.parse(run.stdout) as WallpaperJson).path);
        }
        expect(shown.size).toBe(2);
        const added = join(root, 'trips', '2024', 'new.png');
        await writeSolid(added, '#33aa99');
        const run = await runCli(sandbox, ['next', '--folder', root, '--json']);
        expect(run.stderr).toBe('');
        expect((JSON.parse(run.stdout) as WallpaperJson).path).toBe(added);
    });
});
