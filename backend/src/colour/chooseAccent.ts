// Accent choice when all we know is a finished 16-colour terminal palette (the wallust path), not the image.
// Terminal palettes put the image's hues in colours 1–6 and their brighter twins in 9–14; 0, 7, 8 and 15 are
// background/foreground greys and never the accent.
import type { AccentName } from '../protocol/messages.js';
import { accentNameFor } from './accentName.js';
import { oklchOf, parseHexColor, hexOf } from './oklch.js';

const HUE_SLOTS = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14];

/**
 * Mid-lightness band (OKLCH L) that an accent is drawn from: very dark or very light colours read as
 * background/foreground rather than as "the colour" of the wallpaper, and GNOME's own accents sit at L≈0.5–0.7.
 */
const MIN_L = 0.3;
const MAX_L = 0.9;

/**
 * Picks the most chromatic mid-lightness colour among colours 1–6 and 9–14 (falling back to any lightness if
 * none is mid-light). If even that one is below libadwaita's grey threshold, the result is `slate`, never a
 * made-up blue. Ties keep the earlier slot, so the choice is deterministic.
 */
export function chooseAccent(colors: string[]): { accent: string; accentName: AccentName } {
    const candidates = HUE_SLOTS.flatMap((slot) => {
        const hex = colors[slot];
        return hex === undefined ? [] : [{ hex: hexOf(parseHexColor(hex)), ...oklchOf(hex) }];
    });
    if (candidates.length === 0) throw new Error(`a terminal palette needs colours 1–6, got ${colors.length} colours`);
    const midLight = candidates.filter((c) => c.l >= MIN_L && c.l <= MAX_L);
    const pool = midLight.length > 0 ? midLight : candidates;
    let best = pool[0]!;
    for (const c of pool) if (c.c > best.c) best = c;
    return { accent: best.hex, accentName: accentNameFor(best.hex) };
}
