// A wallpaper per monitor, or one spanned over all, as the pipeline uses it: which pictures to pick for
// the layout, the composed file that shows them, their palettes, and the history of which monitor showed what.
// The pipeline (pipeline/wallpaperService.ts) keeps its order — select, set, palette, record — and calls in here
// for each step when the monitor mode is not 'same'.
import { basename } from 'node:path';
import type { Db } from '../db/database.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import type { PaletteStore } from '../db/palettes.js';
import { fileUri } from '../desktop/fileUri.js';
import type { ImagePalette, PaletteService } from '../pipeline/paletteService.js';
import type { MonitorsConfigJson, MonitorWallpaperJson, PaletteJson, WallpaperJson } from '../protocol/messages.js';
import type { Composer } from './composer.js';
import { placement, type DisplayMode, type Size } from './displayModes.js';
import { log } from '../log.js';
import { singleFill } from './singlePicture.js';
import { canvasLayout, paletteRegion, type CanvasLayout, type MonitorRegion } from './layout.js';
import { pickPerTarget, type Picker } from './monitorPicks.js';
import { WallpaperOverlay } from '../overlay/wallpaperOverlay.js';

/** How one picture on every monitor goes to the desktop: the file to set and GNOME's picture-options for it. */
export interface SinglePicture {
    path: string;
    uri: string;
    pictureOptions: string;
    /** `path` is a composition made for the screen (a blurred fill), not the picture. */
    composed: boolean;
}

/** What was composed for one change: each region with its picture. */
export interface ComposedWallpaper {
    path: string;
    uri: string;
    /** One per monitor, in layout order; in 'span' mode every monitor shows the same picture. */
    monitors: { region: MonitorRegion; image: ImageRow; displayMode: string }[];
    /** The monitor whose picture names the entry and (unless 'blend') gives the palette. */
    source: { region: MonitorRegion; image: ImageRow };
}

export interface ComposedPalettes {
    /** The palette of the wallpaper as a whole (the accent). */
    main: ImagePalette | null;
    perMonitor: (ImagePalette | null)[];
}

/**
 * A composition takes ~0.3 s for three 4K monitors (npm run bench); one that takes far longer (a huge picture, a
 * busy machine) must not hold the queue. It goes on in the worker and lands in the cache for next time.
 */
const COMPOSE_TIMEOUT_MS = 3000;

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`composing the wallpaper took longer than ${ms} ms`)), ms);
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

interface ChildRow {
    monitor: number;
    image_id: number | null;
    path: string;
    content_hash: string | null;
    extractor: string | null;
}

export class MonitorWallpapers {
    private config: Required<Pick<MonitorsConfigJson, 'mode' | 'displayMode' | 'paletteFrom' | 'layoutMode'>> = {
        mode: 'same',
        displayMode: 'smart',
        paletteFrom: 'primary',
        layoutMode: 'physical',
    };
    private layout: CanvasLayout | null = null;
    /** The desktop's largest monitor as the extension last reported it (or as remembered), for mode 'same'. */
    private monitor: Size | null = null;
    private readonly images: ImageStore;
    /** Clock and quote drawn into the composition (overlay/). */
    readonly overlay = new WallpaperOverlay();
    /**
     * Asked to compose the wallpaper on screen again (WallpaperService.redrawOverlay): each minute while the clock
     * is drawn (`settingsChanged` false), and when an overlay setting changed, so turning one on or off shows at once.
     */
    onRedraw: ((settingsChanged: boolean) => void) | null = null;

    constructor(
        private readonly db: Db,
        private readonly composer: Composer,
        private readonly palettes: PaletteService,
        private readonly paletteStore: PaletteStore,
        /** How long a change waits for a composition before showing one picture instead (the queue's bound). */
        private readonly timeoutMs = COMPOSE_TIMEOUT_MS,
    ) {
        this.images = new ImageStore(db);
    }

    configure(json: MonitorsConfigJson = {}, monitor?: Size): void {
        this.monitor = monitor && monitor.width > 0 && monitor.height > 0 ? monitor : null;
        this.config = {
            mode: json.mode ?? 'same',
            displayMode: json.displayMode ?? 'smart',
            paletteFrom: json.paletteFrom ?? 'primary',
            layoutMode: json.layoutMode ?? 'physical',
        };
        try {
            this.layout = json.layout?.length ? canvasLayout(json.layout, this.config.layoutMode) : null;
        } catch {
            this.layout = null;
        }
        const before = this.overlay.signature;
        this.overlay.configure(json);
        this.overlay.tick(this.active && this.overlay.clock, () => this.onRedraw?.(false));
        if (this.overlay.signature !== before) this.onRedraw?.(true);
    }

