// Where a picture goes inside one monitor's region of the canvas, for each display mode. Pure geometry: the
// composer (worker.ts) only carries it out. Every mode is "draw the picture at this size and place, clipped to
// the region", optionally repeated (tile) and optionally over a blurred, zoomed copy of itself (fit, centre).
//
// Two families of modes. Chameleon's own: 'fit' and 'center' fill what the picture leaves with a blurred copy of
// it, 'smart' chooses by the picture's size and shape. GNOME's picture-options by their own names ('scaled',
// 'centered', 'stretched', 'wallpaper', 'spanned'; 'zoom' is both): with one picture on every monitor GNOME draws
// them itself (see gnomeOption), and in a composed wallpaper they are drawn here the way GNOME draws them, over
// black.

import type { DisplayModeName } from '../protocol/monitors.js';

export type DisplayMode = DisplayModeName;
/** What a placement carries out: 'smart' resolved, GNOME's tiling and spanning under their composed names. */
export type ConcreteMode = 'zoom' | 'fit' | 'center' | 'tile' | 'scaled' | 'centered' | 'stretched';
/** GNOME's picture-options value that draws `mode` itself, or null for the modes only a composition can draw. */
export function gnomeOption(mode: ConcreteMode | DisplayMode): string | null {
    switch (mode) {
        case 'zoom':
        case 'scaled':
        case 'centered':
        case 'stretched':
        case 'wallpaper':
        case 'spanned':
            return mode;
        case 'tile':
            return 'wallpaper';
        default:
            return null;
    }
}

/**
 * The GNOME option nearest to a mode when nothing can be composed (no monitor size known): the same geometry
 * over the desktop's background colour instead of a blurred copy.
 */
export function nearestGnomeOption(mode: DisplayMode): string {
    return gnomeOption(mode) ?? (mode === 'fit' ? 'scaled' : mode === 'center' ? 'centered' : 'zoom');
}

export interface Size {
    width: number;
    height: number;
}

export interface Placement {
    mode: ConcreteMode;
    /** The picture's size once scaled, and its top-left, in region pixels (may lie partly outside the region). */
    draw: { left: number; top: number; width: number; height: number };
    /** Fill what the picture leaves uncovered with a blurred copy of it zoomed to the region. */
    blurredBackground: boolean;
    /** Repeat the picture across the region, starting from `draw` (tile). */
    repeat: boolean;
}

/** A picture whose sides are at most this fraction of the region's is a pattern: smart tiles it. */
const TILE_FRACTION = 1 / 4;
/** Smart centres a picture that would need more than this upscaling to cover the region, rather than blur it. */
const MAX_UPSCALE = 2;
/** Smart zooms (crops) while the picture's and the region's aspect ratios differ by at most this factor. */
const MAX_ZOOM_ASPECT_MISMATCH = 1.4;

/** How far apart two aspect ratios are, as a factor ≥ 1 (1 = the same shape). */
export function aspectMismatch(image: Size, region: Size): number {
    const r = image.width / image.height / (region.width / region.height);
    return Math.max(r, 1 / r);
}

/**
 * The mode 'smart' stands for, by the picture's size and shape against the region's: tiny pictures are patterns
 * (tile); small ones would blur when enlarged (centre, at their own size); a similar shape loses little to cropping
 * (zoom); a different shape — a portrait photo on a landscape screen — is shown whole (fit, blurred background).
 */
export function smartMode(image: Size, region: Size): ConcreteMode {
    if (image.width <= region.width * TILE_FRACTION && image.height <= region.height * TILE_FRACTION) return 'tile';
    const coverScale = Math.max(region.width / image.width, region.height / image.height);
    if (coverScale > MAX_UPSCALE && image.width <= region.width && image.height <= region.height) return 'center';
    return aspectMismatch(image, region) <= MAX_ZOOM_ASPECT_MISMATCH ? 'zoom' : 'fit';
}

