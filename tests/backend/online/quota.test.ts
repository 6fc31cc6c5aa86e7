// Quota eviction, favourites and progress, in process: the App with a tiny quota against a loopback provider.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../backend/src/app.js';
import type { DesktopSetter } from '../../../backend/src/desktop/desktopSetter.js';
import type { DownloadProgressJson } from '../../../backend/src/protocol/messages.js';
import { makeTempDir, removeTempDir, writeSolid } from '../../helpers/images.js';
import { startWallhaven, type Provider } from './helpers/provider.js';

let dir: string;
let provider: Provider;

beforeAll(async () => {
    dir = await makeTempDir();
    provider = await startWallhaven();
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
});
afterAll(async () => {
    await provider.server.close();
    await removeTempDir(dir);
});

const desktop = { set: async () => undefined } as unknown as DesktopSetter;

describe('the download quota', () => {
    it('evicts the oldest downloads that are not favourites, and reports progress', async () => {
        const own = join(dir, 'own');
        mkdirSync(own, { recursive: true });
        await writeSolid(join(own, 'mine.png'), '#123456');
        const progress: DownloadProgressJson[] = [];
        const imageSize = provider.images.get('/full/img0.jpg')!.length;
        const app = new App({
            dataDir: join(dir, 'data'),
            desktop,
            onDownloadProgress: (p) => progress.push(p),
            onlineHttp: { backoffMs: 10 },
            config: {
                folders: [own],
                online: {
                    sources: [
                        {
                            id: 'wh',
                            kind: 'wallhaven',
                            enabled: true,
                            refreshMinutes: 0,
                            options: { baseUrl: `${provider.server.base}/api/v1` },
                        },
                    ],
                    requestIntervalMs: 0,
                    perRefresh: 2,
                    // Room for two and a half images (the schema's minimum is for users; the service takes any size).
                    quotaMb: (imageSize * 2.5) / 1024 / 1024,
                },
            },
        });
        try {
            provider.list([{ path: '/full/img0.jpg' }, { path: '/full/img1.jpg' }]);
            const first = await app.handlers['sources.refresh']({});
            const [img0, img1] = first.sources[0]!.downloaded;
            expect(first.evicted).toEqual([]);
            expect(progress.filter((p) => p.state === 'done')).toHaveLength(2);
            expect(progress.find((p) => p.state === 'started')).toMatchObject({ sourceId: 'wh', received: 0 });

            // Marking the first a favourite takes it out of the quota: it is never evicted.
            await app.handlers['image.favourite']({ path: img0!, value: true });
            // The next downloads are newer by the clock, however fast this runs.
            for (const at = Date.now(); Date.now() === at;) await new Promise((resolve) => setImmediate(resolve));
            provider.list([{ path: '/full/img2.jpg' }, { path: '/full/img3.jpg' }]);
            const second = await app.handlers['sources.refresh']({});
            expect(second.sources[0]!.downloaded).toHaveLength(2);
            expect(second.evicted).toEqual([img1]);
            expect(existsSync(img0!)).toBe(true);
            expect(existsSync(img1!)).toBe(false);
            const list = app.handlers['sources.list'](undefined) as Awaited<
                ReturnType<App['handlers']['sources.list']>
            >;
            expect(list.sources[0]!.images).toBe(3);
            expect(list.usedBytes).toBeLessThanOrEqual(imageSize * 2.5);

            // The evicted image left the index, and its URL is not fetched again.
            const stats = await app.handlers['collection.stats'](undefined);
            expect(stats.sources.find((s) => s.folder.endsWith('/wh'))?.images).toBe(3);
            const hits = provider.server.hitsOf('/full/img1.jpg');
            provider.list([{ path: '/full/img1.jpg' }]);
            await app.handlers['sources.refresh']({ id: 'wh' });
            expect(provider.server.hitsOf('/full/img1.jpg')).toBe(hits);
        } finally {
            await app.close();
        }
    });

    it('knows which sources are due for a refresh', async () => {
        const app = new App({
            dataDir: join(dir, 'due'),
            desktop,
            config: {
                folders: [],
                online: {
                    sources: [
                        { id: 'on', kind: 'bing', enabled: true, options: { baseUrl: 'http://127.0.0.1:9' } },
                        { id: 'manual', kind: 'bing', enabled: true, refreshMinutes: 0 },
                        { id: 'off', kind: 'bing' },
                        { id: 'nokey', kind: 'unsplash', enabled: true },
                    ],
                },
            },
        });
        try {
            expect(app.online.dueSources().map((s) => s.id)).toEqual(['on']);
            const list = app.online.list();
            expect(list.sources.find((s) => s.id === 'nokey')?.problem).toMatch(/needs an API key/);
        } finally {
            await app.close();
        }
    });
});
