// Conditional requests for listings: a provider's JSON or feed is kept with its ETag / Last-Modified, and the
// next request asks "changed since?" so an unchanged listing costs the provider a 304 and us no body. One JSON
// file in the cache folder; keys are hashes of the URL, so API keys in query strings never reach the disk.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../theme/atomicWrite.js';
import { log } from '../log.js';

export interface CachedResponse {
    etag: string | null;
    lastModified: string | null;
    contentType: string;
    body: string;
    storedAt: number;
}

const MAX_ENTRIES = 100;
const MAX_BODY_CHARS = 2_000_000;

export class HttpCache {
    private entries: Map<string, CachedResponse> | null = null;
    private saving: Promise<unknown> = Promise.resolve();

    constructor(private readonly file: string | null) {}

    private static key(url: string): string {
        return createHash('sha256').update(url).digest('hex').slice(0, 32);
    }

    private async load(): Promise<Map<string, CachedResponse>> {
        if (this.entries) return this.entries;
        this.entries = new Map();
        if (!this.file) return this.entries;
        try {
            const data = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, CachedResponse>;
            for (const [key, entry] of Object.entries(data))
                if (typeof entry?.body === 'string') this.entries.set(key, entry);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
                log.info(`HTTP cache ${this.file} unreadable, starting afresh: ${(error as Error).message}`);
        }
        return this.entries;
    }

    async get(url: string): Promise<CachedResponse | undefined> {
        return (await this.load()).get(HttpCache.key(url));
    }

    async put(url: string, entry: CachedResponse): Promise<void> {
        if (!entry.etag && !entry.lastModified) return;
        if (entry.body.length > MAX_BODY_CHARS) return;
        const entries = await this.load();
        entries.delete(HttpCache.key(url));
        entries.set(HttpCache.key(url), entry);
        // Insertion order is age order: drop the oldest beyond the limit.
        while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        if (!this.file) return;
        const file = this.file;
        const snapshot = JSON.stringify(Object.fromEntries(entries));
        this.saving = this.saving
            .then(() => writeFileAtomic(file, snapshot))
            .catch((error: Error) => log.info(`could not save the HTTP cache: ${error.message}`));
        await this.saving;
    }
}
