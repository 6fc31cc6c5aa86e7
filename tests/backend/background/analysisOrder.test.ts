// On a new collection the background analysis must reach first the pictures Smart Selection is likely to show
// next, so their palettes are ready when they come up: here the only pictures that can be picked are the large
// ones (the small ones are filtered out for the monitor), added after many small ones.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexProgressJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

async function picture(path: string, width: number, height: number, hue: number): Promise<void> {
    await sharp({ create: { width, height, channels: 3, background: `hsl(${hue}, 60%, 50%)` } })
        .png()
        .toFile(path);
}

describe('background analysis order', () => {
    it('analyses the pictures likely to come next before the others', async () => {
        const folder = sandbox.folder('walls');
        // Indexed in name order: 24 small pictures first, then 6 large ones.
        for (let i = 0; i < 24; i++)
            await picture(join(folder, `a-small-${String(i).padStart(2, '0')}.png`), 120, 80, i * 15);
        const large: string[] = [];
        for (let i = 0; i < 6; i++) {
            large.push(join(folder, `b-large-${i}.png`));
            await picture(large.at(-1)!, 640, 480, i * 60);
        }

        const backend = BackendProcess.start(sandbox);
        backend.onRequest = () => ({ ok: true });
        const firstBatch = backend
            .notification('index.progress')
            .then(async function wait(params): Promise<IndexProgressJson> {
                const progress = params as IndexProgressJson;
                return progress.phase === 'palettes' ? progress : wait(await backend.notification('index.progress'));
            });
        await backend.call('initialize', {
            protocolVersion: 2,
            // Pictures under half the 1000×800 monitor's size are not picked: only the large ones can be.
            config: {
                folders: [folder],
                desktop: { monitor: { width: 1000, height: 800 } },
                selection: { minSizePercent: 50 },
            },
            capabilities: { desktop: true },
        });
        const shown = await backend.call('wallpaper.next');
        expect(large).toContain(shown.path);

        const progress = await firstBatch;
        expect(progress.done).toBeLessThan(progress.total);
        // The first batch (8 pictures) holds every large picture not on screen, though 24 small ones came first.
        const analysed = await Promise.all(
            large
                .filter((path) => path !== shown.path)
                .map(async (path) => (await backend.call('selection.explain', { path })).features !== null),
        );
        await backend.stop();
        expect(analysed).toEqual([true, true, true, true, true]);
    });
});
