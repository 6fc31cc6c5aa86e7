// Thumbnails for the menu's recent pictures and the gallery, made once per picture content.
//
// Kept in `$XDG_CACHE_HOME/chameleon/thumbnails/<sha256 of the content>.{jpg,png}`, not in the freedesktop cache
// (`~/.cache/thumbnails/large/<md5 of the URI>.png`): that cache is keyed by the file's URI and checked against its
// modification time, so a picture moved, renamed or copied to the favourites folder would need a new one, where
// the content hash — which palettes are keyed by too, and the index keeps — stays the same. What is kept from the
// spec is its "large" size (256 px) and its rule of replacing files atomically, so a reader never sees half a
// thumbnail. Opaque pictures get a JPEG (a tenth of a PNG's size for a photograph), pictures with transparency a
// PNG, so GNOME's own transparent wallpapers keep their see-through parts.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageStore } from '../db/images.js';
import { contentHash } from '../scan/contentHash.js';
import { MAX_INPUT_PIXELS } from '../palette/extractPalette.js';
import { ChameleonError } from '../errors.js';
import { openPicture } from '../image/picture.js';
import { ErrorCode, THUMBNAIL_PIXELS } from '../protocol/messages.js';

/** Decodes at once: each holds a whole picture in memory for a moment, and the backend shares the machine. */
const AT_ONCE = 2;

export class Thumbnails {
    private readonly making = new Map<string, Promise<string>>();
    private running = 0;
    private readonly queued: (() => void)[] = [];

    constructor(
        private readonly dir: string,
        private readonly images: ImageStore,
    ) {}

    /** The thumbnail of the picture at `path`, made now if needed. Rejects with NotAPicture when it cannot be. */
    async of(path: string): Promise<string> {
        const hash = await this.hashOf(path);
        const made = this.cached(hash);
        if (made) return made;
        // Two requests for the same content (the menu and the gallery at once) share one decode.
        let making = this.making.get(hash);
        if (!making) {
            making = this.turn(() => this.make(path, hash)).finally(() => this.making.delete(hash));
            this.making.set(hash, making);
        }
        return making;
    }

    /** The thumbnail already made for this picture's indexed content, without reading or decoding anything. */
    known(contentHashOfPicture: string | null): string | null {
        return contentHashOfPicture ? this.cached(contentHashOfPicture) : null;
    }

    private cached(hash: string): string | null {
        for (const ext of ['jpg', 'png']) {
            const file = join(this.dir, `${hash}.${ext}`);
            if (existsSync(file)) return file;
        }
        return null;
    }

    /** The content hash: the index's while the file keeps the size and time it was indexed with, else read now. */
    private async hashOf(path: string): Promise<string> {
        const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
            const reason = error.code === 'ENOENT' ? 'no such file' : error.message;
            throw new ChameleonError(ErrorCode.NotAPicture, `${path}: ${reason}`);
        });
        if (!info.isFile()) throw new ChameleonError(ErrorCode.NotAPicture, `${path} is not a file`);
        const row = this.images.byPath(path);
        const unchanged = row && row.size === info.size && row.mtime_ms === Math.trunc(info.mtimeMs);
        if (unchanged && row.content_hash) return row.content_hash;
        const hash = await contentHash(path);
        if (unchanged) this.images.setContentHash(row.id, hash);
        return hash;
    }

    private async make(path: string, hash: string): Promise<string> {
        let data: Buffer;
        let alpha: boolean;
        try {
            // failOn 'error': a half-copied file is refused rather than thumbnailed with grey padding. rotate():
            // a camera's portrait photo is shown upright, as GNOME draws it. JPEG XL and GNOME's XML backgrounds
            // (the picture they show now) open through the same door as for palettes.
            const image = (
                await openPicture(path, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated: false })
            )
                .rotate()
                .resize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS, { fit: 'inside', withoutEnlargement: true });
            alpha = (await image.clone().metadata()).hasAlpha === true;
            data = await (alpha ? image.png() : image.flatten().jpeg({ quality: 85 })).toBuffer();
        } catch (error) {
            throw new ChameleonError(ErrorCode.NotAPicture, `cannot decode ${path}: ${reasonOf(error)}`);
        }
        const file = join(this.dir, `${hash}.${alpha ? 'png' : 'jpg'}`);
        await mkdir(this.dir, { recursive: true });
        const temporary = join(this.dir, `.${hash}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
        try {
            await writeFile(temporary, data, { flag: 'wx' });
            await rename(temporary, file);
        } catch (error) {
            await rm(temporary, { force: true });
            throw error;
        }
        return file;
    }

    /** Runs `task` when fewer than AT_ONCE are running. */
    private async turn<T>(task: () => Promise<T>): Promise<T> {
        if (this.running >= AT_ONCE) await new Promise<void>((resolve) => this.queued.push(resolve));
        this.running++;
        try {
            return await task();
        } finally {
            this.running--;
            this.queued.shift()?.();
        }
    }
}

/** sharp's message, in words a user can act on. */
function reasonOf(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('unsupported image format')) return 'not an image format this program can read';
    if (message.includes('pixel limit')) return `larger than ${MAX_INPUT_PIXELS / 1e6} megapixels`;
    return message;
}
