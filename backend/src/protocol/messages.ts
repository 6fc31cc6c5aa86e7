// The wire protocol between the GNOME Shell extension and the backend: JSON-RPC 2.0, one JSON object per
// line (requests on stdin; responses and notifications on stdout; logs on stderr).
//
// Both sides import this module. It must hold only types and plain constants (no Node or GJS imports), so
// that the extension's build erases it or inlines the constants without dragging in either runtime.

/** Bumped on any incompatible change; `initialize` refuses a client that speaks another version. */
export const PROTOCOL_VERSION = 1;

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

export interface WallpaperJson {
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
    /**
     * Present when picture-uri-dark holds another image than picture-uri (theme.darkMode 'darker'): GNOME shows
     * it whenever the dark style is on, so the accent then comes from `dark.palette`.
     */
    dark?: { path: string; uri: string; name: string; palette: PaletteJson | null };
    /**
     * Monitors mode 'per-monitor' or 'span' (issue 10): the picture of each monitor, one menu row each. `uri` above
     * is then the composed file set with picture-options 'spanned', and `path`, `name`, `palette` are those of the
     * picture the palette comes from (monitors.paletteFrom; with 'blend', the primary monitor's picture and the
     * palette of the composed whole). Absent in mode 'same'.
     */
    monitors?: MonitorWallpaperJson[];
}

/** One monitor's picture in a composed wallpaper. */
export interface MonitorWallpaperJson {
    /** The Shell's monitor index. */
    index: number;
    /** The monitor's name as the layout gave it (e.g. "DP-1"), else "monitor N". */
    monitor: string;
    primary: boolean;
    path: string;
    uri: string;
    /** File name, for menus. */
    name: string;
    width: number;
    height: number;
    palette: PaletteJson | null;
    /** The display mode used for it, after 'smart' chose ('zoom', 'fit', 'center' or 'tile'); '' when not known. */
    displayMode: string;
    /** Whether this picture is a favourite (absent when it is no longer in the index). */
    favourite?: boolean;
}

export interface HistoryEntryJson extends WallpaperJson {
    /** ISO 8601 time the wallpaper was shown. */
    shownAt: string;
}

/** How palettes are made. */
export interface PaletteConfigJson {
    /** Use wallust when it is installed and a supported version; else (and whenever it fails) the built-in extractor. */
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
    /** Smart Selection (issue 4). */
    selection?: SelectionConfigJson;
    /** What the desktop says about itself; the extension forwards it (see DesktopStateJson). */
    desktop?: DesktopStateJson;
    /** Theme outputs for other programs, the dark-style picture and the lock screen (issue 6). */
    theme?: ThemeConfigJson;
    /** A picture per monitor, or one spanned over all (issue 10). */
    monitors?: MonitorsConfigJson;
    /**
     * The accent names this GNOME accepts (the enum of org.gnome.desktop.interface accent-color as installed;
     * Ubuntu adds values). A chosen name not in the list becomes the nearest allowed one by hue. Absent = all nine.
     */
    allowedAccentNames?: string[];
    /** Online sources (issue 9): off until the user adds and enables one. */
    online?: OnlineConfigJson;
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

export type ChangeReason = 'next' | 'previous' | 'timer';

// ---- Theme outputs (issue 6) ----

/** 'same': one image for the light and the dark style; 'darker': picture-uri-dark gets a darker image of the collection. */
export type DarkMode = 'same' | 'darker';

export interface ThemeTemplateJson {
    /** The template file (`~/` and relative paths are taken from the home folder). */
    template: string;
    /** Where the rendered file goes: inside the home folder only. */
    target: string;
}

/** Each field one GSettings key (config/settingsMap.ts); every field optional. */
export interface ThemeConfigJson {
    /** Write pywal's ~/.cache/wal/colors.json, colors.sh and colors.css (default false). */
    pywal?: boolean;
    templates?: ThemeTemplateJson[];
    /** Run after outputs changed, as argv lists with the hook timeout; `{path}`, `{uri}`, `{accent}`, `{accentName}` filled in. */
    reloadCommands?: string[][];
    /** Default 'same'. */
    darkMode?: DarkMode;
    /** Also set the lock screen (org.gnome.desktop.screensaver picture-uri) (default false). */
    lockScreen?: boolean;
}

export interface ThemeOutputStatusJson {
    /** 'colors.json', 'colors.sh', 'colors.css', or the template path as configured. */
    name: string;
    /** The file written (for templates, with symbolic links resolved), or the target as configured when refused. */
    target: string;
    /** 'unchanged': the file already had this content and was not touched. */
    state: 'written' | 'unchanged' | 'failed';
    /** What went wrong, in words the user can act on; null unless failed. */
    error: string | null;
}

/** What the last theme run did, for the menu's / preferences' "last render status". */
export interface ThemeStatusJson {
    /** ISO 8601 time of the run. */
    at: string;
    /** The image whose palette the outputs were made from: the one GNOME shows in the current style. */
    paletteFrom: string;
    outputs: ThemeOutputStatusJson[];
    /** One line per reload command that failed. */
    reloadFailures: string[];
}

// ---- Monitors (issue 10) ----

/** 'same': one picture, GNOME shows it on every monitor; 'per-monitor': a picture each; 'span': one over all. */
export type MonitorMode = 'same' | 'per-monitor' | 'span';
/** How a picture fills its monitor in a composed wallpaper; 'smart' chooses by the picture's size and shape. */
export type DisplayModeName = 'smart' | 'zoom' | 'fit' | 'center' | 'tile';
/** Whose palette (and accent) a composed wallpaper has: the primary monitor's picture, the largest monitor's, or a blend of all. */
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
}

