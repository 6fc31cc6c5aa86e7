import { homedir } from 'node:os';
import { effectiveFolders } from './config/folders.js';
import { writeGSettingsFolders } from './config/gsettingsConfig.js';
import { configFromSettings, mergeConfig } from './config/settingsMap.js';
import { openDatabase, type Db } from './db/database.js';
import { ImageStore } from './db/images.js';
import { PaletteStore } from './db/palettes.js';
import type { DesktopSetter } from './desktop/desktopSetter.js';
import { ClientDesktop } from './desktop/clientDesktop.js';
import { GnomeDesktop } from './desktop/gnomeDesktop.js';
import { ScriptDesktop } from './desktop/scriptDesktop.js';
import { rememberMonitor, withKnownMonitor } from './desktop/monitorMemory.js';
import { startBackgroundAnalysis } from './background/backgroundAnalysis.js';
import { throttle } from './background/throttle.js';
import { FolderWatcher } from './watch/folderWatcher.js';
import type { HttpOptions } from './online/http.js';
import { OnlineService } from './online/onlineService.js';
import { cacheHome } from './paths.js';
import { join } from 'node:path';
import { importVariety } from './importVariety/importVariety.js';
import { log } from './log.js';
import { backdropKey, backdropOf } from './palette/backdrop.js';
import { BuiltinExtractor } from './palette/extractor.js';
import { Collection } from './pipeline/collection.js';
import { ChameleonError } from './pipeline/errors.js';
import type { PaletteExtractor } from './pipeline/paletteExtractor.js';
import { PaletteService } from './pipeline/paletteService.js';
import { runPostChangeCommands } from './pipeline/postChangeCommands.js';
import { WallpaperService } from './pipeline/wallpaperService.js';
import { Composer } from './compose/composer.js';
import { MonitorWallpapers } from './compose/monitorWallpapers.js';
import { SelectionCommands } from './selection/commands.js';
import { Theming } from './theme/theming.js';
import {
    ErrorCode,
    HISTORY_PAGE,
    PROTOCOL_VERSION,
    type ChangeReason,
    type ConfigJson,
    type ConfigUpdateJson,
    type DownloadProgressJson,
    type IndexProgressJson,
    type WallpaperJson,
} from './protocol/messages.js';
import type { Handlers } from './server/dispatcher.js';
import { galleryHandlers } from './server/handlers/gallery.js';
import type { Peer } from './server/peer.js';
import { VERSION } from './version.js';

const DEFAULT_HOOK_TIMEOUT_S = 10;

export interface AppOptions {
    dataDir: string;
    /** Folders named on the command line: they win over the configured ones for the whole run. */
    folderOverride?: readonly string[];
    /** Settings known at start (the lone CLI reads them from GSettings; the extension sends them later). */
    config?: ConfigJson;
    /** Replaces the desktop chosen by the settings (tests). */
    desktop?: DesktopSetter;
    extractor?: PaletteExtractor;
    onChanged?: (wallpaper: WallpaperJson, reason: ChangeReason) => void;
    /** Told the palette of a change announced with `palettePending` (serve sends `wallpaper.palette`). */
    onPalette?: (wallpaper: WallpaperJson, reason: ChangeReason) => void;
    /** Told when selection is paused or resumed (serve sends `selection.paused`). */
    onPausedChanged?: (paused: boolean) => void;
    /** The compose worker script (tests; default composeWorker.js beside the backend). */
    composeWorkerUrl?: URL;
    /** Measure images' colour features a few at a time while running (serve mode). */
    analyseInBackground?: boolean;
    /** Follow changes in the folders as they happen (serve mode). */
    watchFolders?: boolean;
    /** Told how far indexing and background analysis have got (serve sends `index.progress`). */
    onProgress?: (progress: IndexProgressJson) => void;
    /** Told how online downloads progress (serve sends `download.progress`). */
    onDownloadProgress?: (progress: DownloadProgressJson) => void;
    /** Refresh enabled online sources on their schedule (default: with analyseInBackground, i.e. serve mode). */
    refreshOnlineInBackground?: boolean;
    /** HTTP client overrides for online sources (tests). */
    onlineHttp?: HttpOptions;
    /** The online service's clock (tests: a later refresh without waiting). */
    onlineNow?: () => number;
}

/** The backend's parts wired together, with the protocol handlers on top. Shared by `serve` and the lone CLI. */
export class App {
    readonly db: Db;
    readonly collection: Collection;
    readonly service: WallpaperService;
    readonly palettes: PaletteService;
    readonly selection: SelectionCommands;
    /** Composed wallpapers for a picture per monitor (issue 10). */
    readonly composer: Composer;
    private readonly monitors: MonitorWallpapers;
    readonly online: OnlineService;
    private config: ConfigJson = {};
    /** Where wallpapers go: the user's script if set, else the extension when it offered, else gsettings. */
    private scriptDesktop: DesktopSetter | null = null;
    private clientDesktop: DesktopSetter | null = null;
    private readonly gnomeDesktop = new GnomeDesktop();
    private readonly theming: Theming;
    private background: { close(): Promise<void> } | null = null;
    private watcher: FolderWatcher | null = null;
    private readonly images: ImageStore;

