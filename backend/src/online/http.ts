// The one door to the network. Node 20's fetch (undici) with what a polite, robust client needs: a time limit
// on every request that makes no progress and an overall deadline, a bounded number of redirects (http/https only,
// credentials dropped
// when the host changes), retries with exponential backoff, Retry-After honoured, a minimum interval between
// requests to one host, conditional requests for listings, and resumable downloads into a partial file.
import { open, stat, truncate } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { HttpCache } from './httpCache.js';
import { hasSecretParam, redactUrl } from './redact.js';
import { USER_AGENT } from './userAgent.js';

export class HttpError extends Error {
    override name = 'HttpError';
    constructor(
        message: string,
        readonly status: number | null = null,
    ) {
        super(message);
    }
}

export interface HttpOptions {
    /** Time a request may go without progress (headers, or the next chunk of the body). */
    timeoutMs?: number;
    /** Time a whole request may take, however steadily it progresses: a server trickling a byte now and then
     *  would otherwise hold a download (and the refresh waiting on it) for ever. */
    deadlineMs?: number;
    maxRedirects?: number;
    /** Further attempts after a failure that may pass (network error, timeout, 5xx, a 429 with a short Retry-After). */
    retries?: number;
    /** First backoff; doubled on each retry. */
    backoffMs?: number;
    /** A Retry-After longer than this is not waited for: the request fails and says when to try again. */
    maxRetryAfterMs?: number;
    /** Least time between two requests to one host. */
    minIntervalMs?: number;
    /** How long a host that rate-limited us without saying for how long is left alone. */
    rateLimitBackoffMs?: number;
    now?: () => number;
    userAgent?: string;
    cache?: HttpCache | null;
    /** Largest listing body (JSON or feed) read. */
    maxTextBytes?: number;
    fetch?: typeof fetch;
    sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
    headers?: Record<string, string>;
}

export interface DownloadOptions extends RequestOptions {
    maxBytes: number;
    onProgress?: (received: number, total: number | null) => void;
}

export interface DownloadResult {
    /** Where the file came from after redirects. */
    finalUrl: string;
    contentType: string;
    bytes: number;
    /** The download continued a partial file left by an earlier attempt. */
    resumed: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
    if (!value) return null;
    if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** An abort signal that fires after `ms` without a call to `touch()`, or `deadlineMs` after it was made. */
class IdleTimeout {
    private readonly controller = new AbortController();
    private timer: NodeJS.Timeout;
    private readonly deadline: NodeJS.Timeout;
    constructor(
        private readonly ms: number,
        deadlineMs: number,
    ) {
        this.timer = setTimeout(() => this.fire(), ms);
        this.deadline = setTimeout(
            () => this.controller.abort(new HttpError(`took longer than ${deadlineMs / 1000} s in all; stopped`)),
            deadlineMs,
        );
    }
    get signal(): AbortSignal {
        return this.controller.signal;
    }
    private fire(): void {
        this.controller.abort(new HttpError(`no answer within ${this.ms / 1000} s`));
    }
    touch(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.fire(), this.ms);
    }
    clear(): void {
        clearTimeout(this.timer);
        clearTimeout(this.deadline);
    }
}

interface Attempt {
    response: Response;
    idle: IdleTimeout;
    url: string;
}

export class HttpClient {
    private readonly nextSlot = new Map<string, number>();
    /** Hosts that asked us to stop for a while (429, or a rate-limit header at zero): until when, and why. */
    private readonly pausedHosts = new Map<string, { until: number; why: string }>();
    private readonly o: Required<Omit<HttpOptions, 'cache'>> & { cache: HttpCache | null };
    /** Requests sent (each redirect hop and retry counts). */
    requests = 0;

    constructor(options: HttpOptions = {}) {
        this.o = {
            timeoutMs: 30_000,
            deadlineMs: 300_000,
            maxRedirects: 5,
            retries: 2,
            backoffMs: 1000,
            maxRetryAfterMs: 120_000,
            minIntervalMs: 1000,
            rateLimitBackoffMs: 15 * 60_000,
            now: Date.now,
            userAgent: USER_AGENT,
            maxTextBytes: 8 * 1024 * 1024,
            fetch: (input, init) => globalThis.fetch(input, init),
            sleep: sleepReal,
            ...options,
            cache: options.cache ?? null,
        };
    }

    /** A listing as JSON. A web page (login wall, error page, captive portal) is an error, not a parse failure. */
    async getJson(url: string, options: RequestOptions = {}): Promise<unknown> {
        const { body, contentType } = await this.getText(url, {
            ...options,
            headers: { accept: 'application/json', ...options.headers },
        });
        const host = new URL(url).host;
        if (/html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(body)) {
            throw new HttpError(`${host} answered with a web page instead of JSON; check the source's address and key`);
        }
        try {
            return JSON.parse(body);
        } catch {
            throw new HttpError(`${host} sent incomplete or invalid JSON (${body.length} characters); try again later`);
        }
    }

