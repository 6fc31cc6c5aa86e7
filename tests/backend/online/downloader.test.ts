// The download queue against a loopback server: resume, size cap, validation, de-duplication, concurrency;
// and the quota's choice of what to evict.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { candidate } from '../../../backend/src/online/candidate.js';
import { Downloader, fileNameFor } from '../../../backend/src/online/downloader.js';
import { HttpClient } from '../../../backend/src/online/http.js';
import { planEviction, type DownloadedFile } from '../../../backend/src/online/quota.js';
import type { DownloadProgressJson } from '../../../backend/src/protocol/messages.js';
import { makeTempDir, removeTempDir } from '../../helpers/images.js';
import { delay, LoopbackServer } from './helpers/loopbackServer.js';

let server: LoopbackServer;
let dir: string;
let jpeg: Buffer;
let png: Buffer;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
    dir = await makeTempDir();
    // Noise, so the file is large enough to cut in half meaningfully.
    const noise = Buffer.alloc(320 * 200 * 3).map((_, i) => (i * 2654435761) >>> 24);
    jpeg = await sharp(noise, { raw: { width: 320, height: 200, channels: 3 } })
        .jpeg({ quality: 95 })
        .toBuffer();
    png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
        .png()
        .toBuffer();
});
afterAll(async () => {
    await removeTempDir(dir);
});
beforeEach(async () => {
    server = await LoopbackServer.start();
});
afterEach(async () => {
    await server.close();
});

let run = 0;
function setup(options: { maxBytes?: number; known?: (hash: string) => string | null; timeoutMs?: number } = {}) {
    const root = join(dir, `run-${run++}`);
    const progress: DownloadProgressJson[] = [];
    const downloader = new Downloader({
        http: new HttpClient({ backoffMs: 10, minIntervalMs: 0, timeoutMs: options.timeoutMs ?? 2000 }),
        partDir: join(root, '.partial'),
        maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
        knownHash: options.known ?? (() => null),
        onProgress: (p) => progress.push(p),
    });
    const folder = join(root, 'src');
    const job = (path: string) => ({ sourceId: 'src', candidate: candidate({ url: `${server.base}${path}` }), folder });
    return { root, folder, downloader, progress, job };
}

