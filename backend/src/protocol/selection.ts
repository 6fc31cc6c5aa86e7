// Smart Selection: its settings, the desktop facts it uses, and what explain/stats/image commands return. Part of the
// protocol; see messages.ts.
import type { WallpaperJson } from './wallpaper.js';

export type DecayCurve = 'sigmoid' | 'linear' | 'step';
export type SourceBalance = 'images' | 'sources';
export type TimeOfDayMode = 'off' | 'fixed' | 'sun' | 'system';
export type TimeOfDayPreset = 'bright_day' | 'neutral_day' | 'cozy_night' | 'cool_night' | 'dark_mode';
export type Orientation = 'any' | 'landscape' | 'portrait';
export type ColourTarget = 'off' | 'accent' | 'colour';
/** What marking a favourite does besides marking: nothing, or Variety's "Copy to Favorites" / "Move to Favorites". */
export type FavouriteMode = 'mark' | 'copy' | 'move';

/**
 * Smart Selection settings; each maps to one GSettings key `selection-<kebab-case name>` (see
 * selection/settingsKeys.ts). Every field optional; defaults in selection/settings.ts.
 */
export interface SelectionConfigJson {
    /** Days before a shown image is fully back in the running (default 7). 0 turns recency off. */
    cooldownDays?: number;
    /** How weight comes back during the cooldown (default 'sigmoid'). */
    decay?: DecayCurve;
    /** While images outside their cooldown remain, never repeat one inside it (default true). */
    freshFirst?: boolean;
    /** The same for whole folders (default 0 = off: it would push folder shares towards equal quotas). */
    sourceCooldownDays?: number;
    /** Favourites come up this many times as often (default 2). */
    favouriteBoost?: number;
    /** Images added in the last `newImageDays` days and not shown yet (defaults 1.5 and 7). */
    newImageBoost?: number;
    newImageDays?: number;
    /** Folder → weight (default 1 each; 0 = never pick from it). */
    sourceWeights?: Record<string, number>;
    /** 'images': a folder's share is its size × weight (default); 'sources': its weight alone. */
    sourceBalance?: SourceBalance;
    /** Prefer images near a colour: 'off' (default), the desktop's 'accent', or `colour`. */
    colourTarget?: ColourTarget;
    /** `#rrggbb` for colourTarget 'colour'. */
    colour?: string;
    /** Odds of a perfect colour match against the farthest image (default 4; 1 = off). */
    colourStrength?: number;
    /**
     * Day/night: 'off' (default), 'fixed' hours, 'sun' at latitude/longitude, or the desktop's dark style ('system').
     */
    timeOfDay?: TimeOfDayMode;
    /** "HH:MM", local time (defaults 07:00 and 19:00). */
    dayStart?: string;
    nightStart?: string;
    latitude?: number;
    longitude?: number;
    dayPreset?: TimeOfDayPreset;
    nightPreset?: TimeOfDayPreset;
    /** Used when the desktop is in dark style (mode 'system'). */
    darkPreset?: TimeOfDayPreset;
    /** Odds of a perfect time-of-day match against the farthest image (default 4; 1 = off). */
    timeStrength?: number;
    /** Leave out images smaller than this percentage of the monitor in either direction (default 50; 0 = off). */
    minSizePercent?: number;
    /** Default 'any'. */
    orientation?: Orientation;
    /** Mean OKLab lightness range, 0 … 1 (defaults 0 and 1). */
    minLightness?: number;
    maxLightness?: number;
    /**
     * 'mark' in place (default), or also 'copy' or 'move' the picture into `favouritesFolder`, which is then one of
     * the folders pictures are picked from.
     */
    favouriteMode?: FavouriteMode;
    /** '' = the Pictures folder's `Favorites`. */
    favouritesFolder?: string;
}

/** Desktop state the extension forwards with `config.update` whenever it changes. */
export interface DesktopStateJson {
    /** org.gnome.desktop.interface color-scheme: 'prefer-dark' means dark style. */
    colorScheme?: 'default' | 'prefer-dark' | 'prefer-light';
    /** The accent on screen: a GNOME accent name or `#rrggbb`. */
    accent?: string;
    /** The largest monitor, in pixels, for the too-small filter. */
    monitor?: { width: number; height: number };
    /** What GNOME draws behind the wallpaper: a picture with transparency is seen over it. */
    background?: DesktopBackgroundJson;
}

/** org.gnome.desktop.background's colours, as their GSettings strings; absent keys are GNOME's defaults. */
export interface DesktopBackgroundJson {
    /** `primary-color`, e.g. '#023c88'. */
    primaryColor?: string;
    /** `secondary-color`, the far end of a gradient. */
    secondaryColor?: string;
    /** `color-shading-type`: 'solid', 'horizontal' or 'vertical'. */
    shading?: string;
}

/** Names image methods use to refer to an image: its path, or by default the wallpaper on screen. */
export interface ImageRefJson {
    path?: string;
}

export interface ImageStateJson {
    path: string;
    favourite: boolean;
    banned: boolean;
    /** Where favouriteMode 'copy' put the copy (null when it did not copy). */
    copiedTo: string | null;
    /** Where favouriteMode 'move' put the picture (null when it did not move); `path` is where it was. */
    movedTo?: string | null;
    /** The wallpaper that replaced it, when banning or trashing the one on screen moved on. */
    next: WallpaperJson | null;
}

export interface TrashResultJson {
    path: string;
    /** The file in the trash, and its `.trashinfo` (freedesktop.org trash spec): restorable from Files. */
    trashedTo: string;
    infoFile: string;
    next: WallpaperJson | null;
}

export interface PauseStateJson {
    paused: boolean;
}

export interface FactorJson {
    /** 'recency', 'favourite', 'new image', 'colour affinity', 'time of day', 'source weight', 'source recency'. */
    name: string;
    value: number;
    /** Why it has this value, in words. */
    detail: string;
}

export interface ColourFeaturesJson {
    lightness: number;
    temperature: number;
    saturation: number;
    hue: number;
    chroma: number;
}

export interface ExplainJson {
    path: string;
    folder: string;
    /** Why the image cannot be picked at all (banned, too small, …), or null. */
    excludedBy: string | null;
    factors: FactorJson[];
    /** The product of the factors (floored at 1e-6 unless excluded). */
    weight: number;
    /** 'fresh': outside its cooldown. With freshFirst, cooling images compete only when no fresh one is left. */
    tier: 'fresh' | 'cooling';
    /** Its chance of being the next pick now (weight over the total of its tier), or 0. */
    probability: number;
    /** The last time Smart Selection picked it, with the chance it had then. */
    lastPick: { pickedAt: string; probability: number; weight: number; candidates: number } | null;
    features: ColourFeaturesJson | null;
    timeOfDay: { period: string; preset: TimeOfDayPreset; reason: string } | null;
}

export interface StatsJson {
    images: number;
    eligible: number;
    favourites: number;
    banned: number;
    skipped: number;
    /** Usable images the filters leave out now. */
    filtered: { tooSmall: number; orientation: number; lightness: number; sourceOff: number };
    /** Images whose colour features are known. */
    analysed: number;
    lightness: { dark: number; medium: number; light: number; unknown: number };
    /** Hue families of the representative colour; 'grey' below a chroma of 0.02. */
    hue: Record<string, number>;
    freshness: { new: number; neverShown: number; cooling: number; rested: number };
    sources: { folder: string; images: number; eligible: number; favourites: number; weight: number; share: number }[];
    /** Pictures found broken when they were about to be shown (counted in `skipped`), with why. */
    broken: { path: string; reason: string }[];
}
