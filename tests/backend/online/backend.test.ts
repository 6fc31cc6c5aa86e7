// Online sources end to end: the real backend (`chameleon serve --stdio`) and the CLI against a Wallhaven-shaped
// provider on loopback. Downloads join the collection, "Where is it from?" answers, a banned URL is never fetched
// again, API keys stay out of the logs, and with the provider gone the downloads are still shown.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OriginJson, RefreshResultJson, SourcesListJson } from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeSolid } from '../../helpers/images.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';
import { startWallhaven, type Provider } from './helpers/provider.js';

const KEY = 'S3CRET-WALLHAVEN-KEY-42';

let sandbox: Sandbox;
let provider: Provider;
let backend: BackendProcess;
let own: string;

beforeAll(async () => {
    sandbox = makeSandbox();
    sandbox.env.CHAMELEON_LOG = 'debug';
    own = sandbox.folder('own');
    await writeSolid(join(own, 'mine.png'), '#336699', { width: 64, height: 48 });
    provider = await startWallhaven();
    backend = BackendProcess.start(sandbox);
    await backend.call('initialize', {
        protocolVersion: 2,
        config: {
            folders: [own],
            online: {
                sources: [
                    {
                        id: 'wh',
                        kind: 'wallhaven',
                        enabled: true,
                        weight: 3,
                        refreshMinutes: 0,
                        options: { query: 'dunes', purity: ['sfw', 'nsfw'], baseUrl: `${provider.server.base}/api/v1` },
                    },
                ],
                requestIntervalMs: 0,
                perRefresh: 10,
                apiKeys: { wh: KEY },
            },
        },
    });
});

afterAll(async () => {
    await backend?.stop();
    await provider?.server.close();
    sandbox?.cleanup();
});

const downloads = () => join(sandbox.dataDir, 'downloads', 'wh');

