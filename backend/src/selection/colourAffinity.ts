import { converter } from 'culori';
import { parseHexColor } from '../colour/oklch.js';

export interface Oklab {
    l: number;
    a: number;
    b: number;
}

const toOklab = converter('oklab');

export function oklabOfHex(hex: string): Oklab {
    const c = toOklab(parseHexColor(hex));
    return { l: c.l, a: c.a, b: c.b };
}

/**
 * Distance from an image's representative colour (mean lightness, hue and chroma) to a target colour: ΔE in OKLab
 * with lightness at half weight, because "a blue wallpaper" for a blue accent means hue far more than brightness.
 * Returned on a 0 … 1 scale (0.25 OKLab units, about the distance between two neighbouring GNOME accents' worth of
 * hue and a fair amount of lightness, counts as "as far as it gets").
 */
export function colourDistance(lightness: number, hue: number, chroma: number, target: Oklab): number {
    const rad = (hue * Math.PI) / 180;
    const dl = 0.5 * (lightness - target.l);
    const da = chroma * Math.cos(rad) - target.a;
    const db = chroma * Math.sin(rad) - target.b;
    return Math.min(1, Math.hypot(dl, da, db) / 0.25);
}

/**
 * strength^(0.5 − d): a perfect match gets √strength, the farthest image 1/√strength, so `strength` is the odds
 * ratio between the two. Distance 0.5, and images not analysed yet (NaN), get 1: neutral, neither favoured nor
 * pushed away. strength 1 turns the factor off.
 */
export function affinityFromDistance(distance: number, strength: number): number {
    if (Number.isNaN(distance) || strength === 1) return 1;
    return Math.pow(strength, 0.5 - distance);
}

export function colourAffinityFactor(
    lightness: number,
    hue: number,
    chroma: number,
    target: Oklab | null,
    strength: number,
): number {
    if (!target || Number.isNaN(lightness)) return 1;
    return affinityFromDistance(colourDistance(lightness, hue, chroma, target), strength);
}
