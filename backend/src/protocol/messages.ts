// The wire protocol between the GNOME Shell extension and the backend: JSON-RPC 2.0, one JSON object per
// line (requests on stdin; responses and notifications on stdout; logs on stderr).
//
// Both sides import this module. It must hold only types and plain constants (no Node or GJS imports), so
// that the extension's build erases it or inlines the constants without dragging in either runtime.

/** Bumped on any incompatible change; `initialize` refuses a client that speaks another version. */
export const PROTOCOL_VERSION = 1;

/** GNOME accent colour nicks of `org.gnome.desktop.interface accent-color` (libadwaita's set). */
export type AccentName = 'blue' | 'teal' | 'green' | 'yellow' | 'orange' | 'red' | 'pink' | 'purple' | 'slate';

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
}

export interface RescanResultJson {
    added: number;
    changed: number;
    removed: number;
    skipped: number;
    total: number;
    /** Folders or files that could not be read, each with its reason. */
    problems: string[];
}

export type ChangeReason = 'next' | 'previous' | 'timer';

/** Method name → [params, result]. */
export interface Methods {
    initialize: [{ protocolVersion: number; client?: string; config?: ConfigUpdateJson }, { protocolVersion: number; serverVersion: string; current: WallpaperJson | null }];
    status: [Record<string, never> | undefined, StatusJson];
    /** `folders` restricts this one pick to those folders instead of the configured ones. */
    'wallpaper.next': [{ reason?: 'next' | 'timer'; folders?: string[] } | undefined, WallpaperJson];
    'wallpaper.previous': [Record<string, never> | undefined, WallpaperJson];
    'wallpaper.current': [Record<string, never> | undefined, WallpaperJson | null];
    'history.list': [{ limit?: number } | undefined, HistoryEntryJson[]];
    'config.update': [ConfigUpdateJson, { ok: true }];
    'index.rescan': [Record<string, never> | undefined, RescanResultJson];
}
export type MethodName = keyof Methods;
export type ParamsOf<M extends MethodName> = Methods[M][0];
export type ResultOf<M extends MethodName> = Methods[M][1];

/** Notification name → params. */
export interface Notifications {
    'wallpaper.changed': { wallpaper: WallpaperJson; reason: ChangeReason };
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
