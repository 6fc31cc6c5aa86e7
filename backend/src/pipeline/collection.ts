import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../db/database.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import { SourceStore } from '../db/sources.js';
import { indexFolder, type FolderScan } from '../index/indexer.js';
import { folderUnchanged } from '../index/folderStamp.js';
import { FolderError } from '../index/walkFolder.js';
import { log } from '../log.js';
import { ErrorCode, type DesktopStateJson, type RescanResultJson, type SelectionConfigJson } from '../protocol/messages.js';
import { GNOME_DEFAULT_BACKDROP, type Backdrop } from '../palette/backdrop.js';
import { analyseImage, type ColourFeatures } from '../selection/features.js';
import { FACT_COLUMNS, SelectionIndex, type PickResult, type SourceRef } from '../selection/selectionIndex.js';
import { resolveSelectionSettings, type SelectionSettings } from '../selection/settings.js';
import { ChameleonError, noImages } from './errors.js';

/** How well an image suits where it will be shown, 0 … 1 (1 = take it), and how many candidates to draw at most. */
export interface PickPreference {
    score(row: ImageRow): number;
    draws: number;
}

/** Smart Selection's record of a pick, kept for `chameleon why`. */
export interface PickRecord {
    picked_at: number;
    probability: number;
    weight: number;
    candidates: number;
}

export interface BackgroundAnalysisOptions {
    intervalMs?: number;
    batch?: number;
    mayRun?: () => Promise<boolean>;
    onProgress?: (done: number, total: number) => void;
}

/**
 * The folders in use and the images in them: keeps their index current and picks among their images with Smart
 * Selection (selection/selectionIndex.ts).
 */
export class Collection {
    private folderList: string[] = [];
    /**
     * Folders this process has brought up to date. Each is rescanned on first use (a rescan of unchanged files
     * costs only their stat), so files added while no backend ran are found by the next `chameleon next`.
     */
    private readonly scanned = new Set<string>();
    private readonly images: ImageStore;
    private readonly sources: SourceStore;
    private selectionSettings: SelectionSettings = resolveSelectionSettings();
    readonly index: SelectionIndex;
    private analysing: Promise<unknown> = Promise.resolve();
    /**
     * Measures one image's colour features. By default a small decode here; the long-running backend replaces it
     * with its low-priority analysis processes, which also store the image's palette from the same decode.
     */
    analyser: (image: { id: number; path: string }) => Promise<ColourFeatures> = (image) => analyseImage(image.path, this.backdrop);
    /** What GNOME draws behind the wallpaper: pictures with transparency are measured over it. */
    backdrop: Backdrop = GNOME_DEFAULT_BACKDROP;
    /** Told how far a scan has got reading the headers of new and changed files. */
    onScanProgress: ((done: number, total: number) => void) | null = null;
    /**
     * Trust a folder whose sub-folders are as the last complete scan left them, instead of a stat of every file
     * (the lone CLI; see index/folderStamp.ts for what that does not notice).
     */
    quickFolderCheck = false;
    private analysisTimer: NodeJS.Timeout | null = null;
    /** Brings the next background analysis batch forward (set while background analysis runs). */
    private wakeAnalysis: () => void = () => {};

    constructor(
        private readonly db: Db,
        private readonly random: () => number = Math.random,
        private readonly now: () => number = Date.now,
    ) {
        this.images = new ImageStore(db);
        this.sources = new SourceStore(db);
        this.index = new SelectionIndex(db, this.selectionSettings);
    }

    get settings(): SelectionSettings {
        return this.selectionSettings;
    }

    /** Applies Smart Selection settings and what the desktop reported (dark style, accent, monitor). */
    configureSelection(selection: SelectionConfigJson | undefined, desktop: DesktopStateJson | undefined): void {
        this.selectionSettings = resolveSelectionSettings(selection, desktop);
        this.index.configure(this.selectionSettings);
    }

    get folders(): readonly string[] {
        return this.folderList;
    }

    setFolders(folders: readonly string[]): void {
        this.folderList = [...new Set(folders.map((folder) => resolve(folder)))];
        // A scan stays true only while its folder is watched: one that leaves the list is scanned again when next
        // used (it may have been moved away and back, or filled, in the meantime).
        for (const folder of this.scanned) if (!this.folderList.includes(folder)) this.scanned.delete(folder);
    }

