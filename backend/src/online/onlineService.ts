// Online sources as the rest of the backend sees them: each enabled source is one more wallpaper folder (its
// download folder), so the index, Smart Selection (with the source's weight), palettes and history work on
// downloads exactly as on the user's own pictures. This service fills those folders: it lists candidates,
// downloads the new ones, records where each came from, keeps the folder within its quota, and refreshes
// enabled sources on a timer while the backend runs. Nothing here makes a request for a source that is not
// enabled, and the default configuration has no source at all.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Db } from '../db/database.js';
import { ImageStore } from '../db/images.js';
import { contentHash } from '../scan/contentHash.js';
import { log } from '../log.js';
import { ChameleonError } from '../errors.js';
import {
    ErrorCode,
    type DownloadProgressJson,
    type OnlineConfigJson,
    type OriginJson,
    type RefreshResultJson,
    type SelectionConfigJson,
    type SourceRefreshJson,
    type SourcesListJson,
} from '../protocol/messages.js';
import { AttributionStore, type OnlineImageRow } from './attributionStore.js';
import { identity, type Candidate, type Listing } from './candidate.js';
import { resolveOnlineSettings, type OnlineSettings, type ResolvedSource } from './config.js';
import { Downloader, partName } from './downloader.js';
import { closeFeedReader } from './feedReader.js';
import { HttpClient, type HttpOptions } from './http.js';
import { HttpCache } from './httpCache.js';
import { planEviction, usedBytes, type DownloadedFile } from './quota.js';
import { redactSecrets } from './redact.js';
import { SOURCES } from './sources/registry.js';

export interface OnlineServiceOptions {
    db: Db;
    dataDir: string;
    /** Where the HTTP cache file lives (`$XDG_CACHE_HOME/chameleon`). */
    cacheDir: string;
    /** Brings the index of these download folders up to date after files arrived or were evicted. */
    reindex: (folders: string[]) => Promise<void>;
    /** The wallpaper on screen, which eviction must not remove. */
    currentPath: () => string | null;
    onProgress?: (progress: DownloadProgressJson) => void;
    /** Overrides for the HTTP client (tests: quicker backoff). */
    http?: HttpOptions;
    now?: () => number;
}

/** Pages of a listing read in one refresh at most, looking for images not seen before. */
const MAX_PAGES_PER_REFRESH = 3;

/** How often serve mode looks for sources due a refresh. */
const CHECK_EVERY_MS = 60_000;

export class OnlineService {
    private settings: OnlineSettings;
    private http: HttpClient;
    private downloader: Downloader;
    private readonly store: AttributionStore;
    private readonly images: ImageStore;
    private readonly cache: HttpCache;
    private readonly problems = new Map<string, string>();
    /** The refresh in flight per source: a source is refreshed once at a time, different sources side by side. */
    private readonly refreshing = new Map<string, Promise<unknown>>();
    /** Quota and re-indexing after refreshes, one at a time. */
    private settling: Promise<unknown> = Promise.resolve();
    private timer: NodeJS.Timeout | null = null;
    private readonly now: () => number;

    constructor(private readonly o: OnlineServiceOptions) {
        this.store = new AttributionStore(o.db);
        this.images = new ImageStore(o.db);
        this.cache = new HttpCache(join(o.cacheDir, 'http-cache.json'));
        this.now = o.now ?? Date.now;
        this.settings = resolveOnlineSettings({}, o.dataDir);
        this.http = this.makeHttp();
        this.downloader = this.makeDownloader();
    }

    private makeHttp(): HttpClient {
        return new HttpClient({
            cache: this.cache,
            minIntervalMs: this.settings.requestIntervalMs,
            timeoutMs: this.settings.timeoutMs,
            ...this.o.http,
        });
    }

    private makeDownloader(): Downloader {
        return new Downloader({
            http: this.http,
            partDir: join(this.settings.downloadRoot, '.partial'),
            maxBytes: this.settings.maxImageBytes,
            knownHash: (hash) => this.store.pathWithHash(hash),
            ...(this.o.onProgress ? { onProgress: this.o.onProgress } : {}),
        });
    }