    /**
     * Composition is on: a mode other than 'same', or a clock or quote to draw into the picture; and a layout from
     * the Shell to compose for.
     */
    get active(): boolean {
        return (this.config.mode !== 'same' || this.overlay.on) && this.layout !== null;
    }

    /** The clock is drawn: the wallpaper on screen is composed again each minute. */
    get clockShown(): boolean {
        return this.active && this.overlay.clock;
    }

    get canvas(): CanvasLayout | null {
        return this.layout;
    }

    /**
     * One picture on every monitor (mode 'same', or no layout to compose for): GNOME draws it with the display
     * mode's own picture-options where GNOME has one; the blurred fills ('fit', 'center', and 'smart' when it
     * chooses them) are composed at the largest monitor's size and set zoomed. With no monitor size known, or when
     * the composition fails, GNOME's nearest option is used, so the picture always reaches the screen.
     */
    async single(image: Pick<ImageRow, 'path' | 'width' | 'height'>): Promise<SinglePicture> {
        const mode = this.config.displayMode as DisplayMode;
        const plain = (pictureOptions: string): SinglePicture => ({
            path: image.path,
            uri: fileUri(image.path),
            pictureOptions,
            composed: false,
        });
        const fill = singleFill(mode, image, this.singleTarget());
        if (fill.kind === 'gnome') return plain(fill.options);
        const rect = { left: 0, top: 0, width: fill.target.width, height: fill.target.height };
        try {
            const composed = await withinTime(
                this.composer.compose({ ...fill.target, tiles: [{ path: image.path, rect, mode: fill.mode }] }),
                this.timeoutMs,
            );
            return { path: composed.path, uri: fileUri(composed.path), pictureOptions: 'zoom', composed: true };
        } catch (error) {
            log.warn(`${(error as Error).message}; letting GNOME fill the screen with ${image.path} instead`);
            return plain(fill.fallback);
        }
    }

    /** The size a picture for every monitor is composed at: the largest monitor's, in device pixels. */
    private singleTarget(): Size | null {
        const regions = this.layout?.regions ?? [];
        if (regions.length === 0) return this.monitor;
        return regions.map((r) => r.physical).reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    }

    /** New pictures: one per monitor ('per-monitor'), or one for the whole canvas ('span'). */
    pickNew(pick: Picker, excludeId: number | null): Promise<ImageRow[]> {
        const layout = this.requireLayout();
        const targets =
            this.config.mode === 'span'
                ? [{ width: layout.width, height: layout.height }]
                : this.config.mode === 'same'
                  ? [paletteRegion(layout, 'primary').physical]
                  : layout.regions.map((r) => r.physical);
        return pickPerTarget(targets, pick, excludeId);
    }

    /**
     * The pictures history entry `historyId` showed, with the one at `path` replaced by a new pick suited to its
     * monitor (one monitor's picture banned or trashed: the others stay). Null when that does not apply (one
     * picture for everything, `path` not among them, or another picture gone too), and the caller moves every
     * monitor on.
     */
    async replaceOne(historyId: number, path: string, pick: Picker): Promise<ImageRow[] | null> {
        const layout = this.requireLayout();
        const paths = this.children(historyId).map((c) => c.path);
        if (this.config.mode !== 'per-monitor' || layout.regions.length < 2 || paths.length === 0) return null;
        const pathOf = (i: number) => paths[i % paths.length]!;
        const index = layout.regions.findIndex((_, i) => pathOf(i) === path);
        if (index < 0) return null;
        // The leaving picture may already be out of the index (trashed); every other one must still be there.
        const others = layout.regions.flatMap((_, i) => (i === index ? [] : [this.images.byPath(pathOf(i)) ?? null]));
        if (others.some((row) => row === null)) return null;
        const kept = others as ImageRow[];
        const [replacement] = await pickPerTarget(
            [layout.regions[index]!.physical],
            pick,
            this.images.byPath(path)?.id ?? null,
            kept,
        );
        return [...kept.slice(0, index), replacement!, ...kept.slice(index)];
    }

