import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../db/database.js';
import { HistoryStore, type HistoryRow } from '../db/history.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import type { PaletteStore } from '../db/palettes.js';
import { fileUri } from '../desktop/fileUri.js';
import { SetWallpaperError, type DesktopExtras, type DesktopSetter } from '../desktop/desktopSetter.js';
import type { MonitorWallpapers } from '../compose/monitorWallpapers.js';
import { log } from '../log.js';
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
    /** A picture per monitor or one spanned over all (issue 10); without it, or in mode 'same', one picture. */
    monitors?: MonitorWallpapers;
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
     * a change of wallpaper. `showNew(leaving)` moves on to a newly picked wallpaper inside that same step; with a
     * picture per monitor, only the monitor that showed `leaving` gets a new one.
     */
    exclusive<T>(task: (showNew: (leaving?: string) => Promise<WallpaperJson>) => Promise<T>): Promise<T> {
        return this.queue.run(() => task((leaving) => this.runReplace(leaving)));
    }

    private async runReplace(leaving: string | undefined): Promise<WallpaperJson> {
        const current = this.history.current();
        const monitors = this.options.monitors;
        if (leaving && current && monitors?.active) {
            const pick = (exclude: number | null, prefer: Parameters<Collection['pick']>[2]) => this.options.collection.pick(exclude, undefined, prefer);
            const pictures = await monitors.replaceOne(current.id, leaving, pick);
            if (pictures) return this.showComposed(pictures, 'next');
        }
        return this.runNext('next', undefined, true);
    }

    previous(): Promise<WallpaperJson> {
        return this.queue.run(() => this.runPrevious());
    }

    /** Rescans `folders` (all by default); a rescan of the same folders already waiting is joined, not repeated. */
    rescan(folders?: readonly string[]): Promise<RescanResultJson> {
        return this.queue.run(() => this.options.collection.rescan(folders), `rescan:${JSON.stringify(folders ?? null)}`);
    }

    /** Shutting down: changes not started yet fail with `error`; the one running finishes. */
    stop(error: Error): void {
        this.queue.close(error);
    }

    /** Waits for the queue to drain: what is on screen then matches `current()`. */
    idle(): Promise<void> {
        return this.queue.idle();
    }

    current(): WallpaperJson | null {
        const row = this.history.current();
        return row ? this.historyJson(row) : null;
    }

    list(limit: number, offset = 0): HistoryEntryJson[] {
        return this.history.list(limit, offset).map((row) => ({ ...this.historyJson(row), shownAt: new Date(row.shown_at).toISOString() }));
    }

    private async runNext(reason: 'next' | 'timer', folders?: readonly string[], fresh = false): Promise<WallpaperJson> {
        // After "previous", "next" walks forward through history before anything new is picked; a pick from
        // named folders, or a fast forward, is an explicit wish for something new.
        let entry = this.history.current();
        while (!folders && !fresh && entry && (entry = this.history.after(entry.id))) {
            if (existsSync(entry.path)) return this.revisit(entry, reason);
        }
        const current = this.history.current();
        const monitors = this.options.monitors;
        if (monitors?.active) {
            const pick = (exclude: number | null, prefer: Parameters<Collection['pick']>[2]) => this.options.collection.pick(exclude, folders, prefer);
            return this.showComposed(await monitors.pickNew(pick, current?.image_id ?? null), reason);
        }
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

    /**
     * select (done) → set → palette → record for pictures composed into one wallpaper (compose/monitorWallpapers.ts).
     * `entry` is the history entry being revisited, or undefined for new pictures. A composition that fails shows
     * the palette-source picture alone, so a broken picture never leaves the desktop unchanged.
     */
    private async showComposed(images: ImageRow[], reason: ChangeReason, entry?: HistoryRow): Promise<WallpaperJson> {
        const monitors = this.options.monitors!;
        let composed;
        try {
            composed = await monitors.compose(images);
        } catch (error) {
            log.warn(`${(error as Error).message}; showing ${images[0]!.path} on every monitor instead`);
            return entry ? this.revisitPlain(entry, reason) : this.showNew(images[0]!, reason);
        }
        await this.setDesktop(composed.path, composed.uri, reason, { pictureOptions: 'spanned', lockScreenUri: fileUri(composed.source.image.path) });
        const palettes = await monitors.palettesOf(composed);
        const at = this.now();
        this.options.db.transaction(() => {
            const id =
                entry?.id ??
                this.history.append({
                    image_id: composed.source.image.id,
                    path: composed.source.image.path,
                    shown_at: at,
                    reason,
                    content_hash: palettes.main?.hash ?? null,
                    extractor: palettes.main?.key ?? null,
                });
            monitors.record(id, composed, palettes);
            this.history.setCursor(id);
            for (const id of new Set(composed.monitors.map((m) => m.image.id))) this.images.markShown(id, at);
        })();
        return this.announce(monitors.json(composed, palettes), reason);
    }

    /** Whether `path` is on screen now: the wallpaper, or one monitor's picture of it. */
    onScreen(path: string): boolean {
        const current = this.history.current();
        return !!current && (current.path === path || (this.options.monitors?.shows(current.id, path) ?? false));
    }

    private async revisit(entry: HistoryRow, reason: ChangeReason): Promise<WallpaperJson> {
        // An entry shown per monitor is composed again for today's layout (cached when the layout is the same).
        const pictures = this.options.monitors?.active ? this.options.monitors.imagesOf(entry.id).filter((row) => existsSync(row.path)) : [];
        if (pictures.length > 0) return this.showComposed(pictures, reason, entry);
        return this.revisitPlain(entry, reason);
    }

    private async revisitPlain(entry: HistoryRow, reason: ChangeReason): Promise<WallpaperJson> {
        let wallpaper = this.historyJson(entry);
        // The entry's own picture alone, even when it was shown composed.
        wallpaper = { ...wallpaper, uri: fileUri(entry.path) };
        delete wallpaper.monitors;
        await this.setDesktop(entry.path, wallpaper.uri, reason);
        // The palette recorded with the entry belongs to the bytes shown then; the file may have been edited since
        // (or never had one: imported from Variety, not decodable then). paletteFor trusts a stored hash only while
        // the file keeps the size and time it was indexed with, so what is reported is what is on screen now.
        const image = entry.image_id !== null ? this.images.byId(entry.image_id) : undefined;
        const made = image ? await this.options.palettes.paletteFor(image) : await this.options.palettes.paletteForFile(entry.path);
        if (made && (made.hash !== entry.content_hash || made.key !== entry.extractor)) this.history.setPalette(entry.id, made.hash, made.key);
        if (!made && entry.content_hash) this.history.setPalette(entry.id, null, null);
        wallpaper = { ...wallpaper, palette: made?.palette ?? null };
        this.options.db.transaction(() => {
            this.history.setCursor(entry.id);
            if (entry.image_id !== null) this.images.markShown(entry.image_id, this.now());
        })();
        return this.announce(wallpaper, reason);
    }

    private async setDesktop(path: string, uri: string, reason: ChangeReason, extras?: DesktopExtras): Promise<void> {
        try {
            await this.options.desktop.set(path, uri, reason, extras);
        } catch (error) {
            if (error instanceof SetWallpaperError) throw new ChameleonError(ErrorCode.SetFailed, error.message);
            throw error;
        }
    }

    private historyJson(row: HistoryRow): WallpaperJson {
        const image = row.image_id !== null ? this.images.byId(row.image_id) : undefined;
        const palette = row.content_hash && row.extractor ? (this.paletteStore.get(row.content_hash, row.extractor) ?? null) : null;
        const composed = this.options.monitors?.historyJson(row.id) ?? null;
        return {
            path: row.path,
            uri: fileUri(composed?.composedPath ?? row.path),
            name: basename(row.path),
            width: image?.width ?? 0,
            height: image?.height ?? 0,
            palette,
            ...(composed ? { monitors: composed.monitors } : {}),
        };
    }

    private async announce(wallpaper: WallpaperJson, reason: ChangeReason): Promise<WallpaperJson> {
        this.options.onChanged?.(wallpaper, reason);
        await this.options.afterChange?.(wallpaper);
        return wallpaper;
    }
}
