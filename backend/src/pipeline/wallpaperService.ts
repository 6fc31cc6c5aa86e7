import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../db/database.js';
import { HistoryStore, type HistoryRow } from '../db/history.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import { PaletteStore } from '../db/palettes.js';
import { fileUri } from '../desktop/fileUri.js';
import { SetWallpaperError, type DesktopSetter } from '../desktop/desktopSetter.js';
import { contentHash } from '../index/contentHash.js';
import { log } from '../log.js';
import {
    ErrorCode,
    type ChangeReason,
    type HistoryEntryJson,
    type PaletteJson,
    type RescanResultJson,
    type WallpaperJson,
} from '../protocol/messages.js';
import type { Collection } from './collection.js';
import { ChameleonError } from './errors.js';
import type { PaletteExtractor } from './paletteExtractor.js';
import { SerialQueue } from './serialQueue.js';

export interface WallpaperServiceOptions {
    db: Db;
    collection: Collection;
    desktop: DesktopSetter;
    extractor: PaletteExtractor;
    now?: () => number;
    /** Told about every change that reached the desktop, whoever asked for it. */
    onChanged?: (wallpaper: WallpaperJson, reason: ChangeReason) => void;
}

/**
 * Navigation through wallpapers: every request runs select → set → palette → record to the end, one at a time
 * (see SerialQueue), so the desktop, the last history entry and the recorded palette always agree.
 */
export class WallpaperService {
    private readonly queue = new SerialQueue();
    private readonly history: HistoryStore;
    private readonly images: ImageStore;
    private readonly palettes: PaletteStore;
    private readonly now: () => number;

    constructor(private readonly options: WallpaperServiceOptions) {
        this.history = new HistoryStore(options.db);
        this.images = new ImageStore(options.db);
        this.palettes = new PaletteStore(options.db);
        this.now = options.now ?? Date.now;
    }

    get waiting(): number {
        return this.queue.waiting;
    }

    /** `folders` restricts this one pick to those folders (`chameleon next --folder DIR`). */
    next(reason: 'next' | 'timer' = 'next', folders?: readonly string[]): Promise<WallpaperJson> {
        return this.queue.run(() => this.runNext(reason, folders));
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

    private async runNext(reason: 'next' | 'timer', folders?: readonly string[]): Promise<WallpaperJson> {
        // After "previous", "next" walks forward through history before anything new is picked; a pick from
        // named folders is an explicit wish for something new.
        let entry = this.history.current();
        while (!folders && entry && (entry = this.history.after(entry.id))) {
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
        await this.setDesktop(image.path, uri);
        const { hash, palette } = await this.paletteFor(image);
        const at = this.now();
        this.options.db.transaction(() => {
            const id = this.history.append({
                image_id: image.id,
                path: image.path,
                shown_at: at,
                reason,
                content_hash: hash,
                extractor: palette ? this.options.extractor.key : null,
            });
            this.history.setCursor(id);
            this.images.markShown(image.id, at);
        })();
        return this.announce({ path: image.path, uri, name: basename(image.path), width: image.width, height: image.height, palette }, reason);
    }

    private async revisit(entry: HistoryRow, reason: ChangeReason): Promise<WallpaperJson> {
        const wallpaper = this.historyJson(entry);
        await this.setDesktop(entry.path, wallpaper.uri);
        this.options.db.transaction(() => {
            this.history.setCursor(entry.id);
            if (entry.image_id !== null) this.images.markShown(entry.image_id, this.now());
        })();
        return this.announce(wallpaper, reason);
    }

    private async setDesktop(path: string, uri: string): Promise<void> {
        try {
            await this.options.desktop.set(path, uri);
        } catch (error) {
            if (error instanceof SetWallpaperError) throw new ChameleonError(ErrorCode.SetFailed, error.message);
            throw error;
        }
    }

    /**
     * The palette of the file's current content, from the cache or the extractor. A palette that cannot be made
     * (an image that will not decode) does not undo the change: the wallpaper is shown without one.
     */
    private async paletteFor(image: ImageRow): Promise<{ hash: string | null; palette: PaletteJson | null }> {
        const extractor = this.options.extractor;
        try {
            const before = statSync(image.path);
            // The indexed hash is trusted only while the file still has the size and time it was indexed with.
            const indexed = before.size === image.size && Math.trunc(before.mtimeMs) === image.mtime_ms ? image.content_hash : null;
            const hash = indexed ?? (await contentHash(image.path));
            if (hash !== image.content_hash) this.images.setContentHash(image.id, hash);
            const cached = this.palettes.get(hash, extractor.key);
            if (cached) return { hash, palette: cached };
            const palette = await extractor.extract(image.path);
            const after = statSync(image.path);
            // The file changed while it was being read: the palette may not belong to the hashed content.
            if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
                log.warn(`${image.path} changed while its palette was computed; not keeping the palette`);
                return { hash: null, palette: null };
            }
            this.palettes.put(hash, extractor.key, palette, this.now());
            return { hash, palette };
        } catch (error) {
            log.warn(`no palette for ${image.path}: ${(error as Error).message}`);
            return { hash: null, palette: null };
        }
    }

    private historyJson(row: HistoryRow): WallpaperJson {
        const image = row.image_id !== null ? this.images.byId(row.image_id) : undefined;
        const palette = row.content_hash && row.extractor ? (this.palettes.get(row.content_hash, row.extractor) ?? null) : null;
        return {
            path: row.path,
            uri: fileUri(row.path),
            name: basename(row.path),
            width: image?.width ?? 0,
            height: image?.height ?? 0,
            palette,
        };
    }

    private announce(wallpaper: WallpaperJson, reason: ChangeReason): WallpaperJson {
        this.options.onChanged?.(wallpaper, reason);
        return wallpaper;
    }
}
