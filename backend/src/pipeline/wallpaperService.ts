import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/database.js';
import { HistoryStore, type HistoryRow } from '../db/history.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import type { PaletteStore } from '../db/palettes.js';
import { fileUri } from '../desktop/fileUri.js';
import { SetWallpaperError, type DesktopExtras } from '../desktop/desktopSetter.js';
import type { MonitorWallpapers, SinglePicture } from '../compose/monitorWallpapers.js';
import { nextSwitchAt, isGnomeBackgroundName } from '../image/gnomeBackground.js';
import { readGnomeBackground } from '../image/picture.js';
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
import { ChameleonError } from '../errors.js';
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
    /** A picture per monitor or one spanned over all; without it, or in mode 'same', one picture. */
    monitors?: MonitorWallpapers;
    /** Runs after each change is recorded, before the next request starts (the user's post-change commands). */
    afterChange?: (wallpaper: WallpaperJson) => Promise<unknown>;
}

/**
 * Where a change goes: a desktop setter, told also the palette of the picture when it is known by then, so that
 * the accent can go to the desktop with the picture (null while wallust still makes it).
 */
export interface ChangeDesktop {
    set(
        path: string,
        uri: string,
        reason: ChangeReason,
        extras: DesktopExtras | undefined,
        palette: PaletteJson | null,
    ): Promise<void>;
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
    private slideTimer: NodeJS.Timeout | null = null;