    /** Rescans folders (all by default) now. A folder that cannot be read is reported, the others still indexed. */
    async rescan(folders: readonly string[] = this.folderList): Promise<RescanResultJson> {
        const total = { added: 0, changed: 0, removed: 0, moved: 0, skipped: 0, total: 0, problems: [] as string[] };
        for (const folder of folders) {
            const scan = await this.scanFolder(folder, total.problems);
            if (!scan) continue;
            total.added += scan.added;
            total.changed += scan.changed;
            total.removed += scan.removed;
            total.moved += scan.moved;
            total.skipped += scan.skipped;
            total.problems.push(...scan.problems);
        }
        // Pictures found broken when they were about to be shown are not in any scan's news: list them each time.
        for (const { path, reason } of this.images.broken(this.knownSourceIds(folders.map((folder) => resolve(folder))))) total.problems.push(`${path}: ${reason}`);
        // Counted once for all: folders may nest.
        total.total = this.images.countUsable(this.knownSourceIds(folders.map((folder) => resolve(folder))));
        this.index.invalidate();
        return total;
    }

    /**
     * Picks a usable image other than `excludeId` from `folders` (by default the configured ones), dropping index
     * entries whose file has disappeared. With `prefer` (per-monitor picks, compose/monitorPicks.ts), Smart
     * Selection draws up to `prefer.draws` candidates and keeps the first that scores 1, else the best scored:
     * among images that suit, the odds stay Smart Selection's own. Only the kept one is recorded as picked.
     */
    async pick(excludeId: number | null, folders: readonly string[] = this.folderList, prefer?: PickPreference): Promise<ImageRow> {
        const wanted = folders.map((folder) => resolve(folder));
        const sourceIds = await this.usableSourceIds(wanted);
        // The index covers the configured folders and any named for this pick; the pick itself is limited to the
        // named ones, so a `--folder` pick does not throw away the index of the others.
        this.index.setSources(this.sourceRefs([...new Set([...this.folderList, ...wanted])]));
        const only = new Set(sourceIds);
        let drawn = 0;
        let best: { row: ImageRow; picked: PickResult; score: number } | null = null;
        for (;;) {
            const now = this.now();
            this.index.sync(now);
            const picked = this.index.pick(now, this.random, excludeId, only);
            if (!picked) throw noImages(wanted);
            const row = this.images.byId(picked.id);
            if (!row) {
                this.index.invalidate();
                continue;
            }
            if (existsSync(row.path)) {
                if (prefer && ++drawn < prefer.draws) {
                    const score = prefer.score(row);
                    if (!best || score > best.score) best = { row, picked, score };
                    if (score < 1) continue;
                }
                const kept = best && prefer && best.score > prefer.score(row) ? best : { row, picked };
                this.recordPick(kept.picked, now);
                return kept.row;
            }
            log.info(`${row.path} is gone; removing it from the index`);
            this.index.removeImage(row.id);
            this.images.remove([row.id]);
        }
    }

    private recordPick(picked: PickResult, at: number): void {
        this.db
            .prepare(
                `INSERT INTO selection_picks (image_id, picked_at, probability, weight, candidates) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT(image_id) DO UPDATE SET picked_at = excluded.picked_at, probability = excluded.probability,
                 weight = excluded.weight, candidates = excluded.candidates`,
            )
            .run(picked.id, at, picked.probability, picked.weight, picked.candidates);
    }

    lastPick(imageId: number): PickRecord | undefined {
        return this.db.prepare(`SELECT picked_at, probability, weight, candidates FROM selection_picks WHERE image_id = ?`).get(imageId) as
            | PickRecord
            | undefined;
    }

    /**
     * The sources holding the pictures of `folders`: each folder's own and those of folders indexed inside it
     * (a picture is listed once, by the innermost indexed folder: index/indexer.ts). Each is named for the
     * innermost of `folders` holding it, whose weight and balance it shares.
     */
    private sourceRefs(folders: readonly string[]): SourceRef[] {
        const locationOf = new Map<number, string>();
        for (const folder of [...folders].sort((a, b) => a.length - b.length)) {
            for (const row of this.sources.atOrUnder(folder)) locationOf.set(row.id, folder);
        }
        return [...locationOf].map(([id, location]) => ({ id, location }));
    }