// ---- Smart Selection (issue 4) ----

export type DecayCurve = 'sigmoid' | 'linear' | 'step';
export type SourceBalance = 'images' | 'sources';
export type TimeOfDayMode = 'off' | 'fixed' | 'sun' | 'system';
export type TimeOfDayPreset = 'bright_day' | 'neutral_day' | 'cozy_night' | 'cool_night' | 'dark_mode';
export type Orientation = 'any' | 'landscape' | 'portrait';
export type ColourTarget = 'off' | 'accent' | 'colour';
export type FavouriteMode = 'mark' | 'copy';

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
    /** Day/night: 'off' (default), 'fixed' hours, 'sun' at latitude/longitude, or the desktop's dark style ('system'). */
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
    /** 'mark' in place (default) or 'copy' into `favouritesFolder` as well. */
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
}

// ---- Online sources (issue 9) ----

export type OnlineSourceKind = 'wallhaven' | 'unsplash' | 'bing' | 'apod' | 'reddit' | 'json' | 'rss';

/** One online source as configured (GSettings key `online-sources`, a JSON array of these). */
export interface OnlineSourceConfigJson {
    /** Stable id, `[a-z0-9][a-z0-9-]*` up to 40 characters: names its download folder and its keyring entry. */
    id: string;
    kind: OnlineSourceKind;
    /** Default false: no request leaves the machine for a source the user has not enabled. */
    enabled?: boolean;
    /** Selection weight of its download folder, as for a wallpaper folder (default 1; 0 = never picked). */
    weight?: number;
    /** Minutes between automatic refreshes of this source (default: `online.refreshMinutes`). */
    refreshMinutes?: number;
    /** Settings of its kind (backend/src/online/sources/<kind>.ts), e.g. `{ "query": "mountains" }`. Never API keys. */
    options?: Record<string, unknown>;
}

export interface OnlineConfigJson {
    sources?: OnlineSourceConfigJson[];
    /** Disk quota of the download folder in MiB (default 1000); the oldest downloads that are not favourites go first. */
    quotaMb?: number;
    /** Largest image downloaded, in MiB (default 40). */
    maxImageMb?: number;
    /** '' = `$XDG_DATA_HOME/chameleon/downloads`; each source downloads into `<folder>/<id>/`. */
    downloadFolder?: string;
    /** Minutes between automatic refreshes while the backend runs (default 60; 0 = only when asked). */
    refreshMinutes?: number;
    /** New images downloaded per source and refresh (default 4). */
    perRefresh?: number;
    /** Leave out NSFW / sketchy images whatever a source's options say (default true). */
    safeMode?: boolean;
    /** Least time between two requests to one host, in ms (default 1000). */
    requestIntervalMs?: number;
    /** Time limit of each request without progress, in seconds (default 30). */
    timeoutSeconds?: number;
    /**
     * Source id → API key: the complete set the extension holds in the user's keyring (libsecret). The backend
     * keeps keys in memory only and never logs them.
     */
    apiKeys?: Record<string, string>;
    /** The same from GSettings key `online-api-keys`, for users who declined the keyring; keyring keys win. */
    settingsApiKeys?: Record<string, string>;
}

export interface OnlineSourceStatusJson {
    id: string;
    kind: OnlineSourceKind;
    enabled: boolean;
    weight: number;
    /** Where its images are downloaded. */
    folder: string;
    /** Downloaded images on disk and their size in bytes. */
    images: number;
    bytes: number;
    /** 'required': refresh fails without a key; 'optional': a key unlocks more (Wallhaven NSFW, APOD rate limits). */
    apiKey: 'required' | 'optional' | 'none';
    hasApiKey: boolean;
    lastRefreshAt: string | null;
    /** Why the last refresh failed, or why the source cannot run (bad options, missing key); null when fine. */
    problem: string | null;
}

