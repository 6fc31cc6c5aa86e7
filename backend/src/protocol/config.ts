// The backend's settings, its status, and what a rescan reports. Part of the protocol; see messages.ts.
import type { MonitorsConfigJson } from './monitors.js';
import type { OnlineConfigJson } from './online.js';
import type { DesktopStateJson, SelectionConfigJson } from './selection.js';
import type { ThemeConfigJson, ThemeStatusJson } from './theme.js';
import type { ExtractorName, WallpaperJson } from './wallpaper.js';

/** How palettes are made. */
export interface PaletteConfigJson {
    /**
     * Use wallust when it is installed and a supported version; else (and whenever it fails) the built-in extractor.
     */
    useWallust?: boolean;
    /** wallust's backend, colourspace and palette; '' = as the user's wallust.toml says, else wallust's default. */
    wallustBackend?: string;
    wallustColorspace?: string;
    wallustPalette?: string;
    /** Let wallust also apply the user's own templates and terminal colours (it then runs on every change). */
    wallustApplyTheme?: boolean;
    wallustTimeoutSeconds?: number;
}

/** The backend's settings. Every field optional: an update changes only what it names. */
export interface ConfigJson {
    /** Wallpaper folders, scanned recursively. */
    folders?: string[];
    palette?: PaletteConfigJson;
    /** A Variety-compatible `set_wallpaper` script used instead of GNOME's settings; '' = GNOME's settings. */
    setWallpaperScript?: string;
    /** Commands run after each change, as argv lists; `{path}`, `{uri}`, `{accent}`, `{accentName}` are filled in. */
    postChangeCommands?: string[][];
    /** Time limit for the script and each post-change command. */
    hookTimeoutSeconds?: number;
    /** Analyse the whole collection's colours in the background (at the lowest priority, never on battery). */
    backgroundAnalysis?: boolean;
    /** Smart Selection. */
    selection?: SelectionConfigJson;
    /** What the desktop says about itself; the extension forwards it (see DesktopStateJson). */
    desktop?: DesktopStateJson;
    /** Theme outputs for other programs, the dark-style picture and the lock screen. */
    theme?: ThemeConfigJson;
    /** A picture per monitor, or one spanned over all. */
    monitors?: MonitorsConfigJson;
    /**
     * The accent names this GNOME accepts (the enum of org.gnome.desktop.interface accent-color as installed;
     * Ubuntu adds values). A chosen name not in the list becomes the nearest allowed one by hue. Absent = all nine.
     */
    allowedAccentNames?: string[];
    /** Online sources: off until the user adds and enables one. */
    online?: OnlineConfigJson;
    /** Minutes between timed changes (0: none). The long-running backend keeps the timer, next to pause. */
    changeIntervalMinutes?: number;
    /** A timed change when the desktop first connects (login, or the extension turned on). */
    changeOnStart?: boolean;
    /** GNOME's accent follows the wallpaper shown, unless off or paused because the user picked one by hand. */
    accent?: AccentConfigJson;
}

export interface AccentConfigJson {
    sync?: boolean;
    paused?: boolean;
}

/**
 * What `initialize` and `config.update` accept: structured settings, and/or `settings`, the extension's GSettings
 * values keyed by their schema key names (e.g. `use-wallust`). The backend holds the one mapping from keys to
 * settings, so the extension can forward its keys without knowing what each means.
 */
export interface ConfigUpdateJson extends ConfigJson {
    settings?: Record<string, unknown>;
}

export interface PaletteStatusJson {
    /** The extractor new palettes come from now. */
    extractor: ExtractorName;
    /** Why wallust is not used, when it is not (not installed, unsupported version, turned off). */
    wallustUnavailable: string | null;
    wallustVersion: string | null;
    /** The last time wallust failed and the built-in extractor stood in: when and why. */
    lastFallback: { at: string; path: string; reason: string } | null;
}

export interface StatusJson {
    serverVersion: string;
    protocolVersion: number;
    images: number;
    skipped: number;
    folders: string[];
    current: WallpaperJson | null;
    /** Requests waiting behind the one being worked on. */
    queued: number;
    palette: PaletteStatusJson;
    /** Timer changes are refused while paused (`selection.pause`). */
    paused: boolean;
    /** The change timer: minutes between timed changes (0: none), and when the next is due (null: none scheduled). */
    timer: { everyMinutes: number; nextAt: string | null };
    /** The last theme run (pywal files, templates, reload commands); null before the first. */
    theme: ThemeStatusJson | null;
}

export interface RescanResultJson {
    added: number;
    changed: number;
    removed: number;
    /** Files found under a new name or sub-folder with the same content: they keep favourite, history, palette. */
    moved: number;
    skipped: number;
    total: number;
    /** Folders or files that could not be read, each with its reason. */
    problems: string[];
}

/**
 * Why the wallpaper changed; 'external': another program (GNOME Settings, a script) set it; 'set': the user chose
 * the picture (`chameleon set`, the menu's recent pictures, the gallery).
 */
export type ChangeReason = 'next' | 'previous' | 'timer' | 'external' | 'set';