    /** Brings the selection index up to date with the configured folders (for `explain` and `stats`). */
    async syncIndex(): Promise<number> {
        if (this.folderList.length > 0) await this.usableSourceIds(this.folderList).catch(() => []);
        this.index.setSources(this.sourceRefs(this.folderList));
        const now = this.now();
        this.index.sync(now);
        return now;
    }

    /**
     * The indexed image at `path` in one of the configured folders. Anything else is refused, so that image
     * commands never touch files Chameleon was not asked to manage.
     */
    indexedImage(path: string): ImageRow {
        const absolute = resolve(path);
        const row = this.images.byPath(absolute);
        const inFolders = row ? this.knownSourceIds().includes(row.source_id) : false;
        if (!row || !inFolders) {
            throw new ChameleonError(
                ErrorCode.ImageNotIndexed,
                `${absolute} is not an image in Chameleon's wallpaper folders (${this.folderList.join(', ') || 'none configured'}); add its folder or rescan`,
            );
        }
        return row;
    }

    /** Paths of the indexed images whose path starts with `prefix` (a folder path ending in a separator). */
    pathsUnder(prefix: string): string[] {
        return this.images.pathsUnder(prefix);
    }

    folderOf(row: ImageRow): string {
        return this.sourceRefs(this.folderList).find((ref) => ref.id === row.source_id)?.location ?? '';
    }

    /** The row as the selection index reads it, for `explain` and weight updates. */
    factRow(id: number): unknown[] | undefined {
        return this.db.prepare(`SELECT ${FACT_COLUMNS} FROM images WHERE id = ?`).raw(true).get(id) as unknown[] | undefined;
    }

    setFavourite(row: ImageRow, favourite: boolean): void {
        this.images.setFavourite(row.id, favourite);
        this.index.refreshImage(this.factRow(row.id) as never, this.now());
    }

    setBanned(row: ImageRow, banned: boolean): void {
        this.images.setBanned(row.id, banned);
        // A ban takes the image out at once; an unban needs its slot back, which a reload gives.
        if (banned) this.index.removeImage(row.id);
        else this.index.invalidate();
    }

    /** A picture that would not decode: never picked again until its file changes, and listed by rescans. */
    markBroken(row: ImageRow, detail: string): void {
        log.warn(`${row.path} cannot be decoded (${detail}); it will not be shown`);
        this.images.markBroken(row.id, detail);
        this.index.removeImage(row.id);
    }

    /** Pictures of the configured folders found broken when shown, with the reason. */
    broken(): { path: string; reason: string }[] {
        return this.images.broken(this.knownSourceIds());
    }

    /** Forgets an image whose file went to the trash; history keeps its path. */
    forget(row: ImageRow): void {
        this.index.removeImage(row.id);
        this.images.remove([row.id]);
    }

    /**
     * Measures colour features of up to `limit` images not analysed yet, two at a time. Images that cannot be
     * decoded are marked analysed without features, so they are not retried on every pass.
     */
    analyse(limit: number): Promise<{ analysed: number; remaining: number }> {
        const run = this.analysing.then(async () => {
            const sourceIds = this.knownSourceIds();
            const batch = this.nextToAnalyse(sourceIds, limit);
            let next = 0;
            const worker = async () => {
                while (next < batch.length) {
                    const image = batch[next++]!;
                    let features = null;
                    try {
                        features = await this.analyser(image);
                    } catch (error) {
                        log.debug(`no colour features for ${image.path}: ${(error as Error).message}`);
                    }
                    if (!this.db.open) return;
                    this.images.setFeatures(image.id, features, this.now());
                    const row = this.factRow(image.id);
                    if (row) this.index.refreshImage(row as never, this.now());
                }
            };
            await Promise.all([worker(), worker()]);
            return { analysed: batch.length, remaining: this.db.open ? this.images.countUnanalysed(sourceIds) : 0 };
        });
        this.analysing = run.catch(() => undefined);
        return run;
    }

