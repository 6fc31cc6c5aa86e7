// Providers' behaviour across refreshes, against loopback servers that answer in each service's format: paging
// (Wallhaven's meta.last_page, Reddit's after), Unsplash's freshly signed URLs, imgur's "removed" placeholder and
// a passing bot check on an image host. The App in process, with its real database and folders.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../backend/src/app.js';
import type { OnlineSourceConfigJson } from '../../../backend/src/protocol/messages.js';
import { LoopbackServer } from './helpers/loopbackServer.js';
import { useOnlineApps } from './helpers/onlineApp.js';
import { noiseJpeg } from './helpers/provider.js';

let server: LoopbackServer;
let clock = Date.UTC(2026, 0, 1, 10, 0);
const apps = useOnlineApps();

beforeEach(async () => {
    server = await LoopbackServer.start();
    for (let i = 0; i < 6; i++) server.bytes(`/full/img${i}.jpg`, await noiseJpeg(100 + i));
});
afterEach(async () => {
    await server.close();
});

let downloads = '';
function start(source: OnlineSourceConfigJson, perRefresh = 2, apiKeys: Record<string, string> = {}): App {
    const started = apps.start(
        { sources: [{ enabled: true, refreshMinutes: 0, ...source }], perRefresh, apiKeys },
        { now: () => clock },
    );
    downloads = started.downloads;
    return started.app;
}

/** Three refreshes in a row: the names of what each downloaded. */
async function threeRefreshes(service: App): Promise<string[][]> {
    const got: string[][] = [];
    for (let refresh = 0; refresh < 3; refresh++)
        got.push(names((await service.handlers['sources.refresh']({})).sources[0]!.downloaded));
    return got;
}

const names = (paths: string[]) =>
    paths
        .map((p) =>
            p
                .split('/')
                .at(-1)!
                .replace(/-[0-9a-f]{8}\.jpg$/, ''),
        )
        .sort();

describe('paging', () => {
    it('Wallhaven: each of three refreshes brings the next page (meta.last_page)', async () => {
        server.route('/api/v1/search', (req, res) => {
            const page = Number(new URL(req.url!, server.base).searchParams.get('page') ?? 1);
            const data = [0, 1].map((k) => {
                const i = (page - 1) * 2 + k;
                return {
                    id: `w${i}`,
                    url: `https://wallhaven.cc/w/w${i}`,
                    purity: 'sfw',
                    source: '',
                    dimension_x: 320,
                    dimension_y: 200,
                    path: `${server.base}/full/img${i}.jpg`,
                };
            });
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(
                JSON.stringify({
                    data,
                    meta: { current_page: page, last_page: 3, per_page: 2, total: 6, query: null, seed: null },
                }),
            );
        });
        const service = start({ id: 'wh', kind: 'wallhaven', options: { baseUrl: `${server.base}/api/v1` } });
        expect(await threeRefreshes(service)).toEqual([
            ['img0', 'img1'],
            ['img2', 'img3'],
            ['img4', 'img5'],
        ]);
    });

    it("Reddit: each of three refreshes follows the listing's after, with Reddit's User-Agent", async () => {
        const pages: Record<string, { ids: number[]; after: string | null }> = {
            '': { ids: [0, 1], after: 't3_p1' },
            t3_p1: { ids: [2, 3], after: 't3_p2' },
            t3_p2: { ids: [4, 5], after: null },
        };
        server.route('/r/wallpapers/top.json', (req, res) => {
            const page = pages[new URL(req.url!, server.base).searchParams.get('after') ?? '']!;
            const children = page.ids.map((i) => ({
                kind: 't3',
                data: {
                    title: `Picture ${i}`,
                    author: `artist${i}`,
                    permalink: `/r/wallpapers/comments/p${i}/`,
                    url: `${server.base}/full/img${i}.jpg`,
                    post_hint: 'image',
                    over_18: false,
                    is_video: false,
                    is_self: false,
                },
            }));
            res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
            res.end(
                JSON.stringify({
                    kind: 'Listing',
                    data: {
                        after: page.after,
                        dist: children.length,
                        modhash: '',
                        geo_filter: null,
                        children,
                        before: null,
                    },
                }),
            );
        });
        const service = start({
            id: 'rd',
            kind: 'reddit',
            options: { baseUrl: server.base, username: 'wallpaper_fan' },
        });
        expect(await threeRefreshes(service)).toEqual([
            ['img0', 'img1'],
            ['img2', 'img3'],
            ['img4', 'img5'],
        ]);
        const listing = server.requests.find((r) => r.url.startsWith('/r/wallpapers/top.json'))!;
        expect(listing.headers['user-agent']).toMatch(/^linux:[\w.-]+:[\w.-]+ \(by \/u\/wallpaper_fan\)$/);
    });
});

