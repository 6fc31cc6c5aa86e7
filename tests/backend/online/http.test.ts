// The HTTP client against a real loopback server that misbehaves like real providers do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, retryAfterMs } from '../../../backend/src/online/http.js';
import { HttpCache } from '../../../backend/src/online/httpCache.js';
import { makeTempDir, removeTempDir } from '../../helpers/images.js';
import { LoopbackServer } from './helpers/loopbackServer.js';

let server: LoopbackServer;
let dir: string;
const quick = { backoffMs: 10, minIntervalMs: 0, timeoutMs: 2000 };

beforeEach(async () => {
    server = await LoopbackServer.start();
});
afterEach(async () => {
    await server.close();
});
beforeAll(async () => {
    dir = await makeTempDir();
});
afterAll(async () => {
    await removeTempDir(dir);
});

describe('rate limits and server errors', () => {
    it('waits as long as Retry-After says after a 429, then succeeds', async () => {
        server.route('/list', (_req, res, hit) => {
            if (hit === 0) {
                res.writeHead(429, { 'retry-after': '1' });
                res.end();
                return;
            }
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"ok":true}');
        });
        const started = Date.now();
        await expect(new HttpClient(quick).getJson(`${server.base}/list`)).resolves.toEqual({ ok: true });
        expect(Date.now() - started).toBeGreaterThanOrEqual(950);
        expect(server.hitsOf('/list')).toBe(2);
    });

    it(
        'does not sit out a Retry-After of an hour: it fails at once, says when it asks again, ' +
            'and leaves the host alone till then',
        async () => {
            server.route('/list', (_req, res) => {
                res.writeHead(429, { 'retry-after': '3600' });
                res.end();
            });
            const now = Date.UTC(2026, 0, 1, 10, 0);
            const http = new HttpClient({ ...quick, now: () => now });
            const expected = new Date(now + 3600_000).toTimeString().slice(0, 5);
            await expect(http.getJson(`${server.base}/list`)).rejects.toThrow(
                `is rate-limiting requests (429 Too Many Requests); Chameleon asks again after ${expected}`,
            );
            await expect(http.getJson(`${server.base}/other`)).rejects.toThrow(/rate-limiting/);
            expect(server.requests).toHaveLength(1);
        },
    );

    it(
        "does not hammer a 429 without Retry-After (a quota like APOD's DEMO_KEY): one request, " +
            'then a quarter of an hour off',
        async () => {
            server.route('/planetary/apod', (_req, res) => {
                res.writeHead(429, { 'content-type': 'application/json', 'x-ratelimit-limit': '30' });
                res.end(
                    '{"error":{"code":"OVER_RATE_LIMIT","message":"You have exceeded your rate limit. Try ' +
                        'again later or contact us at https://api.nasa.gov:443/contact/ for assistance"}}',
                );
            });
            let now = Date.UTC(2026, 0, 1, 10, 0);
            const http = new HttpClient({ ...quick, retries: 2, now: () => now });
            await expect(http.getJson(`${server.base}/planetary/apod?api_key=DEMO_KEY`)).rejects.toThrow(
                /rate-limiting requests/,
            );
            expect(server.hitsOf('/planetary/apod')).toBe(1);
            now += 16 * 60_000;
            await expect(http.getJson(`${server.base}/planetary/apod?api_key=DEMO_KEY`)).rejects.toThrow(
                /rate-limiting/,
            );
            expect(server.hitsOf('/planetary/apod')).toBe(2);
        },
    );

    it(
        "reads a 403 for what it is: a used-up rate limit, a refused key, Reddit's block page, an " +
            "image host's bot check",
        async () => {
            server.route('/search/photos', (_req, res) => {
                // Unsplash's answer once the hourly quota is gone.
                res.writeHead(403, {
                    'content-type': 'text/plain',
                    'x-ratelimit-limit': '50',
                    'x-ratelimit-remaining': '0',
                });
                res.end('Rate Limit Exceeded');
            });
            server.route('/key', (_req, res) => {
                res.writeHead(401, { 'content-type': 'application/json' });
                res.end('{"errors":["OAuth error: The access token is invalid"]}');
            });
            server.route('/photo.jpg', (_req, res) => {
                res.writeHead(403, { 'content-type': 'text/html', 'cf-mitigated': 'challenge' });
                res.end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>cf-chl</body></html>');
            });
            server.route('/r/wallpapers/top.json', (_req, res) => {
                res.writeHead(403, { 'content-type': 'text/html' });
                res.end(
                    '<!doctype html><html><body><h1>whoa there, pardner!</h1><p>Your request has been blocked ' +
                        'due to a network policy.</p></body></html>',
                );
            });
            const http = new HttpClient({ ...quick, retries: 0 });
            await expect(
                http.getJson(`${server.base}/key`, { headers: { authorization: 'Client-ID k' } }),
            ).rejects.toThrow(/did not accept the API key \(401/);
            const cdn = await http
                .download(`${server.base}/photo.jpg`, join(dir, 'cf.part'), { maxBytes: 1e6 })
                .catch((e: Error) => e.message);
            expect(cdn).toMatch(
                /refused the request \(403 Forbidden, a bot check page\); it will be tried again later/,
            );
            expect(cdn).not.toMatch(/API key/);
            const reddit = await http.getJson(`${server.base}/r/wallpapers/top.json`).catch((e: Error) => e.message);
            expect(reddit).toMatch(
                /blocked the request \(403 Forbidden\): Reddit turns away clients without an account/,
            );
            // Last: a used-up quota leaves the whole host alone.
            const unsplash = await http
                .getJson(`${server.base}/search/photos?query=x`, { headers: { authorization: 'Client-ID k' } })
                .catch((e: Error) => e.message);
            expect(unsplash).toMatch(/rate limit \(50 requests\) is used up/);
            expect(unsplash).not.toMatch(/API key/);
        },
    );

    it('retries a 500 with backoff, and gives up after the retries', async () => {
        server.route('/flaky', (_req, res, hit) => {
            res.writeHead(hit < 2 ? 500 : 200, { 'content-type': 'application/json' });
            res.end(hit < 2 ? 'oops' : '[1]');
        });
        server.route('/down', (_req, res) => {
            res.writeHead(500);
            res.end();
        });
        const http = new HttpClient({ ...quick, retries: 2 });
        await expect(http.getJson(`${server.base}/flaky`)).resolves.toEqual([1]);
        await expect(http.getJson(`${server.base}/down`)).rejects.toThrow(/answered 500/);
        expect(server.hitsOf('/down')).toBe(3);
    });

    it('reads Retry-After as seconds or as an HTTP date', () => {
        expect(retryAfterMs('120')).toBe(120_000);
        expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
        expect(retryAfterMs('soon')).toBeNull();
    });
});

