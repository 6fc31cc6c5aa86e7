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
import { placement, type DisplayMode } from './displayModes.js';
import { canvasLayout, paletteRegion, type CanvasLayout, type MonitorRegion } from './layout.js';
import { pickPerTarget, type Picker } from './monitorPicks.js';

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
    private config: Required<Omit<MonitorsConfigJson, 'layout'>> = { mode: 'same', displayMode: 'smart', paletteFrom: 'primary', layoutMode: 'physical' };
    private layout: CanvasLayout | null = null;
    private readonly images: ImageStore;

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

    configure(json: MonitorsConfigJson = {}): void {
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
    }

    /** Composition is on: a mode other than 'same', and a layout from the Shell to compose for. */
    get active(): boolean {
        return this.config.mode !== 'same' && this.layout !== null;
    }

    get canvas(): CanvasLayout | null {
        return this.layout;
    }

    /** New pictures: one per monitor ('per-monitor'), or one for the whole canvas ('span'). */
    pickNew(pick: Picker, excludeId: number | null): Promise<ImageRow[]> {
        const layout = this.requireLayout();
        const targets = this.config.mode === 'span' ? [{ width: layout.width, height: layout.height }] : layout.regions.map((r) => r.physical);
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
        const [replacement] = await pickPerTarget([layout.regions[index]!.physical], pick, this.images.byPath(path)?.id ?? null, kept);
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
     * an entry from a layout with fewer monitors still fills them all); in 'span' mode the first over everything.
     */
    async compose(images: readonly ImageRow[]): Promise<ComposedWallpaper> {
        const layout = this.requireLayout();
        if (images.length === 0) throw new Error('no picture to compose');
        const mode = this.config.displayMode as DisplayMode;
        const span = this.config.mode === 'span';
        const imageOf = (i: number) => (span ? images[0]! : images[i % images.length]!);
        const tiles = span
            ? [{ path: images[0]!.path, rect: { left: 0, top: 0, width: layout.width, height: layout.height }, mode }]
            : layout.regions.map((region, i) => ({ path: imageOf(i).path, rect: region.rect, mode }));
        const composed = await withinTime(this.composer.compose({ width: layout.width, height: layout.height, tiles }), this.timeoutMs);
        const spanMode = span ? placement(mode, images[0]!, layout).mode : '';
        const monitors = layout.regions.map((region, i) => ({
            region,
            image: imageOf(i),
            displayMode: span ? spanMode : placement(mode, imageOf(i), region.rect).mode,
        }));
        const sourceRegion = paletteRegion(layout, this.config.paletteFrom === 'largest' ? 'largest' : 'primary');
        const source = monitors.find((m) => m.region.index === sourceRegion.index) ?? monitors[0]!;
        return { path: composed.path, uri: fileUri(composed.path), monitors, source: { region: source.region, image: source.image } };
    }

    /** Palettes of each monitor's picture (from the store when known) and of the whole, per the palette-from setting. */
    async palettesOf(composed: ComposedWallpaper): Promise<ComposedPalettes> {
        const byImage = new Map<number, Promise<ImagePalette | null>>();
        const of = (image: ImageRow) => {
            if (!byImage.has(image.id)) byImage.set(image.id, this.palettes.paletteFor(image));
            return byImage.get(image.id)!;
        };
        const perMonitor: (ImagePalette | null)[] = [];
        for (const m of composed.monitors) perMonitor.push(await of(m.image));
        const main = this.config.paletteFrom === 'blend' ? await this.palettes.paletteForFile(composed.path) : await of(composed.source.image);
        return { main, perMonitor };
    }

    /** Records which monitor showed what, inside the caller's transaction. */
    record(historyId: number, composed: ComposedWallpaper, palettes: ComposedPalettes): void {
        const insert = this.db.prepare(
            `INSERT OR REPLACE INTO history_monitors (history_id, monitor, image_id, path, content_hash, extractor) VALUES (?, ?, ?, ?, ?, ?)`,
        );
        composed.monitors.forEach((m, i) => {
            const p = palettes.perMonitor[i] ?? null;
            insert.run(historyId, m.region.index, m.image.id, m.image.path, p?.hash ?? null, p?.key ?? null);
        });
        this.db.prepare(`UPDATE history SET composed_path = ? WHERE id = ?`).run(composed.path, historyId);
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
            monitors: composed.monitors.map((m, i) => this.monitorJson(m.region.index, m.region.name, m.region.primary, m.image, palettes.perMonitor[i]?.palette ?? null, m.displayMode)),
        };
    }

    /** What a history entry recorded per monitor, with the composed file it was shown as; null for a plain entry. */
    historyJson(historyId: number): { composedPath: string | null; monitors: MonitorWallpaperJson[] } | null {
        const children = this.children(historyId);
        if (children.length === 0) return null;
        const regions = new Map((this.layout?.regions ?? []).map((r) => [r.index, r]));
        const monitors = children.map((c) => {
            const image = c.image_id !== null ? this.images.byId(c.image_id) : undefined;
            const palette = c.content_hash && c.extractor ? (this.paletteStore.get(c.content_hash, c.extractor) ?? null) : null;
            const region = regions.get(c.monitor);
            return this.monitorJson(c.monitor, region?.name ?? `monitor ${c.monitor}`, region?.primary ?? false, image ?? { path: c.path, width: 0, height: 0 }, palette, '');
        });
        const row = this.db.prepare(`SELECT composed_path FROM history WHERE id = ?`).get(historyId) as { composed_path: string | null } | undefined;
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
        return { index, monitor, primary, path: image.path, uri: fileUri(image.path), name: basename(image.path), width: image.width, height: image.height, palette, displayMode };
    }

    private children(historyId: number): ChildRow[] {
        return this.db
            .prepare(`SELECT monitor, image_id, path, content_hash, extractor FROM history_monitors WHERE history_id = ? ORDER BY monitor`)
            .all(historyId) as ChildRow[];
    }

    private requireLayout(): CanvasLayout {
        if (!this.layout) throw new Error('no monitor layout from the Shell yet');
        return this.layout;
    }
}