    constructor(private readonly options: AppOptions) {
        this.db = openDatabase(options.dataDir);
        this.collection = new Collection(this.db);
        this.images = new ImageStore(this.db);
        const paletteStore = new PaletteStore(this.db);
        const builtin = options.extractor ?? new BuiltinExtractor();
        // Every new picture is decoded before it is shown: a long-running backend loads the decoder at start, so
        // that the first change does not wait for it.
        if (options.analyseInBackground && builtin instanceof BuiltinExtractor) builtin.warmUp();
        this.palettes = new PaletteService(paletteStore, this.db, builtin);
        this.composer = new Composer({ dir: join(cacheHome(), 'chameleon', 'composed'), ...(options.composeWorkerUrl ? { workerUrl: options.composeWorkerUrl } : {}) });
        this.monitors = new MonitorWallpapers(this.db, this.composer, this.palettes, paletteStore);
        this.theming = new Theming(this.db, this.palettes);
        this.online = new OnlineService({
            db: this.db,
            dataDir: options.dataDir,
            cacheDir: join(cacheHome(), 'chameleon'),
            reindex: async (folders) => void (await this.service.rescan(folders)),
            currentPath: () => this.service.current()?.path ?? null,
            ...(options.onDownloadProgress ? { onProgress: options.onDownloadProgress } : {}),
            ...(options.onlineHttp ? { http: options.onlineHttp } : {}),
            ...(options.onlineNow ? { now: options.onlineNow } : {}),
        });
        this.service = new WallpaperService({
            db: this.db,
            collection: this.collection,
            // Chosen per change, so a script configured while the backend runs is used from the next change on.
            // A composed wallpaper has no dark companion: it goes to the desktop as it is.
            desktop: {
                set: (path, uri, reason, extras) =>
                    extras?.composed
                        ? this.currentDesktop().set(path, uri, reason, extras)
                        : this.theming.setDesktop(this.currentDesktop(), path, uri, reason, this.config, this.collection.folders, extras),
            },
            monitors: this.monitors,
            palettes: this.palettes,
            paletteStore,
            afterChange: (wallpaper) => this.runHooks(wallpaper),
            ...(options.onChanged ? { onChanged: (w: WallpaperJson, r: ChangeReason) => options.onChanged!(this.present(w), r) } : {}),
            ...(options.onPalette ? { onPalette: (w: WallpaperJson, r: ChangeReason) => options.onPalette!(this.present(w), r) } : {}),
        });
        this.selection = new SelectionCommands({
            db: this.db,
            collection: this.collection,
            exclusive: (task) => this.service.exclusive((showNew) => task(async (leaving) => this.present(await showNew(leaving)))),
            isOnScreen: (path) => this.service.onScreen(path),
            showAgain: async () => {
                const shown = await this.service.showAgain();
                return shown && this.present(shown);
            },
            ...(options.onPausedChanged ? { onPausedChanged: options.onPausedChanged } : {}),
        });
        this.applyConfig(withKnownMonitor(options.config ?? {}, this.db), true);
        if (options.refreshOnlineInBackground ?? options.analyseInBackground) this.online.startBackground();
        if (options.watchFolders) {
            this.watcher = new FolderWatcher({
                rescan: (folder) => this.service.rescan([folder]),
                // Tuning for unusual setups (and tests): the watch budget and the fallback rescan interval.
                ...(process.env.CHAMELEON_MAX_WATCHES ? { maxWatches: Number(process.env.CHAMELEON_MAX_WATCHES) } : {}),
                ...(process.env.CHAMELEON_FALLBACK_RESCAN_MS ? { fallbackIntervalMs: Number(process.env.CHAMELEON_FALLBACK_RESCAN_MS) } : {}),
            });
            void this.watcher.setFolders(this.collection.folders);
        }
        if (options.analyseInBackground) {
            this.background = startBackgroundAnalysis(this.collection, this.db, paletteStore, {
                enabled: () => this.config.backgroundAnalysis !== false,
                ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            });
            this.collection.onScanProgress = throttle((done, total) => options.onProgress?.({ phase: 'scan', done, total }));
        }
    }