describe('Unsplash', () => {
    it(
        'knows a photo by its id although every answer signs its URL afresh: a banned photo stays ' +
            'banned, none is fetched twice, and the key never reaches the image host',
        async () => {
            let answer = 0;
            server.route('/search/photos', (_req, res) => {
                answer++;
                const results = ['AaA111', 'BbB222'].map((id, i) => ({
                    id,
                    width: 320,
                    height: 200,
                    description: null,
                    alt_description: `photo ${i}`,
                    urls: {
                        full:
                            `${server.base}/full/img${i}.jpg?crop=entropy&cs=srgb&fm=jpg` +
                            `&ixid=M3w${answer}x${i}&ixlib=rb-4.0.3&q=85`,
                    },
                    links: {
                        html: `https://unsplash.com/photos/${id}`,
                        download_location: `${server.base}/photos/${id}/download?ixid=M3w${answer}x${i}`,
                    },
                    user: {
                        name: `Photographer ${i}`,
                        username: `p${i}`,
                        links: { html: `https://unsplash.com/@p${i}` },
                    },
                }));
                res.writeHead(200, {
                    'content-type': 'application/json',
                    'x-ratelimit-limit': '50',
                    'x-ratelimit-remaining': '48',
                });
                res.end(JSON.stringify({ total: 2, total_pages: 1, results }));
            });
            server.json('/photos/AaA111/download', { url: 'x' });
            server.json('/photos/BbB222/download', { url: 'x' });
            const service = start(
                { id: 'un', kind: 'unsplash', options: { query: 'dunes', baseUrl: server.base } },
                4,
                {
                    un: 'UNSPLASH-ACCESS-KEY',
                },
            );
            const first = await service.handlers['sources.refresh']({});
            expect(first.sources[0]!.downloaded).toHaveLength(2);
            const imageRequests = server.requests.filter((r) => r.url.startsWith('/full/'));
            expect(imageRequests.map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
            expect(server.requests.find((r) => r.url.startsWith('/search/photos'))!.headers.authorization).toBe(
                'Client-ID UNSPLASH-ACCESS-KEY',
            );

            const downloaded = first.sources[0]!.downloaded.find((p) => p.includes('AaA111'))!;
            const origin = await service.handlers['image.origin']({ path: downloaded });
            expect(origin.url).toBe('https://unsplash.com/photos/AaA111');
            await service.handlers['image.banUrl']({ url: origin.url! });

            const imageHits = () => server.requests.filter((r) => r.url.startsWith('/full/')).length;
            const before = imageHits();
            for (let refresh = 0; refresh < 2; refresh++) {
                const again = await service.handlers['sources.refresh']({});
                expect(again.sources[0]).toMatchObject({ listed: 2, downloaded: [], duplicates: 0, failures: [] });
            }
            expect(imageHits()).toBe(before);
            expect(answer).toBe(3);
        },
    );
});

describe('images that are not what was listed', () => {
    it(
        'an imgur image that redirects to its "removed" placeholder is gone, not a wallpaper, and ' +
            'is not asked for again',
        async () => {
            const removed = await sharp({ create: { width: 161, height: 81, channels: 3, background: '#d3d3d3' } })
                .png()
                .toBuffer();
            server.route('/aBcD123.jpg', (_req, res) => {
                res.writeHead(302, { location: '/removed.png' });
                res.end();
            });
            server.bytes('/removed.png', removed, 'image/png');
            server.route('/api/v1/search', (_req, res) => {
                res.writeHead(200, { 'content-type': 'application/json' });
                res.end(
                    JSON.stringify({
                        data: [
                            {
                                id: 'x1',
                                url: 'https://wallhaven.cc/w/x1',
                                purity: 'sfw',
                                path: `${server.base}/aBcD123.jpg`,
                            },
                        ],
                        meta: { current_page: 1, last_page: 1 },
                    }),
                );
            });
            const service = start({ id: 'wh', kind: 'wallhaven', options: { baseUrl: `${server.base}/api/v1` } });
            const first = await service.handlers['sources.refresh']({});
            expect(first.sources[0]!.downloaded).toEqual([]);
            expect(first.sources[0]!.failures).toEqual([
                `${server.base}/aBcD123.jpg: removed by the host (it sends its "image removed" placeholder instead)`,
            ]);
            clock += 24 * 3600_000;
            await service.handlers['sources.refresh']({});
            expect(server.hitsOf('/aBcD123.jpg')).toBe(1);
            expect(readdirSync(join(downloads, 'wh'))).toEqual([]);
        },
    );

    it('a 403 bot check on the image host is tried again at a later refresh, not written off', async () => {
        const image = await noiseJpeg(7);
        server.route('/cdn/photo.jpg', (_req, res, hit) => {
            if (hit < 2) {
                res.writeHead(403, {
                    'content-type': 'text/html; charset=UTF-8',
                    'cf-mitigated': 'challenge',
                    server: 'cloudflare',
                });
                res.end(
                    '<!DOCTYPE html><html lang="en-US"><head><title>Just a ' +
                        'moment...</title></head><body><noscript>Enable JavaScript and cookies to ' +
                        'continue</noscript></body></html>',
                );
                return;
            }
            res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length });
            res.end(image);
        });
        server.route('/api/v1/search', (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(
                JSON.stringify({
                    data: [
                        {
                            id: 'c1',
                            url: 'https://wallhaven.cc/w/c1',
                            purity: 'sfw',
                            path: `${server.base}/cdn/photo.jpg`,
                        },
                    ],
                    meta: { current_page: 1, last_page: 1 },
                }),
            );
        });
        const service = start({ id: 'wh', kind: 'wallhaven', options: { baseUrl: `${server.base}/api/v1` } });
        const first = await service.handlers['sources.refresh']({});
        expect(first.sources[0]!.failures[0]).toMatch(
            /refused the request \(403 Forbidden, a bot check page\); it will be tried again later/,
        );
        // Too soon: the URL waits its turn (half an hour after the first failure, longer after each next one).
        await service.handlers['sources.refresh']({});
        expect(server.hitsOf('/cdn/photo.jpg')).toBe(1);
        clock += 31 * 60_000;
        const second = await service.handlers['sources.refresh']({});
        expect(second.sources[0]!.downloaded).toEqual([]);
        expect(server.hitsOf('/cdn/photo.jpg')).toBe(2);
        clock += 2 * 3600_000 + 60_000;
        const third = await service.handlers['sources.refresh']({});
        expect(third.sources[0]!.downloaded).toHaveLength(1);
    });
});

