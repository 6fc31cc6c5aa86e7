// Buckets for `chameleon stats`: lightness as Variety users know it, hue families of the representative colour.

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
const HUE_FAMILIES: readonly (readonly [number, string])[] = [
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

export const HUE_FAMILY_NAMES = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink', 'grey', 'unknown'] as const;

export function hueFamily(hue: number, chroma: number): string {
    if (Number.isNaN(hue) || Number.isNaN(chroma)) return 'unknown';
    if (chroma < GREY_CHROMA) return 'grey';
    const h = ((hue % 360) + 360) % 360;
    for (const [below, name] of HUE_FAMILIES) if (h < below) return name;
    return 'red';
}
