import { effectiveFolders } from './config/folders.js';
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
import { ChangeTimer } from './background/changeTimer.js';
import { FolderWatcher } from './watch/folderWatcher.js';
import type { HttpOptions } from './online/http.js';
import { OnlineService } from './online/onlineService.js';
import { cacheHome } from './paths.js';
import { join } from 'node:path';
import { log } from './log.js';
import { backdropKey, backdropOf } from './palette/backdrop.js';
import { BuiltinExtractor } from './palette/extractor.js';
import { Collection } from './pipeline/collection.js';
import { ChameleonError } from './errors.js';
import type { PaletteExtractor } from './pipeline/paletteExtractor.js';
import { PaletteService } from './pipeline/paletteService.js';
import { runPostChangeCommands } from './pipeline/postChangeCommands.js';
import { WallpaperService } from './pipeline/wallpaperService.js';
import { Composer } from './compose/composer.js';
import { MonitorWallpapers } from './compose/monitorWallpapers.js';
import { SelectionCommands } from './selection/commands.js';
import { Theming } from './theme/theming.js';
import { accentToApply } from './theme/accentToApply.js';
import {
    ErrorCode,
    type ChangeReason,
    type ConfigJson,
    type ConfigUpdateJson,
    type DownloadProgressJson,
    type IndexProgressJson,
    type ThemeStatusJson,
    type WallpaperJson,
} from './protocol/messages.js';
import type { Handlers } from './server/dispatcher.js';
import { createHandlers, type HandlerContext } from './server/handlers/index.js';
import type { Peer } from './server/peer.js';

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
    /** Change the wallpaper on the `change-interval` timer and at start (serve mode). */
    timedChanges?: boolean;
    /** One minute of `change-interval` (tests shorten it). */
    minuteMs?: number;
}

/**
 * The backend's parts wired together, with the protocol handlers (server/handlers/) on top. Shared by `serve`
 * and the lone CLI.
 */