    /** A listing as text, with ETag / If-Modified-Since against the cache. */
    async getText(url: string, options: RequestOptions = {}): Promise<{ body: string; contentType: string }> {
        const cached = await this.o.cache?.get(url);
        const headers: Record<string, string> = { ...options.headers };
        if (cached?.etag) headers['if-none-match'] = cached.etag;
        if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
        for (let attempt = 0; ; attempt++) {
            const { response, idle } = await this.send(url, headers);
            try {
                if (response.status === 304 && cached) return { body: cached.body, contentType: cached.contentType };
                if (!response.ok) throw await this.statusError(url, response, headers);
                const contentType = response.headers.get('content-type') ?? '';
                const body = await this.readText(response, idle);
                await this.o.cache?.put(url, {
                    etag: response.headers.get('etag'),
                    lastModified: response.headers.get('last-modified'),
                    contentType,
                    body,
                    storedAt: Date.now(),
                });
                return { body, contentType };
            } catch (error) {
                // A body cut short mid-way is worth another try; a status error was already retried by send().
                if (error instanceof HttpError || attempt >= this.o.retries) throw this.wrap(url, error);
                await this.o.sleep(this.backoff(attempt));
            } finally {
                idle.clear();
            }
        }
    }

    /**
     * Downloads `url` into `partPath`, continuing a partial file with a Range request (a server that ignores the
     * range sends the whole file, which then replaces the part). Stops at `maxBytes`. The part file is left in
     * place on failure, so the next attempt (now or at the next refresh) resumes it.
     */
    async download(url: string, partPath: string, options: DownloadOptions): Promise<DownloadResult> {
        const host = new URL(url).host;
        for (let attempt = 0; ; attempt++) {
            const offset = await stat(partPath).then(
                (s) => s.size,
                () => 0,
            );
            const headers: Record<string, string> = { accept: 'image/*', ...options.headers };
            if (offset > 0) headers.range = `bytes=${offset}-`;
            const { response, idle, url: finalUrl } = await this.send(url, headers);
            try {
                if (response.status === 416 && offset > 0) {
                    // The part is no prefix of what the server has now: start over.
                    await response.body?.cancel();
                    await truncate(partPath, 0);
                    continue;
                }
                if (!response.ok) throw await this.statusError(url, response, headers);
                const resumed =
                    response.status === 206 &&
                    offset > 0 &&
                    contentRangeStart(response.headers.get('content-range')) === offset;
                const start = resumed ? offset : 0;
                const length = Number(response.headers.get('content-length') ?? NaN);
                const total = Number.isFinite(length) ? start + length : null;
                if (total !== null && total > options.maxBytes) {
                    await response.body?.cancel();
                    throw new HttpError(`the image is ${mib(total)} MiB, over the ${mib(options.maxBytes)} MiB limit`);
                }
                const contentType = response.headers.get('content-type') ?? '';
                if (!response.body) throw new HttpError(`${host} sent no body`);
                let received = start;
                let lastReport = 0;
                // Each chunk is on disk before the next is read: when the connection drops, what arrived is kept
                // for the resume (a pipeline would drop what its write stream still had buffered).
                const file = await open(partPath, resumed ? 'a' : 'w');
                try {
                    for await (const chunk of Readable.fromWeb(
                        response.body as import('node:stream/web').ReadableStream,
                    ) as AsyncIterable<Buffer>) {
                        idle.touch();
                        received += chunk.length;
                        if (received > options.maxBytes)
                            throw new HttpError(`the image is over the ${mib(options.maxBytes)} MiB limit`);
                        await file.write(chunk);
                        const now = Date.now();
                        if (now - lastReport >= 250) {
                            lastReport = now;
                            options.onProgress?.(received, total);
                        }
                    }
                } finally {
                    await file.close();
                }
                if (total !== null && received < total)
                    throw new Error(`the download ended after ${received} of ${total} bytes`);
                options.onProgress?.(received, total);
                return { finalUrl, contentType, bytes: received, resumed };
            } catch (error) {
                const wrapped = this.wrap(url, error);
                // A server that answered but sent too slowly is not asked again within this refresh; a later one may.
                const permanent =
                    (error instanceof HttpError && !/no answer within/.test(error.message)) ||
                    /took longer than/.test(wrapped.message);
                if (permanent || attempt >= this.o.retries) throw wrapped;
                await this.o.sleep(this.backoff(attempt));
            } finally {
                idle.clear();
            }
        }
    }