    /** Applies settings: those named replace the current ones; GSettings keys are mapped first. */
    applyConfig(update: ConfigUpdateJson, initial = false): void {
        const { settings, ...explicit } = update;
        const fromSettings = settings ? configFromSettings(settings) : { config: {}, problems: [] };
        for (const problem of fromSettings.problems) log.warn(problem);
        const changes = mergeConfig(fromSettings.config, explicit);
        if (!initial && changes.desktop?.monitor) rememberMonitor(this.db, changes.desktop.monitor);
        this.config = mergeConfig(this.config, changes);
        if (initial || changes.online) {
            for (const problem of this.online.configure(this.config.online ?? {})) log.warn(problem);
        }
        if (initial || changes.folders || changes.online) {
            // Each enabled online source's download folder is one more wallpaper folder (online/onlineService.ts).
            const folders = this.options.folderOverride?.length
                ? this.options.folderOverride
                : [...effectiveFolders(this.config.folders ?? []), ...this.online.folders()];
            this.collection.setFolders(folders, !this.options.folderOverride?.length);
            void this.watcher?.setFolders(this.collection.folders);
        }
        if (initial || changes.palette) this.palettes.configure(this.config.palette ?? {});
        if (initial || changes.desktop) {
            const backdrop = backdropOf(this.config.desktop?.background);
            const changed = backdropKey(backdrop) !== backdropKey(this.collection.backdrop);
            this.palettes.setBackdrop(backdrop);
            this.collection.backdrop = backdrop;
            // A transparent picture on screen looks different now: its palette (and the accent) follow.
            if (changed && !initial) void this.service.refreshPalette().catch((error: Error) => log.warn(`palette after a background colour change: ${error.message}`));
        }
        if (initial || changes.monitors || changes.desktop) this.monitors.configure(this.config.monitors, this.config.desktop?.monitor);
        if (initial || changes.selection || changes.desktop || changes.online) {
            this.collection.configureSelection(this.online.withWeights(this.config.selection), this.config.desktop);
        }
        if (initial || changes.setWallpaperScript !== undefined || changes.hookTimeoutSeconds !== undefined) {
            this.scriptDesktop = this.config.setWallpaperScript ? new ScriptDesktop(this.config.setWallpaperScript, this.hookTimeoutMs()) : null;
        }
    }

    private currentDesktop(): DesktopSetter {
        return this.options.desktop ?? this.scriptDesktop ?? this.clientDesktop ?? this.gnomeDesktop;
    }

    /** The extension sets wallpapers for us while it is connected (see ClientDesktop); gsettings after it leaves. */
    private useClientDesktop(peer: Peer): void {
        const desktop = new ClientDesktop(peer);
        this.clientDesktop = desktop;
        void peer.closed.then(() => {
            if (this.clientDesktop === desktop) this.clientDesktop = null;
        });
    }

    private hookTimeoutMs(): number {
        return (this.config.hookTimeoutSeconds ?? DEFAULT_HOOK_TIMEOUT_S) * 1000;
    }

    /** A wallpaper as the protocol shows it (allowed accent names, the dark-style picture). */
    private present(wallpaper: WallpaperJson): WallpaperJson {
        const shown = this.theming.present(wallpaper, this.config);
        const favourite = (path: string) => {
            const row = this.images.byPath(path);
            return row ? { favourite: row.favourite === 1 } : {};
        };
        return {
            ...shown,
            ...favourite(wallpaper.path),
            ...(shown.monitors ? { monitors: shown.monitors.map((m) => ({ ...m, ...favourite(m.path) })) } : {}),
        };
    }

    private async runHooks(wallpaper: WallpaperJson): Promise<void> {
        await this.theming.afterChange(wallpaper, this.config, this.hookTimeoutMs());
        const commands = this.config.postChangeCommands ?? [];
        if (commands.length > 0) await runPostChangeCommands(commands, wallpaper, this.hookTimeoutMs());
    }

