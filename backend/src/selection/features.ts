// Colour features of one image: what colour affinity, time of day, the lightness filter and `stats` read.
// Computed from a tiny thumbnail (32×32) in OKLab, so one image costs a few milliseconds with JPEG
// shrink-on-load; images not analysed yet have NaN features and get neutral factors, never an exclusion.
import { loadSharp } from '../process/loadSharp.js';
import { rgbColor } from '../colour/oklch.js';
import { converter } from 'culori';
import { compositeOver, type Backdrop } from '../palette/backdrop.js';

export interface ColourFeatures {
    /** Mean OKLab lightness, 0 … 1. */
    lightness: number;
    /** Warm (+1, towards orange) … cool (−1, towards blue): the chroma-weighted mean of cos(hue − 60°), scaled. */
    temperature: number;
    /** Mean OKLCH chroma scaled so 0.2 (a vivid photo) is 1; 0 … 1. */
    saturation: number;
    /** Representative OKLCH hue (degrees): the direction of the mean a/b vector. */
    hue: number;
    /** Length of the mean a/b vector: how strongly the image leans towards `hue`. */
    chroma: number;
}

export const UNKNOWN_FEATURES: ColourFeatures = {
    lightness: NaN,
    temperature: NaN,
    saturation: NaN,
    hue: NaN,
    chroma: NaN,
};

/** OKLCH hue of "warm" (orange); the cool pole is its opposite, ~240° (blue). */
const WARM_HUE = 60;
/** Mean chroma that counts as fully saturated, and the chroma at which temperature saturates. */
const FULL_CHROMA = 0.2;
const FULL_WARMTH = 0.08;
const SIDE = 32;

const toOklab = converter('oklab');

/** Features of interleaved 8-bit RGB(A) pixels. */
export function featuresOfPixels(pixels: Uint8Array, channels: number): ColourFeatures {
    let sumL = 0;
    let sumA = 0;
    let sumB = 0;
    let sumC = 0;
    let sumWarm = 0;
    let n = 0;
    const warm = (WARM_HUE * Math.PI) / 180;
    const cosW = Math.cos(warm);
    const sinW = Math.sin(warm);
    for (let i = 0; i + 2 < pixels.length; i += channels) {
        const lab = toOklab(rgbColor(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!));
        const a = lab.a;
        const b = lab.b;
        sumL += lab.l;
        sumA += a;
        sumB += b;
        sumC += Math.hypot(a, b);
        // c·cos(h − warm) is the projection of (a, b) on the warm direction.
        sumWarm += a * cosW + b * sinW;
        n++;
    }
    if (n === 0) return UNKNOWN_FEATURES;
    const meanA = sumA / n;
    const meanB = sumB / n;
    const hue = ((((Math.atan2(meanB, meanA) * 180) / Math.PI) % 360) + 360) % 360;
    return {
        lightness: sumL / n,
        temperature: Math.max(-1, Math.min(1, sumWarm / n / FULL_WARMTH)),
        saturation: Math.min(1, sumC / n / FULL_CHROMA),
        hue,
        chroma: Math.hypot(meanA, meanB),
    };
}

/**
 * Decodes a 32×32 thumbnail of `path` and measures it as GNOME shows it: where it is transparent, over
 * `backdrop`. Throws on files sharp cannot read.
 */
export async function analyseImage(path: string, backdrop?: Backdrop): Promise<ColourFeatures> {
    const sharp = await loadSharp();
    const { data, info } = await sharp(path, { failOn: 'none', limitInputPixels: 150_000_000 })
        .rotate()
        .resize(SIDE, SIDE, { fit: 'fill', fastShrinkOnLoad: true })
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (info.channels === 4)
        return featuresOfPixels(
            backdrop ? compositeOver(pixels, info.width, info.height, backdrop) : pixels,
            backdrop ? 3 : 4,
        );
    return featuresOfPixels(pixels, info.channels);
}
