import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let outer: string;
let best: string;
beforeEach(async () => {
    sandbox = makeSandbox();
    outer = sandbox.folder('Pictures');
    best = join(outer, 'best');
    mkdirSync(best);
    await writeSolid(join(outer, 'a.png'), '#aa3333');
    await writeSolid(join(outer, 'b.png'), '#33aa33');
    await writeSolid(join(best, 'c.png'), '#3333aa');
    await writeSolid(join(best, 'd.png'), '#aaaa33');
});
afterEach(() => sandbox.cleanup());

const underBest = (path: string) => path.startsWith(`${best}/`);

describe('folders nested in one another', () => {
    it('finds the pictures of a folder inside an indexed one, and of a folder around it', async () => {
        const backend = BackendProcess.start(sandbox);
        try {
            await backend.call('initialize', { protocolVersion: 2, config: { folders: [outer] } });
            await backend.call('wallpaper.next');
            expect((await backend.call('status')).images).toBe(4);
            for (let i = 0; i < 4; i++)
                expect(underBest((await backend.call('wallpaper.next', { folders: [best] })).path)).toBe(true);
            // And the other way: a picture first indexed under the inner folder is found from the outer one.
            const shown = new Set<string>();
            for (let i = 0; i < 40 && shown.size < 4; i++)
                shown.add((await backend.call('wallpaper.next', { folders: [outer] })).path);
            expect(shown.size).toBe(4);
        } finally {
            await backend.stop();
        }
    });

    it(
        'keeps every picture in rotation when a folder is swapped for its parent, and counts each ' +
            'once when both are configured',
        async () => {
            const backend = BackendProcess.start(sandbox);
            try {
                await backend.call('initialize', { protocolVersion: 2, config: { folders: [best] } });
                await backend.call('wallpaper.next');
                expect((await backend.call('status')).images).toBe(2);
                await backend.call('config.update', { folders: [outer] });
                await backend.call('wallpaper.next');
                expect((await backend.call('status')).images).toBe(4);
                await backend.call('config.update', { folders: [outer, best] });
                await backend.call('wallpaper.next');
                expect((await backend.call('status')).images).toBe(4);
                const stats = await backend.call('collection.stats');
                expect(JSON.stringify(stats)).toContain('"images":4');
            } finally {
                await backend.stop();
            }
        },
    );

    it(
        'finds again the pictures of a folder that was away while its parent was in use (moved ' + 'aside and back)',
        async () => {
            const backend = BackendProcess.start(sandbox);
            try {
                await backend.call('initialize', { protocolVersion: PROTOCOL_VERSION, config: { folders: [best] } });
                await backend.call('wallpaper.next');
                // The user takes `best` out of Pictures, uses Pictures for a while, then puts `best` back and picks it.
                renameSync(best, join(sandbox.dir, 'best-aside'));
                await backend.call('config.update', { folders: [outer] });
                await backend.call('wallpaper.next');
                expect((await backend.call('status')).images).toBe(2);
                renameSync(join(sandbox.dir, 'best-aside'), best);
                await backend.call('config.update', { folders: [best] });
                expect(underBest((await backend.call('wallpaper.next')).path)).toBe(true);
                expect((await backend.call('status')).images).toBe(2);
            } finally {
                await backend.stop();
            }
        },
    );

    it('lets `chameleon next --folder` name a folder inside the indexed one', async () => {
        expect((await runCli(sandbox, ['rescan', '--folder', outer])).exitCode).toBe(0);
        const next = await runCli(sandbox, ['next', '--folder', best, '--json']);
        expect(next.stderr).toBe('');
        expect(underBest((JSON.parse(next.stdout) as { path: string }).path)).toBe(true);
    });
});