describe('a picture at a fixed address (a webcam)', () => {
    it('is fetched again at each refresh: a new picture joins the folder, the same one is not kept twice', async () => {
        const frames = [await noiseJpeg(201), await noiseJpeg(202)];
        let frame = 0;
        server.route('/webcam/latest.jpg', (_req, res) => {
            const body = frames[frame]!;
            res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
            res.end(body);
        });
        const service = start({
            id: 'cam',
            kind: 'url',
            refreshMinutes: 30,
            options: { url: `${server.base}/webcam/latest.jpg`, title: 'Harbour webcam' },
        });
        const first = await service.handlers['sources.refresh']({});
        expect(first.sources[0]!.downloaded).toHaveLength(1);
        clock += 30 * 60_000;
        const same = await service.handlers['sources.refresh']({});
        expect(same.sources[0]).toMatchObject({ downloaded: [], duplicates: 1 });
        frame = 1;
        clock += 30 * 60_000;
        const next = await service.handlers['sources.refresh']({});
        expect(next.sources[0]!.downloaded).toHaveLength(1);
        expect(new Set([first.sources[0]!.downloaded[0], next.sources[0]!.downloaded[0]]).size).toBe(2);
        expect(server.hitsOf('/webcam/latest.jpg')).toBe(3);
        const origin = await service.handlers['image.origin']({ path: next.sources[0]!.downloaded[0]! });
        expect(origin).toMatchObject({ title: 'Harbour webcam', kind: 'url' });
    });
});
