import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { scheduleAnalysis, type AnalysisSchedule, type AnalysisScheduler } from '../background/analysisScheduler.js';
import { ColourAnalysis } from '../background/colourAnalysis.js';
import type { Db } from '../db/database.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import { PickRecordStore, type PickRecord } from '../db/pickRecords.js';
import { SourceStore } from '../db/sources.js';
import { FolderScans } from '../scan/folderScans.js';
import { recordIdentity } from '../scan/identity.js';
import { keepVanished } from '../scan/vanished.js';
import { log } from '../log.js';
import {
    ErrorCode,
    type DesktopStateJson,
    type RescanResultJson,
    type SelectionConfigJson,
} from '../protocol/messages.js';
import { GNOME_DEFAULT_BACKDROP, type Backdrop } from '../palette/backdrop.js';
import { analyseImage, type ColourFeatures } from '../selection/features.js';
import { FACT_COLUMNS, SelectionIndex, type PickResult } from '../selection/selectionIndex.js';
import { resolveSelectionSettings, type SelectionSettings } from '../selection/settings.js';
import { favouritesFolderOf } from '../selection/favouriteCopy.js';
import { ChameleonError } from '../errors.js';
import { noImages } from './errors.js';

export type { PickRecord } from '../db/pickRecords.js';
export type BackgroundAnalysisOptions = AnalysisSchedule;

/** How well an image suits where it will be shown, 0 … 1 (1 = take it), and how many candidates to draw at most. */
export interface PickPreference {
    score(row: ImageRow): number;
    draws: number;
}

/**
 * The folders in use and the images in them, put together from parts that each hold one thing: their index kept
 * current (scan/folderScans.ts), Smart Selection's index of weights (selection/selectionIndex.ts) and record of
 * picks (db/pickRecords.ts), and the colour analysis with its scheduler (background/). What is here: the folder
 * list, the pick loop, and what a favourite, ban or broken file changes in both the table and the index.
 */
export class Collection {
    /** The folders pictures are picked from: those configured, and the favourites folder when favourites go there. */
    private folderList: string[] = [];
    private configuredFolders: string[] = [];
    /**
     * Whether the favourites folder joins the configured folders (not while folders named on the command line rule).
     */
    private withFavourites = true;
    private readonly images: ImageStore;
    private readonly sources: SourceStore;
    private readonly scans: FolderScans;
    private readonly picks: PickRecordStore;
    private readonly analysis: ColourAnalysis;
    private scheduler: AnalysisScheduler | null = null;
    private selectionSettings: SelectionSettings = resolveSelectionSettings();
    readonly index: SelectionIndex;
    /**
     * Measures one image's colour features. By default a small decode here; the long-running backend replaces it
     * with its low-priority analysis processes, which also store the image's palette from the same decode.
     */
    analyser: (image: { id: number; path: string }) => Promise<ColourFeatures> = (image) =>
        analyseImage(image.path, this.backdrop);
    /** What GNOME draws behind the wallpaper: pictures with transparency are measured over it. */
    backdrop: Backdrop = GNOME_DEFAULT_BACKDROP;

    constructor(
        private readonly db: Db,
        private readonly random: () => number = Math.random,
        private readonly now: () => number = Date.now,
    ) {
        this.images = new ImageStore(db);
        this.index = new SelectionIndex(db, this.selectionSettings);
        this.picks = new PickRecordStore(db);
        this.sources = new SourceStore(db);
        this.scans = new FolderScans(db, this.sources, now, (scan) => {
            this.index.invalidate();
            if (scan.added + scan.changed > 0) this.scheduler?.wake();
        });
        this.analysis = new ColourAnalysis({
            db,
            images: this.images,
            index: this.index,
            sourceIds: () => this.knownSourceIds(),
            analyser: (image) => this.analyser(image),
            factRow: (id) => this.factRow(id),
            now,
        });
    }

    /** Told how far a scan has got reading the headers of new and changed files. */
    set onScanProgress(report: ((done: number, total: number) => void) | null) {
        this.scans.onScanProgress = report;
    }

