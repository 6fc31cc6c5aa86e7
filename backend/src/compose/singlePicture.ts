// How one picture shown on every monitor (monitor mode 'same') fills the screen, for each display mode: either
// GNOME draws it with one of its picture-options, or Chameleon composes it first (the blurred fills GNOME lacks).
// Pure: MonitorWallpapers.single carries it out.
import {
    concreteMode,
    gnomeOption,
    nearestGnomeOption,
    placement,
    type ConcreteMode,
    type DisplayMode,
    type Size,
} from './displayModes.js';

export type SingleFill =
    | { kind: 'gnome'; options: string }
    /** Compose at `target` in `mode`; `fallback` is GNOME's nearest option should composing fail. */
    | { kind: 'compose'; mode: ConcreteMode; target: Size; fallback: string };

export function singleFill(mode: DisplayMode, image: Size, target: Size | null): SingleFill {
    const direct = gnomeOption(mode);
    if (direct) return { kind: 'gnome', options: direct };
    const fallback = nearestGnomeOption(mode);
    if (!target || image.width <= 0 || image.height <= 0) return { kind: 'gnome', options: fallback };
    const concrete = concreteMode(mode, image, target);
    const own = gnomeOption(concrete);
    if (own) return { kind: 'gnome', options: own };
    // A picture that leaves nothing for the blur to fill looks the same drawn by GNOME: no composition needed.
    if (!placement(concrete, image, target).blurredBackground)
        return { kind: 'gnome', options: concrete === 'fit' ? 'scaled' : 'centered' };
    return { kind: 'compose', mode: concrete, target, fallback: concrete === 'fit' ? 'scaled' : 'centered' };
}