/** A promise the test resolves when it chooses (the server's part waits on it). */
function held(): { promise: Promise<void>; release: () => void } {
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    return { promise, release };
}

describe('broken answers', () => {
    it('times out a server that does not answer', async () => {
        // The server answers only once the client has given up: no race between its answer and the deadline.
        const gaveUp = held();
        server.route('/slow', async (_req, res) => {
            await gaveUp.promise;
            res.end('{}');
        });
        await expect(
            new HttpClient({ ...quick, timeoutMs: 200, retries: 0 }).getJson(`${server.base}/slow`),
        ).rejects.toThrow(/no answer within 0.2 s/);
        gaveUp.release();
    });

    it('times out a body that stops coming', async () => {
        const gaveUp = held();
        server.route('/stall', async (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
            res.write('{"data": [');
            await gaveUp.promise;
            res.end();
        });
        await expect(
            new HttpClient({ ...quick, timeoutMs: 200, retries: 0 }).getJson(`${server.base}/stall`),
        ).rejects.toThrow(/no answer within/);
        gaveUp.release();
    });

    it('stops a download that trickles a byte at a time, however steadily: every request has a deadline', async () => {
        server.route('/trickle.jpg', (_req, res) => {
            res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '100000' });
            const timer = setInterval(() => res.write('x'), 50);
            res.on('close', () => clearInterval(timer));
        });
        const http = new HttpClient({ ...quick, timeoutMs: 400, deadlineMs: 800, retries: 2 });
        const part = join(dir, 'trickle.part');
        await expect(http.download(`${server.base}/trickle.jpg`, part, { maxBytes: 1e6 })).rejects.toThrow(
            /took longer than 0.8 s in all/,
        );
        // Not asked again within the same refresh: a later refresh may try (and resume) it.
        expect(server.hitsOf('/trickle.jpg')).toBe(1);
    });

    it('reports a truncated body, whether the connection drops or the JSON just ends', async () => {
        server.route('/cut', (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
            res.write('{"data": [{"path": "http://x');
            setTimeout(() => res.destroy(), 20);
        });
        server.json('/short', '{"data": [{"path": "http://x');
        const http = new HttpClient({ ...quick, retries: 1 });
        await expect(http.getJson(`${server.base}/cut`)).rejects.toThrow(/cannot get/);
        expect(server.hitsOf('/cut')).toBe(2);
        await expect(http.getJson(`${server.base}/short`)).rejects.toThrow(/incomplete or invalid JSON/);
    });

    it('says so when a web page comes instead of JSON', async () => {
        server.route('/login', (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/html' });
            res.end('<!DOCTYPE html><html><body>Please sign in</body></html>');
        });
        await expect(new HttpClient(quick).getJson(`${server.base}/login`)).rejects.toThrow(/web page instead of JSON/);
    });

    it('never puts an API key from the URL into an error message', async () => {
        const error = await new HttpClient({ ...quick, retries: 0 })
            .getJson('http://127.0.0.1:1/apod?api_key=S3CRET-KEY')
            .catch((e: Error) => e);
        expect((error as Error).message).toMatch(/api_key=\*\*\*/);
        expect((error as Error).message).not.toContain('S3CRET');
    });
});