    /** Trust folders as their last complete scan left them (the lone CLI; see scan/folderStamp.ts). */
    set quickFolderCheck(quick: boolean) {
        this.scans.quickFolderCheck = quick;
    }

    get settings(): SelectionSettings {
        return this.selectionSettings;
    }

    /** Applies Smart Selection settings and what the desktop reported (dark style, accent, monitor). */
    configureSelection(selection: SelectionConfigJson | undefined, desktop: DesktopStateJson | undefined): void {
        this.selectionSettings = resolveSelectionSettings(selection, desktop);
        this.index.configure(this.selectionSettings);
        this.refreshFolders();
    }

    get folders(): readonly string[] {
        return this.folderList;
    }

    /** `withFavourites`: add the favourites folder (see folderList). */
    setFolders(folders: readonly string[], withFavourites = true): void {
        this.configuredFolders = [...new Set(folders.map((folder) => resolve(folder)))];
        this.withFavourites = withFavourites;
        this.refreshFolders();
    }

    /** The favourites folder when favourites are copied or moved there (selection/favouriteCopy.ts), else null. */
    get favouritesFolder(): string | null {
        return favouritesFolderOf(this.selectionSettings);
    }

    /** The folders in use again: the favourites folder counts once it exists (the first favourite makes it). */
    private refreshFolders(): void {
        const favourites = this.withFavourites ? this.favouritesFolder : null;
        const add = favourites !== null && !this.configuredFolders.includes(favourites) && existsSync(favourites);
        this.folderList = add ? [...this.configuredFolders, favourites] : this.configuredFolders;
        this.scans.keepOnly(this.folderList);
    }

    /**
     * Indexes `copy`, which Chameleon just made of `original` in the favourites folder, as the same picture (see
     * ImageStore.insertCopy): a copy is never a new picture. Synchronous from the copy on, so no scan in between
     * can find the file first.
     */
    adoptFavouriteCopy(original: ImageRow, copy: string): void {
        const folder = this.favouritesFolder;
        if (!folder) return;
        this.refreshFolders();
        const existing = this.images.byPath(copy);
        if (existing) this.images.setFavourite(existing.id, true);
        else
            this.images.insertCopy(original.id, this.sources.ensureFolder(folder), {
                path: copy,
                ...sizeAndTime(copy),
            });
        this.index.invalidate();
    }

    /** Follows a picture Chameleon just moved into the favourites folder: the same row, favourite, history and all. */
    adoptFavouriteMove(row: ImageRow, to: string): void {
        const folder = this.favouritesFolder;
        if (!folder) return;
        this.refreshFolders();
        const { size, mtimeMs } = sizeAndTime(to);
        this.images.moveTo(row.id, this.sources.ensureFolder(folder), {
            path: to,
            size,
            mtimeMs,
            width: row.width,
            height: row.height,
            format: row.format,
            skipReason: row.skip_reason,
        });
        this.index.invalidate();
    }

    /** Rescans folders (all by default) now. A folder that cannot be read is reported, the others still indexed. */
    async rescan(folders: readonly string[] = this.folderList): Promise<RescanResultJson> {
        const total = { added: 0, changed: 0, removed: 0, moved: 0, skipped: 0, total: 0, problems: [] as string[] };
        for (const folder of folders) {
            const scan = await this.scans.scan(folder, total.problems);
            if (!scan) continue;
            total.added += scan.added;
            total.changed += scan.changed;
            total.removed += scan.removed;
            total.moved += scan.moved;
            total.skipped += scan.skipped;
            total.problems.push(...scan.problems);
        }
        // Pictures found broken when they were about to be shown are not in any scan's news: list them each time.
        for (const { path, reason } of this.images.broken(
            this.knownSourceIds(folders.map((folder) => resolve(folder))),
        ))
            total.problems.push(`${path}: ${reason}`);
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
    async pick(
        excludeId: number | null,
        folders: readonly string[] = this.folderList,
        prefer?: PickPreference,
    ): Promise<ImageRow> {
        const wanted = folders.map((folder) => resolve(folder));
        const sourceIds = await this.scans.usableSourceIds(wanted);
        // The index covers the configured folders and any named for this pick; the pick itself is limited to the
        // named ones, so a `--folder` pick does not throw away the index of the others.
        this.index.setSources(this.scans.sourceRefs([...new Set([...this.folderList, ...wanted])]));
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
            // Moved elsewhere, perhaps: a later scan that finds it gives back its favourite and history.
            keepVanished(this.db, [row.id], now);
            this.images.remove([row.id]);
        }
    }

