// How refreshes hold up when one source misbehaves: a huge listing, a source that hangs, downloads that never
// finish. The App in process against loopback providers, with its real SQLite database and download folders.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../backend/src/app.js';
import { MAX_ATTEMPTS } from '../../../backend/src/online/attributionStore.js';
import { partName } from '../../../backend/src/online/downloader.js';
import type { DownloadProgressJson, OnlineSourceConfigJson } from '../../../backend/src/protocol/messages.js';
import { useOnlineApps } from './helpers/onlineApp.js';
import { startWallhaven, type Provider } from './helpers/provider.js';

let provider: Provider;
let clock = Date.UTC(2026, 0, 1, 10, 0);
const apps = useOnlineApps();

beforeEach(async () => {
    provider = await startWallhaven();
});
afterEach(async () => {
    await provider.server.close();
});

let downloads = '';
function start(
    sources: OnlineSourceConfigJson[],
    extra: { quotaMb?: number; onProgress?: (p: DownloadProgressJson) => void; now?: () => number } = {},
): App {
    const { quotaMb, ...options } = extra;
    const started = apps.start({ sources, ...(quotaMb ? { quotaMb } : {}) }, options);
    downloads = started.downloads;
    return started.app;
}

const wallhaven = (): OnlineSourceConfigJson => ({
    id: 'wh',
    kind: 'wallhaven',
    enabled: true,
    refreshMinutes: 0,
    options: { baseUrl: `${provider.server.base}/api/v1` },
});

function listing(folder: string): string {
    return readdirSync(folder, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `${join(entry.parentPath, entry.name)} ${statSync(join(entry.parentPath, entry.name)).size}`)
        .join('\n');
}

function bytesUnder(folder: string): number {
    let total = 0;
    for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
        if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
    }
    return total;
}

describe('a listing of 40,000 images', () => {
    it('is checked against what is known in bounded queries, and the other sources are refreshed too', async () => {
        const items = Array.from({ length: 40_000 }, (_, i) => ({ url: `${provider.server.base}/x/${i}.jpg` }));
        provider.server.json('/big.json', { items });
        provider.list([{ path: '/full/img0.jpg' }, { path: '/full/img1.jpg' }]);
        const service = start([
            {
                id: 'big',
                kind: 'json',
                enabled: true,
                refreshMinutes: 0,
                options: { url: `${provider.server.base}/big.json`, itemsPath: 'items', urlPath: 'url' },
            },
            wallhaven(),
        ]);
        const result = await service.handlers['sources.refresh']({});
        expect(result.sources.find((s) => s.id === 'big')).toMatchObject({ error: null, listed: 40_000 });
        expect(result.sources.find((s) => s.id === 'wh')!.downloaded).toHaveLength(2);
        // A second refresh sees the tried URLs as settled.
        const again = await service.handlers['sources.refresh']({ id: 'big' });
        expect(again.sources[0]).toMatchObject({ error: null, listed: 40_000 });
        expect(service.online.list().sources.map((s) => s.problem)).toEqual([null, null]);
    });
});

describe('a source that hangs', () => {
    it('holds up no other source', async () => {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        provider.server.route('/slow.json', async (_req, res) => {
            await released;
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"items": []}');
        });
        provider.list([{ path: '/full/img2.jpg' }]);
        let whDone!: () => void;
        const whDownloaded = new Promise<void>((resolve) => (whDone = resolve));
        const service = start(
            [
                {
                    id: 'slow',
                    kind: 'json',
                    enabled: true,
                    refreshMinutes: 0,
                    options: { url: `${provider.server.base}/slow.json`, itemsPath: 'items', urlPath: 'url' },
                },
                wallhaven(),
            ],
            {
                onProgress: (p) => {
                    if (p.sourceId === 'wh' && p.state === 'done') whDone();
                },
            },
        );
        const refreshing = service.handlers['sources.refresh']({});
        // Wallhaven's image arrives while the first source's listing is still unanswered.
        await whDownloaded;
        expect(provider.server.hitsOf('/slow.json')).toBe(1);
        release();
        const result = await refreshing;
        expect(result.sources.map((s) => [s.id, s.error])).toEqual([
            ['slow', null],
            ['wh', null],
        ]);
    });
});

describe('downloads cut off every time', () => {
    it('leave partial files that count in the quota and are cleaned up', async () => {
        const image = provider.images.get('/full/img0.jpg')!;
        for (let i = 0; i < 12; i++) {
            provider.server.route(`/cut/${i}.jpg`, (_req, res) => {
                res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length });
                res.write(image.subarray(0, Math.floor(image.length / 2)), () => res.destroy());
            });
        }
        const quota = image.length * 2.5;
        const service = start([wallhaven()], { quotaMb: quota / 1024 / 1024 });
        const root = downloads;
        for (let refresh = 0; refresh < 5; refresh++) {
            provider.list([{ path: `/cut/${refresh * 2}.jpg` }, { path: `/cut/${refresh * 2 + 1}.jpg` }]);
            const result = await service.handlers['sources.refresh']({});
            expect(result.sources[0]!.failures).toHaveLength(2);
            expect(bytesUnder(root), listing(root)).toBeLessThanOrEqual(quota);
        }
        expect(service.online.list().usedBytes).toBe(bytesUnder(root));
    });

    it('are kept for a resume while the URL is tried again, and removed once it is given up', async () => {
        const image = provider.images.get('/full/img0.jpg')!;
        provider.server.route('/cut/once.jpg', (_req, res) => {
            res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length });
            res.write(image.subarray(0, Math.floor(image.length / 2)), () => res.destroy());
        });
        const service = start([wallhaven()], { now: () => clock });
        const partial = join(downloads, '.partial', partName(`${provider.server.base}/cut/once.jpg`));
        provider.list([{ path: '/cut/once.jpg' }]);
        const kept: boolean[] = [];
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            await service.handlers['sources.refresh']({});
            kept.push(existsSync(partial));
            // Past the longest wait between tries.
            clock += 24 * 3600_000;
        }
        expect(kept).toEqual([...Array<boolean>(MAX_ATTEMPTS - 1).fill(true), false]);
        expect(provider.server.hitsOf('/cut/once.jpg')).toBe(MAX_ATTEMPTS * 2);
    });
});