    /**
     * Up to `limit` images to analyse, those Smart Selection is likely to show next first: drawn from the
     * selection index as picks are (so with the same odds), then the rest oldest first. On a new collection the
     * next wallpapers then find their palette made.
     */
    private nextToAnalyse(sourceIds: readonly number[], limit: number): Pick<ImageRow, 'id' | 'path' | 'source_id'>[] {
        const likely = new Set<number>();
        if (this.index.sourceRefs.length > 0) {
            const now = this.now();
            this.index.sync(now);
            const only = new Set(sourceIds);
            // Its own randomness: drawing here must not change which pictures the real picks get.
            for (let draw = 0; draw < limit * 8 && likely.size < limit * 2; draw++) {
                const picked = this.index.pick(now, Math.random, null, only);
                if (!picked) break;
                likely.add(picked.id);
            }
        }
        const first = this.images.unanalysedAmong([...likely]).slice(0, limit);
        const taken = new Set(first.map((row) => row.id));
        const rest = this.images.unanalysed(sourceIds, limit + taken.size).filter((row) => !taken.has(row.id));
        return [...first, ...rest].slice(0, limit);
    }

    /**
     * Analyses images a few at a time while the backend runs, so colour and time-of-day factors (and palettes)
     * fill in from the first day. `mayRun` is asked before each batch (battery, the user's setting); progress is
     * reported as images done out of those there were to do. Resumable by nature: what is done is in the database.
     */
    startBackgroundAnalysis(options: BackgroundAnalysisOptions = {}): void {
        if (this.analysisTimer) return;
        const { intervalMs = 2000, batch = 8, mayRun = async () => true, onProgress } = options;
        let total = 0;
        const tick = async () => {
            if (!(await mayRun())) return intervalMs * 30;
            const { analysed, remaining } = await this.analyse(batch);
            if (analysed === 0) {
                total = 0;
                return intervalMs * 30;
            }
            total = Math.max(total, analysed + remaining);
            onProgress?.(total - remaining, total);
            if (remaining === 0) total = 0;
            return intervalMs;
        };
        let running = false;
        const schedule = (delay: number) => {
            if (this.analysisTimer) clearTimeout(this.analysisTimer);
            this.analysisTimer = setTimeout(() => {
                running = true;
                tick().then(
                    (next) => {
                        running = false;
                        if (this.analysisTimer) schedule(next);
                    },
                    (error: Error) => {
                        running = false;
                        log.warn(`colour analysis stopped: ${error.message}`);
                    },
                );
            }, delay).unref();
        };
        // New pictures end a long wait at once: on a new collection the first ones are analysed within seconds.
        this.wakeAnalysis = () => {
            if (this.analysisTimer && !running) schedule(intervalMs);
        };
        schedule(intervalMs);
    }

    /** Stops background work and waits for what is in flight. */
    async close(): Promise<void> {
        if (this.analysisTimer) clearTimeout(this.analysisTimer);
        this.analysisTimer = null;
        this.wakeAnalysis = () => {};
        await this.analysing;
    }

    countUsable(): number {
        return this.images.countUsable(this.knownSourceIds());
    }

    countSkipped(): number {
        return this.images.countSkipped(this.knownSourceIds());
    }

    private knownSourceIds(folders: readonly string[] = this.folderList): number[] {
        return this.sourceRefs(folders).map((ref) => ref.id);
    }

    /** Source ids of `folders`, indexing those that need it. */
    private async usableSourceIds(folders: readonly string[]): Promise<number[]> {
        if (folders.length === 0) throw noImages(folders);
        const failures: string[] = [];
        for (const folder of folders) {
            if (this.scanned.has(folder)) continue;
            if (this.quickFolderCheck && folderUnchanged(this.sources.byLocation(folder)?.folder_stamp)) {
                this.scanned.add(folder);
                continue;
            }
            const scan = await this.scanFolder(folder, failures);
            for (const problem of scan?.problems ?? []) log.warn(problem);
        }
        if (failures.length === folders.length) throw new ChameleonError(ErrorCode.FolderUnavailable, failures.join('; '));
        // Some folders work: show their images, and leave a trace of the others for the journal.
        for (const failure of failures) log.warn(failure);
        return this.knownSourceIds(folders);
    }

    private async scanFolder(folder: string, failures: string[] = []): Promise<FolderScan | null> {
        try {
            const scan = await indexFolder(this.db, folder, this.now, this.onScanProgress ?? undefined);
            this.scanned.add(folder);
            if (scan.added + scan.changed + scan.removed + scan.moved > 0) this.index.invalidate();
            if (scan.added + scan.changed > 0) this.wakeAnalysis();
            return scan;
        } catch (error) {
            // Only the folder's own problems are the folder's; a database error is everyone's and goes up.
            if (!(error instanceof FolderError)) throw error;
            failures.push(error.message);
            return null;
        }
    }
}