    private recordPick(picked: PickResult, at: number): void {
        this.picks.record(picked.id, at, picked);
    }

    lastPick(imageId: number): PickRecord | undefined {
        return this.picks.last(imageId);
    }

    /** Brings the selection index up to date with the configured folders (for `explain` and `stats`). */
    async syncIndex(): Promise<number> {
        if (this.folderList.length > 0) await this.scans.usableSourceIds(this.folderList).catch(() => []);
        this.index.setSources(this.scans.sourceRefs(this.folderList));
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
                `${absolute} is not an image in Chameleon's wallpaper folders ` +
                    `(${this.folderList.join(', ') || 'none configured'}); add its folder or rescan`,
            );
        }
        return row;
    }

    /** The sources of each configured folder (those of folders indexed inside it included), for the gallery. */
    folderSources(): Map<string, number[]> {
        const byFolder = new Map<string, number[]>(this.folderList.map((folder) => [folder, []]));
        for (const ref of this.scans.sourceRefs(this.folderList)) byFolder.get(ref.location)?.push(ref.id);
        return byFolder;
    }

    /** Paths of the indexed images whose path starts with `prefix` (a folder path ending in a separator). */
    pathsUnder(prefix: string): string[] {
        return this.images.pathsUnder(prefix);
    }

    folderOf(row: ImageRow): string {
        return this.scans.sourceRefs(this.folderList).find((ref) => ref.id === row.source_id)?.location ?? '';
    }

    /** The row as the selection index reads it, for `explain` and weight updates. */
    factRow(id: number): unknown[] | undefined {
        return this.db.prepare(`SELECT ${FACT_COLUMNS} FROM images WHERE id = ?`).raw(true).get(id) as
            unknown[] | undefined;
    }

    /** Marks or unmarks a favourite; resolves once the picture's content hash is recorded (scan/identity.ts). */
    async setFavourite(row: ImageRow, favourite: boolean): Promise<void> {
        this.images.setFavourite(row.id, favourite);
        this.index.refreshImage(this.factRow(row.id) as never, this.now());
        await recordIdentity(this.db, row.id);
    }

    /** Bans or unbans; resolves once the picture's content hash is recorded (scan/identity.ts). */
    async setBanned(row: ImageRow, banned: boolean): Promise<void> {
        this.banNow(row, banned);
        await recordIdentity(this.db, row.id);
    }

    /** Records the content hash of a picture that now carries user state (a history entry made elsewhere). */
    recordIdentity(row: Pick<ImageRow, 'id'>): Promise<void> {
        return recordIdentity(this.db, row.id);
    }

    private banNow(row: ImageRow, banned: boolean): void {
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

    /** Measures colour features of up to `limit` images not analysed yet (background/colourAnalysis.ts). */
    analyse(limit: number): Promise<{ analysed: number; remaining: number }> {
        return this.analysis.analyse(limit);
    }

    /** Analyses the collection a batch at a time while the backend runs (background/analysisScheduler.ts). */
    startBackgroundAnalysis(options: BackgroundAnalysisOptions = {}): void {
        this.scheduler ??= scheduleAnalysis((batch) => this.analyse(batch), options);
    }

    /** Stops background work and waits for what is in flight. */
    async close(): Promise<void> {
        this.scheduler?.stop();
        this.scheduler = null;
        await this.analysis.idle();
    }

    countUsable(): number {
        return this.images.countUsable(this.knownSourceIds());
    }

    countSkipped(): number {
        return this.images.countSkipped(this.knownSourceIds());
    }

    private knownSourceIds(folders: readonly string[] = this.folderList): number[] {
        return this.scans.sourceIds(folders);
    }
}

function sizeAndTime(path: string): { size: number; mtimeMs: number } {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
}