/** The placement of a picture of size `image` in a region of size `region` (both in pixels). */
export function placement(mode: DisplayMode, image: Size, region: Size): Placement {
    const concrete = concreteMode(mode, image, region);
    switch (concrete) {
        case 'zoom': {
            // Cover: the smaller scale that fills both directions; rounding up never leaves a one-pixel seam.
            const s = Math.max(region.width / image.width, region.height / image.height);
            const width = Math.max(region.width, Math.ceil(image.width * s - 1e-9));
            const height = Math.max(region.height, Math.ceil(image.height * s - 1e-9));
            return {
                mode: concrete,
                draw: centred({ width, height }, region),
                blurredBackground: false,
                repeat: false,
            };
        }
        case 'fit':
        case 'scaled': {
            const s = Math.min(region.width / image.width, region.height / image.height);
            const width = Math.min(region.width, Math.max(1, Math.round(image.width * s)));
            const height = Math.min(region.height, Math.max(1, Math.round(image.height * s)));
            const blurred = concrete === 'fit' && (width < region.width || height < region.height);
            return {
                mode: concrete,
                draw: centred({ width, height }, region),
                blurredBackground: blurred,
                repeat: false,
            };
        }
        case 'center':
        case 'centered': {
            const covers = image.width >= region.width && image.height >= region.height;
            return {
                mode: concrete,
                draw: centred(image, region),
                blurredBackground: concrete === 'center' && !covers,
                repeat: false,
            };
        }
        case 'stretched':
            return {
                mode: concrete,
                draw: { left: 0, top: 0, width: region.width, height: region.height },
                blurredBackground: false,
                repeat: false,
            };
        case 'tile': {
            // As GNOME's own 'wallpaper' option: one tile centred, the others around it.
            const first = centred(image, region);
            const back = (offset: number, step: number) =>
                offset > 0 ? offset - Math.ceil(offset / step) * step : offset;
            return {
                mode: concrete,
                draw: {
                    left: back(first.left, image.width),
                    top: back(first.top, image.height),
                    width: image.width,
                    height: image.height,
                },
                blurredBackground: false,
                repeat: true,
            };
        }
    }
}

/**
 * The mode a placement carries out: 'smart' chosen for this picture and region; GNOME's 'wallpaper' is 'tile'; and
 * 'spanned' inside one region (it means one picture stretched over the whole canvas) is 'stretched'.
 */
export function concreteMode(mode: DisplayMode, image: Size, region: Size): ConcreteMode {
    if (mode === 'smart') return smartMode(image, region);
    if (mode === 'wallpaper') return 'tile';
    if (mode === 'spanned') return 'stretched';
    return mode;
}

function centred(size: Size, region: Size): Placement['draw'] {
    return {
        left: Math.floor((region.width - size.width) / 2),
        top: Math.floor((region.height - size.height) / 2),
        width: size.width,
        height: size.height,
    };
}

/**
 * The part of a drawn picture that falls inside the region: `source` in the scaled picture's pixels, `at` in the
 * region's. null when nothing is visible.
 */
export function visiblePart(
    draw: Placement['draw'],
    region: Size,
): { source: { left: number; top: number; width: number; height: number }; at: { left: number; top: number } } | null {
    const left = Math.max(0, draw.left);
    const top = Math.max(0, draw.top);
    const right = Math.min(region.width, draw.left + draw.width);
    const bottom = Math.min(region.height, draw.top + draw.height);
    if (right <= left || bottom <= top) return null;
    return {
        source: { left: left - draw.left, top: top - draw.top, width: right - left, height: bottom - top },
        at: { left, top },
    };
}

/** The top-left corners of all tiles that touch the region, for a tile placement. */
export function tileOrigins(draw: Placement['draw'], region: Size): { left: number; top: number }[] {
    const origins: { left: number; top: number }[] = [];
    for (let top = draw.top; top < region.height; top += draw.height) {
        for (let left = draw.left; left < region.width; left += draw.width) origins.push({ left, top });
    }
    return origins;
}
