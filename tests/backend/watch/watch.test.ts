import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let backend: BackendProcess | null = null;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(async () => {
    await backend?.stop();
    backend = null;
    sandbox.cleanup();
});

async function start(folder: string, env: NodeJS.ProcessEnv = {}): Promise<BackendProcess> {
    backend = BackendProcess.start({ ...sandbox, env: { ...sandbox.env, ...env } });
    backend.onRequest = () => ({ ok: true });
    await backend.call('initialize', {
        protocolVersion: 2,
        config: { folders: [folder], backgroundAnalysis: false },
        capabilities: { desktop: true },
    });
    await backend.call('index.rescan');
    return backend;
}

/** Polls `status.images` until it equals `count` (the watcher is asynchronous by nature), or gives up. */
async function expectImages(b: BackendProcess, count: number, withinMs = 10_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    let images = -1;
    while (Date.now() < deadline) {
        images = (await b.call('status')).images;
        if (images === count) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(images).toBe(count);
}

describe('live folder watching', () => {
    it('picks up new, moved-in and deleted files, in new sub-folders too, without a rescan request', async () => {
        const folder = sandbox.folder('walls');
        await writeSolid(join(folder, 'first.png'), '#101010');
        const b = await start(folder);
        await expectImages(b, 1);

        await writeSolid(join(folder, 'second.png'), '#202020');
        await expectImages(b, 2);

        // A picture written into a new sub-folder is found; once it is, the sub-folder is watched too.
        mkdirSync(join(folder, 'trip'));
        await writeSolid(join(folder, 'trip', 'written.png'), '#2a2a2a');
        await expectImages(b, 3);
        await writeSolid(join(sandbox.dir, 'outside.png'), '#303030');
        renameSync(join(sandbox.dir, 'outside.png'), join(folder, 'trip', 'moved-in.png'));
        await expectImages(b, 4);

        rmSync(join(folder, 'first.png'));
        await expectImages(b, 3);
        const shown = await b.call('wallpaper.next');
        expect(shown.path).not.toBe(join(folder, 'first.png'));
    });

    it('falls back to periodic rescans when it may not watch the folder', async () => {
        const folder = sandbox.folder('walls');
        for (const sub of ['a', 'b', 'c']) mkdirSync(join(folder, sub));
        await writeSolid(join(folder, 'a', 'one.png'), '#111111');
        const b = await start(folder, {
            CHAMELEON_MAX_WATCHES: '2',
            CHAMELEON_FALLBACK_RESCAN_MS: '1000',
            CHAMELEON_LOG: 'info',
        });
        await expectImages(b, 1);
        await writeSolid(join(folder, 'c', 'two.png'), '#222222');
        await expectImages(b, 2);
        expect(b.stderr).toMatch(
            /not watching .*walls \(it has 4 folders, over the watch limit\); rescanning it every 1 s instead/,
        );
    });
});