    constructor(private readonly options: WallpaperServiceOptions) {
        this.history = new HistoryStore(options.db);
        this.images = new ImageStore(options.db);
        this.paletteStore = options.paletteStore;
        this.now = options.now ?? Date.now;
        if (options.monitors) {
            options.monitors.onRedraw = (settingsChanged) =>
                void this.redrawOverlay(settingsChanged).catch((error: Error) =>
                    log.warn(`could not redraw the clock or quote: ${error.message}`),
                );
        }
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
            const pick = (exclude: number | null, prefer: Parameters<Collection['pick']>[2]) =>
                this.options.collection.pick(exclude, undefined, prefer);
            const pictures = await monitors.replaceOne(current.id, leaving, pick);
            if (pictures) return this.showComposed(pictures, 'next');
        }
        return this.runNext('next', undefined, true);
    }

    /**
     * Sets the wallpaper on screen again, from where its pictures are now (one was moved into the favourites
     * folder). Not queued: for a task already running in `exclusive`.
     */
    async showAgain(): Promise<WallpaperJson | null> {
        const entry = this.history.current();
        return entry && existsSync(entry.path) ? this.revisit(entry, 'next') : null;
    }

    /** See the protocol's `wallpaper.adopt`: in the queue, so it lands in order with the changes around it. */
    adopt(uri: string): Promise<WallpaperJson | null> {
        return this.queue.run(() => this.runAdopt(uri));
    }

    /**
     * See the protocol's `wallpaper.set`: the picture the user chose, in the queue like every change. `check`
     * runs first in the same step (so two choices are shown in the order they were made); it rejects a file that
     * is not a picture, and gives the size of one that is not in the collection (it is shown and recorded, not
     * indexed).
     */
    set(path: string, check: () => Promise<{ width: number; height: number }>): Promise<WallpaperJson> {
        return this.queue.run(async () => this.runSet(path, await check()));
    }

    previous(): Promise<WallpaperJson> {
        return this.queue.run(() => this.runPrevious());
    }

    /** Rescans `folders` (all by default); a rescan of the same folders already waiting is joined, not repeated. */
    rescan(folders?: readonly string[]): Promise<RescanResultJson> {
        return this.queue.run(
            () => this.options.collection.rescan(folders),
            `rescan:${JSON.stringify(folders ?? null)}`,
        );
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
            this.options.onPalette?.(
                this.historyJson({ ...entry, content_hash: made.hash, extractor: made.key }),
                reason,
            );
        }, 'refresh-palette');
    }

    /**
     * The clock's minute turned, or an overlay setting changed: the wallpaper on screen is composed again (with the
     * new time, with or without clock and quote), in the queue, as the same history entry (no new picture, no new
     * palette, nothing announced). Overlays turned off in mode 'same' put the picture itself back.
     */
    redrawOverlay(settingsChanged = false): Promise<void> {
        return this.queue.run(async () => {
            const monitors = this.options.monitors;
            const entry = this.history.current();
            if (!monitors || !entry || !existsSync(entry.path)) return;
            if (!monitors.active) {
                if (settingsChanged && monitors.forgetComposition(entry.id))
                    await this.setDesktop(entry.path, fileUri(entry.path), 'timer', undefined, null);
                return;
            }
            if (!settingsChanged && !monitors.clockShown) return;
            // An entry shown before the clock was turned on has no pictures per monitor: its own picture.
            const own = entry.image_id !== null ? this.images.byId(entry.image_id) : undefined;
            const images = monitors.imagesOf(entry.id);
            if (images.length === 0 && own) images.push(own);
            if (images.length === 0) return;
            const composed = await monitors.compose(images, true);
            await this.setDesktop(
                composed.path,
                composed.uri,
                'timer',
                { pictureOptions: 'spanned', composed: true },
                null,
            );
            monitors.recordRedraw(entry.id, composed);
        }, `redraw-overlay:${settingsChanged}`);
    }

    /**
     * A GNOME XML background on screen changes its picture by itself (a slideshow, day and night): its palette is
     * made again when it does (refreshPalette sends it if it differs).
     */
    private async followSlides(uri: string): Promise<void> {
        if (this.slideTimer) clearTimeout(this.slideTimer);
        this.slideTimer = null;
        if (!uri.startsWith('file://') || !isGnomeBackgroundName(uri)) return;
        const path = fileURLToPath(uri);
        const background = await readGnomeBackground(path).catch(() => null);
        // A lone command has closed the database and is done by now; the backend goes on following.
        if (!background || !this.options.db.open || this.current()?.uri !== uri) return;
        // Timers cannot wait longer than about 24.8 days; a slide that long is looked at again then.
        const wait = Math.min(nextSwitchAt(background, this.now()) - this.now(), 2 ** 31 - 1);
        this.slideTimer = setTimeout(() => {
            this.slideTimer = null;
            this.refreshPalette()
                .then(() => this.followSlides(uri))
                .catch((error: Error) => log.warn(`could not follow the slideshow ${path}: ${error.message}`));
        }, wait).unref();
    }

    /** Shutting down: changes not started yet fail with `error`; the one running finishes. */
    stop(error: Error): void {
        this.options.monitors?.overlay.stop();
        if (this.slideTimer) clearTimeout(this.slideTimer);
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
        return this.history
            .list(limit, offset)
            .map((row) => ({ ...this.historyJson(row), shownAt: new Date(row.shown_at).toISOString() }));
    }

    private async runNext(
        reason: 'next' | 'timer',
        folders?: readonly string[],
        fresh = false,
    ): Promise<WallpaperJson> {
        // After "previous", "next" walks forward through history before anything new is picked; a pick from
        // named folders, or a fast forward, is an explicit wish for something new.
        let entry = this.history.current();
        while (!folders && !fresh && entry && (entry = this.history.after(entry.id))) {
            if (existsSync(entry.path)) return this.revisit(entry, reason);
        }
        const current = this.history.current();
        const monitors = this.options.monitors;
        if (monitors?.active) {
            const pick = (exclude: number | null, prefer: Parameters<Collection['pick']>[2]) =>
                this.options.collection.pick(exclude, folders, prefer);
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
    private async showNew(
        image: ImageRow,
        reason: ChangeReason,
        pickAnother?: () => Promise<ImageRow>,
    ): Promise<WallpaperJson> {
        const prepared = await this.prepareShowable(image, pickAnother);
        image = prepared?.image ?? image;
        const known = prepared?.palette ?? null;
        const shown = await this.showSingle(image, reason, known?.palette ?? null);
        const uri = shown.uri;
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
            if (shown.composed) this.history.setComposedPath(id, shown.path);
            this.history.setCursor(id);
            this.images.markShown(image.id, at);
        })();
        const wallpaper: WallpaperJson = {
            path: image.path,
            uri,
            name: basename(image.path),
            width: image.width,
            height: image.height,
            palette: known?.palette ?? null,
        };
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
    private async prepareShowable(
        image: ImageRow,
        pickAnother?: () => Promise<ImageRow>,
    ): Promise<PreparedPicture | null> {
        for (let broken = 0; ; broken++) {
            try {
                return await this.options.palettes.prepare(image);
            } catch (error) {
                if (!(error instanceof UndecodableError)) {
                    log.warn(`could not check ${image.path} before showing it: ${(error as Error).message}`);
                    return null;
                }
                this.options.collection.markBroken(image, error.detail);
                if (!pickAnother || broken >= MAX_BROKEN_IN_ONE_CHANGE)
                    throw new ChameleonError(ErrorCode.NoImages, `${error.message}; no other picture to show`);
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
            return entry
                ? this.revisitPlain(entry, reason)
                : this.showNew(images[0]!, reason, () => this.options.collection.pick(images[0]!.id));
        }
        const palettes = await monitors.palettesOf(composed);
        await this.setDesktop(
            composed.path,
            composed.uri,
            reason,
            { pictureOptions: 'spanned', composed: true },
            palettes.main?.palette ?? null,
        );
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
        if (!existsSync(path))
            throw new ChameleonError(ErrorCode.ImageNotIndexed, `the desktop shows ${path}, which does not exist`);
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
        // A picture in the history is one a move must not lose track of (scan/identity.ts).
        if (image) await this.options.collection.recordIdentity(image);
        const wallpaper = {
            path,
            uri,
            name: basename(path),
            width: image?.width ?? 0,
            height: image?.height ?? 0,
            palette: made?.palette ?? null,
        };
        return this.announce(wallpaper, 'external');
    }

    private async runSet(path: string, outside: { width: number; height: number }): Promise<WallpaperJson> {
        // Folders not indexed yet by this process (a command run alone, a backend just started) are indexed first,
        // so a picture of the collection is known as one.
        await this.options.collection.syncIndex();
        const image = this.images.byPath(path);
        const inCollection = image && image.skip_reason === null && this.options.collection.folderOf(image) !== '';
        // A picture of the collection counts as shown, as a pick would; with a picture per monitor, it fills them all.
        if (inCollection && this.options.monitors?.active) return this.showComposed([image], 'set');
        if (inCollection) return this.showNew(image, 'set');
        const uri = fileUri(path);
        await this.setDesktop(path, uri, 'set', undefined, null);
        const made = await this.options.palettes.paletteForFile(path);
        this.options.db.transaction(() => {
            const id = this.history.append({
                image_id: image?.id ?? null,
                path,
                shown_at: this.now(),
                reason: 'set',
                content_hash: made?.hash ?? null,
                extractor: made?.key ?? null,
            });
            this.history.setCursor(id);
        })();
        return this.announce({ path, uri, name: basename(path), ...outside, palette: made?.palette ?? null }, 'set');
    }

    /** Whether `path` is on screen now: the wallpaper, or one monitor's picture of it. */
    onScreen(path: string): boolean {
        const current = this.history.current();
        return !!current && (current.path === path || (this.options.monitors?.shows(current.id, path) ?? false));
    }

    private async revisit(entry: HistoryRow, reason: ChangeReason): Promise<WallpaperJson> {
        // An entry shown per monitor is composed again for today's layout (cached when the layout is the same).
        const monitors = this.options.monitors;
        const pictures = monitors?.active ? monitors.imagesOf(entry.id).filter((row) => existsSync(row.path)) : [];
        // With a clock or quote on, an entry first shown alone is composed too, so the overlay stays on screen.
        const own = entry.image_id !== null ? this.images.byId(entry.image_id) : undefined;
        if (pictures.length === 0 && monitors?.active && monitors.overlay.on && own && existsSync(own.path))
            pictures.push(own);
        if (pictures.length > 0) return this.showComposed(pictures, reason, entry);
        return this.revisitPlain(entry, reason);
    }

    private async revisitPlain(entry: HistoryRow, reason: ChangeReason): Promise<WallpaperJson> {
        let wallpaper = this.historyJson(entry);
        // The entry's own picture alone, even when it was shown composed.
        const image = entry.image_id !== null ? this.images.byId(entry.image_id) : undefined;
        // The palette recorded with the entry belongs to the bytes shown then; the file may have been edited since
        // (or never had one: imported from Variety, not decodable then). paletteFor trusts a stored hash only while
        // the file keeps the size and time it was indexed with, so what is reported is what is on screen now.
        const made = image
            ? await this.options.palettes.paletteFor(image)
            : await this.options.palettes.paletteForFile(entry.path);
        if (made && (made.hash !== entry.content_hash || made.key !== entry.extractor))
            this.history.setPalette(entry.id, made.hash, made.key);
        if (!made && entry.content_hash) this.history.setPalette(entry.id, null, null);
        const shown = await this.showSingle(
            image ?? { path: entry.path, width: 0, height: 0 },
            reason,
            made?.palette ?? null,
        );
        this.history.setComposedPath(entry.id, shown.composed ? shown.path : null);
        wallpaper = { ...wallpaper, uri: shown.uri, palette: made?.palette ?? null };
        delete wallpaper.monitors;
        this.options.db.transaction(() => {
            this.history.setCursor(entry.id);
            if (entry.image_id !== null) this.images.markShown(entry.image_id, this.now());
        })();
        return this.announce(wallpaper, reason);
    }

    /** Sets one picture for every monitor, filled as the display mode says (compose/monitorWallpapers.ts). */
    private async showSingle(
        image: Pick<ImageRow, 'path' | 'width' | 'height'>,
        reason: ChangeReason,
        palette: PaletteJson | null,
    ): Promise<SinglePicture> {
        const monitors = this.options.monitors;
        const shown = monitors
            ? await monitors.single(image)
            : { path: image.path, uri: fileUri(image.path), pictureOptions: 'zoom', composed: false };
        const extras = { pictureOptions: shown.pictureOptions, ...(shown.composed ? { composed: true } : {}) };
        await this.setDesktop(shown.path, shown.uri, reason, extras, palette);
        return shown;
    }

    private async setDesktop(
        path: string,
        uri: string,
        reason: ChangeReason,
        extras: DesktopExtras | undefined,
        palette: PaletteJson | null,
    ): Promise<void> {
        try {
            await this.options.desktop.set(path, uri, reason, extras, palette);
        } catch (error) {
            if (error instanceof SetWallpaperError) throw new ChameleonError(ErrorCode.SetFailed, error.message);
            throw error;
        }
    }

    private historyJson(row: HistoryRow): WallpaperJson {
        const image = row.image_id !== null ? this.images.byId(row.image_id) : undefined;
        const palette =
            row.content_hash && row.extractor ? (this.paletteStore.get(row.content_hash, row.extractor) ?? null) : null;
        const composed = this.options.monitors?.historyJson(row.id) ?? null;
        return {
            path: row.path,
            uri: fileUri(composed?.composedPath ?? row.composed_path ?? row.path),
            name: basename(row.path),
            width: image?.width ?? 0,
            height: image?.height ?? 0,
            palette,
            ...(composed ? { monitors: composed.monitors } : {}),
        };
    }

    private async announce(wallpaper: WallpaperJson, reason: ChangeReason): Promise<WallpaperJson> {
        this.followSlides(wallpaper.uri).catch((error: Error) =>
            log.warn(`could not follow the slideshow: ${error.message}`),
        );
        this.options.onChanged?.(wallpaper, reason);
        await this.options.afterChange?.(wallpaper);
        return wallpaper;
    }
}