describe('redirects', () => {
    it('follows a few, refuses a loop, and drops credentials when the host changes', async () => {
        const other = await LoopbackServer.start();
        try {
            other.json('/final', { moved: true });
            server.route('/a', (_req, res) => {
                res.writeHead(302, { location: '/b' });
                res.end();
            });
            server.route('/b', (_req, res) => {
                res.writeHead(301, { location: `${other.base}/final` });
                res.end();
            });
            server.route('/loop', (_req, res) => {
                res.writeHead(302, { location: '/loop' });
                res.end();
            });
            server.route('/ftp', (_req, res) => {
                res.writeHead(302, { location: 'file:///etc/passwd' });
                res.end();
            });
            const http = new HttpClient({ ...quick, maxRedirects: 3 });
            await expect(
                http.getJson(`${server.base}/a`, { headers: { authorization: 'Client-ID secret' } }),
            ).resolves.toEqual({ moved: true });
            expect(server.requests.find((r) => r.url === '/b')!.headers.authorization).toBe('Client-ID secret');
            expect(other.requests[0]!.headers.authorization).toBeUndefined();
            await expect(http.getJson(`${server.base}/loop`)).rejects.toThrow(/too many redirects/);
            expect(server.hitsOf('/loop')).toBe(4);
            await expect(http.getJson(`${server.base}/ftp`)).rejects.toThrow(/refused a redirect to file:/);
        } finally {
            await other.close();
        }
    });
});

describe('politeness and caching', () => {
    it('spaces requests to one host', async () => {
        server.json('/p', []);
        // The client's clock held still, and its waits recorded rather than slept: what is checked is how long it
        // holds each request back, which the load of the machine cannot shift (arrival times at the server could
        // be bunched by a first request that left late).
        const waits: number[] = [];
        const http = new HttpClient({
            ...quick,
            minIntervalMs: 200,
            now: () => 1_000_000,
            sleep: async (ms) => {
                waits.push(ms);
            },
        });
        await Promise.all([
            http.getJson(`${server.base}/p`),
            http.getJson(`${server.base}/p`),
            http.getJson(`${server.base}/p`),
        ]);
        expect(server.hitsOf('/p')).toBe(3);
        expect(waits.sort((a, b) => a - b)).toEqual([200, 400]);
    });

    it('asks "changed since?" with the ETag and Last-Modified it was given, and reuses the body on 304', async () => {
        server.route('/feed', (req, res) => {
            if (req.headers['if-none-match'] === '"v1"') {
                res.writeHead(304);
                res.end();
                return;
            }
            res.writeHead(200, {
                'content-type': 'application/json',
                etag: '"v1"',
                'last-modified': 'Wed, 01 May 2024 07:00:00 GMT',
            });
            res.end('{"images": [1, 2]}');
        });
        const file = join(dir, 'http-cache.json');
        await new HttpClient({ ...quick, cache: new HttpCache(file) }).getJson(`${server.base}/feed?api_key=S3CRET`);
        // A new client (a restarted backend) reads the cache from disk.
        const again = await new HttpClient({ ...quick, cache: new HttpCache(file) }).getJson(
            `${server.base}/feed?api_key=S3CRET`,
        );
        expect(again).toEqual({ images: [1, 2] });
        expect(server.requests[1]!.headers['if-modified-since']).toBe('Wed, 01 May 2024 07:00:00 GMT');
        expect(readFileSync(file, 'utf8')).not.toContain('S3CRET');
    });
});
