// The 16-colour dark terminal scheme, in pywal's spirit (its "dark" mapping; REFERENCE §2):
//   color0      near-black tinted with the image's dominant colour (also `background`)
//   color1–6    the image's distinct hues, best-scored first, so color1 carries the accent's hue (many pywal
//               templates use color1 as their highlight)
//   color7      light grey tinted like color0;  color8 = darken(color7, 0.30) exactly as pywal does
//   color9–14   brighter twins of 1–6;  color15 near-white (also `foreground` and `cursor`, as pywal does)
// Lightness is set in OKLCH so every hue lands equally readable on color0 whatever the image's brightness.
import { hexFromOklch, hexOf, oklchOf, parseHexColor } from '../colour/oklch.js';
import type { Oklch } from '../colour/oklch.js';
import { SLATE_CHROMA } from '../colour/accentName.js';
import type { Cluster } from './quantize.js';
import { hueDistance } from './score.js';

const BACKGROUND_L = 0.18;
const BACKGROUND_MAX_C = 0.035;
/** Normal colours (1–6) between these lightnesses: ≥ 4.5:1 contrast on color0 for any hue. */
const NORMAL_MIN_L = 0.64;
const NORMAL_MAX_L = 0.78;
const BRIGHT_STEP_L = 0.1;
const BRIGHT_MAX_L = 0.9;
const LIGHT_L = 0.86;
const WHITE_L = 0.95;
const LIGHT_MAX_C = 0.02;
/** Two hue colours closer than this in OKLab (ΔE_ok) look like one on a terminal. */
const MIN_OKLAB_DISTANCE = 0.08;

function oklabDistance(x: Oklch, y: Oklch): number {
    const toAb = (c: Oklch) => [c.c * Math.cos((c.h * Math.PI) / 180), c.c * Math.sin((c.h * Math.PI) / 180)] as const;
    const [xa, xb] = toAb(x);
    const [ya, yb] = toAb(y);
    return Math.hypot(x.l - y.l, xa - ya, xb - yb);
}

/** pywal's darken: every sRGB channel scaled by (1 − amount). */
export function darken(hex: string, amount: number): string {
    const { r, g, b } = parseHexColor(hex);
    return hexOf({ mode: 'rgb', r: r * (1 - amount), g: g * (1 - amount), b: b * (1 - amount) });
}

/**
 * Six source colours for slots 1–6: the distinct hues first, then other image colours that differ enough, then,
 * only if the image has fewer than six colours of its own, hue rotations of its main colour (an image that is all
 * one red still needs six tellable-apart terminal colours; wallust's "complementary" fallback does the same).
 * A grey image gets greys: inventing hues for it would contradict its slate accent.
 */
function sourceColors(hues: readonly string[], clusters: readonly Cluster[]): Oklch[] {
    const chosen: Oklch[] = hues.slice(0, 6).map((h) => oklchOf(h));
    const chromatic = chosen.length > 0;
    for (const c of clusters) {
        if (chosen.length >= 6) break;
        const o = oklchOf(c.hex);
        if (chromatic && o.c < SLATE_CHROMA) continue;
        if (chosen.every((x) => oklabDistance(x, o) >= MIN_OKLAB_DISTANCE)) chosen.push(o);
    }
    const base = chosen[0] ?? { l: 0.7, c: 0, h: 0 };
    for (let step = 1; chosen.length < 6; step++) {
        if (base.c >= SLATE_CHROMA) {
            // The rotation (in 30° steps from the main hue) farthest from every hue already chosen.
            let best = base.h;
            let bestGap = -1;
            for (let k = 1; k < 12; k++) {
                const h = (base.h + k * 30) % 360;
                const gap = Math.min(...chosen.filter((x) => x.c >= SLATE_CHROMA).map((x) => hueDistance(x.h, h)));
                if (gap > bestGap) {
                    bestGap = gap;
                    best = h;
                }
            }
            chosen.push({ l: base.l, c: base.c * 0.85, h: best });
        } else {
            chosen.push({ l: NORMAL_MIN_L + ((NORMAL_MAX_L - NORMAL_MIN_L) * step) / 6, c: base.c, h: base.h });
        }
    }
    return chosen;
}

/**
 * Builds color0 … color15 from the hue candidates (best first, see score.ts) and all quantized clusters
 * (most populous first). Always 16 lowercase `#rrggbb` colours.
 */
export function terminalPalette(hues: readonly string[], clusters: readonly Cluster[]): string[] {
    const dominant = clusters[0] !== undefined ? oklchOf(clusters[0].hex) : { l: 0.5, c: 0, h: 0 };
    const tint = (l: number, maxC: number): string => hexFromOklch({ l, c: Math.min(dominant.c, maxC), h: dominant.h });

    const sources = sourceColors(hues, clusters);
    const normal = sources.map((o) => ({ ...o, l: Math.min(NORMAL_MAX_L, Math.max(NORMAL_MIN_L, o.l)) }));
    const bright = normal.map((o) => ({ ...o, l: Math.min(BRIGHT_MAX_L, o.l + BRIGHT_STEP_L) }));

    const color7 = tint(LIGHT_L, LIGHT_MAX_C);
    return [
        tint(BACKGROUND_L, BACKGROUND_MAX_C),
        ...normal.map(hexFromOklch),
        color7,
        darken(color7, 0.3),
        ...bright.map(hexFromOklch),
        tint(WHITE_L, LIGHT_MAX_C),
    ];
}