    /**
     * One request as far as its headers: waits for the host's slot, follows redirects, and retries network errors,
     * time-outs, 429 and 5xx. Returns the response with its idle timer still running for the body.
     */
    private async send(url: string, headers: Record<string, string>): Promise<Attempt> {
        const host = new URL(url).host;
        for (let attempt = 0; ; attempt++) {
            const paused = this.pausedHosts.get(host);
            if (paused && paused.until > this.o.now())
                throw new HttpError(`${paused.why}; Chameleon asks again after ${clock(paused.until)}`, 429);
            let result: Attempt;
            try {
                result = await this.follow(url, headers);
            } catch (error) {
                if (error instanceof HttpError && error.status === null && /redirect/.test(error.message)) throw error;
                if (attempt >= this.o.retries) throw this.wrap(url, error);
                await this.o.sleep(this.backoff(attempt));
                continue;
            }
            const { response, idle } = result;
            const status = response.status;
            this.noteRateLimit(host, response);
            if (status === 429 || status === 503 || (status >= 500 && status <= 599)) {
                const asked =
                    status === 429 || status === 503 ? retryAfterMs(response.headers.get('retry-after')) : null;
                await response.body?.cancel().catch(() => undefined);
                idle.clear();
                if (status === 429 && (asked === null || asked > this.o.maxRetryAfterMs)) {
                    // A quota (APOD's DEMO_KEY, Wallhaven's 45 a minute) is not helped by asking again in seconds:
                    // the host is left alone for as long as it said, or a quarter of an hour.
                    const until = this.o.now() + (asked ?? this.o.rateLimitBackoffMs);
                    this.pause(host, until, `${host} is rate-limiting requests (429 Too Many Requests)`);
                    throw new HttpError(
                        `${host} is rate-limiting requests (429 Too Many Requests); Chameleon asks again ` +
                            `after ${clock(until)}`,
                        status,
                    );
                }
                const wait = asked ?? this.backoff(attempt);
                if (attempt >= this.o.retries || wait > this.o.maxRetryAfterMs) {
                    throw new HttpError(
                        (
                            `${host} answered ${status} ${response.statusText}; it will be tried again at the ` +
                            `next refresh`
                        ).replace(/\s+/g, ' '),
                        status,
                    );
                }
                await this.o.sleep(wait);
                continue;
            }
            return result;
        }
    }

    private pause(host: string, until: number, why: string): void {
        const current = this.pausedHosts.get(host);
        if (!current || current.until < until) this.pausedHosts.set(host, { until, why });
    }

    /**
     * X-Ratelimit-Remaining at zero (Unsplash, Reddit, NASA's api.nasa.gov all send it): no more requests to that
     * host until the reset, which Reddit gives in seconds, some in epoch seconds, and Unsplash not at all (its
     * window is an hour).
     */
    private noteRateLimit(host: string, response: Response): void {
        const remaining = response.headers.get('x-ratelimit-remaining');
        if (remaining === null || Number(remaining) > 0 || remaining.trim() === '') return;
        const reset = Number(response.headers.get('x-ratelimit-reset') ?? NaN);
        const now = this.o.now();
        const until = !Number.isFinite(reset) ? now + 3600_000 : reset > 1e9 ? reset * 1000 : now + reset * 1000;
        const limit = response.headers.get('x-ratelimit-limit');
        this.pause(host, until, `${host}'s rate limit${limit ? ` (${limit} requests)` : ''} is used up`);
    }

    private async follow(url: string, headers: Record<string, string>): Promise<Attempt> {
        let current = new URL(url);
        const originalHost = current.host;
        for (let hop = 0; ; hop++) {
            await this.politeWait(current.host);
            const idle = new IdleTimeout(this.o.timeoutMs, this.o.deadlineMs);
            // Credentials are for the host they were given to; a redirect elsewhere must not carry them.
            const sent = current.host === originalHost ? headers : withoutCredentials(headers);
            let response: Response;
            try {
                this.requests++;
                response = await this.o.fetch(current.href, {
                    headers: { 'user-agent': this.o.userAgent, ...sent },
                    redirect: 'manual',
                    signal: idle.signal,
                });
            } catch (error) {
                idle.clear();
                throw error;
            }
            idle.touch();
            const location = response.headers.get('location');
            if (!REDIRECTS.has(response.status) || !location) return { response, idle, url: current.href };
            await response.body?.cancel().catch(() => undefined);
            idle.clear();
            if (hop >= this.o.maxRedirects) throw new HttpError(`too many redirects from ${redactUrl(url)}`);
            const next = new URL(location, current);
            if (next.protocol !== 'http:' && next.protocol !== 'https:')
                throw new HttpError(`refused a redirect to ${next.protocol} from ${redactUrl(url)}`);
            current = next;
        }
    }

