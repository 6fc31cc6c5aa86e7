// wallust's palette cache file: pretty JSON with `cursor, background, foreground, color0 … color15` as
// `#RRGGBB`. Validated strictly, because a half-written or foreign file must never become a palette.

import { WallustError } from './errors.js';

export interface WallustColors {
    /** color0 … color15, lowercase `#rrggbb`. */
    colors: string[];
    background: string;
    foreground: string;
    cursor: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;
const COLOR_KEYS = Array.from({ length: 16 }, (_, i) => `color${i}`);

/** Parses and validates a palette file's text; throws WallustError('invalid-palette') with the reason. */
export function parseWallustPalette(text: string, file: string): WallustColors {
    const bad = (why: string) =>
        new WallustError('invalid-palette', `wallust wrote an invalid palette: ${why} (${file})`);
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        throw bad(`not JSON (${(err as Error).message})`);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad('not a JSON object');
    const obj = doc as Record<string, unknown>;
    const colour = (key: string): string => {
        const v = obj[key];
        if (typeof v !== 'string') throw bad(`\`${key}\` is missing`);
        if (!HEX.test(v)) throw bad(`\`${key}\` is ${JSON.stringify(v)}, not #rrggbb`);
        return v.toLowerCase();
    };
    return {
        colors: COLOR_KEYS.map(colour),
        background: colour('background'),
        foreground: colour('foreground'),
        cursor: colour('cursor'),
    };
}
