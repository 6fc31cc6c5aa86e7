// Buckets for `chameleon stats`: lightness as Variety users know it, hue families of the representative colour.
import { hueName } from '../colour/accentName.js';
import { COLOUR_FAMILIES, type ColourFamily } from '../protocol/gallery.js';

/** OKLab lightness of sRGB greys 75 and 180, Variety's dark and light thresholds on (R+G+B)/3. */
export const DARK_BELOW = 0.43;
export const LIGHT_ABOVE = 0.76;

export function lightnessBucket(lightness: number): 'dark' | 'medium' | 'light' | 'unknown' {
    if (Number.isNaN(lightness)) return 'unknown';
    return lightness < DARK_BELOW ? 'dark' : lightness > LIGHT_ABOVE ? 'light' : 'medium';
}

/**
 * Below this chroma of the mean colour an image has no dominant hue. Lower than the accent's slate threshold: the
 * mean of a whole picture's colours is much less saturated than any one colour in it.
 */
export const GREY_CHROMA = 0.02;

/** Every name `hueFamily` gives, as the protocol lists them. */
export const HUE_FAMILY_NAMES = COLOUR_FAMILIES;

/** The hue family of an image's representative colour: GNOME's accent bands (accentName.ts), grey, or unknown. */
export function hueFamily(hue: number, chroma: number): ColourFamily {
    if (Number.isNaN(hue) || Number.isNaN(chroma)) return 'unknown';
    return chroma < GREY_CHROMA ? 'grey' : hueName(hue);
}
