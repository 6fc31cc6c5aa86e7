import type { Metadata } from 'sharp';
import { loadSharp } from '../process/loadSharp.js';
import { MAX_INPUT_PIXELS } from '../palette/extractPalette.js';
import { isGnomeBackgroundName } from '../image/gnomeBackground.js';
import { isJxl } from '../image/jxl.js';
import { jxlSize, pictureShownAt } from '../image/picture.js';

/** File name endings worth a look; anything else in a wallpaper folder (notes, videos, thumbnails db) is ignored. */
export const IMAGE_EXTENSIONS = new Set([
    '.jpg',
    '.jpeg',
    '.jpe',
    '.png',
    '.webp',
    '.avif',
    '.tif',
    '.tiff',
    '.gif',
    '.svg',
    '.heic',
    '.heif',
    '.jxl',
    '.bmp',
    // GNOME's slideshow and day-night backgrounds; other XML files are passed over with the reason.
    '.xml',
]);

export interface Probe {
    width: number;
    height: number;
    format: string | null;
    /** Why the file cannot be a wallpaper, or null when it can. */
    skipReason: string | null;
}

/** What GNOME draws and we decode: libvips' formats, SVG through librsvg, and JPEG XL through djxl (image/jxl.ts). */
const SHOWABLE = new Set(['jpeg', 'png', 'webp', 'avif', 'tiff', 'gif', 'svg', 'jxl']);

/**
 * Reads an image's header (sharp's metadata does not decode pixels) and decides whether GNOME can show it and
 * we can analyse it. Never throws: an unreadable file is a skip with its reason.
 */
export async function probeImage(path: string): Promise<Probe> {
    if (isGnomeBackgroundName(path)) return probeGnomeBackground(path);
    if (isJxl(path)) {
        // sharp's libvips reads no JPEG XL; its header says the size without decoding.
        const size = await jxlSize(path).catch((error: Error) => error);
        return size instanceof Error
            ? skip(`not a readable image (${size.message})`)
            : checked(size.width, size.height, 'jxl', 1);
    }
    let meta: Metadata;
    try {
        // No pixel limit for reading the header: the size it declares is checked below, with a clearer message.
        const sharp = await loadSharp();
        meta = await sharp(path, { limitInputPixels: false }).metadata();
    } catch (error) {
        return skip(`not a readable image (${(error as Error).message})`);
    }
    // sharp reports AVIF and HEIC both as "heif"; only AV1-coded files (AVIF) decode with sharp's libvips.
    const format = meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heic') : (meta.format ?? null);
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    if (!format || !SHOWABLE.has(format))
        return { width, height, format, skipReason: `${format ?? 'unknown'} images are not supported` };
    if (format === 'gif' && (meta.pages ?? 1) > 1)
        return { width, height, format, skipReason: 'animated GIFs are not supported' };
    return checked(width, height, format, meta.orientation ?? 1);
}

function checked(width: number, height: number, format: string, orientation: number): Probe {
    if (width <= 0 || height <= 0) return { width, height, format, skipReason: 'the image has no size' };
    // The header alone tells a decompression bomb (a small file claiming 50000×50000): refuse it before anything
    // tries to decode it, with the same limit the palette extractor uses.
    if (width * height > MAX_INPUT_PIXELS) {
        return {
            width,
            height,
            format,
            skipReason: `too large to show (${width}×${height} is over ${MAX_INPUT_PIXELS / 1e6} megapixels)`,
        };
    }
    // EXIF orientations 5–8 rotate by 90°: the picture people see is the other way round.
    const rotated = orientation >= 5;
    return { width: rotated ? height : width, height: rotated ? width : height, format, skipReason: null };
}

/**
 * A GNOME XML background is a picture of the size of the one it shows now; GNOME animates it itself. A file that
 * is not one, or that names a picture we cannot show, is skipped with why.
 */
async function probeGnomeBackground(path: string): Promise<Probe> {
    let shown: string;
    try {
        shown = await pictureShownAt(path);
    } catch (error) {
        return skip((error as Error).message);
    }
    if (isGnomeBackgroundName(shown)) return skip(`names another XML file (${shown}) as its picture`);
    const picture = await probeImage(shown);
    if (picture.skipReason)
        return {
            ...picture,
            format: 'gnome-xml',
            skipReason: `the picture it shows now, ${shown}: ${picture.skipReason}`,
        };
    return { ...picture, format: 'gnome-xml' };
}

function skip(reason: string): Probe {
    return { width: 0, height: 0, format: null, skipReason: reason };
}