export class App implements HandlerContext {
    readonly db: Db;
    readonly collection: Collection;
    readonly service: WallpaperService;
    readonly palettes: PaletteService;
    readonly selection: SelectionCommands;
    /** Composed wallpapers for a picture per monitor. */
    readonly composer: Composer;
    private readonly monitors: MonitorWallpapers;
    readonly online: OnlineService;
    private configuration: ConfigJson = {};
    /** Where wallpapers go: the user's script if set, else the extension when it offered, else gsettings. */
    private scriptDesktop: DesktopSetter | null = null;
    private clientDesktop: ClientDesktop | null = null;
    private readonly timer: ChangeTimer | null;
    /** Whether a desktop has connected yet: the first one gets the change at start (`change-on-start`). */
    private desktopSeen = false;
    /** The last wallpaper presented, for the answer that follows its notification: presented once, sent twice. */
    private presented: { wallpaper: WallpaperJson; shown: WallpaperJson } | null = null;
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
        this.composer = new Composer({
            dir: join(cacheHome(), 'chameleon', 'composed'),
            ...(options.composeWorkerUrl ? { workerUrl: options.composeWorkerUrl } : {}),
        });
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
                set: (path, uri, reason, extras, palette) =>
                    extras?.composed
                        ? this.currentDesktop().set(path, uri, reason, {
                              ...extras,
                              ...this.accentOf({ path, uri, name: '', width: 0, height: 0, palette }),
                          })
                        : this.theming.setDesktop(
                              this.currentDesktop(),
                              path,
                              uri,
                              reason,
                              this.configuration,
                              this.collection.folders,
                              palette,
                              extras,
                          ),
            },
            monitors: this.monitors,
            palettes: this.palettes,
            paletteStore,
            afterChange: (wallpaper) => this.runHooks(wallpaper),
            onChanged: (wallpaper, reason) => this.changed(wallpaper, reason, options.onChanged),
            onPalette: (wallpaper, reason) => this.changed(wallpaper, reason, options.onPalette),
        });
        this.timer = options.timedChanges
            ? new ChangeTimer({
                  change: () => this.service.next('timer'),
                  paused: () => this.selection.paused,
                  ...(options.minuteMs ? { minuteMs: options.minuteMs } : {}),
              })
            : null;
        this.selection = new SelectionCommands({
            db: this.db,
            collection: this.collection,
            exclusive: (task) =>
                this.service.exclusive((showNew) => task(async (leaving) => this.present(await showNew(leaving)))),
            isOnScreen: (path) => this.service.onScreen(path),
            showAgain: async () => {
                const shown = await this.service.showAgain();
                return shown && this.present(shown);
            },
            onPausedChanged: (paused) => {
                // Resumed: the next timed change is a whole interval away, not due at once.
                if (!paused) this.timer?.restart();
                options.onPausedChanged?.(paused);
            },
        });
        this.applyConfig(withKnownMonitor(options.config ?? {}, this.db), true);
        if (options.refreshOnlineInBackground ?? options.analyseInBackground) this.online.startBackground();
        if (options.watchFolders) {
            this.watcher = new FolderWatcher({
                rescan: (folder) => this.service.rescan([folder]),
                // Tuning for unusual setups (and tests): the watch budget and the fallback rescan interval.
                ...(process.env.CHAMELEON_MAX_WATCHES ? { maxWatches: Number(process.env.CHAMELEON_MAX_WATCHES) } : {}),
                ...(process.env.CHAMELEON_FALLBACK_RESCAN_MS
                    ? { fallbackIntervalMs: Number(process.env.CHAMELEON_FALLBACK_RESCAN_MS) }
                    : {}),
            });
            void this.watcher.setFolders(this.collection.folders);
        }
        if (options.analyseInBackground) {
            this.background = startBackgroundAnalysis(this.collection, this.db, paletteStore, {
                enabled: () => this.configuration.backgroundAnalysis !== false,
                ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            });
            this.collection.onScanProgress = throttle((done, total) =>
                options.onProgress?.({ phase: 'scan', done, total }),
            );
        }
    }

    /** Applies settings: those named replace the current ones; GSettings keys are mapped first. */
    applyConfig(update: ConfigUpdateJson, initial = false): void {
        const { settings, ...explicit } = update;
        const fromSettings = settings ? configFromSettings(settings) : { config: {}, problems: [] };
        for (const problem of fromSettings.problems) log.warn(problem);
        const changes = mergeConfig(fromSettings.config, explicit);
        if (!initial && changes.desktop?.monitor) rememberMonitor(this.db, changes.desktop.monitor);
        this.configuration = mergeConfig(this.configuration, changes);
        if (initial || changes.online) {
            for (const problem of this.online.configure(this.configuration.online ?? {})) log.warn(problem);
        }
        if (initial || changes.folders || changes.online) {
            // Each enabled online source's download folder is one more wallpaper folder (online/onlineService.ts).
            const folders = this.options.folderOverride?.length
                ? this.options.folderOverride
                : [...effectiveFolders(this.configuration.folders ?? []), ...this.online.folders()];
            this.collection.setFolders(folders, !this.options.folderOverride?.length);
            void this.watcher?.setFolders(this.collection.folders);
        }
        if (initial || changes.palette) this.palettes.configure(this.configuration.palette ?? {});
        if (initial || changes.desktop) {
            const backdrop = backdropOf(this.configuration.desktop?.background);
            const changed = backdropKey(backdrop) !== backdropKey(this.collection.backdrop);
            this.palettes.setBackdrop(backdrop);
            this.collection.backdrop = backdrop;
            // A transparent picture on screen looks different now: its palette (and the accent) follow.
            if (changed && !initial)
                void this.service
                    .refreshPalette()
                    .catch((error: Error) => log.warn(`palette after a background colour change: ${error.message}`));
        }
        if (initial || changes.monitors || changes.desktop)
            this.monitors.configure(this.configuration.monitors, this.configuration.desktop?.monitor);
        if (initial || changes.selection || changes.desktop || changes.online) {
            this.collection.configureSelection(
                this.online.withWeights(this.configuration.selection),
                this.configuration.desktop,
            );
        }
        if (initial || changes.setWallpaperScript !== undefined || changes.hookTimeoutSeconds !== undefined) {
            this.scriptDesktop = this.configuration.setWallpaperScript
                ? new ScriptDesktop(this.configuration.setWallpaperScript, this.hookTimeoutMs())
                : null;
        }
        if (changes.changeIntervalMinutes !== undefined || initial)
            this.timer?.setInterval(this.configuration.changeIntervalMinutes ?? 0);
        // Accent sync turned on or resumed, the dark style switched: the accent follows the picture GNOME shows.
        if (!initial && (changes.accent || changes.desktop?.colorScheme !== undefined || changes.allowedAccentNames)) {
            const current = this.service.current();
            if (current) this.followAccent(this.present(current), changes.accent !== undefined);
        }
    }

    /** A change reached the desktop, or its palette came: presented once for every client, and the accent follows. */
    private changed(
        wallpaper: WallpaperJson,
        reason: ChangeReason,
        tell: ((wallpaper: WallpaperJson, reason: ChangeReason) => void) | undefined,
    ): void {
        const shown = this.present(wallpaper);
        this.presented = { wallpaper, shown };
        this.timer?.restart();
        tell?.(shown, reason);
        // Usually sent with the picture already; not when the palette came later (wallust) or a script set it.
        this.followAccent(shown, false);
    }

    private followAccent(shown: WallpaperJson, again: boolean): void {
        const accent = accentToApply(shown, this.configuration);
        if (accent)
            this.clientDesktop
                ?.applyAccent(accent, again)
                .catch((error: Error) => log.warn(`could not apply the accent: ${error.message}`));
    }

    /** `{ accent }` for a desktop that takes one, when accent sync wants one for `wallpaper`. */
    private accentOf(wallpaper: WallpaperJson): { accent?: string } {
        const accent = accentToApply(this.theming.present(wallpaper, this.configuration), this.configuration);
        return accent ? { accent } : {};
    }

    /** The settings in force. */
    get config(): ConfigJson {
        return this.configuration;
    }

    get themeStatus(): ThemeStatusJson | null {
        return this.theming.status;
    }

    /** The change timer's interval and next due time (the lone CLI has no timer: its interval, nothing due). */
    get timerStatus(): { everyMinutes: number; dueAt: number | null } {
        return this.timer?.status ?? { everyMinutes: this.configuration.changeIntervalMinutes ?? 0, dueAt: null };
    }

    private currentDesktop(): DesktopSetter {
        return this.options.desktop ?? this.scriptDesktop ?? this.clientDesktop ?? this.gnomeDesktop;
    }

    /** The extension sets wallpapers for us while it is connected (see ClientDesktop); gsettings after it leaves. */
    useClientDesktop(peer: Peer): void {
        const desktop = new ClientDesktop(peer);
        this.clientDesktop = desktop;
        void peer.closed.then(() => {
            if (this.clientDesktop === desktop) this.clientDesktop = null;
        });
        // At login (or when the extension is turned on) a timed change, which respects pause like any other;
        // else the accent of the wallpaper on screen, which the desktop may have lost meanwhile.
        const current = this.service.current();
        if (this.timer && !this.desktopSeen && this.configuration.changeOnStart && !this.selection.paused) {
            void this.service.next('timer').catch((error: Error) => log.warn(`change at start: ${error.message}`));
        } else if (current) {
            this.followAccent(this.present(current), true);
        }
        this.desktopSeen = true;
    }

    private hookTimeoutMs(): number {
        return (this.configuration.hookTimeoutSeconds ?? DEFAULT_HOOK_TIMEOUT_S) * 1000;
    }

    /** A wallpaper as the protocol shows it (allowed accent names, the dark-style picture, favourite, origin). */
    present(wallpaper: WallpaperJson): WallpaperJson {
        if (this.presented?.wallpaper === wallpaper) return this.presented.shown;
        const shown = this.theming.present(wallpaper, this.configuration);
        const origin = this.online.knownOrigin(wallpaper.path);
        const favourite = (path: string) => {
            const row = this.images.byPath(path);
            return row ? { favourite: row.favourite === 1 } : {};
        };
        return {
            ...shown,
            ...favourite(wallpaper.path),
            ...(origin ? { origin } : {}),
            ...(shown.monitors ? { monitors: shown.monitors.map((m) => ({ ...m, ...favourite(m.path) })) } : {}),
        };
    }

    private async runHooks(wallpaper: WallpaperJson): Promise<void> {
        await this.theming.afterChange(wallpaper, this.configuration, this.hookTimeoutMs());
        const commands = this.configuration.postChangeCommands ?? [];
        if (commands.length > 0) await runPostChangeCommands(commands, wallpaper, this.hookTimeoutMs());
    }

    /** The protocol handlers, one module per domain under server/handlers/. */
    readonly handlers: Handlers = createHandlers(this);

    /**
     * The backend is stopping: changes still waiting fail with ShuttingDown, and no refresh, rescan or analysis
     * starts. What is running finishes in `close`.
     */
    stop(): void {
        this.timer?.stop();
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
