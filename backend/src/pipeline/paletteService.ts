import { statSync } from 'node:fs';
import type { ImageRow } from '../db/images.js';
import { ImageStore } from '../db/images.js';
import type { PaletteStore } from '../db/palettes.js';
import { contentHash } from '../scan/contentHash.js';
import { pictureShownAt } from '../image/picture.js';
import { backdropKey, GNOME_DEFAULT_BACKDROP, type Backdrop } from '../palette/backdrop.js';
import { hasTransparency } from '../palette/transparency.js';
import { log } from '../log.js';
import type { PaletteConfigJson, PaletteJson, PaletteStatusJson } from '../protocol/messages.js';
import { detectWallust, wallustSettings, type WallustOptions } from '../wallust/index.js';
import { parseBackend, parseColorspace, parsePaletteName } from '../wallust/options.js';
import type { PaletteExtractor } from './paletteExtractor.js';
import { WallustExtractor } from './wallustExtractor.js';

const DEFAULT_WALLUST_TIMEOUT_S = 10;

export interface ImagePalette {
    /** The content hash the palette belongs to. */
    hash: string;
    /** The extractor (and settings) that made it: with the hash, the palette's key in the store. */
    key: string;
    palette: PaletteJson;
}

/** A picture whose pixels would not decode: it must not go on screen. `detail` is the decoder's reason. */
export class UndecodableError extends Error {
    override name = 'UndecodableError';
    constructor(
        readonly path: string,
        readonly detail: string,
    ) {
        super(`cannot decode ${path}: ${detail}`);
    }
}

/** What `prepare` learnt of a picture before it is shown: that it decodes, and its palette when already known. */
export interface PreparedPicture {
    image: ImageRow;
    /** The file the palette is of: the picture itself, or for a GNOME XML background the picture it shows now. */
    source: string;
    hash: string;
    /** The file's size and time when prepared: a palette made later is kept only if they still hold. */
    size: number;
    mtimeMs: number;
    /** The palette of the extractor in force, when known already; else `finish` makes it. */
    palette: ImagePalette | null;
    /** The built-in palette, made while checking that the picture decodes: wallust's stand-in if it fails. */
    builtin: PaletteJson;
    /** What the picture is seen over, when it has transparency. */
    backdrop: Backdrop | undefined;
}

/**
 * Palettes for images, by content: from the store when this content was analysed before with the extractor in
 * force, else from wallust (when enabled, installed and supported), else — or when wallust fails, hangs or
 * writes garbage — from the built-in extractor. Why wallust was not used is kept for `status`.
 */
export class PaletteService {
    private wallust: WallustExtractor | null = null;
    private wallustUnavailable: string | null = 'not checked yet';
    private wallustVersion: string | null = null;
    private lastFallback: PaletteStatusJson['lastFallback'] = null;
    private ready: Promise<void> = Promise.resolve();
    private readonly images: ImageStore;
    /** What GNOME draws behind the wallpaper (primary-color …): pictures with transparency are seen over it. */
    private backdrop: Backdrop = GNOME_DEFAULT_BACKDROP;

    constructor(
        private readonly store: PaletteStore,
        imagesDb: ConstructorParameters<typeof ImageStore>[0],
        private readonly builtin: PaletteExtractor,
        private readonly now: () => number = Date.now,
    ) {
        this.images = new ImageStore(imagesDb);
    }

    /** Applies palette settings; wallust is looked for again each time (it may have been installed since). */
    configure(config: PaletteConfigJson): void {
        this.ready = this.ready.then(() => this.setUp(config));
    }

    /** The desktop's background colours now; palettes of transparent pictures made from here on are over them. */
    setBackdrop(backdrop: Backdrop): void {
        this.backdrop = backdrop;
    }

    /**
     * What a picture is analysed over, if anything: the backdrop for a picture with transparency. Its palettes are
     * keyed by the backdrop too, so a new primary-color never serves the palette made over the old one.
     */
    private async backdropFor(path: string, hash: string): Promise<Backdrop | undefined> {
        // A built-in palette stored for these bytes already says which they are (only pictures with transparency
        // are keyed by a backdrop), and spares a look at the header, which would load the image library.
        if (this.store.get(hash, paletteKey(this.builtin.key, this.backdrop))) return this.backdrop;
        if (this.store.get(hash, this.builtin.key)) return undefined;
        return (await hasTransparency(path)) ? this.backdrop : undefined;
    }

