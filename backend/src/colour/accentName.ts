// GNOME's accent names for arbitrary colours, with libadwaita's own rule (adw_accent_color_nearest_from_rgba in
// src/adw-accent-color.c): OKLCH, chroma below 0.04 is slate, otherwise fixed hue bands. Using GNOME's rule rather
// than "nearest of the nine swatches" keeps us consistent with what the desktop itself does for a portal accent.
import type { AccentName } from '../protocol/messages.js';
import { oklchOf } from './oklch.js';

/** Below this OKLCH chroma libadwaita calls a colour slate (grey). */
export const SLATE_CHROMA = 0.04;

export type HueName = Exclude<AccentName, 'slate'>;

/** libadwaita's hue bands, checked top-down: the first whose lower bound the hue exceeds wins. */
const HUE_BANDS: readonly (readonly [number, HueName])[] = [
    [345, 'pink'],
    [280, 'purple'],
    [230, 'blue'],
    [175, 'teal'],
    [115, 'green'],
    [75.5, 'yellow'],
    [35, 'orange'],
    [10, 'red'],
];

/** The accent name of an OKLCH hue (degrees, any turn) whatever its chroma: the one hue table of the backend. */
export function hueName(hue: number): HueName {
    const h = ((hue % 360) + 360) % 360;
    for (const [above, name] of HUE_BANDS) if (h > above) return name;
    return 'pink';
}

/** The accent name for an OKLCH chroma and hue (degrees). */
export function accentNameForOklch(chroma: number, hue: number): AccentName {
    return chroma < SLATE_CHROMA ? 'slate' : hueName(hue);
}

/** GNOME accent name for a `#rrggbb` colour, e.g. `#3584e4` → `blue`, any grey → `slate`. */
export function accentNameFor(hex: string): AccentName {
    const { c, h } = oklchOf(hex);
    return accentNameForOklch(c, h);
}
