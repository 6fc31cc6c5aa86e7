// A wallpaper set by another program (GNOME Settings, a script): the extension reports its URI and the backend
// takes it as the current wallpaper with its own palette, through the real stdio protocol.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
let backend: BackendProcess;
let folder: string;

beforeEach(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    await writeSolid(join(folder, 'sea.png'), '#1b6ca8', { width: 160, height: 90 });
    backend = BackendProcess.start(sandbox);
    // As the extension does: it sets the wallpaper itself when the backend asks.
    backend.onRequest = () => ({ ok: true });
    await backend.call('initialize', {
        protocolVersion: PROTOCOL_VERSION,
        config: { folders: [folder] },
        capabilities: { desktop: true },
    });
});
afterEach(async () => {
    await backend.stop();
    sandbox.cleanup();
});

describe('wallpaper.adopt', () => {
    it(
        'makes a picture set elsewhere the current wallpaper, with its own palette, announced and ' + 'in history',
        async () => {
            const ours = await backend.call('wallpaper.next');
            expect(ours.palette?.accentName).toBe('blue');
            // Outside the configured folders, as a picture chosen in GNOME Settings usually is.
            const elsewhere = await writeSolid(join(sandbox.folder('Downloads'), 'forest.png'), '#2e8b3a', {
                width: 160,
                height: 90,
            });
            const uri = pathToFileURL(elsewhere).href;
            const announced = backend.notification('wallpaper.changed') as Promise<{
                wallpaper: WallpaperJson;
                reason: string;
            }>;
            const adopted = await backend.call('wallpaper.adopt', { uri });
            expect(adopted).toMatchObject({ path: elsewhere, uri, name: 'forest.png' });
            expect(adopted?.palette?.accentName).toBe('green');
            expect(await announced).toMatchObject({ reason: 'external', wallpaper: { path: elsewhere } });
            expect((await backend.call('wallpaper.current'))?.path).toBe(elsewhere);
            expect((await backend.call('history.list', { limit: 2 })).map((entry) => entry.path)).toEqual([
                elsewhere,
                ours.path,
            ]);
            // Previous goes back to the picture Chameleon had set before.
            expect((await backend.call('wallpaper.previous')).path).toBe(ours.path);
        },
    );

    it('changes nothing for the wallpaper already on screen (a set_wallpaper script writes it itself)', async () => {
        const ours = await backend.call('wallpaper.next');
        expect(await backend.call('wallpaper.adopt', { uri: ours.uri })).toBeNull();
        expect(await backend.call('history.list', { limit: 5 })).toHaveLength(1);
    });

    it('says so for a picture that does not exist, and keeps the current one', async () => {
        const ours = await backend.call('wallpaper.next');
        await expect(
            backend.call('wallpaper.adopt', { uri: pathToFileURL(join(folder, 'gone.png')).href }),
        ).rejects.toThrow(/does not exist/);
        expect((await backend.call('wallpaper.current'))?.path).toBe(ours.path);
    });
});
