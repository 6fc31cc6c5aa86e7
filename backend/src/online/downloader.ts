// Downloads candidates, two at a time from any one host, into a partial file beside the download folders, and lets a
// file into a
// source's folder only once it has passed every check: a content type that can be an image, the size cap, a
// header sharp can read and GNOME can show (the same probe the indexer uses), and content not already on disk
// (SHA-256, against downloads and the index). The final rename is atomic, so the indexer never sees half a file.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { contentHash } from '../scan/contentHash.js';
import { probeImage } from '../scan/imageProbe.js';
import type { DownloadProgressJson } from '../protocol/messages.js';
import type { Candidate } from './candidate.js';
import { HttpError, type HttpClient } from './http.js';

export interface DownloadJob {
    sourceId: string;
    candidate: Candidate;
    /** The source's download folder. */
    folder: string;
    headers?: Record<string, string>;
}

export type DownloadOutcome =
    | { state: 'downloaded'; path: string; hash: string; size: number }
    | { state: 'duplicate'; path: string; hash: string }
    /** Never worth another try: not an image, too large, gone (404, 410, a "removed" placeholder). */
    | { state: 'rejected'; reason: string }
    /**
     * May pass later (network, server trouble, a refusal that may be passing); the partial file is kept for a resume.
     */
    | { state: 'failed'; reason: string; status: number | null };

export interface DownloaderOptions {
    http: HttpClient;
    /** Where partial files wait; on the same file system as the folders, so the final rename is atomic. */
    partDir: string;
    maxBytes: number;
    /** The path of an image with this content already on disk, or null. */
    knownHash: (hash: string) => string | null;
    onProgress?: (progress: DownloadProgressJson) => void;
    /** Downloads at once from one host (sources run side by side; each host sees at most this many). */
    concurrency?: number;
}

/**
 * Where hosts send a request for an image that was deleted: imgur redirects to /removed.png (161×81), Flickr to
 * photo_unavailable. What arrives there is a picture, but not the one that was listed.
 */
const PLACEHOLDERS = [/^\/removed\.png$/i, /\/photo_unavailable(_[a-z])?\.(png|gif|jpe?g)$/i];
const IMGUR_REMOVED = { width: 161, height: 81 };

export function isPlaceholder(url: string): boolean {
    try {
        const { pathname } = new URL(url);
        return PLACEHOLDERS.some((pattern) => pattern.test(pathname));
    } catch {
        return false;
    }
}

const IMAGE_TYPES = /^(image\/[\w.+-]+|application\/octet-stream|binary\/octet-stream)?\s*(;.*)?$/i;
const EXTENSIONS: Record<string, string> = {
    jpeg: 'jpg',
    png: 'png',
    webp: 'webp',
    avif: 'avif',
    tiff: 'tif',
    gif: 'gif',
};

function hostOf(url: string): string {
    try {
        return new URL(url).host;
    } catch {
        return '';
    }
}

/** The name of the partial file of a download from `url`. */
export function partName(url: string): string {
    return `${urlKey(url).slice(0, 32)}.part`;
}

export function urlKey(url: string): string {
    return createHash('sha256').update(url).digest('hex');
}

/** A readable, unique file name for the image at `url`: its own name, cleaned, plus part of the URL's hash. */
export function fileNameFor(url: string, format: string): string {
    let stem = 'image';
    try {
        const last = decodeURIComponent(basename(new URL(url).pathname));
        stem = last.slice(0, last.length - extname(last).length) || stem;
    } catch {
        // An undecodable name: the hash alone names it.
    }
    stem =
        stem
            .replace(/[^\p{L}\p{N}_-]+/gu, '-')
            .replace(/^-+|-+$/g, '')
            .slice(0, 60) || 'image';
    return `${stem}-${urlKey(url).slice(0, 8)}.${EXTENSIONS[format] ?? format}`;
}

export class Downloader {
    private readonly running = new Map<string, number>();
    private readonly waiting = new Map<string, (() => void)[]>();
    /** Hashes of files this downloader placed, so two identical images in one batch are kept once. */
    private readonly placed = new Map<string, string>();
    private readonly renaming = new Set<string>();
    /** Partial files being written now, which no clean-up may remove. */
    readonly partsInUse = new Set<string>();

    constructor(private readonly o: DownloaderOptions) {}

    get queued(): number {
        let count = 0;
        for (const queue of this.waiting.values()) count += queue.length;
        return count;
    }

