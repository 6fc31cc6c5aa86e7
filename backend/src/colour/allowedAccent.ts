// Not every GNOME accepts every accent name: the enum of org.gnome.desktop.interface accent-color is read from
// the installed schema by the extension (Ubuntu's patched schema adds names; a future GNOME may drop or add
// some). When libadwaita's rule picks a name this desktop does not accept, the nearest accepted one by hue wins.
import { ACCENT_COLOURS, type AccentName } from '../protocol/messages.js';
import { SLATE_CHROMA } from './accentName.js';
import { oklchOf } from './oklch.js';
import { hueDistance } from '../palette/score.js';

const known = (name: string): name is AccentName => Object.hasOwn(ACCENT_COLOURS, name);

/**
 * `chosen` when `allowed` is absent or contains it; else the allowed name whose libadwaita colour is nearest to
 * `accent` by OKLCH hue (for a grey accent, or when only slate is left, by OKLab distance). Names we know no
 * colour for (a distribution's additions) cannot be placed by hue and are not substituted in. When no allowed
 * name is one we know, `chosen` is returned and the desktop's own check has the last word.
 */
export function allowedAccentName(
    accent: string,
    chosen: AccentName,
    allowed: readonly string[] | undefined,
): AccentName {
    if (!allowed || allowed.includes(chosen)) return chosen;
    const candidates = allowed.filter(known);
    if (candidates.length === 0) return chosen;
    const a = oklchOf(accent);
    const chromatic = candidates.filter((name) => name !== 'slate');
    if (a.c >= SLATE_CHROMA && chromatic.length > 0) {
        return minBy(chromatic, (name) => hueDistance(a.h, oklchOf(ACCENT_COLOURS[name]).h));
    }
    return minBy(candidates, (name) => oklabDistance(accent, ACCENT_COLOURS[name]));
}

function minBy<T>(items: readonly T[], cost: (item: T) => number): T {
    let best = items[0] as T;
    let bestCost = cost(best);
    for (const item of items.slice(1)) {
        const c = cost(item);
        if (c < bestCost) {
            best = item;
            bestCost = c;
        }
    }
    return best;
}

function oklabDistance(x: string, y: string): number {
    const p = oklchOf(x);
    const q = oklchOf(y);
    const ab = (o: { c: number; h: number }) => [
        o.c * Math.cos((o.h * Math.PI) / 180),
        o.c * Math.sin((o.h * Math.PI) / 180),
    ];
    const [pa, pb] = ab(p);
    const [qa, qb] = ab(q);
    return Math.hypot(p.l - q.l, pa! - qa!, pb! - qb!);
}
