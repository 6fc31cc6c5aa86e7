// The methods, notifications and client requests: name → params and result. Part of the protocol; see messages.ts.
import type { ChangeReason, ConfigUpdateJson, RescanResultJson, StatusJson } from './config.js';
import type { GalleryMethods } from './gallery.js';
import type {
    BanUrlResultJson,
    DownloadProgressJson,
    OriginJson,
    RefreshResultJson,
    SourcesListJson,
} from './online.js';
import type {
    ExplainJson,
    ImageRefJson,
    ImageStateJson,
    PauseStateJson,
    StatsJson,
    TrashResultJson,
} from './selection.js';
import type { HistoryEntryJson, WallpaperJson } from './wallpaper.js';

/** Method name → [params, result]. */
export interface Methods extends GalleryMethods {
    initialize: [
        { protocolVersion: number; client?: string; config?: ConfigUpdateJson; capabilities?: ClientCapabilities },
        {
            protocolVersion: number;
            serverVersion: string;
            /** The wallpaper on screen as `wallpaper.changed` shows it, and whether timed changes are paused. */
            current: WallpaperJson | null;
            paused: boolean;
        },
    ];
    status: [Record<string, never> | undefined, StatusJson];
    /**
     * `folders` restricts this one pick to those folders instead of the configured ones. Timed changes are the
     * backend's own (settings `change-interval`, `change-on-start`): no client asks for them.
     */
    'wallpaper.next': [{ folders?: string[] } | undefined, WallpaperJson];
    'wallpaper.previous': [Record<string, never> | undefined, WallpaperJson];
    'wallpaper.current': [Record<string, never> | undefined, WallpaperJson | null];
    /**
     * The desktop shows a picture that another program set (GNOME Settings, a script): it becomes the current
     * wallpaper, with its palette, recorded in history and announced like any change. A URI that is already the
     * wallpaper on screen changes nothing (null).
     */
    'wallpaper.adopt': [{ uri: string }, WallpaperJson | null];
    /**
     * Newest first, from the `offset`-th entry (default 0). At most HISTORY_PAGE entries per call, whatever
     * `limit` asks (default 50): a client wanting more asks again with a larger offset.
     */
    'history.list': [{ limit?: number; offset?: number } | undefined, HistoryEntryJson[]];
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
    /**
     * Bans (value true, the default) the image's URL so it is never downloaded again; names a URL, or an image by path.
     */
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
    /** Pictures newly marked favourite. */
    favourites: number;
    /** URLs of Variety's banned.txt (downloads the user trashed) newly banned for the online sources. */
    banned: number;
    /** History entries added. */
    history: number;
    notes: string[];
}

/** What a client can do for the backend, announced in `initialize`. */
export interface ClientCapabilities {
    /**
     * The client is the desktop: it applies what the backend decided (`desktop.apply`) and reports only what the
     * user changed (config.update `desktop`). The extension is: inside the Shell a GSettings write costs nothing,
     * where the backend would start a gsettings process per key.
     */
    desktop?: boolean;
}

/** What the desktop is to show, decided by the backend; a field left out is left as it is. */
export interface DesktopApplyJson {
    /** `picture-uri`, `picture-uri-dark` and `picture-options`, written together. */
    wallpaper?: { path: string; uri: string; darkUri: string; options: string };
    /** `accent-color`: present while accent sync is on and not paused, and the picture shown has a palette. */
    accent?: string;
}

/** Requests the backend sends to a client that announced the matching capability: method → [params, result]. */
export interface ClientMethods {
    'desktop.apply': [DesktopApplyJson, { ok: true }];
}
export type ClientMethodName = keyof ClientMethods;

export interface IndexProgressJson {
    phase: 'scan' | 'palettes';
    done: number;
    total: number;
}

/** Notification name → params. */
export interface Notifications {
    /** Sent the moment a change is on screen, whoever asked for it (its palette may be pending: see below). */
    'wallpaper.changed': { wallpaper: WallpaperJson; reason: ChangeReason };
    /**
     * A new palette for the wallpaper on screen (same `path` and `uri` as last announced): the one announced with
     * `palettePending`, once made (`palette: null` when none could be made), or a palette made again because the
     * desktop's background colour changed behind a picture with transparency. Never sent for an older change.
     */
    'wallpaper.palette': { wallpaper: WallpaperJson; reason: ChangeReason };
    'selection.paused': PauseStateJson;
    /** How far indexing has got: reading headers of new files (`scan`), or analysing colours (`palettes`). */
    'index.progress': IndexProgressJson;
    /** Sent while online sources download (throttled to a few per second per download). */
    'download.progress': DownloadProgressJson;
}
export type NotificationName = keyof Notifications;
