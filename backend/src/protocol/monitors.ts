// Several monitors: the layout the Shell sends and how pictures are spread over it. Part of the protocol; see
// messages.ts.

/** 'same': one picture, GNOME shows it on every monitor; 'per-monitor': a picture each; 'span': one over all. */
export type MonitorMode = 'same' | 'per-monitor' | 'span';
/**
 * How a picture fills its monitor, in every monitor mode. Chameleon's own: 'smart' chooses by the picture's size
 * and shape, 'fit' and 'center' fill the rest with a blurred copy, 'zoom' crops, 'tile' repeats. GNOME's
 * picture-options by their own names: 'scaled', 'centered', 'stretched', 'wallpaper', 'spanned' (and 'zoom').
 */
export const DISPLAY_MODE_NAMES = [
    'smart',
    'zoom',
    'fit',
    'center',
    'tile',
    'scaled',
    'centered',
    'stretched',
    'wallpaper',
    'spanned',
] as const;
export type DisplayModeName = (typeof DISPLAY_MODE_NAMES)[number];
/**
 * Whose palette (and accent) a composed wallpaper has: the primary monitor's picture, the largest monitor's, or a blend
 * of all.
 */
export type PaletteFrom = 'primary' | 'largest' | 'blend';

/**
 * One monitor as the Shell reports it: `global.display.get_monitor_geometry(i)` (layout coordinates),
 * `get_monitor_scale(i)`, `get_primary_monitor() === i`.
 */
export interface MonitorJson {
    index: number;
    x: number;
    y: number;
    width: number;
    height: number;
    /** Default 1. */
    scale?: number;
    primary?: boolean;
    /** Connector or product name for menus (e.g. "DP-1"). */
    name?: string;
}

/** The corner of the primary monitor the clock and quote overlay is drawn in. */
export type OverlayCorner = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

/** Each field optional; `layout` and `layoutMode` come from the Shell, the others from GSettings. */
export interface MonitorsConfigJson {
    /** Sent by the extension at start and again whenever monitors change (`config.update { monitors: { layout } }`). */
    layout?: MonitorJson[];
    /**
     * Whether layout coordinates are logical pixels ('logical': mutter's layout-mode 1, the default from GNOME 49 on
     * and with 'scale-monitor-framebuffer' before) or device pixels ('physical', 2: GNOME 48's default, X11).
     * org.gnome.Mutter.DisplayConfig GetCurrentState's property "layout-mode" says which. Default 'physical'.
     */
    layoutMode?: 'logical' | 'physical';
    /** GSettings `monitor-mode` (default 'same'). */
    mode?: MonitorMode;
    /** GSettings `display-mode` (default 'smart'). */
    displayMode?: DisplayModeName;
    /** GSettings `palette-from` (default 'primary'). */
    paletteFrom?: PaletteFrom;
    /** GSettings `overlay-clock` (default false): the time drawn into the wallpaper, redrawn each minute. */
    overlayClock?: boolean;
    /** GSettings `overlay-date` (default true). */
    overlayDate?: boolean;
    /** GSettings `overlay-clock-format` (default '24h'). */
    overlayClockFormat?: '24h' | '12h';
    /** GSettings `overlay-quotes` (default false). */
    overlayQuotes?: boolean;
    /** GSettings `overlay-quotes-file` ('' = the fortunes file of Debian's fortunes packages). */
    overlayQuotesFile?: string;
    /** GSettings `overlay-corner` (default 'bottom-right'). */
    overlayCorner?: OverlayCorner;
}
