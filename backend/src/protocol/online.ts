// Online sources: their settings and what listing, refreshing and attribution return. Part of the protocol; see
// messages.ts.
import type { WallpaperJson } from './wallpaper.js';

export type OnlineSourceKind =
    | 'wallhaven'
    | 'unsplash'
    | 'bing'
    | 'apod'
    | 'reddit'
    | 'earthview'
    | 'flickr'
    | 'artstation'
    | 'url'
    | 'json'
    | 'rss';

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
    /**
     * Disk quota of the download folder in MiB (default 1000); the oldest downloads that are not favourites go first.
     */
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
    /** Candidates the source listed that safe mode allows (banned or already downloaded ones included). */
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

/** Where API keys live in the user's keyring (libsecret): this schema, one item per source id in this attribute. */
export const API_KEY_SCHEMA = 'org.gnome.shell.extensions.chameleon.ApiKey';
export const SOURCE_ID_ATTRIBUTE = 'source-id';
