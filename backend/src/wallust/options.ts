// The values wallust 3.x accepts for its palette-shaping options, as its command line and wallust.toml
// spell them (clap value names / serde lowercase), the aliases both accept, and wallust's own defaults.
// Source: wallust's src/backends, src/colorspaces, src/palettes (3.5.x).

export const WALLUST_BACKENDS = ['full', 'resized', 'wal', 'thumb', 'fastresize', 'kmeans'] as const;
export const WALLUST_COLORSPACES = ['lab', 'labmixed', 'lch', 'lchmixed', 'lchansi'] as const;
export const WALLUST_PALETTES = [
    'dark',
    'dark16',
    'darkcomp',
    'darkcomp16',
    'light',
    'light16',
    'lightcomp',
    'lightcomp16',
    'harddark',
    'harddark16',
    'harddarkcomp',
    'harddarkcomp16',
    'softdark',
    'softdark16',
    'softdarkcomp',
    'softdarkcomp16',
    'softlight',
    'softlight16',
    'softlightcomp',
    'softlightcomp16',
    'ansidark',
    'ansidark16',
] as const;

export type WallustBackend = (typeof WALLUST_BACKENDS)[number];
export type WallustColorspace = (typeof WALLUST_COLORSPACES)[number];
export type WallustPaletteName = (typeof WALLUST_PALETTES)[number];

/** The options that decide which palette wallust makes, and so which cache file holds it. */
export interface WallustOptions {
    backend: WallustBackend;
    colorspace: WallustColorspace;
    palette: WallustPaletteName;
    /** 1–100, or null for wallust's automatic threshold (named `auto` in the cache). */
    threshold: number | null;
}

/** wallust 3.5's defaults when neither the command line nor wallust.toml says otherwise. */
export const WALLUST_DEFAULTS: Readonly<WallustOptions> = Object.freeze({
    backend: 'fastresize',
    colorspace: 'lch',
    palette: 'dark',
    threshold: null,
});

/** Dashed spellings wallust also accepts (`#[clap(alias)]`, `#[serde(alias)]`). */
const ALIASES: Readonly<Record<string, string>> = {
    'fast-resize': 'fastresize',
    'lab-mixed': 'labmixed',
    'lch-mixed': 'lchmixed',
    'lch-ansi': 'lchansi',
    'dark-comp': 'darkcomp',
    'dark-comp16': 'darkcomp16',
    'hard-dark': 'harddark',
    'hard-dark16': 'harddark16',
    'hard-dark-comp': 'harddarkcomp',
    'hard-dark-comp16': 'harddarkcomp16',
    'light-comp': 'lightcomp',
    'light-comp16': 'lightcomp16',
    'soft-dark': 'softdark',
    'soft-dark16': 'softdark16',
    'soft-dark-comp': 'softdarkcomp',
    'soft-dark-comp16': 'softdarkcomp16',
    'soft-light': 'softlight',
    'soft-light16': 'softlight16',
    'soft-light-comp': 'softlightcomp',
    'soft-light-comp16': 'softlightcomp16',
};

function oneOf<T extends string>(values: readonly T[], raw: unknown): T | null {
    if (typeof raw !== 'string') return null;
    const v = ALIASES[raw] ?? raw;
    return (values as readonly string[]).includes(v) ? (v as T) : null;
}

export const parseBackend = (raw: unknown): WallustBackend | null => oneOf(WALLUST_BACKENDS, raw);
export const parseColorspace = (raw: unknown): WallustColorspace | null => oneOf(WALLUST_COLORSPACES, raw);
export const parsePaletteName = (raw: unknown): WallustPaletteName | null => oneOf(WALLUST_PALETTES, raw);

/** A threshold wallust's command line accepts (`-t 1..=100`); 0 and absence both mean automatic. */
export function parseThreshold(raw: unknown): number | null | undefined {
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > 100) return undefined;
    return raw === 0 ? null : raw;
}
