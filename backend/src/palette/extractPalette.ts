// The built-in extractor's whole job for one file, runnable anywhere (the worker calls it; tests import it
// directly): decode a small thumbnail with sharp, quantize, score, and lay out the terminal palette.
import { NO_DECODER } from '../image/jxl.js';
import { openPicture } from '../image/picture.js';
import type { PaletteJson } from '../protocol/messages.js';
import { accentNameFor } from '../colour/accentName.js';
import { compositeOver, type Backdrop } from './backdrop.js';
import { quantize } from './quantize.js';
import { distinctHues, scoreColors } from './score.js';
import { terminalPalette } from './terminalPalette.js';

/**
 * Bump whenever a change here, in quantize/score/terminalPalette or in the thumbnail size changes the palette a
 * file gets: cached palettes are keyed by it (BuiltinExtractor.key).
 */
export const BUILTIN_PALETTE_VERSION = 1;

/**
 * Long side of the thumbnail we analyse. 128 px is what matugen uses: a 16:9 wallpaper becomes 128×72 ≈ 9k
 * pixels, so an area of 1 % (the smallest hue the scorer counts) is still ~90 pixels, while quantizing stays at
 * a few milliseconds. For JPEG, libjpeg's shrink-on-load decodes at 1/8 scale, so a 4K file never decodes in full.
 */
export const THUMBNAIL_SIZE = 128;

/**
 * Refuse images above 150 megapixels before decoding. 16K (15360×8640 ≈ 133 MP) still passes; anything larger
 * is not a plausible wallpaper and could take seconds and gigabytes to decode (sharp's own default is 268 MP).
 */
export const MAX_INPUT_PIXELS = 150_000_000;

export interface Thumbnail {
    /** Interleaved 8-bit sRGB, with alpha when `channels` is 4. */
    pixels: Uint8Array;
    width: number;
    height: number;
    channels: 3 | 4;
}

/** Turns sharp's terse messages into "cannot … PATH: reason" that a user can act on. */
function decodeError(path: string, error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    // Not the picture's fault: GNOME still draws it; it goes without a palette until the decoder is installed.
    if (message.startsWith(NO_DECODER)) return new Error(`no palette for ${path}: ${message}`, { cause: error });
    if (message.startsWith('Input file is missing'))
        return new Error(`cannot read ${path}: file not found`, { cause: error });
    if (message.includes('unsupported image format')) {
        return new Error(`cannot decode ${path}: not an image format this program can read`, { cause: error });
    }
    if (message.includes('pixel limit')) {
        return new Error(`cannot decode ${path}: image is larger than ${MAX_INPUT_PIXELS / 1e6} megapixels`, {
            cause: error,
        });
    }
    return new Error(`cannot decode ${path}: ${message}`, { cause: error });
}

/**
 * Decodes `path` (first frame of animations, ICC profile applied) into a thumbnail of at most 128 px per side.
 * `input` may be the file's bytes already read, so that a caller hashing them analyses exactly those bytes.
 */
export async function decodeThumbnail(path: string, input: string | Buffer = path): Promise<Thumbnail> {
    try {
        const picture = await openPicture(
            path,
            {
                // 'error' still fails on truncated or corrupt pixel data (a half-copied file must not yield a palette
                // of grey padding), but tolerates the harmless warnings many real-world JPEGs carry.
                failOn: 'error',
                limitInputPixels: MAX_INPUT_PIXELS,
                animated: false,
                sequentialRead: true,
            },
            typeof input === 'string' ? undefined : input,
        );
        const { data, info } = await picture
            // A triangle filter, not sharp's default Lanczos: Lanczos' negative lobes overshoot at colour edges and
            // invent more saturated colours than the image has, which the scorer then rewards.
            .resize({
                width: THUMBNAIL_SIZE,
                height: THUMBNAIL_SIZE,
                fit: 'inside',
                withoutEnlargement: true,
                kernel: 'linear',
            })
            // 8-bit sRGB whatever came in: greyscale, CMYK, 16-bit PNG; alpha is kept so transparent parts can be
            // ignored.
            .toColourspace('srgb')
            .raw()
            .toBuffer({ resolveWithObject: true });
        if (info.channels !== 3 && info.channels !== 4) throw new Error(`unexpected ${info.channels}-channel output`);
        return {
            pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
            width: info.width,
            height: info.height,
            channels: info.channels,
        };
    } catch (error) {
        throw decodeError(path, error);
    }
}

/** The palette of interleaved 8-bit sRGB(A) pixels; pure and deterministic. */
export function paletteFromPixels(pixels: Uint8Array, width: number, height: number, channels: 3 | 4 = 3): PaletteJson {
    if (pixels.length < width * height * channels) {
        throw new Error(
            `pixel buffer holds ${pixels.length} bytes, ${width}×${height}×${channels} needs ` +
                `${width * height * channels}`,
        );
    }
    let clusters = quantize(pixels.subarray(0, width * height * channels), channels);
    // A fully transparent image has no visible pixels; judge it by its colour channels rather than fail.
    if (clusters.length === 0 && channels === 4) {
        const rgb = new Uint8Array(width * height * 3);
        for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) rgb.set(pixels.subarray(i, i + 3), j);
        clusters = quantize(rgb, 3);
    }
    if (clusters.length === 0) throw new Error('image has no pixels');

    const scored = scoreColors(clusters);
    const hues = distinctHues(scored, 6).map((c) => c.hex);
    const colors = terminalPalette(hues, clusters);
    // No chromatic candidate: the image is grey, and its accent is its most common (grey) colour → slate.
    const accent = scored[0]?.hex ?? clusters[0]!.hex;
    return {
        colors,
        background: colors[0]!,
        foreground: colors[15]!,
        cursor: colors[15]!,
        accent,
        accentName: accentNameFor(accent),
        extractor: 'builtin',
    };
}

/**
 * The thumbnail as it looks on screen: a picture with transparency composited over `backdrop` (what GNOME draws
 * behind it), as RGB. Without a backdrop, transparent pixels stay transparent (and are ignored by the palette).
 */
export function onScreen(thumbnail: Thumbnail, backdrop?: Backdrop): Thumbnail {
    if (thumbnail.channels !== 4 || !backdrop) return thumbnail;
    return {
        ...thumbnail,
        pixels: compositeOver(thumbnail.pixels, thumbnail.width, thumbnail.height, backdrop),
        channels: 3,
    };
}

/**
 * Decodes and analyses one image file as GNOME shows it: over `backdrop` when it has transparency. Rejects with
 * "cannot decode PATH: reason" for unreadable files.
 */
export async function extractPalette(path: string, backdrop?: Backdrop): Promise<PaletteJson> {
    const { pixels, width, height, channels } = onScreen(await decodeThumbnail(path), backdrop);
    return paletteFromPixels(pixels, width, height, channels);
}
