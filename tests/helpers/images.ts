// Real image files for tests, written with sharp. Shared by the palette, scanner and pipeline tests: keep the
// helpers general (any size, any format sharp can write) and deterministic (no randomness anywhere).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';

/** Formats sharp can write in this build. `heif` is HEIF with AV1 (same encoder as AVIF, other brand). */
export type ImageFormat = 'jpg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'heif';
export const IMAGE_FORMATS: readonly ImageFormat[] = ['jpg', 'png', 'webp', 'gif', 'tiff', 'avif', 'heif'];

export interface Size {
    width: number;
    height: number;
}

export interface Region {
    x: number;
    y: number;
    w: number;
    h: number;
    /** `#rrggbb`, or `#rrggbbaa` for a translucent region in formats with alpha. */
    hex: string;
}

/** A temporary directory; remove it with `removeTempDir` (e.g. in afterAll). */
export function makeTempDir(prefix = 'chameleon-test-'): Promise<string> {
    return mkdtemp(join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): Promise<void> {
    return rm(dir, { recursive: true, force: true });
}

/** The format named by a path's extension (`.jpeg` → jpg, `.tif` → tiff, `.heic` → heif). */
export function formatOf(path: string): ImageFormat {
    const ext = extname(path).slice(1).toLowerCase();
    const alias: Record<string, ImageFormat> = { jpeg: 'jpg', tif: 'tiff', heic: 'heif' };
    const format = alias[ext] ?? ext;
    if (!(IMAGE_FORMATS as readonly string[]).includes(format))
        throw new Error(`no image format for extension of ${path}`);
    return format as ImageFormat;
}

/** Encodes with settings that keep colours close to the source (quality 90, no 4:2:0 for JPEG) and fast AV1. */
function encode(image: Sharp, format: ImageFormat): Sharp {
    switch (format) {
        case 'jpg':
            return image.jpeg({ quality: 90, chromaSubsampling: '4:4:4' });
        case 'png':
            return image.png();
        case 'webp':
            return image.webp({ quality: 90 });
        case 'gif':
            return image.gif();
        case 'tiff':
            return image.tiff();
        case 'avif':
            return image.avif({ quality: 80, effort: 0 });
        case 'heif':
            return image.heif({ compression: 'av1', quality: 80, effort: 0 });
    }
}

/** Parses `#rgb`, `#rrggbb` or `#rrggbbaa` into 0–255 channels. */
export function rgbaOf(hex: string): [number, number, number, number] {
    let h = hex.replace(/^#/, '');
    if (h.length === 3) h = [...h].map((c) => c + c).join('');
    if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(h)) throw new Error(`not a hex colour: ${hex}`);
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), h.length === 8 ? n(6) : 255];
}

/** Writes interleaved 8-bit pixels (3 = RGB, 4 = RGBA) to `path`; format from the extension unless given. */
export async function writePixels(
    path: string,
    pixels: Uint8Array,
    { width, height, channels }: Size & { channels: 3 | 4 },
    format: ImageFormat = formatOf(path),
): Promise<string> {
    await encode(sharp(pixels, { raw: { width, height, channels } }), format).toFile(path);
    return path;
}

/** A single-colour image (default 64×48). */
export function writeSolid(
    path: string,
    hex: string,
    { width = 64, height = 48, format }: Partial<Size> & { format?: ImageFormat } = {},
): Promise<string> {
    return writeRegions(path, { width, height, background: hex, regions: [] }, format);
}

