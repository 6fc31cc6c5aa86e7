import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/database.js';
import { HistoryStore, type HistoryRow } from '../db/history.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import type { PaletteStore } from '../db/palettes.js';
import { fileUri } from '../desktop/fileUri.js';
import { SetWallpaperError, type DesktopExtras } from '../desktop/desktopSetter.js';
import type { MonitorWallpapers } from '../compose/monitorWallpapers.js';
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
import { UndecodableError, type ImagePalette, type PaletteService, type PreparedPicture } from './paletteService.js';
import { SerialQueue } from './serialQueue.js';

export interface WallpaperServiceOptions {
    db: Db;
    collection: Collection;
    desktop: ChangeDesktop;
    palettes: PaletteService;
    paletteStore: PaletteStore;
    now?: () => number;
    /**
     * Told about every change that reached the desktop, whoever asked for it, as soon as it is there: a new
     * picture whose palette is still being made comes with `palette: null, palettePending: true`, and `onPalette`
     * follows when the palette exists.
     */
    onChanged?: (wallpaper: WallpaperJson, reason: ChangeReason) => void;
    /** The palette of the picture just announced with `palettePending`, once made (null: none could be made). */
    onPalette?: (wallpaper: WallpaperJson, reason: ChangeReason) => void;
    /** A picture per monitor or one spanned over all (issue 10); without it, or in mode 'same', one picture. */
    monitors?: MonitorWallpapers;
    /** Runs after each change is recorded, before the next request starts (the user's post-change commands). */
    afterChange?: (wallpaper: WallpaperJson) => Promise<unknown>;
}

/**
 * Where a change goes: a desktop setter, told also the palette of the picture when it is known by then, so that
 * the accent can go to the desktop with the picture (null while wallust still makes it).
 */
export interface ChangeDesktop {
    set(path: string, uri: string, reason: ChangeReason, extras: DesktopExtras | undefined, palette: PaletteJson | null): Promise<void>;
}

