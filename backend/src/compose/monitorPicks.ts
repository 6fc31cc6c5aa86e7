// Smart Selection per monitor: one pick for each monitor (or one for the whole span), each preferring pictures
// whose orientation and resolution suit where they will be shown — a portrait screen gets a portrait picture.
// The preference is a score the collection's picker uses to redraw (Collection.pick's `prefer`), so among the
// pictures that suit, Smart Selection's own odds decide; when none suits within a few draws, the best seen wins.
import type { ImageRow } from '../db/images.js';
import type { Size } from './displayModes.js';

/** Candidates drawn per monitor before settling for the best seen. */
export const DRAWS_PER_MONITOR = 24;

export type Orientation = 'portrait' | 'landscape' | 'square';

/** Within this ratio of 1:1 a picture suits either orientation. */
const SQUARE_TOLERANCE = 1.1;

export function orientationOf(size: Size): Orientation {
    const r = size.width / size.height;
    if (r <= SQUARE_TOLERANCE && r >= 1 / SQUARE_TOLERANCE) return 'square';
    return r > 1 ? 'landscape' : 'portrait';
}

/**
 * How well a picture of `image` pixels suits a screen area of `target` device pixels, 0 … 1: half for the
 * orientation (a square one suits both), half for resolution (no enlargement needed to cover it: full marks;
 * up to 1.5×: most; up to 2×: some).
 */
export function suitability(image: Size, target: Size): number {
    if (!(image.width > 0 && image.height > 0)) return 0;
    const io = orientationOf(image);
    const to = orientationOf(target);
    const orientation = io === to || io === 'square' || to === 'square' ? 0.5 : 0;
    const upscale = Math.max(target.width / image.width, target.height / image.height);
    const resolution = upscale <= 1 ? 0.5 : upscale <= 1.5 ? 0.35 : upscale <= 2 ? 0.15 : 0;
    return orientation + resolution;
}

/** A picker as Collection.pick offers it (exclude the picture shown now; prefer by score). */
export type Picker = (
    excludeId: number | null,
    prefer: { score(row: ImageRow): number; draws: number },
) => Promise<ImageRow>;

/**
 * One picture per target, in order, preferring pictures that suit each and that no earlier target got (a
 * collection smaller than the number of monitors repeats pictures rather than failing).
 */
export async function pickPerTarget(
    targets: readonly Size[],
    pick: Picker,
    excludeId: number | null,
    alreadyShown: readonly ImageRow[] = [],
): Promise<ImageRow[]> {
    const chosen: ImageRow[] = [];
    for (const target of targets) {
        const taken = new Set([...alreadyShown, ...chosen].map((row) => row.id));
        const row = await pick(excludeId, {
            draws: DRAWS_PER_MONITOR,
            score: (candidate) => (taken.has(candidate.id) ? -1 : suitability(candidate, target)),
        });
        chosen.push(row);
    }
    return chosen;
}
