import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../db/database.js';
import { HistoryStore, type HistoryRow } from '../db/history.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import type { PaletteStore } from '../db/palettes.js';
import { fileUri } from '../desktop/fileUri.js';
import { SetWallpaperError, type DesktopSetter } from '../desktop/desktopSetter.js';
import {
    ErrorCode,
    type ChangeReason,
    type HistoryEntryJson,
    type RescanResultJson,
    type WallpaperJson,
} from '../protocol/messages.js';
import type { Collection } from './collection.js';
import { ChameleonError } from './errors.js';
import type { PaletteService } from './paletteService.js';
import { SerialQueue } from './serialQueue.js';

export interface WallpaperServiceOptions {
    db: Db;
    collection: Collection;
    desktop: DesktopSetter;
    palettes: PaletteService;
    paletteStore: PaletteStore;
    now?: () => number;
    /** Told about every change that reached the desktop, whoever asked for it. */
    onChanged?: (wallpaper: WallpaperJson, reason: ChangeReason) => void;
    /** Runs after each change is recorded, before the next request starts (the user's post-change commands). */
    afterChange?: (wallpaper: WallpaperJson) => Promise<unknown>;
}

/**
 * Navigation through wallpapers: every request runs select → set → palette → record to the end, one at a time
 * (see SerialQueue), so the desktop, the last history entry and the recorded palette always agree.
 */
export class WallpaperService {
    private readonly queue = new SerialQueue();
    private readonly history: HistoryStore;
    private readonly images: ImageStore;
    private readonly paletteStore: PaletteStore;
    private readonly now: () => number;

    constructor(private readonly options: WallpaperServiceOptions) {
        this.history = new HistoryStore(options.db);
        this.images = new ImageStore(options.db);
        this.paletteStore = options.paletteStore;
        this.now = options.now ?? Date.now;
    }

    get waiting(): number {
        return this.queue.waiting;
    }

    /** `folders` restricts this one pick to those folders (`chameleon next --folder DIR`). */
    next(reason: 'next' | 'timer' = 'next', folders?: readonly string[]): Promise<WallpaperJson> {
        return this.queue.run(() => this.runNext(reason, folders), `next:${JSON.stringify(folders ?? null)}`);
    }

    /** A new pick even while walking back through history (Variety's "fast forward"). */
    fastForward(): Promise<WallpaperJson> {
        return this.queue.run(() => this.runNext('next', undefined, true), 'fast-forward');
    }

    /**
     * Runs `task` as one step of the queue, so that changes to the collection (ban, trash) cannot interleave with
     * a change of wallpaper. `showNew` moves on to a newly picked wallpaper inside that same step.
     */
    exclusive<T>(task: (showNew: () => Promise<WallpaperJson>) => Promise<T>): Promise<T> {
        return this.queue.run(() => task(() => this.runNext('next', undefined, true)));
    }

    previous(): Promise<WallpaperJson> {
        return this.queue.run(() => this.runPrevious());
    }

    rescan(): Promise<RescanResultJson> {
        return this.queue.run(() => this.options.collection.rescan());
    }

    /** Waits for the queue to drain: what is on screen then matches `current()`. */
    idle(): Promise<void> {
        return this.queue.idle();
    }

    current(): WallpaperJson | null {
        const row = this.history.current();
        return row ? this.historyJson(row) : null;
    }

    list(limit: number): HistoryEntryJson[] {
        return this.history.list(limit).map((row) => ({ ...this.historyJson(row), shownAt: new Date(row.shown_at).toISOString() }));
    }

    private async runNext(reason: 'next' | 'timer', folders?: readonly string[], fresh = false): Promise<WallpaperJson> {
        // After "previous", "next" walks forward through history before anything new is picked; a pick from
        // named folders, or a fast forward, is an explicit wish for something new.
        let entry = this.history.current();
        while (!folders && !fresh && entry && (entry = this.history.after(entry.id))) {
            if (existsSync(entry.path)) return this.revisit(entry, reason);
        }
        const current = this.history.current();
        const image = await this.options.collection.pick(current?.image_id ?? null, folders);
        return this.showNew(image, reason);
    }

    private async runPrevious(): Promise<WallpaperJson> {
        let entry = this.history.current();
        if (!entry) throw new ChameleonError(ErrorCode.NoHistory, 'no wallpaper has been shown yet');
        while ((entry = this.history.before(entry.id))) {
            if (existsSync(entry.path)) return this.revisit(entry, 'previous');
        }
        throw new ChameleonError(ErrorCode.NoHistory, 'this is the oldest wallpaper in the history');
    }

    private async showNew(image: ImageRow, reason: ChangeReason): Promise<WallpaperJson> {
        const uri = fileUri(image.path);
        await this.setDesktop(image.path, uri, reason);
        // Only now, with this image on the desktop and no other request able to run, is its palette made and
        // recorded with it: the palette in the history entry is the palette of the image that was set.
        const made = await this.options.palettes.paletteFor(image);
        const at = this.now();
        this.options.db.transaction(() => {
            const id = this.history.append({
                image_id: image.id,
                path: image.path,
                shown_at: at,
                reason,
                content_hash: made?.hash ?? null,
                extractor: made?.key ?? null,
            });
            this.history.setCursor(id);
            this.images.markShown(image.id, at);
        })();
        const palette = made?.palette ?? null;
        return this.announce({ path: image.path, uri, name: basename(image.path), width: image.width, height: image.height, palette }, reason);
    }

    private async revisit(entry: HistoryRow, reason: ChangeReason): Promise<WallpaperJson> {
        const wallpaper = this.historyJson(entry);
        await this.setDesktop(entry.path, wallpaper.uri, reason);
        this.options.db.transaction(() => {
            this.history.setCursor(entry.id);
            if (entry.image_id !== null) this.images.markShown(entry.image_id, this.now());
        })();
        return this.announce(wallpaper, reason);
    }

    private async setDesktop(path: string, uri: string, reason: ChangeReason): Promise<void> {
        try {
            await this.options.desktop.set(path, uri, reason);
        } catch (error) {
            if (error instanceof SetWallpaperError) throw new ChameleonError(ErrorCode.SetFailed, error.message);
            throw error;
        }
    }

    private historyJson(row: HistoryRow): WallpaperJson {
        const image = row.image_id !== null ? this.images.byId(row.image_id) : undefined;
        const palette = row.content_hash && row.extractor ? (this.paletteStore.get(row.content_hash, row.extractor) ?? null) : null;
        return {
            path: row.path,
            uri: fileUri(row.path),
            name: basename(row.path),
            width: image?.width ?? 0,
            height: image?.height ?? 0,
            palette,
        };
    }

    private async announce(wallpaper: WallpaperJson, reason: ChangeReason): Promise<WallpaperJson> {
        this.options.onChanged?.(wallpaper, reason);
        await this.options.afterChange?.(wallpaper);
        return wallpaper;
    }
}
