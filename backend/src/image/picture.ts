// One door for every decoder of pictures: sharp for what its libvips reads (SVG through librsvg, at the size it
// is drawn), djxl for JPEG XL, and a GNOME XML background stands for the picture it shows at that moment. The
// palette extractor, the background analysis and the composer open pictures only through here.
import { open, readFile } from 'node:fs/promises';
import { imageSize } from 'image-size';
import type { Sharp, SharpOptions } from 'sharp';
import { loadSharp } from '../process/loadSharp.js';
import { isGnomeBackgroundName, parseGnomeBackground, pictureAt, type GnomeBackground } from './gnomeBackground.js';
import { decodeJxl, isJxl } from './jxl.js';

/** GNOME's XML backgrounds are a few kilobytes; anything far larger is not one, and is not read whole. */
const MAX_BACKGROUND_XML_BYTES = 1024 * 1024;
/** JPEG XL headers sit in the first bytes (after a few container boxes at most). */
const JXL_HEADER_BYTES = 256 * 1024;

export function isSvg(path: string): boolean {
    return /\.svgz?$/i.test(path);
}

/** The file a GNOME XML background shows at `nowMs`; any other picture is itself. */
export async function pictureShownAt(path: string, nowMs = Date.now()): Promise<string> {
    if (!isGnomeBackgroundName(path)) return path;
    return pictureAt(await readGnomeBackground(path), nowMs);
}

/** A GNOME XML background file, parsed. Rejects with why for a file that is not one. */
export async function readGnomeBackground(path: string): Promise<GnomeBackground> {
    const handle = await open(path, 'r');
    let xml: string;
    try {
        const { size } = await handle.stat();
        if (size > MAX_BACKGROUND_XML_BYTES)
            throw new Error(`not a GNOME background (${size} bytes is far larger than one)`);
        xml = await handle.readFile('utf8');
    } finally {
        await handle.close();
    }
    return parseGnomeBackground(xml, path);
}

export interface PictureSize {
    width: number;
    height: number;
}

/** The size of a JPEG XL picture from its header alone (no decoding). */
export async function jxlSize(path: string): Promise<PictureSize> {
    const handle = await open(path, 'r');
    try {
        const buffer = Buffer.alloc(JXL_HEADER_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        const size = imageSize(buffer.subarray(0, bytesRead));
        if (size.type !== 'jxl' && size.type !== 'jxl-stream')
            throw new Error(`not a JPEG XL file (looks like ${size.type ?? 'nothing known'})`);
        return { width: size.width, height: size.height };
    } finally {
        await handle.close();
    }
}

/** The picture's size as shown (EXIF orientation applied); an XML background's is its picture's now. */
export async function pictureSize(path: string): Promise<PictureSize> {
    const shown = await pictureShownAt(path);
    if (isJxl(shown)) return jxlSize(shown);
    const sharp = await loadSharp();
    const meta = await sharp(shown, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) throw new Error(`cannot read the size of ${shown}`);
    const swap = (meta.orientation ?? 1) >= 5;
    return swap ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

/**
 * A sharp pipeline reading the picture at `path` (or `bytes` already read from it), whatever its format. An SVG
 * needs nothing special: sharp has librsvg draw it at the size it is resized to, not enlarge its own pixels.
 * Rejects with the decoder's reason for a picture that cannot be read.
 */
export async function openPicture(path: string, sharpOptions: SharpOptions = {}, bytes?: Buffer): Promise<Sharp> {
    const sharp = await loadSharp();
    const shown = await pictureShownAt(path);
    const input = shown === path ? (bytes ?? path) : shown;
    if (isJxl(shown)) {
        const { data, width, height, channels } = await decodeJxl(shown);
        const { limitInputPixels, failOn } = sharpOptions;
        return sharp(data, { raw: { width, height, channels }, limitInputPixels, failOn });
    }
    return sharp(input, sharpOptions);
}

/** The bytes a palette belongs to: an XML background's picture shown now, else the file itself. */
export async function paletteBytes(path: string, bytes: Buffer): Promise<{ path: string; bytes: Buffer }> {
    const shown = await pictureShownAt(path);
    return shown === path ? { path, bytes } : { path: shown, bytes: await readFile(shown) };
}