    /** The pictures a history entry showed per monitor, by monitor order (empty for an entry of mode 'same'). */
    imagesOf(historyId: number): ImageRow[] {
        return this.children(historyId).flatMap((c) => {
            const row = (c.image_id !== null ? this.images.byId(c.image_id) : undefined) ?? this.images.byPath(c.path);
            return row ? [row] : [];
        });
    }

    /**
     * Composes `images` for the layout: per monitor in layout order (a list shorter than the layout repeats, so
     * an entry from a layout with fewer monitors still fills them all); in 'span' mode the first over everything;
     * in 'same' mode (composed only for the overlay) the first on every monitor in the display mode. The clock
     * and quote go on the primary monitor; `redraw` keeps the quote already shown (the clock's minute turned).
     */
    async compose(images: readonly ImageRow[], redraw = false): Promise<ComposedWallpaper> {
        const layout = this.requireLayout();
        if (images.length === 0) throw new Error('no picture to compose');
        const same = this.config.mode === 'same';
        const mode = this.config.displayMode as DisplayMode;
        const span = this.config.mode === 'span';
        const imageOf = (i: number) => (span || same ? images[0]! : images[i % images.length]!);
        const tiles = span
            ? [{ path: images[0]!.path, rect: { left: 0, top: 0, width: layout.width, height: layout.height }, mode }]
            : layout.regions.map((region, i) => ({ path: imageOf(i).path, rect: region.rect, mode }));
        const text = await this.overlay.text(!redraw);
        const overlays = text ? [{ rect: paletteRegion(layout, 'primary').rect, text }] : [];
        const composed = await withinTime(
            this.composer.compose({ width: layout.width, height: layout.height, tiles, overlays }),
            this.timeoutMs,
        );
        const spanMode = span ? placement(mode, images[0]!, layout).mode : '';
        const monitors = layout.regions.map((region, i) => ({
            region,
            image: imageOf(i),
            displayMode: span ? spanMode : placement(mode, imageOf(i), region.rect).mode,
        }));
        const sourceRegion = paletteRegion(layout, this.config.paletteFrom === 'largest' ? 'largest' : 'primary');
        const source = monitors.find((m) => m.region.index === sourceRegion.index) ?? monitors[0]!;
        return {
            path: composed.path,
            uri: fileUri(composed.path),
            monitors,
            source: { region: source.region, image: source.image },
        };
    }

    /**
     * Palettes of each monitor's picture (from the store when known) and of the whole, per the palette-from setting.
     */
    async palettesOf(composed: ComposedWallpaper): Promise<ComposedPalettes> {
        const byImage = new Map<number, Promise<ImagePalette | null>>();
        const of = (image: ImageRow) => {
            if (!byImage.has(image.id)) byImage.set(image.id, this.palettes.paletteFor(image));
            return byImage.get(image.id)!;
        };
        const perMonitor: (ImagePalette | null)[] = [];
        for (const m of composed.monitors) perMonitor.push(await of(m.image));
        const main =
            this.config.paletteFrom === 'blend'
                ? await this.palettes.paletteForFile(composed.path)
                : await of(composed.source.image);
        return { main, perMonitor };
    }

    /** Records which monitor showed what, inside the caller's transaction. */
    record(historyId: number, composed: ComposedWallpaper, palettes: ComposedPalettes): void {
        const insert = this.db.prepare(
            `INSERT OR REPLACE INTO history_monitors (history_id, monitor, image_id, path, ` +
                `content_hash, extractor) VALUES (?, ?, ?, ?, ?, ?)`,
        );
        composed.monitors.forEach((m, i) => {
            const p = palettes.perMonitor[i] ?? null;
            insert.run(historyId, m.region.index, m.image.id, m.image.path, p?.hash ?? null, p?.key ?? null);
        });
        this.db.prepare(`UPDATE history SET composed_path = ? WHERE id = ?`).run(composed.path, historyId);
    }

    /**
     * History entry `historyId` goes back on screen as its own picture (the overlay was turned off in mode
     * 'same'): it forgets the composition, so its address is the picture's again. False when it had none.
     */
    forgetComposition(historyId: number): boolean {
        const removed = this.db.prepare(`DELETE FROM history_monitors WHERE history_id = ?`).run(historyId).changes;
        this.db.prepare(`UPDATE history SET composed_path = NULL WHERE id = ?`).run(historyId);
        return removed > 0;
    }