    /** Applies settings. Sources whose options do not validate stay listed with their problem and are not run. */
    configure(json: OnlineConfigJson): string[] {
        this.settings = resolveOnlineSettings(json, this.o.dataDir);
        this.http = this.makeHttp();
        this.downloader = this.makeDownloader();
        this.problems.clear();
        // An enabled source's folder exists from the start, so that before its first download it is an empty
        // wallpaper folder rather than a missing one.
        for (const folder of this.folders()) mkdirSync(folder, { recursive: true });
        for (const source of this.settings.sources) {
            const problem = this.checkSource(source);
            if (problem) this.problems.set(source.id, problem);
        }
        return [...this.problems]
            .filter(([id]) => this.source(id)?.enabled)
            .map(([id, problem]) => `online source ${id}: ${problem}`);
    }

    private checkSource(source: ResolvedSource): string | null {
        const parsed = SOURCES[source.kind].options.safeParse(source.options);
        if (!parsed.success)
            return (
                `its settings are not usable: ` +
                `${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}`
            );
        if (SOURCES[source.kind].apiKey === 'required' && !this.settings.apiKeys.has(source.id))
            return 'needs an API key; add it in Chameleon’s preferences';
        return null;
    }

    private source(id: string): ResolvedSource | undefined {
        return this.settings.sources.find((source) => source.id === id);
    }

    /** Download folders of enabled sources: wallpaper folders like any other. */
    folders(): string[] {
        return this.settings.sources.filter((source) => source.enabled).map((source) => source.folder);
    }

    /** Selection settings with each enabled source's weight given to its download folder. */
    withWeights(selection: SelectionConfigJson | undefined): SelectionConfigJson | undefined {
        const enabled = this.settings.sources.filter((source) => source.enabled);
        if (enabled.length === 0) return selection;
        const weights = Object.fromEntries(enabled.map((source) => [source.folder, source.weight]));
        return { ...selection, sourceWeights: { ...weights, ...selection?.sourceWeights } };
    }

    list(): SourcesListJson {
        const downloads = this.downloadedFiles();
        return {
            sources: this.settings.sources.map((source) => {
                const mine = downloads.filter((file) => file.path.startsWith(source.folder + '/'));
                const state = this.store.sourceState(source.id);
                return {
                    id: source.id,
                    kind: source.kind,
                    enabled: source.enabled,
                    weight: source.weight,
                    folder: source.folder,
                    images: mine.length,
                    bytes: mine.reduce((sum, file) => sum + file.size, 0),
                    apiKey: SOURCES[source.kind].apiKey,
                    hasApiKey: this.settings.apiKeys.has(source.id),
                    lastRefreshAt: state?.last_refresh_at ? new Date(state.last_refresh_at).toISOString() : null,
                    problem: this.problems.get(source.id) ?? state?.last_error ?? null,
                };
            }),
            downloadFolder: this.settings.downloadRoot,
            quotaMb: Math.round(this.settings.quotaBytes / 1024 / 1024),
            usedBytes: usedBytes(downloads) + this.partials().reduce((sum, part) => sum + part.size, 0),
            safeMode: this.settings.safeMode,
        };
    }

    /**
     * Refreshes the named source (which must be enabled) or every enabled one. Sources run side by side, so a
     * slow or hanging one holds up no other (each host still sees a bounded number of requests at once); a source
     * already refreshing is refreshed again after that run ends.
     */
    refresh(id?: string): Promise<RefreshResultJson> {
        let targets: ResolvedSource[];
        if (id !== undefined) {
            const source = this.source(id);
            if (!source) {
                const known = this.settings.sources.map((s) => s.id).join(', ') || 'none configured';
                throw new ChameleonError(
                    ErrorCode.SourceUnknown,
                    `no online source is called ${id} (sources: ${known})`,
                );
            }
            if (!source.enabled)
                throw new ChameleonError(
                    ErrorCode.SourceDisabled,
                    `the online source ${id} is disabled; enable it first (nothing is downloaded from a ` +
                        `disabled source)`,
                );
            targets = [source];
        } else {
            targets = this.settings.sources.filter((source) => source.enabled);
        }
        return this.refreshSources(targets);
    }

