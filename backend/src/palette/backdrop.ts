// What GNOME draws behind a wallpaper: org.gnome.desktop.background primary-color, and with color-shading-type
// 'horizontal' or 'vertical' a gradient to secondary-color. A picture with transparency is seen composited over
// it, so that is the picture whose colours we analyse. Pure: no I/O.
import { formatHex, parse } from 'culori';
import type { DesktopBackgroundJson } from '../protocol/messages.js';

export type Shading = 'solid' | 'horizontal' | 'vertical';

export interface Backdrop {
    /** Lowercase `#rrggbb`. */
    primary: string;
    secondary: string;
    shading: Shading;
}

/** GNOME's own defaults (gsettings-desktop-schemas): what the desktop draws when nobody changed the keys. */
export const GNOME_DEFAULT_BACKDROP: Backdrop = { primary: '#023c88', secondary: '#5789ca', shading: 'solid' };

/** A colour as GNOME accepts it (gdk_rgba_parse: `#rgb`, `#rrggbb`, `rgb(…)`, names) as `#rrggbb`, else null. */
function hexOf(text: string | undefined): string | null {
    if (!text) return null;
    const colour = parse(text.trim());
    return colour ? formatHex(colour).toLowerCase() : null;
}

/** The backdrop the desktop reported; what it leaves out or GNOME could not parse either is GNOME's default. */
export function backdropOf(json: DesktopBackgroundJson | undefined): Backdrop {
    const shading = json?.shading === 'horizontal' || json?.shading === 'vertical' ? json.shading : 'solid';
    return {
        primary: hexOf(json?.primaryColor) ?? GNOME_DEFAULT_BACKDROP.primary,
        secondary: hexOf(json?.secondaryColor) ?? GNOME_DEFAULT_BACKDROP.secondary,
        shading,
    };
}

/**
 * The part of a palette's cache key that names the backdrop. Only pictures with transparency carry it: an opaque
 * picture looks the same over any colour and keeps one palette whatever the desktop's colour.
 */
export function backdropKey(backdrop: Backdrop): string {
    return backdrop.shading === 'solid'
        ? `over:${backdrop.primary}`
        : `over:${backdrop.shading}:${backdrop.primary}:${backdrop.secondary}`;
}

function rgbOf(hex: string): [number, number, number] {
    const n = Number.parseInt(hex.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Interleaved RGBA pixels composited over the backdrop, as RGB: what the screen shows. The gradient runs from
 * the primary colour at the top (vertical) or left (horizontal) edge to the secondary at the other, as GNOME
 * draws it.
 */
export function compositeOver(pixels: Uint8Array, width: number, height: number, backdrop: Backdrop): Uint8Array {
    const out = new Uint8Array(width * height * 3);
    const [pr, pg, pb] = rgbOf(backdrop.primary);
    const [sr, sg, sb] = rgbOf(backdrop.secondary);
    for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
            const t =
                backdrop.shading === 'vertical'
                    ? height > 1
                        ? y / (height - 1)
                        : 0
                    : backdrop.shading === 'horizontal'
                      ? width > 1
                          ? x / (width - 1)
                          : 0
                      : 0;
            const i = (y * width + x) * 4;
            const o = (y * width + x) * 3;
            const alpha = pixels[i + 3]! / 255;
            const under = [pr + (sr - pr) * t, pg + (sg - pg) * t, pb + (sb - pb) * t];
            for (let c = 0; c < 3; c++) out[o + c] = Math.round(pixels[i + c]! * alpha + under[c]! * (1 - alpha));
        }
    }
    return out;
}
