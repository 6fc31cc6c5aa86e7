// Buckets for `chameleon stats`: lightness as Variety users know it, hue families of the representative colour.
import { COLOUR_FAMILIES, type ColourFamily } from '../protocol/gallery.js';

/** OKLab lightness of sRGB greys 75 and 180, Variety's dark and light thresholds on (R+G+B)/3. */
export const DARK_BELOW = 0.43;
export const LIGHT_ABOVE = 0.76;

export function lightnessBucket(lightness: number): 'dark' | 'medium' | 'light' | 'unknown' {
    if (Number.isNaN(lightness)) return 'unknown';
    return lightness < DARK_BELOW ? 'dark' : lightness > LIGHT_ABOVE ? 'light' : 'medium';
}

/** Below this chroma of the mean colour an image has no dominant hue. */
export const GREY_CHROMA = 0.02;

/** Upper hue bound (OKLCH degrees) of each family, checked in order; red wraps around 0°. */
const HUE_FAMILIES: readonly (readonly [number, ColourFamily])[] = [
    [40, 'red'],
    [80, 'orange'],
    [120, 'yellow'],
    [175, 'green'],
    [225, 'teal'],
    [285, 'blue'],
    [320, 'purple'],
    [345, 'pink'],
    [360, 'red'],
];

/** Every name `hueFamily` gives, as the protocol lists them. */
export const HUE_FAMILY_NAMES = COLOUR_FAMILIES;

export function hueFamily(hue: number, chroma: number): ColourFamily {
    if (Number.isNaN(hue) || Number.isNaN(chroma)) return 'unknown';
    if (chroma < GREY_CHROMA) return 'grey';
    const h = ((hue % 360) + 360) % 360;
    for (const [below, name] of HUE_FAMILIES) if (h < below) return name;
    return 'red';
}