export interface SourcesListJson {
    sources: OnlineSourceStatusJson[];
    downloadFolder: string;
    quotaMb: number;
    /** Bytes used by downloads that count towards the quota (favourites do not). */
    usedBytes: number;
    safeMode: boolean;
}

export interface SourceRefreshJson {
    id: string;
    /** Candidates the source listed (after safe mode and bans). */
    listed: number;
    downloaded: string[];
    /** Same content as an image already downloaded or indexed. */
    duplicates: number;
    /** Not downloaded: not an image, too large, failed; each `url: reason`. */
    failures: string[];
    /** The listing itself failed (offline, rate limited, bad key); the downloaded images stay usable. */
    error: string | null;
}

export interface RefreshResultJson {
    sources: SourceRefreshJson[];
    /** Files removed to keep the download folder within its quota. */
    evicted: string[];
}

/** "Where is it from?" */
export interface OriginJson {
    path: string;
    /** False for images of the user's own folders: every other field is then null. */
    online: boolean;
    sourceId: string | null;
    kind: OnlineSourceKind | null;
    url: string | null;
    title: string | null;
    author: string | null;
    authorUrl: string | null;
    /** The page to open for "Where is it from?". */
    originPage: string | null;
    licence: string | null;
    downloadedAt: string | null;
    bannedUrl: boolean;
}

export interface BanUrlResultJson {
    url: string;
    banned: boolean;
    /** The wallpaper that replaced it, when banning the one on screen moved on. */
    next: WallpaperJson | null;
}

export interface DownloadProgressJson {
    sourceId: string;
    url: string;
    state: 'started' | 'progress' | 'done' | 'failed';
    received: number;
    /** Bytes expected, when the server said. */
    total: number | null;
    /** Downloads waiting behind this one. */
    queued: number;
    /** Why it failed or was not kept (state 'failed'). */
    reason?: string;
}

/** Method name → [params, result]. */
export interface Methods {
    initialize: [
        { protocolVersion: number; client?: string; config?: ConfigUpdateJson; capabilities?: ClientCapabilities },
        { protocolVersion: number; serverVersion: string; current: WallpaperJson | null },
    ];
    status: [Record<string, never> | undefined, StatusJson];
    /** `folders` restricts this one pick to those folders instead of the configured ones. */
    'wallpaper.next': [{ reason?: 'next' | 'timer'; folders?: string[] } | undefined, WallpaperJson];
    'wallpaper.previous': [Record<string, never> | undefined, WallpaperJson];
    'wallpaper.current': [Record<string, never> | undefined, WallpaperJson | null];
    'history.list': [{ limit?: number } | undefined, HistoryEntryJson[]];
    'config.update': [ConfigUpdateJson, { ok: true }];
    'index.rescan': [Record<string, never> | undefined, RescanResultJson];
    /** Marks (value true, the default) or unmarks a favourite; favouriteMode 'copy' also copies it. */
    'image.favourite': [(ImageRefJson & { value?: boolean }) | undefined, ImageStateJson];
    /** Bans (never shown again) or unbans; banning the wallpaper on screen moves on to the next. */
    'image.ban': [(ImageRefJson & { value?: boolean }) | undefined, ImageStateJson];
    /** Moves the file to the desktop trash; trashing the wallpaper on screen moves on to the next. */
    'image.trash': [ImageRefJson | undefined, TrashResultJson];
    'selection.pause': [Record<string, never> | undefined, PauseStateJson];
    'selection.resume': [Record<string, never> | undefined, PauseStateJson];
    'selection.explain': [ImageRefJson | undefined, ExplainJson];
    'collection.stats': [Record<string, never> | undefined, StatsJson];
    /** A new pick now, even when `previous` left history behind the newest entry. */
    'wallpaper.fastForward': [Record<string, never> | undefined, WallpaperJson];
    /** Measures colour features of up to `limit` images not analysed yet (default 200). */
    'index.analyse': [{ limit?: number } | undefined, { analysed: number; remaining: number }];
    /** Takes over a Variety setup (default `~/.config/variety`); idempotent. */
    'import.variety': [{ dir?: string } | undefined, VarietyImportJson];
    /** Online sources, their folders, downloads and problems. */
    'sources.list': [Record<string, never> | undefined, SourcesListJson];
    /** Lists and downloads new images now from the named enabled source, or from every enabled source. */
    'sources.refresh': [{ id?: string } | undefined, RefreshResultJson];
    /** Where an image (by default the wallpaper on screen) came from. */
    'image.origin': [ImageRefJson | undefined, OriginJson];
    /** Bans (value true, the default) the image's URL so it is never downloaded again; names a URL, or an image by path. */
    'image.banUrl': [{ url?: string; path?: string; value?: boolean } | undefined, BanUrlResultJson];
}
export type MethodName = keyof Methods;
export type ParamsOf<M extends MethodName> = Methods[M][0];
export type ResultOf<M extends MethodName> = Methods[M][1];