    private async refreshSources(targets: ResolvedSource[]): Promise<RefreshResultJson> {
        const results = await Promise.all(targets.map((source) => this.refreshQueued(source)));
        const settle = this.settling.then(async () => {
            const evicted = await this.enforceQuota();
            const touched = targets
                .filter((_source, i) => results[i]!.downloaded.length > 0)
                .map((source) => source.folder);
            if (touched.length > 0 || evicted.length > 0)
                await this.o.reindex(evicted.length > 0 ? this.folders() : touched);
            return evicted;
        });
        this.settling = settle.catch(() => undefined);
        return { sources: results, evicted: await settle };
    }

    private refreshQueued(source: ResolvedSource): Promise<SourceRefreshJson> {
        const run = (this.refreshing.get(source.id) ?? Promise.resolve()).then(() => this.refreshOne(source));
        const tail = run.catch(() => undefined);
        this.refreshing.set(source.id, tail);
        void tail.then(() => {
            if (this.refreshing.get(source.id) === tail) this.refreshing.delete(source.id);
        });
        return run;
    }

    private secrets(): string[] {
        return [...this.settings.apiKeys.values()];
    }

    /** One source's refresh. Whatever goes wrong is that source's problem, recorded with it; others go on. */
    private async refreshOne(source: ResolvedSource): Promise<SourceRefreshJson> {
        try {
            return await this.refreshOneUnguarded(source);
        } catch (error) {
            const message = redactSecrets(`the refresh failed: ${(error as Error).message}`, this.secrets());
            this.store.setSourceState(source.id, this.now(), message);
            log.warn(`online source ${source.id}: ${message}`);
            return { id: source.id, listed: 0, downloaded: [], duplicates: 0, failures: [], error: message };
        }
    }

    private async refreshOneUnguarded(source: ResolvedSource): Promise<SourceRefreshJson> {
        const result: SourceRefreshJson = {
            id: source.id,
            listed: 0,
            downloaded: [],
            duplicates: 0,
            failures: [],
            error: null,
        };
        const fail = (message: string) => {
            result.error = redactSecrets(message, this.secrets());
            this.store.setSourceState(source.id, this.now(), result.error);
            log.warn(`online source ${source.id}: ${result.error}`);
            return result;
        };
        const problem = this.checkSource(source);
        if (problem) return fail(problem);
        const kind = SOURCES[source.kind];
        const options = kind.options.parse(source.options);
        const apiKey = this.settings.apiKeys.get(source.id) ?? null;
        const fresh: Candidate[] = [];
        const seen = new Set<string>();
        let cursor = this.store.sourceState(source.id)?.cursor ?? null;
        for (let page = 0; page < MAX_PAGES_PER_REFRESH; page++) {
            let listing: Listing;
            try {
                listing = await kind.list(options, {
                    http: this.http,
                    apiKey,
                    safeMode: this.settings.safeMode,
                    limit: this.settings.perRefresh * 3,
                    cursor,
                    now: this.now(),
                });
            } catch (error) {
                if (page === 0)
                    return fail(`${(error as Error).message}; the images already downloaded are still shown`);
                // A later page that fails leaves what the earlier ones gave; the next refresh asks for it again.
                log.info(
                    `online source ${source.id}: stopped paging: ` +
                        `${redactSecrets((error as Error).message, this.secrets())}`,
                );
                break;
            }
            // Safe mode is applied here as well as in each source's query, so no source can forget it.
            const allowed = listing.items.filter((item) => !(this.settings.safeMode && item.nsfw));
            result.listed += allowed.length;
            const settled = this.store.settledUrls(allowed.map(identity), this.now());
            for (const item of allowed) {
                const id = identity(item);
                if (settled.has(id) || seen.has(id)) continue;
                seen.add(id);
                fresh.push(item);
            }
            // More new images on this page than one refresh takes: the next refresh reads it again.
            if (fresh.length > this.settings.perRefresh) break;
            // This page is used up. After the last page the listing starts over (new uploads appear first).
            cursor = listing.next;
            if (cursor === null || fresh.length === this.settings.perRefresh) break;
        }
        this.store.setCursor(source.id, cursor);
        await mkdir(source.folder, { recursive: true });
        // The key is for the API; image hosts (CDNs) never see it.
        const headers = kind.authHeaders?.(apiKey);
        const batch = fresh.slice(0, this.settings.perRefresh);
        const outcomes = await Promise.all(
            batch.map((item) =>
                this.downloader.download({ sourceId: source.id, candidate: item, folder: source.folder }),
            ),
        );
        const at = this.now();
        outcomes.forEach((outcome, i) => {
            const item = batch[i]!;
            switch (outcome.state) {
                case 'downloaded':
                    this.store.record(
                        source.id,
                        item,
                        { state: 'downloaded', path: outcome.path, hash: outcome.hash, size: outcome.size },
                        at,
                    );
                    result.downloaded.push(outcome.path);
                    if (item.downloadPing) void this.ping(item.downloadPing, headers);
                    break;
                case 'duplicate':
                    this.store.record(source.id, item, { state: 'duplicate', hash: outcome.hash }, at);
                    result.duplicates++;
                    break;
                default:
                    this.store.record(
                        source.id,
                        item,
                        { state: outcome.state, reason: redactSecrets(outcome.reason, this.secrets()) },
                        at,
                    );
                    result.failures.push(`${item.url}: ${redactSecrets(outcome.reason, this.secrets())}`);
                    break;
            }
        });
        this.store.setSourceState(source.id, at, null);
        if (result.downloaded.length > 0)
            log.info(`online source ${source.id}: ${result.downloaded.length} new images`);
        return result;
    }