describe('an enabled Wallhaven source', () => {
    let first: RefreshResultJson;

    it('downloads the new images of a refresh into its folder, in safe mode, with the key', async () => {
        provider.list([
            { path: '/full/img0.jpg' },
            { path: '/full/img1.jpg' },
            { path: '/full/img2.jpg', purity: 'nsfw' },
            { path: '/full/page.jpg' },
        ]);
        first = await backend.call('sources.refresh', {});
        const [wh] = first.sources;
        expect(wh).toMatchObject({ id: 'wh', error: null, listed: 3, duplicates: 0 });
        expect(wh!.downloaded).toHaveLength(2);
        expect(wh!.failures).toEqual([`${provider.server.base}/full/page.jpg: not an image (text/html)`]);
        const search = new URL(
            provider.server.requests.find((r) => r.url.startsWith('/api/v1/search'))!.url,
            provider.server.base,
        );
        expect(search.searchParams.get('purity')).toBe('100');
        expect(search.searchParams.get('apikey')).toBe(KEY);
        // Safe mode: the NSFW image was never requested.
        expect(provider.server.hitsOf('/full/img2.jpg')).toBe(0);
        expect(readdirSync(downloads()).sort()).toEqual(wh!.downloaded.map((p) => p.split('/').at(-1)).sort());
    });

    it('lists the source with its folder, images and key state', async () => {
        const list: SourcesListJson = await backend.call('sources.list', {});
        expect(list.safeMode).toBe(true);
        expect(list.sources[0]).toMatchObject({
            id: 'wh',
            kind: 'wallhaven',
            enabled: true,
            weight: 3,
            folder: downloads(),
            images: 2,
            apiKey: 'optional',
            hasApiKey: true,
            problem: null,
        });
        expect(list.usedBytes).toBeGreaterThan(0);
        const status = await backend.call('status', {});
        expect(status.folders).toContain(downloads());
    });

    it('shows downloads like any other wallpaper and says where they are from', async () => {
        const shown = await backend.call('wallpaper.next', { folders: [downloads()] });
        expect(first.sources[0]!.downloaded).toContain(shown.path);
        expect(shown.palette).not.toBeNull();
        const origin: OriginJson = await backend.call('image.origin', {});
        expect(origin).toMatchObject({
            path: shown.path,
            online: true,
            sourceId: 'wh',
            kind: 'wallhaven',
            bannedUrl: false,
        });
        expect(origin.originPage).toMatch(/^https:\/\/wallhaven\.cc\/w\//);
        expect(origin.url).toMatch(/\/full\/img[01]\.jpg$/);
        const mine = await backend.call('image.origin', { path: join(own, 'mine.png') });
        expect(mine).toMatchObject({ online: false, url: null });
    });

    it('the CLI lists sources, refreshes and answers "where is it from?" through the running backend', async () => {
        const sources = await runCli(sandbox, ['sources']);
        expect(sources.exitCode).toBe(0);
        expect(sources.stdout).toContain('wh (wallhaven, API key set)  enabled, weight 3, 2 images');
        const origin = await runCli(sandbox, ['origin']);
        expect(origin.stdout).toMatch(/page +https:\/\/wallhaven\.cc\/w\//);
        const refresh = await runCli(sandbox, ['refresh', 'wh', '--json']);
        expect(JSON.parse(refresh.stdout).sources[0]).toMatchObject({ id: 'wh', downloaded: [], error: null });
        const unknown = await runCli(sandbox, ['refresh', 'nope']);
        expect(unknown.exitCode).toBe(1);
        expect(unknown.stderr).toContain('no online source is called nope');
    });

    it('bans the URL of the wallpaper on screen: it moves on, and the URL is never downloaded again', async () => {
        const onScreen = (await backend.call('wallpaper.current', {}))!;
        const { url } = await backend.call('image.origin', {});
        const result = await backend.call('image.banUrl', {});
        expect(result).toMatchObject({ url, banned: true });
        expect(result.next?.path).not.toBe(onScreen.path);
        expect((await backend.call('image.origin', { path: onScreen.path })).bannedUrl).toBe(true);

        // The file goes (as if evicted), and the provider lists the URL again: it is not fetched.
        const bannedPath = new URL(url!).pathname;
        const hits = provider.server.hitsOf(bannedPath);
        provider.list([{ path: bannedPath }, { path: '/full/img3.jpg' }]);
        const again = await backend.call('sources.refresh', { id: 'wh' });
        expect(again.sources[0]!.listed).toBe(2);
        expect(again.sources[0]!.downloaded.map((p) => p.includes('img3'))).toEqual([true]);
        expect(provider.server.hitsOf(bannedPath)).toBe(hits);
    });

    it('keeps showing what was downloaded when the provider is unreachable', async () => {
        await provider.server.close();
        const offline = await backend.call('sources.refresh', {});
        expect(offline.sources[0]!.error).toMatch(
            /cannot get http:\/\/127\.0\.0\.1:\d+\/api\/v1\/search\?.*apikey=\*\*\*.*; the images already downloaded are still shown/,
        );
        const shown = await backend.call('wallpaper.next', { folders: [downloads()] });
        expect(existsSync(shown.path)).toBe(true);
        expect(shown.path.startsWith(downloads())).toBe(true);
        const list = await backend.call('sources.list', {});
        expect(list.sources[0]!.problem).toMatch(/cannot get/);
    });

    it('never writes the API key to the log', () => {
        expect(backend.stderr).toContain('online source wh');
        expect(backend.stderr).not.toContain(KEY);
    });
});

describe('refusals', () => {
    it('refuses to refresh a disabled source, and bad source settings are invalid params', async () => {
        await backend.call('config.update', {
            online: {
                sources: [{ id: 'off', kind: 'bing', enabled: false, options: { baseUrl: 'http://127.0.0.1:9' } }],
            },
        });
        await expect(backend.call('sources.refresh', { id: 'off' })).rejects.toMatchObject({ code: -32031 });
        const bad = await backend.send('config.update', { online: { sources: [{ id: '../etc', kind: 'bing' }] } });
        expect(bad.error?.code).toBe(-32602);
        const list = await backend.call('sources.list', {});
        expect(list.sources.map((s) => [s.id, s.enabled])).toEqual([['off', false]]);
    });
});
