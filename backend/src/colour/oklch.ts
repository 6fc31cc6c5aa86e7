// Thin wrappers over culori so the rest of the palette code speaks in plain numbers and lowercase hex.
// All colour science (sRGB ↔ OKLCH / CIELAB, gamut mapping) is culori's; nothing here re-derives it.
import { clampChroma, converter, formatHex, parseHex } from 'culori';
import type { Rgb } from 'culori';

export interface Oklch {
    /** Perceived lightness, 0 (black) … 1 (white). */
    l: number;
    /** Colourfulness; libadwaita treats < 0.04 as grey. */
    c: number;
    /** Hue angle in degrees, 0 … 360; 0 for greys, whose hue culori leaves undefined. */
    h: number;
}

const toOklchColor = converter('oklch');
const toRgbColor = converter('rgb');
const toLabColor = converter('lab65');

/** An 8-bit sRGB triple as culori's unit-range Rgb. */
export function rgbColor(r: number, g: number, b: number): Rgb {
    return { mode: 'rgb', r: r / 255, g: g / 255, b: b / 255 };
}

/** Parses `#rgb` / `#rrggbb` (any case); throws on anything else so a bad palette is caught where it enters. */
export function parseHexColor(hex: string): Rgb {
    const parsed = parseHex(hex);
    if (parsed === undefined) throw new Error(`not a hex colour: ${JSON.stringify(hex)}`);
    return toRgbColor(parsed);
}

export function oklchOf(color: Rgb | string): Oklch {
    const c = toOklchColor(typeof color === 'string' ? parseHexColor(color) : color);
    return { l: c.l, c: c.c, h: c.h ?? 0 };
}

/** CIELAB (D65) of an sRGB colour: the space the quantizer clusters in, as material-color-utilities does. */
export function labOf(color: Rgb): { l: number; a: number; b: number } {
    const c = toLabColor(color);
    return { l: c.l, a: c.a, b: c.b };
}

/** Lowercase `#rrggbb` of a CIELAB (D65) colour; out-of-gamut channels are clipped by culori's formatter. */
export function hexFromLab(l: number, a: number, b: number): string {
    return formatHex({ mode: 'lab65', l, a, b });
}

/**
 * Lowercase `#rrggbb` of an OKLCH colour. Chroma is reduced (hue and lightness kept) until it fits sRGB,
 * so a "lighter variant" of a vivid colour stays the same hue instead of clipping towards another one.
 */
export function hexFromOklch({ l, c, h }: Oklch): string {
    const clamped = Math.min(1, Math.max(0, l));
    return formatHex(clampChroma({ mode: 'oklch', l: clamped, c: Math.max(0, c), h }, 'oklch'));
}

export function hexOf(color: Rgb): string {
    return formatHex(color);
}