    status(): PaletteStatusJson {
        return {
            extractor: this.wallust ? 'wallust' : 'builtin',
            wallustUnavailable: this.wallustUnavailable,
            wallustVersion: this.wallustVersion,
            lastFallback: this.lastFallback,
        };
    }

    /**
     * The palette of the image's current content, or null when none can be made (an image that will not
     * decode). The file's size and time are checked around the work: a file replaced meanwhile gets no palette
     * rather than one that may belong to other bytes.
     */
    async paletteFor(image: ImageRow): Promise<ImagePalette | null> {
        await this.ready;
        try {
            const source = await pictureShownAt(image.path);
            if (source !== image.path) return await this.paletteForFile(source, true);
            const before = statSync(image.path);
            // The indexed hash is trusted only while the file still has the size and time it was indexed with.
            const indexed =
                before.size === image.size && Math.trunc(before.mtimeMs) === image.mtime_ms ? image.content_hash : null;
            const hash = indexed ?? (await contentHash(image.path));
            if (hash !== image.content_hash) this.images.setContentHash(image.id, hash);
            const made = await this.fromStoreOrExtractors(image.path, hash, await this.backdropFor(image.path, hash));
            const after = statSync(image.path);
            if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
                log.warn(`${image.path} changed while its palette was computed; not keeping the palette`);
                return null;
            }
            if (!made.cached) this.store.put(hash, made.key, made.palette, this.now());
            return { hash, key: made.key, palette: made.palette };
        } catch (error) {
            log.warn(`no palette for ${image.path}: ${(error as Error).message}`);
            return null;
        }
    }

    /**
     * Makes sure a picture can be shown before it goes on screen: decoded once by the built-in extractor (or
     * known to have decoded before: a palette of this content is stored), which also gives its built-in palette.
     * Rejects with UndecodableError for a picture whose pixels do not decode (a truncated file).
     */
    async prepare(image: ImageRow): Promise<PreparedPicture> {
        await this.ready;
        // A GNOME XML background is set as itself (GNOME animates it); its palette is of the picture it shows now.
        const source = await pictureShownAt(image.path).catch((error: Error) => {
            throw new UndecodableError(image.path, error.message);
        });
        const before = statSync(source);
        const own = source === image.path;
        const indexed =
            own && before.size === image.size && Math.trunc(before.mtimeMs) === image.mtime_ms
                ? image.content_hash
                : null;
        const hash = indexed ?? (await contentHash(source));
        if (own && hash !== image.content_hash) this.images.setContentHash(image.id, hash);
        const prepared = {
            image,
            source,
            hash,
            size: before.size,
            mtimeMs: before.mtimeMs,
            backdrop: await this.backdropFor(source, hash),
        };
        const builtinKey = paletteKey(this.builtin.key, prepared.backdrop);
        let builtin = this.store.get(hash, builtinKey);
        if (!builtin) {
            try {
                builtin = await this.builtin.extract(source, prepared.backdrop);
            } catch (error) {
                const message = (error as Error).message;
                const prefix = `cannot decode ${source}: `;
                if (message.startsWith(prefix)) throw new UndecodableError(image.path, message.slice(prefix.length));
                throw error;
            }
            // Bytes replaced during the decode: the palette may be theirs. `finish` sees the change and keeps none.
            if (!this.unchanged(prepared)) return { ...prepared, builtin, palette: null };
            this.store.put(hash, builtinKey, builtin, this.now());
        }
        const key = paletteKey(this.wallust?.key ?? this.builtin.key, prepared.backdrop);
        const known = key === builtinKey ? builtin : this.store.get(hash, key);
        return { ...prepared, builtin, palette: known ? { hash, key, palette: known } : null };
    }

    /**
     * The palette of a prepared picture, made now if `prepare` did not know it (wallust, or the built-in palette
     * when wallust fails). Null when the file changed since it was prepared.
     */
    async finish(prepared: PreparedPicture): Promise<ImagePalette | null> {
        if (prepared.palette) return prepared.palette;
        const { image, hash } = prepared;
        let made: { key: string; palette: PaletteJson };
        try {
            made = await this.fromStoreOrExtractors(prepared.source, hash, prepared.backdrop);
        } catch (error) {
            log.warn(`no palette for ${image.path}: ${(error as Error).message}`);
            made = { key: paletteKey(this.builtin.key, prepared.backdrop), palette: prepared.builtin };
        }
        if (!this.unchanged(prepared)) {
            log.warn(`${image.path} changed while its palette was computed; not keeping the palette`);
            return null;
        }
        this.store.put(hash, made.key, made.palette, this.now());
        return { hash, key: made.key, palette: made.palette };
    }

    private unchanged(prepared: { source: string; size: number; mtimeMs: number }): boolean {
        try {
            const now = statSync(prepared.source);
            return now.size === prepared.size && now.mtimeMs === prepared.mtimeMs;
        } catch {
            return false;
        }
    }

    /**
     * The palette of a file outside the index (a composed wallpaper, a picture set by another program), by its
     * content; of a GNOME XML background, the palette of the picture it shows now.
     */
    async paletteForFile(path: string, resolved = false): Promise<ImagePalette | null> {
        await this.ready;
        try {
            if (!resolved) path = await pictureShownAt(path);
            const hash = await contentHash(path);
            const made = await this.fromStoreOrExtractors(path, hash, await this.backdropFor(path, hash));
            if (!made.cached) this.store.put(hash, made.key, made.palette, this.now());
            return { hash, key: made.key, palette: made.palette };
        } catch (error) {
            log.warn(`no palette for ${path}: ${(error as Error).message}`);
            return null;
        }
    }

    async close(): Promise<void> {
        await this.ready;
        await this.builtin.close();
    }

    private async fromStoreOrExtractors(
        path: string,
        hash: string,
        backdrop: Backdrop | undefined,
    ): Promise<{ key: string; palette: PaletteJson; cached: boolean }> {
        const extractors = this.wallust ? [this.wallust, this.builtin] : [this.builtin];
        for (const extractor of extractors) {
            const key = paletteKey(extractor.key, backdrop);
            const cached = this.store.get(hash, key);
            if (cached) return { key, palette: cached, cached: true };
            try {
                return { key, palette: await extractor.extract(path, backdrop), cached: false };
            } catch (error) {
                if (extractor === this.builtin) throw error;
                const reason = (error as Error).message;
                this.lastFallback = { at: new Date(this.now()).toISOString(), path, reason };
                log.warn(`wallust failed for ${path} (${reason}); using the built-in extractor`);
            }
        }
        throw new Error('no palette extractor');
    }

    private async setUp(config: PaletteConfigJson): Promise<void> {
        this.wallust = null;
        if (config.useWallust === false) {
            this.wallustUnavailable = 'turned off in preferences';
            return;
        }
        const detection = await detectWallust();
        this.wallustVersion = detection.version?.text ?? null;
        if (!detection.available) {
            this.wallustUnavailable = detection.reason;
            log.info(`wallust not used: ${detection.reason}`);
            return;
        }
        const settings = await wallustSettings(explicitOptions(config));
        for (const warning of settings.warnings) log.warn(warning);
        const timeoutMs = (config.wallustTimeoutSeconds ?? DEFAULT_WALLUST_TIMEOUT_S) * 1000;
        this.wallust = new WallustExtractor(detection, settings.options, config.wallustApplyTheme ?? false, timeoutMs);
        this.wallustUnavailable = null;
    }
}

/** A palette's key in the store: the extractor's, plus the backdrop for a picture with transparency. */
export function paletteKey(extractorKey: string, backdrop: Backdrop | undefined): string {
    return backdrop ? `${extractorKey}+${backdropKey(backdrop)}` : extractorKey;
}

/** The wallust options our settings name; '' or an unknown value leaves the choice to wallust.toml. */
function explicitOptions(config: PaletteConfigJson): Partial<WallustOptions> {
    const options: Partial<WallustOptions> = {};
    const pick = <K extends 'backend' | 'colorspace' | 'palette'>(
        field: K,
        raw: string | undefined,
        parse: (v: unknown) => WallustOptions[K] | null,
    ) => {
        if (!raw) return;
        const value = parse(raw);
        if (value) options[field] = value;
        else log.warn(`wallust ${field} "${raw}" is not one wallust knows; using wallust.toml's or the default`);
    };
    pick('backend', config.wallustBackend, parseBackend);
    pick('colorspace', config.wallustColorspace, parseColorspace);
    pick('palette', config.wallustPalette, parsePaletteName);
    return options;
}