/** Rectangles painted in order over a background; later regions cover earlier ones; clipped to the image. */
export function writeRegions(
    path: string,
    { width, height, background, regions }: Size & { background: string; regions: readonly Region[] },
    format: ImageFormat = formatOf(path),
): Promise<string> {
    const rgba = [background, ...regions.map((r) => r.hex)].some((h) => rgbaOf(h)[3] !== 255);
    const channels = rgba ? 4 : 3;
    const pixels = new Uint8Array(width * height * channels);
    const paint = (x0: number, y0: number, w: number, h: number, hex: string) => {
        const colour = rgbaOf(hex).slice(0, channels);
        for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
            for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++)
                pixels.set(colour, (y * width + x) * channels);
        }
    };
    paint(0, 0, width, height, background);
    for (const r of regions) paint(r.x, r.y, r.w, r.h, r.hex);
    return writePixels(path, pixels, { width, height, channels }, format);
}

/** A linear gradient between two colours, left→right (`horizontal`, default) or top→bottom. */
export function writeGradient(
    path: string,
    {
        width,
        height,
        from,
        to,
        direction = 'horizontal',
    }: Size & { from: string; to: string; direction?: 'horizontal' | 'vertical' },
    format: ImageFormat = formatOf(path),
): Promise<string> {
    const a = rgbaOf(from);
    const b = rgbaOf(to);
    const pixels = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
            const t = direction === 'horizontal' ? x / Math.max(1, width - 1) : y / Math.max(1, height - 1);
            for (let c = 0; c < 3; c++) pixels[(y * width + x) * 3 + c] = Math.round(a[c]! + (b[c]! - a[c]!) * t);
        }
    }
    return writePixels(path, pixels, { width, height, channels: 3 }, format);
}

/**
 * Deterministic noise around a base colour (±`amplitude` per channel, from a fixed-seed generator): a stand-in
 * for photographic texture, and for files that do not compress to almost nothing.
 */
export function writeNoise(
    path: string,
    { width, height, base, amplitude = 40, seed = 1 }: Size & { base: string; amplitude?: number; seed?: number },
    format: ImageFormat = formatOf(path),
): Promise<string> {
    const [r, g, b] = rgbaOf(base);
    let state = seed >>> 0 || 1;
    const next = () => {
        // xorshift32: tiny, fast and the same on every run.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return ((state >>> 0) / 0xffffffff) * 2 - 1;
    };
    const pixels = new Uint8Array(width * height * 3);
    const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
    for (let i = 0; i < pixels.length; i += 3) {
        pixels[i] = clamp(r + next() * amplitude);
        pixels[i + 1] = clamp(g + next() * amplitude);
        pixels[i + 2] = clamp(b + next() * amplitude);
    }
    return writePixels(path, pixels, { width, height, channels: 3 }, format);
}

/** An animated GIF or WebP with one solid colour per frame. */
export async function writeAnimated(
    path: string,
    frames: readonly string[],
    {
        width = 32,
        height = 32,
        format = formatOf(path) as 'gif' | 'webp',
    }: Partial<Size> & { format?: 'gif' | 'webp' } = {},
): Promise<string> {
    const frameBytes = width * height * 3;
    const pixels = new Uint8Array(frameBytes * frames.length);
    frames.forEach((hex, i) => {
        const colour = rgbaOf(hex).slice(0, 3);
        for (let p = 0; p < width * height; p++) pixels.set(colour, i * frameBytes + p * 3);
    });
    const image = sharp(pixels, { raw: { width, height: height * frames.length, channels: 3, pageHeight: height } });
    await (format === 'gif' ? image.gif({ delay: 100, loop: 0 }) : image.webp({ delay: 100, loop: 0 })).toFile(path);
    return path;
}

/** A file with an image extension whose content is text: what a scanner meets as "x.jpg" that is not one. */
export async function writeNotAnImage(path: string, content = 'this is not an image\n'): Promise<string> {
    await writeFile(path, content);
    return path;
}

/** Copies the first `keepFraction` of `source` to `target`: a half-downloaded or half-copied file. */
export async function writeTruncated(source: string, target: string, keepFraction = 0.5): Promise<string> {
    const bytes = await readFile(source);
    await writeFile(target, bytes.subarray(0, Math.floor(bytes.length * keepFraction)));
    return target;
}