/** What `import.variety` took over from Variety. */
export interface VarietyImportJson {
    /** Chameleon's folders after the import (the ones it had, plus Variety's). */
    folders: string[];
    /** Whether the folders were saved in the extension's settings (false: used for this run only). */
    foldersSaved: boolean;
    /** Images newly marked favourite, banned, and history entries added. */
    favourites: number;
    banned: number;
    history: number;
    notes: string[];
}

/** What a client can do for the backend, announced in `initialize`. */
export interface ClientCapabilities {
    /**
     * The client applies wallpapers itself when the backend asks with `desktop.setWallpaper`. The extension does:
     * inside the Shell a GSettings write costs nothing, where the backend would start a gsettings process per key.
     */
    setWallpaper?: boolean;
}

/** Requests the backend sends to a client that announced the matching capability: method → [params, result]. */
export interface ClientMethods {
    /**
     * Set `picture-uri` to `uri`, `picture-uri-dark` to `darkUri` and `picture-options` to `options`; when
     * `lockScreenUri` is present, also org.gnome.desktop.screensaver `picture-uri` (setting lock-screen).
     */
    'desktop.setWallpaper': [{ path: string; uri: string; darkUri: string; options: string; lockScreenUri?: string }, { ok: true }];
}
export type ClientMethodName = keyof ClientMethods;

export interface IndexProgressJson {
    phase: 'scan' | 'palettes';
    done: number;
    total: number;
}

/** Notification name → params. */
export interface Notifications {
    'wallpaper.changed': { wallpaper: WallpaperJson; reason: ChangeReason };
    'selection.paused': PauseStateJson;
    /** How far indexing has got: reading headers of new files (`scan`), or analysing colours (`palettes`). */
    'index.progress': IndexProgressJson;
    /** Sent while online sources download (throttled to a few per second per download). */
    'download.progress': DownloadProgressJson;
}
export type NotificationName = keyof Notifications;

/** Stable error codes: the JSON-RPC ones, then ours in the implementation-defined range. */
export const ErrorCode = {
    ParseError: -32700,
    InvalidRequest: -32600,
    MethodNotFound: -32601,
    InvalidParams: -32602,
    InternalError: -32603,
    /** No usable image in the configured folders. */
    NoImages: -32001,
    /** `previous` with nothing earlier in history. */
    NoHistory: -32002,
    /** A configured folder does not exist or cannot be read. */
    FolderUnavailable: -32003,
    /** The desktop refused the wallpaper (gsettings or the user's script failed). */
    SetFailed: -32004,
    /** The client speaks another protocol version. */
    VersionMismatch: -32005,
    /** The backend is shutting down; the request was not run. */
    ShuttingDown: -32006,
    /** A line longer than the protocol allows. */
    LineTooLong: -32007,
    /** The path names no indexed image in the configured folders. */
    ImageNotIndexed: -32020,
    /** `import-variety` found no Variety configuration where it looked. */
    VarietyNotFound: -32040,
    /** A timer change while selection is paused. */
    Paused: -32021,
    /** The file could not be moved to the trash (no trash on its file system, permissions). */
    TrashFailed: -32022,
    /** The favourite copy could not be made. */
    FavouriteFailed: -32023,
    /** No online source has that id. */
    SourceUnknown: -32030,
    /** The online source is disabled (no request is made for it). */
    SourceDisabled: -32031,
    /** The URL or image is not known as an online download. */
    NotDownloaded: -32032,
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Longest line either side accepts; longer lines are answered with LineTooLong and dropped. */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface RpcRequest<M extends MethodName = MethodName> {
    jsonrpc: '2.0';
    id: number | string;
    method: M;
    params?: ParamsOf<M>;
}

export interface RpcNotification<N extends NotificationName = NotificationName> {
    jsonrpc: '2.0';
    method: N;
    params: Notifications[N];
}

export interface RpcError {
    code: number;
    message: string;
    data?: unknown;
}

export type RpcResponse =
    | { jsonrpc: '2.0'; id: number | string | null; result: unknown }
    | { jsonrpc: '2.0'; id: number | string | null; error: RpcError };
