// Pictures with transparency are seen over the desktop's background colour (see backdrop.ts); everything about
// their colours depends on it, so it is looked up from the header before their palette is.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGnomeBackgroundName } from '../image/gnomeBackground.js';
import { isJxl } from '../image/jxl.js';
import { isSvg, openPicture, pictureShownAt } from '../image/picture.js';
import { loadSharp } from '../process/loadSharp.js';
import { compositeOver, GNOME_DEFAULT_BACKDROP, type Backdrop } from './backdrop.js';
import { MAX_INPUT_PIXELS } from './extractPalette.js';

/**
 * Whether some pixel of the picture lets the desktop show through (false for a file that cannot be read). Many
 * PNGs carry an alpha channel that is opaque everywhere (screenshots, exports): those are decoded once to tell,
 * so that their palettes stay those of their own bytes, whatever the desktop colour. JPEG XL is decoded without
 * its alpha (image/jxl.ts), so it counts as opaque; a GNOME XML background is the picture it shows now.
 */
export async function hasTransparency(path: string): Promise<boolean> {
    try {
        const shown = await pictureShownAt(path);
        if (isJxl(shown)) return false;
        const sharp = await loadSharp();
        if ((await sharp(shown, { limitInputPixels: false }).metadata()).hasAlpha !== true) return false;
        return !(await sharp(shown, { limitInputPixels: MAX_INPUT_PIXELS, animated: false }).stats()).isOpaque;
    } catch {
        return false;
    }
}

/** Long side of the copy given to programs that read the picture themselves (wallust resizes far below this). */
const COPY_SIZE = 1024;

/** Whether programs that read pictures themselves (wallust) need a copy in an ordinary format. */
export function needsOrdinaryCopy(path: string): boolean {
    return isJxl(path) || isSvg(path) || isGnomeBackgroundName(path);
}

/**
 * Runs `use` with a PNG of the picture as GNOME shows it (composited over `backdrop`, when it has transparency),
 * for programs that read files themselves (wallust); the copy is removed afterwards.
 */
export async function withOnScreenCopy<T>(
    path: string,
    backdrop: Backdrop | undefined,
    use: (copy: string) => Promise<T>,
): Promise<T> {
    const sharp = await loadSharp();
    const picture = await openPicture(path, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated: false });
    const { data, info } = await picture
        .resize({ width: COPY_SIZE, height: COPY_SIZE, fit: 'inside', withoutEnlargement: true })
        .toColourspace('srgb')
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
    const rgb = compositeOver(
        new Uint8Array(data.buffer, data.byteOffset, data.length),
        info.width,
        info.height,
        backdrop ?? GNOME_DEFAULT_BACKDROP,
    );
    const dir = await mkdtemp(join(tmpdir(), 'chameleon-on-screen-'));
    try {
        const copy = join(dir, 'on-screen.png');
        await sharp(rgb, { raw: { width: info.width, height: info.height, channels: 3 } })
            .png()
            .toFile(copy);
        return await use(copy);
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}
