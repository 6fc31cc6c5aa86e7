// Wallpapers and palettes as the protocol shows them. Part of the protocol; see messages.ts.
import type { OriginJson } from './online.js';

/** Bumped on any incompatible change; `initialize` refuses a client that speaks another version. */
export const PROTOCOL_VERSION = 2;

/** GNOME accent colour nicks of `org.gnome.desktop.interface accent-color` (libadwaita's set). */
export type AccentName = 'blue' | 'teal' | 'green' | 'yellow' | 'orange' | 'red' | 'pink' | 'purple' | 'slate';

/**
 * libadwaita's colour for each accent (src/adw-accent-color.c): what GNOME paints for each name. Here, in the
 * protocol module, because both sides need it (the backend maps colours to names; preferences draw the names).
 */
export const ACCENT_COLOURS: Readonly<Record<AccentName, string>> = {
    blue: '#3584e4',
    teal: '#2190a4',
    green: '#3a944a',
    yellow: '#c88800',
    orange: '#ed5b00',
    red: '#e62d42',
    pink: '#d56199',
    purple: '#9141ac',
    slate: '#6f8396',
};

/** Which extractor produced a palette. */
export type ExtractorName = 'builtin' | 'wallust';

/** A palette as sent over the wire and printed by `--json`. Colours are lowercase `#rrggbb`. */
export interface PaletteJson {
    /** color0 … color15, terminal order (0 background-ish, 7 foreground-ish, 8–15 bright variants). */
    colors: string[];
    background: string;
    foreground: string;
    cursor: string;
    /** The colour a person would call the image's accent. */
    accent: string;
    /** `accent` mapped to GNOME's accent names with libadwaita's own rule. */
    accentName: AccentName;
    extractor: ExtractorName;
}

/** One picture: what the menu shows of it and what GNOME was given. */
export interface PictureJson {
    path: string;
    /** `file://` URI exactly as written to `picture-uri`. */
    uri: string;
    /** File name, for menus. */
    name: string;
    width: number;
    height: number;
    palette: PaletteJson | null;
    /** Whether the image is a favourite (absent when it is no longer in the index). */
    favourite?: boolean;
}

export interface WallpaperJson extends PictureJson {
    /**
     * Only in `wallpaper.changed`: the picture is on screen and its palette is still being made (wallust);
     * `wallpaper.palette` brings it. Absent when `palette` is final.
     */
    palettePending?: boolean;
    /**
     * Present when picture-uri-dark holds another image than picture-uri (theme.darkMode 'darker'): GNOME shows
     * it whenever the dark style is on, so the accent then comes from `dark.palette`.
     */
    dark?: { path: string; uri: string; name: string; palette: PaletteJson | null };
    /**
     * Monitors mode 'per-monitor' or 'span': the picture of each monitor, one menu row each. `uri` above
     * is then the composed file set with picture-options 'spanned', and `path`, `name`, `palette` are those of the
     * picture the palette comes from (monitors.paletteFrom; with 'blend', the primary monitor's picture and the
     * palette of the composed whole). Absent in mode 'same'.
     */
    monitors?: MonitorWallpaperJson[];
    /** Where the picture came from, when an online source downloaded it (the menu's "Where is it from?"). */
    origin?: OriginJson;
}

/** One monitor's picture in a composed wallpaper. */
export interface MonitorWallpaperJson extends PictureJson {
    /** The Shell's monitor index. */
    index: number;
    /** The monitor's name as the layout gave it (e.g. "DP-1"), else "monitor N". */
    monitor: string;
    primary: boolean;
    /** The display mode used for it, after 'smart' chose ('zoom', 'fit', 'center' or 'tile'); '' when not known. */
    displayMode: string;
}

export interface HistoryEntryJson extends WallpaperJson {
    /** ISO 8601 time the wallpaper was shown. */
    shownAt: string;
}