/** Broken pictures skipped within one change before it gives up (a folder of nothing but broken files). */
const MAX_BROKEN_IN_ONE_CHANGE = 50;

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

    /** See the protocol's `wallpaper.adopt`: in the queue, so it lands in order with the changes around it. */
    adopt(uri: string): Promise<WallpaperJson | null> {
        return this.queue.run(() => this.runAdopt(uri));
    }

    previous(): Promise<WallpaperJson> {
        return this.queue.run(() => this.runPrevious());
    }

    /** Rescans `folders` (all by default); a rescan of the same folders already waiting is joined, not repeated. */
    rescan(folders?: readonly string[]): Promise<RescanResultJson> {
        return this.queue.run(() => this.options.collection.rescan(folders), `rescan:${JSON.stringify(folders ?? null)}`);
    }

    /**
     * Makes the palette of the wallpaper on screen again, in the queue, after the desktop's background colour
     * changed: a picture with transparency now looks different. Sends `onPalette` only when the palette changed
     * (an opaque picture keeps its own). Composed wallpapers are left to their next change.
     */
    refreshPalette(): Promise<void> {
        return this.queue.run(async () => {
            const entry = this.history.current();
            if (!entry || entry.image_id === null || this.options.monitors?.active) return;
            const image = this.images.byId(entry.image_id);
            const made = image && existsSync(image.path) ? await this.options.palettes.paletteFor(image) : null;
            if (!made || (made.hash === entry.content_hash && made.key === entry.extractor)) return;
            this.history.setPalette(entry.id, made.hash, made.key);
            const reason = (['next', 'previous', 'timer'] as const).find((r) => r === entry.reason) ?? 'next';
            this.options.onPalette?.(this.historyJson({ ...entry, content_hash: made.hash, extractor: made.key }), reason);
        }, 'refresh-palette');
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
        const pick = () => this.options.collection.pick(current?.image_id ?? null, folders);
        return this.showNew(await pick(), reason, pick);
    }

    private async runPrevious(): Promise<WallpaperJson> {
        let entry = this.history.current();
        if (!entry) throw new ChameleonError(ErrorCode.NoHistory, 'no wallpaper has been shown yet');
        while ((entry = this.history.before(entry.id))) {
            if (existsSync(entry.path)) return this.revisit(entry, 'previous');
        }
        throw new ChameleonError(ErrorCode.NoHistory, 'this is the oldest wallpaper in the history');
    }

    /**
     * set → palette → record for a newly picked picture. It is decoded first (see PaletteService.prepare): one
     * that will not decode is marked broken and `pickAnother` gives the next, within this same change, so a broken
     * picture never reaches the screen. The change is recorded and announced as soon as the desktop has it; a
     * palette still to be made (wallust) follows with `onPalette`, still inside this step of the queue, so the
     * palette recorded is the palette of the picture that was set.
     */
    private async showNew(image: ImageRow, reason: ChangeReason, pickAnother?: () => Promise<ImageRow>): Promise<WallpaperJson> {
        const prepared = await this.prepareShowable(image, pickAnother);
        image = prepared?.image ?? image;
        const uri = fileUri(image.path);
        const known = prepared?.palette ?? null;
        await this.setDesktop(image.path, uri, reason, undefined, known?.palette ?? null);
        const at = this.now();
        let id = 0;
        this.options.db.transaction(() => {
            id = this.history.append({
                image_id: image.id,
                path: image.path,
                shown_at: at,
                reason,
                content_hash: known?.hash ?? null,
                extractor: known?.key ?? null,
            });
            this.history.setCursor(id);
            this.images.markShown(image.id, at);
        })();
        const wallpaper: WallpaperJson = { path: image.path, uri, name: basename(image.path), width: image.width, height: image.height, palette: known?.palette ?? null };
        if (known || !prepared) return this.announce(wallpaper, reason);

        this.options.onChanged?.({ ...wallpaper, palettePending: true }, reason);
        const made: ImagePalette | null = await this.options.palettes.finish(prepared);
        if (made) this.history.setPalette(id, made.hash, made.key);
        const complete = { ...wallpaper, palette: made?.palette ?? null };
        this.options.onPalette?.(complete, reason);
        await this.options.afterChange?.(complete);
        return complete;
    }

    /**
     * `image` checked to decode, or the first picture after it that does: the broken ones are marked and skipped.
     * Null when the check itself could not run (the file vanished, the worker failed): the picture is shown as
     * before, without a palette, rather than refusing to change.
     */
    private async prepareShowable(image: ImageRow, pickAnother?: () => Promise<ImageRow>): Promise<PreparedPicture | null> {
        for (let broken = 0; ; broken++) {
            try {
                return await this.options.palettes.prepare(image);
            } catch (error) {
                if (!(error instanceof UndecodableError)) {
                    log.warn(`could not check ${image.path} before showing it: ${(error as Error).message}`);
                    return null;
                }
                this.options.collection.markBroken(image, error.detail);
                if (!pickAnother || broken >= MAX_BROKEN_IN_ONE_CHANGE) throw new ChameleonError(ErrorCode.NoImages, `${error.message}; no other picture to show`);
                image = await pickAnother();
            }
        }
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
            return entry ? this.revisitPlain(entry, reason) : this.showNew(images[0]!, reason, () => this.options.collection.pick(images[0]!.id));
        }
        const palettes = await monitors.palettesOf(composed);
        await this.setDesktop(composed.path, composed.uri, reason, { pictureOptions: 'spanned' }, palettes.main?.palette ?? null);
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

    private async runAdopt(uri: string): Promise<WallpaperJson | null> {
        // Our own wallpaper coming back (a set_wallpaper script writes picture-uri itself) is no news.
        if (this.current()?.uri === uri) return null;
        const path = fileURLToPath(uri);
        if (!existsSync(path)) throw new ChameleonError(ErrorCode.ImageNotIndexed, `the desktop shows ${path}, which does not exist`);
        // Set already, by someone else: palette, then record, as for any change.
        const made = await this.options.palettes.paletteForFile(path);
        const image = this.images.byPath(path);
        const at = this.now();
        this.options.db.transaction(() => {
            const id = this.history.append({
                image_id: image?.id ?? null,
                path,
                shown_at: at,
                reason: 'external',
                content_hash: made?.hash ?? null,
                extractor: made?.key ?? null,
            });
            this.history.setCursor(id);
            if (image) this.images.markShown(image.id, at);
        })();
        const wallpaper = { path, uri, name: basename(path), width: image?.width ?? 0, height: image?.height ?? 0, palette: made?.palette ?? null };
        return this.announce(wallpaper, 'external');
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
        // The palette recorded with the entry belongs to the bytes shown then; the file may have been edited since
        // (or never had one: imported from Variety, not decodable then). paletteFor trusts a stored hash only while
        // the file keeps the size and time it was indexed with, so what is reported is what is on screen now.
        const image = entry.image_id !== null ? this.images.byId(entry.image_id) : undefined;
        const made = image ? await this.options.palettes.paletteFor(image) : await this.options.palettes.paletteForFile(entry.path);
        if (made && (made.hash !== entry.content_hash || made.key !== entry.extractor)) this.history.setPalette(entry.id, made.hash, made.key);
        if (!made && entry.content_hash) this.history.setPalette(entry.id, null, null);
        wallpaper = { ...wallpaper, palette: made?.palette ?? null };
        await this.setDesktop(entry.path, wallpaper.uri, reason, undefined, wallpaper.palette);
        this.options.db.transaction(() => {
            this.history.setCursor(entry.id);
            if (entry.image_id !== null) this.images.markShown(entry.image_id, this.now());
        })();
        return this.announce(wallpaper, reason);
    }

    private async setDesktop(path: string, uri: string, reason: ChangeReason, extras: DesktopExtras | undefined, palette: PaletteJson | null): Promise<void> {
        try {
            await this.options.desktop.set(path, uri, reason, extras, palette);
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
