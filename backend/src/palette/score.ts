// Ranks quantized colours by how much a person would call them "the image's colour", after
// material-color-utilities' Score.score: a colour earns points for the share of the image whose hue is near its
// own (±15°, so a sky's many blues count together instead of splitting the vote) and for being vivid. Greys and
// hues covering ≤1 % of the image are not candidates at all, which is why a muddy dominant background loses
// to the small vivid object a viewer actually notices, and why a grey image ends up with no candidate (slate).
// Differences from MCU, on purpose: hue and the grey cut-off are OKLCH, the space libadwaita maps accents in,
// so "not a candidate" and "slate" mean the same thing; chroma for the vividness term is CIELAB chroma, which
// is on the scale of MCU's constants (target 48); there is no fallback blue.
import { SLATE_CHROMA } from '../colour/accentName.js';
import { labOf, oklchOf, parseHexColor } from '../colour/oklch.js';
import type { Oklch } from '../colour/oklch.js';
import type { Cluster } from './quantize.js';

export interface ScoredColor {
    hex: string;
    oklch: Oklch;
    /** Share of the image (0 … 1) within ±15° of this colour's hue. */
    hueShare: number;
    score: number;
}

/** Colours above this OKLCH chroma cast a vote for their hue; below it their hue is noise. */
const HUE_VOTE_CHROMA = 0.02;
const HUE_SPREAD_DEGREES = 15;
const MIN_HUE_SHARE = 0.01;
const TARGET_CHROMA = 48;
const WEIGHT_SHARE = 0.7;
const WEIGHT_CHROMA_BELOW = 0.1;
const WEIGHT_CHROMA_ABOVE = 0.3;

/** Chromatic candidates, best first; empty for a grey image. Ties are broken by hex so the order is total. */
export function scoreColors(clusters: readonly Cluster[]): ScoredColor[] {
    const total = clusters.reduce((sum, c) => sum + c.population, 0);
    if (total === 0) return [];
    const measured = clusters.map((c) => ({ ...c, oklch: oklchOf(c.hex) }));

    const huePopulation = new Float64Array(360);
    for (const c of measured) {
        if (c.oklch.c >= HUE_VOTE_CHROMA) huePopulation[Math.round(c.oklch.h) % 360]! += c.population;
    }
    const hueShare = new Float64Array(360);
    for (let h = 0; h < 360; h++) {
        let sum = 0;
        for (let d = -HUE_SPREAD_DEGREES; d <= HUE_SPREAD_DEGREES; d++) sum += huePopulation[(h + d + 360) % 360]!;
        hueShare[h] = sum / total;
    }

    const scored: ScoredColor[] = [];
    for (const c of measured) {
        if (c.oklch.c < SLATE_CHROMA) continue;
        const share = hueShare[Math.round(c.oklch.h) % 360]!;
        if (share <= MIN_HUE_SHARE) continue;
        const { a, b } = labOf(parseHexColor(c.hex));
        const chroma = Math.hypot(a, b);
        const chromaTerm =
            (chroma - TARGET_CHROMA) * (chroma < TARGET_CHROMA ? WEIGHT_CHROMA_BELOW : WEIGHT_CHROMA_ABOVE);
        scored.push({ hex: c.hex, oklch: c.oklch, hueShare: share, score: share * 100 * WEIGHT_SHARE + chromaTerm });
    }
    return scored.sort((x, y) => y.score - x.score || (x.hex < y.hex ? -1 : x.hex > y.hex ? 1 : 0));
}

export function hueDistance(a: number, b: number): number {
    const d = Math.abs(a - b) % 360;
    return d > 180 ? 360 - d : d;
}

/**
 * Up to `count` candidates with well-separated hues, best first. Like MCU it asks for wide separation first and
 * relaxes it until enough colours are found, so a two-hue image gives two clearly different colours rather than
 * two shades of its main hue.
 */
export function distinctHues(scored: readonly ScoredColor[], count: number): ScoredColor[] {
    let picked: ScoredColor[] = [];
    for (const minDistance of [60, 45, 30, 20, 15]) {
        picked = [];
        for (const c of scored) {
            if (picked.every((p) => hueDistance(p.oklch.h, c.oklch.h) >= minDistance)) picked.push(c);
            if (picked.length >= count) return picked;
        }
    }
    return picked;
}