    /** A redraw of history entry `historyId` is on screen now (its pictures and palettes are unchanged). */
    recordRedraw(historyId: number, composed: ComposedWallpaper): void {
        // An entry first shown uncomposed (before the clock was on) gets its pictures per monitor now, with its
        // palette.
        const child = this.db.prepare(
            `INSERT OR IGNORE INTO history_monitors (history_id, monitor, image_id, path, content_hash, extractor)
             SELECT id, ?, ?, ?, content_hash, extractor FROM history WHERE id = ?`,
        );
        this.db.transaction(() => {
            for (const m of composed.monitors) child.run(m.region.index, m.image.id, m.image.path, historyId);
            this.db.prepare(`UPDATE history SET composed_path = ? WHERE id = ?`).run(composed.path, historyId);
        })();
    }

    /** The wallpaper as the protocol shows it. */
    json(composed: ComposedWallpaper, palettes: ComposedPalettes): WallpaperJson {
        const { image } = composed.source;
        return {
            path: image.path,
            uri: composed.uri,
            name: basename(image.path),
            width: image.width,
            height: image.height,
            palette: palettes.main?.palette ?? null,
            // One picture everywhere (composed for the overlay alone): no rows per monitor in the menu.
            ...(this.config.mode === 'same'
                ? {}
                : {
                      monitors: composed.monitors.map((m, i) =>
                          this.monitorJson(
                              m.region.index,
                              m.region.name,
                              m.region.primary,
                              m.image,
                              palettes.perMonitor[i]?.palette ?? null,
                              m.displayMode,
                          ),
                      ),
                  }),
        };
    }

    /** What a history entry recorded per monitor, with the composed file it was shown as; null for a plain entry. */
    historyJson(historyId: number): { composedPath: string | null; monitors: MonitorWallpaperJson[] } | null {
        const children = this.children(historyId);
        if (children.length === 0) return null;
        const row = this.db.prepare(`SELECT composed_path FROM history WHERE id = ?`).get(historyId) as
            { composed_path: string | null } | undefined;
        // One picture everywhere (composed for the overlay alone): no rows per monitor.
        if (new Set(children.map((c) => c.path)).size === 1 && this.config.mode === 'same')
            return { composedPath: row?.composed_path ?? null, monitors: [] };
        const regions = new Map((this.layout?.regions ?? []).map((r) => [r.index, r]));
        const monitors = children.map((c) => {
            const image = c.image_id !== null ? this.images.byId(c.image_id) : undefined;
            const palette =
                c.content_hash && c.extractor ? (this.paletteStore.get(c.content_hash, c.extractor) ?? null) : null;
            const region = regions.get(c.monitor);
            return this.monitorJson(
                c.monitor,
                region?.name ?? `monitor ${c.monitor}`,
                region?.primary ?? false,
                image ?? { path: c.path, width: 0, height: 0 },
                palette,
                '',
            );
        });
        return { composedPath: row?.composed_path ?? null, monitors };
    }

    /** Whether `path` is one of the pictures of history entry `historyId`. */
    shows(historyId: number, path: string): boolean {
        return this.children(historyId).some((c) => c.path === path);
    }

    private monitorJson(
        index: number,
        monitor: string,
        primary: boolean,
        image: Pick<ImageRow, 'path' | 'width' | 'height'>,
        palette: PaletteJson | null,
        displayMode: string,
    ): MonitorWallpaperJson {
        return {
            index,
            monitor,
            primary,
            path: image.path,
            uri: fileUri(image.path),
            name: basename(image.path),
            width: image.width,
            height: image.height,
            palette,
            displayMode,
        };
    }

    private children(historyId: number): ChildRow[] {
        return this.db
            .prepare(
                `SELECT monitor, image_id, path, content_hash, extractor FROM history_monitors WHERE ` +
                    `history_id = ? ORDER BY monitor`,
            )
            .all(historyId) as ChildRow[];
    }

    private requireLayout(): CanvasLayout {
        if (!this.layout) throw new Error('no monitor layout from the Shell yet');
        return this.layout;
    }
}