    /** Unsplash asks to be told of each download (its API guidelines); a failure here is no one's problem. */
    private async ping(url: string, headers: Record<string, string> | undefined): Promise<void> {
        await this.http
            .getText(url, headers ? { headers } : {})
            .catch((error: Error) =>
                log.debug(`download ping failed: ${redactSecrets(error.message, this.secrets())}`),
            );
    }

    private downloadedFiles(): DownloadedFile[] {
        const current = this.o.currentPath();
        return this.store.downloads().flatMap((row) => {
            if (!row.path || !existsSync(row.path)) return [];
            return [
                {
                    id: row.id,
                    path: row.path,
                    size: row.size ?? statSync(row.path).size,
                    downloadedAt: row.downloaded_at ?? row.discovered_at,
                    favourite: row.favourite === 1,
                    banned: row.banned === 1 || row.image_banned === 1,
                    protected: row.path === current,
                },
            ];
        });
    }

    /** Partial files of interrupted downloads, oldest first. */
    private partials(): { path: string; size: number; mtime: number }[] {
        const dir = join(this.settings.downloadRoot, '.partial');
        let names: string[];
        try {
            names = readdirSync(dir);
        } catch {
            return [];
        }
        return names
            .flatMap((name) => {
                try {
                    const stats = statSync(join(dir, name));
                    return stats.isFile() ? [{ path: join(dir, name), size: stats.size, mtime: stats.mtimeMs }] : [];
                } catch {
                    return [];
                }
            })
            .sort((a, b) => a.mtime - b.mtime);
    }

    /**
     * Partial files count in the quota. Those of downloads that will not be tried again go; the rest are kept for
     * a resume unless the quota needs their room, where they go before any finished picture.
     */
    private async tidyPartials(downloadBytes: number): Promise<number> {
        const retryable = new Set(this.store.retryableUrls().map(partName));
        let kept = 0;
        for (const part of this.partials()) {
            if (this.downloader.partsInUse.has(part.path)) {
                kept += part.size;
                continue;
            }
            const wanted = retryable.has(part.path.slice(part.path.lastIndexOf('/') + 1));
            if (wanted && downloadBytes + kept + part.size <= this.settings.quotaBytes) {
                kept += part.size;
                continue;
            }
            await rm(part.path, { force: true });
        }
        return kept;
    }

    /** Removes partial files and downloads beyond the quota (see quota.ts); returns the downloads' paths. */
    async enforceQuota(): Promise<string[]> {
        const files = this.downloadedFiles();
        const partialBytes = await this.tidyPartials(usedBytes(files));
        const evict = planEviction(files, Math.max(0, this.settings.quotaBytes - partialBytes));
        for (const file of evict) {
            await rm(file.path, { force: true });
            this.store.markEvicted(file.id);
            const row = this.images.byPath(file.path);
            if (row) this.images.remove([row.id]);
        }
        if (evict.length > 0)
            log.info(
                `removed ${evict.length} old downloads to stay within ` +
                    `${Math.round(this.settings.quotaBytes / 1024 / 1024)} MiB`,
            );
        return evict.map((file) => file.path);
    }