    readonly handlers: Handlers = {
        initialize: ({ protocolVersion, config, capabilities }, peer) => {
            if (protocolVersion !== PROTOCOL_VERSION) {
                throw new ChameleonError(
                    ErrorCode.VersionMismatch,
                    `protocol version ${protocolVersion} is not supported (this backend speaks ${PROTOCOL_VERSION}); update both parts of Chameleon`,
                );
            }
            if (config) this.applyConfig(config);
            if (capabilities?.setWallpaper && peer) this.useClientDesktop(peer);
            return { protocolVersion: PROTOCOL_VERSION, serverVersion: VERSION, current: this.service.current() };
        },
        status: () => ({
            serverVersion: VERSION,
            protocolVersion: PROTOCOL_VERSION,
            images: this.collection.countUsable(),
            skipped: this.collection.countSkipped(),
            folders: [...this.collection.folders],
            current: this.service.current(),
            queued: this.service.waiting,
            palette: this.palettes.status(),
            theme: this.theming.status,
            paused: this.selection.paused,
        }),
        'wallpaper.next': async (params) => {
            this.selection.checkTimer(params?.reason);
            return this.present(await this.service.next(params?.reason ?? 'next', params?.folders));
        },
        'wallpaper.previous': async () => this.present(await this.service.previous()),
        'wallpaper.current': () => {
            const current = this.service.current();
            return current && this.present(current);
        },
        'wallpaper.adopt': async (params) => {
            const adopted = await this.service.adopt(params.uri);
            return adopted && this.present(adopted);
        },
        'history.list': (params) => this.service.list(Math.min(params?.limit ?? 50, HISTORY_PAGE), params?.offset ?? 0).map((entry) => ({ ...this.present(entry), shownAt: entry.shownAt })),
        'config.update': (config) => {
            this.applyConfig(config);
            return { ok: true };
        },
        'index.rescan': () => this.service.rescan(),
        'image.favourite': (params) => this.selection.favourite(params?.path, params?.value ?? true),
        'image.ban': async (params) => {
            const state = await this.selection.ban(params?.path, params?.value ?? true);
            // Banning a download bans its URL as well, so no refresh brings it back.
            const url = this.online.urlOf(state.path);
            if (url) this.online.banUrl(url, state.banned);
            return state;
        },
        'image.trash': (params) => this.selection.trash(params?.path),
        'selection.pause': () => this.selection.setPaused(true),
        'selection.resume': () => this.selection.setPaused(false),
        'selection.explain': (params) => this.selection.explain(params?.path),
        'collection.stats': () => this.selection.stats(),
        'wallpaper.fastForward': async () => this.present(await this.service.fastForward()),
        'index.analyse': (params) => this.collection.analyse(params?.limit ?? 200),
        'import.variety': (params) =>
            this.service.exclusive(() =>
                importVariety(params?.dir ?? join(homedir(), '.config', 'variety'), {
                    db: this.db,
                    collection: this.collection,
                    configuredFolders: this.config.folders ?? [],
                    useFolders: async (folders) => {
                        const saved = await writeGSettingsFolders(folders);
                        this.applyConfig({ folders: [...folders] });
                        return saved;
                    },
                    banUrl: (url) => {
                        if (this.online.urlBanned(url)) return false;
                        this.online.banUrl(url, true);
                        return true;
                    },
                }),
            ),
        'sources.list': () => this.online.list(),
        'sources.refresh': (params) => this.online.refresh(params?.id),
        'image.origin': (params) => {
            const path = params?.path ?? this.service.current()?.path;
            if (!path) throw new ChameleonError(ErrorCode.NoHistory, 'no wallpaper has been shown yet; name an image');
            return this.online.origin(path);
        },
        'image.banUrl': async (params) => {
            const url = params?.url ?? this.online.urlOf(params?.path ?? this.service.current()?.path ?? '');
            if (!url) throw new ChameleonError(ErrorCode.NotDownloaded, `${params?.path ?? 'the wallpaper on screen'} was not downloaded by an online source; name its URL`);
            const value = params?.value ?? true;
            const file = this.online.banUrl(url, value);
            // The file already downloaded is banned in the index too, so it leaves the rotation (and the screen) now.
            const next = file ? (await this.selection.ban(file, value).catch(() => null))?.next ?? null : null;
            return { url, banned: value, next };
        },
        ...galleryHandlers(() => ({ db: this.db, collection: this.collection, service: this.service, present: (w) => this.present(w) })),
    };

    /**
     * The backend is stopping: changes still waiting fail with ShuttingDown, and no refresh, rescan or analysis
     * starts. What is running finishes in `close`.
     */
    stop(): void {
        this.service.stop(shuttingDown());
        this.watcher?.close();
        this.watcher = null;
    }

    /** Lets running work finish, then releases the worker threads and processes and the database. */
    async close(): Promise<void> {
        this.watcher?.close();
        // Independent of one another: a refresh waiting on the network must not hold up the rest.
        await Promise.all([this.online.close(), this.service.idle(), this.background?.close()]);
        await this.collection.close();
        await this.palettes.close();
        await this.composer.close();
        this.closeDatabase();
    }

    /**
     * Checkpoints the write-ahead log into the database file and closes it, so the next start (or a backup
     * tool) finds one complete file. Safe at any moment between two statements, and twice.
     */
    closeDatabase(): void {
        if (!this.db.open) return;
        try {
            this.db.pragma('wal_checkpoint(TRUNCATE)');
        } catch (error) {
            log.debug(`no checkpoint at close: ${(error as Error).message}`);
        }
        this.db.close();
    }
}

export function shuttingDown(): ChameleonError {
    return new ChameleonError(ErrorCode.ShuttingDown, 'Chameleon is shutting down; the request was not run');
}