    async download(job: DownloadJob): Promise<DownloadOutcome> {
        const host = hostOf(job.candidate.url);
        if ((this.running.get(host) ?? 0) >= (this.o.concurrency ?? 2)) {
            await new Promise<void>((resolve) => {
                const queue = this.waiting.get(host) ?? [];
                queue.push(resolve);
                this.waiting.set(host, queue);
            });
        }
        this.running.set(host, (this.running.get(host) ?? 0) + 1);
        try {
            return await this.run(job);
        } finally {
            this.running.set(host, this.running.get(host)! - 1);
            const queue = this.waiting.get(host);
            queue?.shift()?.();
            if (queue?.length === 0) this.waiting.delete(host);
        }
    }

    private async run(job: DownloadJob): Promise<DownloadOutcome> {
        const { url } = job.candidate;
        const report = (
            state: DownloadProgressJson['state'],
            received: number,
            total: number | null,
            reason?: string,
        ) =>
            this.o.onProgress?.({
                sourceId: job.sourceId,
                url,
                state,
                received,
                total,
                queued: this.queued,
                ...(reason ? { reason } : {}),
            });
        await mkdir(this.o.partDir, { recursive: true });
        const part = join(this.o.partDir, partName(job.candidate.key ?? url));
        report('started', 0, null);
        this.partsInUse.add(part);
        let outcome: DownloadOutcome;
        try {
            outcome = await this.fetchAndCheck(job, part, (received, total) => report('progress', received, total));
        } finally {
            this.partsInUse.delete(part);
        }
        if (outcome.state === 'rejected') await rm(part, { force: true });
        if (outcome.state === 'downloaded') report('done', outcome.size, outcome.size);
        else if (outcome.state === 'duplicate') report('done', 0, null, `same picture as ${outcome.path}`);
        else report('failed', 0, null, outcome.reason);
        return outcome;
    }

    private async fetchAndCheck(
        job: DownloadJob,
        part: string,
        onProgress: (received: number, total: number | null) => void,
    ): Promise<DownloadOutcome> {
        let result;
        try {
            result = await this.o.http.download(job.candidate.url, part, {
                maxBytes: this.o.maxBytes,
                onProgress,
                ...(job.headers ? { headers: job.headers } : {}),
            });
        } catch (error) {
            const reason = (error as Error).message;
            const status = error instanceof HttpError ? error.status : null;
            // Only "not there" is for good; a 403 may be a passing bot check, a 429 a quota that resets.
            const permanent = /MiB limit/.test(reason) || status === 404 || status === 410;
            return permanent ? { state: 'rejected', reason } : { state: 'failed', reason, status };
        }
        const gone = {
            state: 'rejected',
            reason: `removed by the host (it sends its "image removed" placeholder instead)`,
        } as const;
        if (isPlaceholder(result.finalUrl)) return gone;
        if (!IMAGE_TYPES.test(result.contentType.trim()))
            return { state: 'rejected', reason: `not an image (${result.contentType.split(';')[0]})` };
        const probe = await probeImage(part);
        if (probe.skipReason || !probe.format) return { state: 'rejected', reason: probe.skipReason ?? 'not an image' };
        if (
            /(^|\.)imgur\.com$/i.test(new URL(result.finalUrl).hostname) &&
            probe.width === IMGUR_REMOVED.width &&
            probe.height === IMGUR_REMOVED.height
        )
            return gone;
        const hash = await contentHash(part);
        const claimed = this.placed.get(hash);
        const known = claimed ?? this.o.knownHash(hash);
        // A twin still being renamed into place counts as there; anything else only while its file exists.
        if (known && ((claimed && this.renaming.has(hash)) || existsSync(known))) {
            await rm(part, { force: true });
            return { state: 'duplicate', path: known, hash };
        }
        // Claimed before the next await: a twin finishing its own check meanwhile must see this one.
        const target = join(job.folder, fileNameFor(job.candidate.key ?? job.candidate.url, probe.format));
        this.placed.set(hash, target);
        this.renaming.add(hash);
        try {
            await mkdir(job.folder, { recursive: true });
            await rename(part, target);
        } catch (error) {
            this.placed.delete(hash);
            throw error;
        } finally {
            this.renaming.delete(hash);
        }
        return { state: 'downloaded', path: target, hash, size: result.bytes };
    }
}