    /** "Where is it from?": by path, else by content (a favourite's copy elsewhere is still the same picture). */
    async origin(path: string): Promise<OriginJson> {
        const absolute = resolve(path);
        let row = this.store.byPath(absolute);
        if (!row && existsSync(absolute)) {
            const hash = this.images.byPath(absolute)?.content_hash ?? (await contentHash(absolute).catch(() => null));
            if (hash) row = this.store.byHash(hash);
        }
        return this.originJson(absolute, row);
    }

    /**
     * The origin of a downloaded picture as far as the database knows it without reading the file (by path, else
     * by the content hash in the index), for every wallpaper announced; null for the user's own pictures.
     */
    knownOrigin(path: string): OriginJson | null {
        const absolute = resolve(path);
        const hash = this.images.byPath(absolute)?.content_hash;
        const row = this.store.byPath(absolute) ?? (hash ? this.store.byHash(hash) : undefined);
        return row ? this.originJson(absolute, row) : null;
    }

    private originJson(absolute: string, row: OnlineImageRow | undefined): OriginJson {
        const none: OriginJson = {
            path: absolute,
            online: false,
            sourceId: null,
            kind: null,
            url: null,
            title: null,
            author: null,
            authorUrl: null,
            originPage: null,
            licence: null,
            downloadedAt: null,
            bannedUrl: false,
        };
        if (!row) return none;
        return {
            ...none,
            online: true,
            sourceId: row.source_id || null,
            kind: this.source(row.source_id)?.kind ?? null,
            url: row.url,
            title: row.title,
            author: row.author,
            authorUrl: row.author_url,
            originPage: row.origin_page,
            licence: row.licence,
            downloadedAt: row.downloaded_at ? new Date(row.downloaded_at).toISOString() : null,
            bannedUrl: row.banned === 1,
        };
    }

    /** The URL a downloaded file came from, or null for the user's own images. */
    urlOf(path: string): string | null {
        return this.store.byPath(resolve(path))?.url ?? null;
    }

    /** Whether `url` is banned (false for a string that is no URL). */
    urlBanned(url: string): boolean {
        return URL.canParse(url) && this.store.byUrl(new URL(url).href)?.banned === 1;
    }

    /** Bans or unbans a URL; returns the downloaded file of that URL, if one is on disk. */
    banUrl(url: string, banned: boolean): string | null {
        let parsed: URL;
        try {
            parsed = new URL(url);
        } catch {
            throw new ChameleonError(ErrorCode.InvalidParams, `${url} is not a URL`);
        }
        // The file's own URL names the image it was fetched as (an Unsplash photo is banned whatever its next URL).
        const known = this.store.byUrl(parsed.href);
        this.store.setBanned(known?.url ?? parsed.href, banned, this.now());
        const path = known?.path ?? null;
        return path && existsSync(path) ? path : null;
    }

    /** Sources due a refresh now: enabled, with an interval, and not refreshed within it. */
    dueSources(now = this.now()): ResolvedSource[] {
        return this.settings.sources.filter((source) => {
            if (!source.enabled || source.refreshMinutes === 0 || this.problems.has(source.id)) return false;
            const last = this.store.sourceState(source.id)?.last_refresh_at ?? null;
            return last === null || now - last >= source.refreshMinutes * 60_000;
        });
    }

    /** Serve mode: refreshes due sources now and then. Only enabled sources are ever due. */
    startBackground(checkEveryMs = CHECK_EVERY_MS, firstCheckMs = 5000): void {
        if (this.timer) return;
        const tick = async () => {
            const due = this.dueSources();
            log.debug(`online sources checked: ${due.length} due`);
            await Promise.all(
                due.map((source) =>
                    this.refresh(source.id).catch((error: Error) =>
                        log.warn(`online source ${source.id}: ${redactSecrets(error.message, this.secrets())}`),
                    ),
                ),
            );
            if (this.timer) this.timer = setTimeout(() => void tick(), checkEveryMs).unref();
        };
        this.timer = setTimeout(() => void tick(), firstCheckMs).unref();
    }

    async close(): Promise<void> {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        await Promise.all([...this.refreshing.values()]);
        await this.settling;
        await closeFeedReader();
    }
}