describe('downloads', () => {
    it('resumes a partial file with a Range request after the body stalls half-way', async () => {
        const half = Math.floor(jpeg.length / 2);
        server.route('/img.jpg', (req, res, hit) => {
            const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
            if (hit === 0) {
                // Half the file, then silence: the client gives up on it (its idle time-out) after reading all of it.
                res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
                res.write(jpeg.subarray(0, half));
                return;
            }
            const start = Number(range?.[1] ?? 0);
            res.writeHead(206, {
                'content-type': 'image/jpeg',
                'content-length': jpeg.length - start,
                'content-range': `bytes ${start}-${jpeg.length - 1}/${jpeg.length}`,
            });
            res.end(jpeg.subarray(start));
        });
        const { downloader, job, progress } = setup({ timeoutMs: 1000 });
        const outcome = await downloader.download(job('/img.jpg'));
        expect(outcome.state).toBe('downloaded');
        if (outcome.state !== 'downloaded') return;
        expect(server.requests[1]!.headers.range).toBe(`bytes=${half}-`);
        expect(sha(readFileSync(outcome.path))).toBe(sha(jpeg));
        expect(outcome.path.endsWith('.jpg')).toBe(true);
        expect(progress.at(0)!.state).toBe('started');
        expect(progress.at(-1)).toMatchObject({ state: 'done', received: jpeg.length });
    });

    it('starts over when the server ignores the range', async () => {
        server.route('/img.jpg', (_req, res) => {
            res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
            res.end(jpeg);
        });
        const { downloader, job, root } = setup();
        await mkdir(join(root, '.partial'), { recursive: true });
        const part = readdirSync(join(root, '.partial'));
        expect(part).toEqual([]);
        const url = `${server.base}/img.jpg`;
        writeFileSync(
            join(root, '.partial', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.part`),
            'stale bytes',
        );
        const outcome = await downloader.download(job('/img.jpg'));
        expect(outcome.state).toBe('downloaded');
        if (outcome.state === 'downloaded') expect(sha(readFileSync(outcome.path))).toBe(sha(jpeg));
    });

    it('refuses an image over the size cap, from Content-Length or while streaming', async () => {
        server.bytes('/big.jpg', jpeg);
        server.route('/chunked.jpg', (_req, res) => {
            res.writeHead(200, { 'content-type': 'image/jpeg' });
            res.write(jpeg.subarray(0, 2000));
            res.end(jpeg.subarray(2000));
        });
        const { downloader, job, folder, root } = setup({ maxBytes: 1024 });
        await expect(downloader.download(job('/big.jpg'))).resolves.toMatchObject({
            state: 'rejected',
            reason: expect.stringMatching(/over the 0 MiB limit|limit/),
        });
        await expect(downloader.download(job('/chunked.jpg'))).resolves.toMatchObject({
            state: 'rejected',
            reason: expect.stringMatching(/limit/),
        });
        expect(existsSync(folder)).toBe(false);
        expect(readdirSync(join(root, '.partial'))).toEqual([]);
    });

    it('lets nothing that is not an image into the folder', async () => {
        server.route('/page', (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            res.end('<html>hotlinking not allowed</html>');
        });
        server.bytes('/fake.jpg', Buffer.from('definitely not a jpeg, just text pretending'), 'image/jpeg');
        server.bytes('/gone.jpg', Buffer.alloc(0));
        server.route('/gone.jpg', (_req, res) => {
            res.writeHead(404);
            res.end();
        });
        const { downloader, job, folder } = setup();
        await expect(downloader.download(job('/page'))).resolves.toEqual({
            state: 'rejected',
            reason: 'not an image (text/html)',
        });
        await expect(downloader.download(job('/fake.jpg'))).resolves.toMatchObject({
            state: 'rejected',
            reason: expect.stringMatching(/not a readable image/),
        });
        await expect(downloader.download(job('/gone.jpg'))).resolves.toMatchObject({
            state: 'rejected',
            reason: expect.stringMatching(/404/),
        });
        expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    });

    it('keeps the partial file of a download that failed for a passing reason', async () => {
        server.route('/flaky.jpg', (_req, res) => {
            res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
            res.write(jpeg.subarray(0, 1000));
        });
        const { downloader, job, root } = setup({ timeoutMs: 300 });
        await expect(downloader.download(job('/flaky.jpg'))).resolves.toMatchObject({ state: 'failed' });
        const parts = readdirSync(join(root, '.partial'));
        expect(parts).toHaveLength(1);
        expect(statSync(join(root, '.partial', parts[0]!)).size).toBe(1000);
    });

    it('keeps one copy of the same picture under two URLs, and knows what is already on disk', async () => {
        server.bytes('/a.png', png, 'image/png');
        server.bytes('/b.png', png, 'image/png');
        server.bytes('/c.jpg', jpeg);
        const { downloader, job } = setup({ known: (hash) => (hash === sha(jpeg) ? __filename : null) });
        const [a, b] = await Promise.all([downloader.download(job('/a.png')), downloader.download(job('/b.png'))]);
        expect([a.state, b.state].sort()).toEqual(['downloaded', 'duplicate']);
        await expect(downloader.download(job('/c.jpg'))).resolves.toMatchObject({
            state: 'duplicate',
            path: __filename,
        });
    });

    it('downloads two at a time', async () => {
        for (let i = 0; i < 5; i++) {
            server.route(`/slow${i}.png`, async (_req, res) => {
                await delay(150);
                const body = await sharp({ create: { width: 8 + i, height: 8, channels: 3, background: '#808080' } })
                    .png()
                    .toBuffer();
                res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length });
                res.end(body);
            });
        }
        const { downloader, job } = setup();
        const outcomes = await Promise.all([0, 1, 2, 3, 4].map((i) => downloader.download(job(`/slow${i}.png`))));
        expect(outcomes.every((o) => o.state === 'downloaded')).toBe(true);
        expect(server.maxInFlight).toBe(2);
    });

    it('names files readably and uniquely', () => {
        expect(fileNameFor('https://w.wallhaven.cc/full/94/wallhaven-94x38z.jpg', 'jpeg')).toMatch(
            /^wallhaven-94x38z-[0-9a-f]{8}\.jpg$/,
        );
        expect(fileNameFor('https://www.bing.com/th?id=OHR.X_UHD.jpg', 'jpeg')).toMatch(/^th-[0-9a-f]{8}\.jpg$/);
        expect(fileNameFor('https://x.test/../../etc/passwd', 'png')).toMatch(/^passwd-[0-9a-f]{8}\.png$/);
    });
});

describe('quota', () => {
    const file = (id: number, size: number, extra: Partial<DownloadedFile> = {}): DownloadedFile => ({
        id,
        path: `/d/${id}.jpg`,
        size,
        downloadedAt: id * 1000,
        favourite: false,
        banned: false,
        protected: false,
        ...extra,
    });

    it(
        'evicts the oldest first until the rest fits, never favourites or the wallpaper on ' +
            'screen, banned ones before all',
        () => {
            const files = [
                file(1, 40, { favourite: true }),
                file(2, 30, { protected: true }),
                file(3, 30),
                file(4, 30),
                file(5, 30, { banned: true }),
                file(6, 30),
            ];
            // Favourites do not count: 30 × 5 = 150 against a quota of 80 → 3 files go.
            expect(planEviction(files, 80).map((f) => f.id)).toEqual([5, 3, 4]);
            expect(planEviction(files, 1000)).toEqual([]);
        },
    );
});