    private async readText(response: Response, idle: IdleTimeout): Promise<string> {
        if (!response.body) return '';
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)) {
            idle.touch();
            size += (chunk as Buffer).length;
            if (size > this.o.maxTextBytes)
                throw new HttpError(`the listing is larger than ${mib(this.o.maxTextBytes)} MiB`);
            chunks.push(chunk as Buffer);
        }
        return Buffer.concat(chunks).toString('utf8');
    }

    private async politeWait(host: string): Promise<void> {
        const now = this.o.now();
        const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
        this.nextSlot.set(host, slot + this.o.minIntervalMs);
        if (slot > now) await this.o.sleep(slot - now);
    }

    private backoff(attempt: number): number {
        // Jitter keeps several clients (or sources on one host) from retrying in step.
        return this.o.backoffMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
    }

    /** What a refused request means, in words: a used-up rate limit, a refused key, a block page, a gone file. */
    private async statusError(url: string, response: Response, headers: Record<string, string>): Promise<HttpError> {
        const body = await readSome(response, 4096);
        const host = new URL(url).host;
        const status = `${response.status} ${response.statusText}`.trim();
        const keySent =
            hasSecretParam(url) || Object.keys(headers).some((name) => /^(authorization|x-api-key)$/i.test(name));
        const paused = this.pausedHosts.get(host);
        let message: string;
        if (paused && paused.until > this.o.now())
            message = `${paused.why} (${status}); Chameleon asks again after ${clock(paused.until)}`;
        else if (/rate limit exceeded/i.test(body)) {
            const until = this.o.now() + 3600_000;
            this.pause(host, until, `${host}'s rate limit is used up`);
            message = `${host}'s rate limit is used up (${status}); Chameleon asks again after ${clock(until)}`;
        } else if (
            response.status === 403 &&
            (/reddit\.com$/.test(host) || /blocked by network security|whoa there, pardner/i.test(body))
        ) {
            message =
                `${host} blocked the request (${status}): Reddit turns away clients without an account ` +
                `from some networks and VPNs; it will be tried again at the next refresh`;
        } else if (response.status === 401) {
            message = keySent
                ? `${host} did not accept the API key (${status}); check it in Chameleon's preferences`
                : `${host} wants an API key (${status}); add one in Chameleon's preferences`;
        } else if (response.status === 403) {
            const challenge = /cloudflare|cf-chl|challenge|captcha/i.test(body) || response.headers.has('cf-mitigated');
            message = keySent
                ? `${host} refused the request (${status}); if this goes on, check the API key in ` +
                  `Chameleon's preferences`
                : `${host} refused the request (${status}${challenge ? ', a bot check page' : ''}); it will ` +
                  `be tried again later`;
        } else if (response.status === 404 || response.status === 410) {
            message = `${host} answered ${status}: it is not there (is the address right?)`;
        } else {
            message = `${host} answered ${status}`;
        }
        return new HttpError(message, response.status);
    }

    private wrap(url: string, error: unknown): HttpError {
        if (error instanceof HttpError)
            return /^(no answer|took longer)/.test(error.message)
                ? new HttpError(`${new URL(url).host}: ${error.message}`)
                : error;
        const cause = (error as Error & { cause?: Error }).cause;
        const reason =
            error instanceof Error && error.name === 'AbortError'
                ? 'timed out'
                : (cause?.message ?? (error as Error).message);
        const inner = (error as { reason?: unknown }).reason;
        if (inner instanceof HttpError) return new HttpError(`${new URL(url).host}: ${inner.message}`);
        return new HttpError(`cannot get ${redactUrl(url)}: ${reason}`);
    }
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(headers).filter(([name]) => !/^(authorization|cookie|x-api-key)$/i.test(name)),
    );
}

function contentRangeStart(value: string | null): number | null {
    const match = /^bytes (\d+)-/.exec(value ?? '');
    return match ? Number(match[1]) : null;
}

function mib(bytes: number): string {
    return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}

/** The first `limit` bytes of a body as text (an error page's words), the rest left unread. */
async function readSome(response: Response, limit: number): Promise<string> {
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
        while (size < limit) {
            const { done, value } = await reader.read();
            if (done) break;
            chunks.push(value);
            size += value.length;
        }
    } catch {
        // A body that breaks off still says what it said so far.
    } finally {
        void reader.cancel().catch(() => undefined);
    }
    return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}

function clock(at: number): string {
    return new Date(at).toTimeString().slice(0, 5);
}
