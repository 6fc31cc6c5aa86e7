import { effectiveFolders } from './config/folders.js';
import { configFromSettings, mergeConfig } from './config/settingsMap.js';
import { openDatabase, type Db } from './db/database.js';
import { PaletteStore } from './db/palettes.js';
import type { DesktopSetter } from './desktop/desktopSetter.js';
import { ClientDesktop } from './desktop/clientDesktop.js';
import { GnomeDesktop } from './desktop/gnomeDesktop.js';
import { ScriptDesktop } from './desktop/scriptDesktop.js';
import { log } from './log.js';
import { BuiltinExtractor } from './palette/extractor.js';
import { Collection } from './pipeline/collection.js';
import { ChameleonError } from './pipeline/errors.js';
import type { PaletteExtractor } from './pipeline/paletteExtractor.js';
import { PaletteService } from './pipeline/paletteService.js';
import { runPostChangeCommands } from './pipeline/postChangeCommands.js';
import { WallpaperService } from './pipeline/wallpaperService.js';
import { SelectionCommands } from './selection/commands.js';
import { Theming } from './theme/theming.js';
import {
    ErrorCode,
    PROTOCOL_VERSION,
    type ChangeReason,
    type ConfigJson,
    type ConfigUpdateJson,
    type WallpaperJson,
} from './protocol/messages.js';
import type { Handlers } from './server/dispatcher.js';
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
    /** Told when selection is paused or resumed (serve sends `selection.paused`). */
    onPausedChanged?: (paused: boolean) => void;
    /** Measure images' colour features a few at a time while running (serve mode). */
    analyseInBackground?: boolean;
}

/** The backend's parts wired together, with the protocol handlers on top. Shared by `serve` and the lone CLI. */
export class App {
    readonly db: Db;
    readonly collection: Collection;
    readonly service: WallpaperService;
    readonly palettes: PaletteService;
    readonly selection: SelectionCommands;
    private config: ConfigJson = {};
    /** Where wallpapers go: the user's script if set, else the extension when it offered, else gsettings. */
    private scriptDesktop: DesktopSetter | null = null;
    private clientDesktop: DesktopSetter | null = null;
    private readonly gnomeDesktop = new GnomeDesktop();
    private readonly theming: Theming;

    constructor(private readonly options: AppOptions) {
        this.db = openDatabase(options.dataDir);
        this.collection = new Collection(this.db);
        const paletteStore = new PaletteStore(this.db);
        this.palettes = new PaletteService(paletteStore, this.db, options.extractor ?? new BuiltinExtractor());
        this.theming = new Theming(this.db, this.palettes);
        this.service = new WallpaperService({
            db: this.db,
            collection: this.collection,
            // Chosen per change, so a script configured while the backend runs is used from the next change on.
            desktop: { set: (path, uri, reason) => this.theming.setDesktop(this.currentDesktop(), path, uri, reason, this.config, this.collection.folders) },
            palettes: this.palettes,
            paletteStore,
            afterChange: (wallpaper) => this.runHooks(wallpaper),
            ...(options.onChanged ? { onChanged: (w: WallpaperJson, r: ChangeReason) => options.onChanged!(this.present(w), r) } : {}),
        });
        this.selection = new SelectionCommands({
            db: this.db,
            collection: this.collection,
            exclusive: (task) => this.service.exclusive((showNew) => task(async () => this.present(await showNew()))),
            ...(options.onPausedChanged ? { onPausedChanged: options.onPausedChanged } : {}),
        });
        this.applyConfig(options.config ?? {}, true);
        if (options.analyseInBackground) this.collection.startBackgroundAnalysis();
    }

    /** Applies settings: those named replace the current ones; GSettings keys are mapped first. */
    applyConfig(update: ConfigUpdateJson, initial = false): void {
        const { settings, ...explicit } = update;
        const fromSettings = settings ? configFromSettings(settings) : { config: {}, problems: [] };
        for (const problem of fromSettings.problems) log.warn(problem);
        const changes = mergeConfig(fromSettings.config, explicit);
        this.config = mergeConfig(this.config, changes);
        if (initial || changes.folders) {
            const folders = this.options.folderOverride?.length ? this.options.folderOverride : effectiveFolders(this.config.folders ?? []);
            this.collection.setFolders(folders);
        }
        if (initial || changes.palette) this.palettes.configure(this.config.palette ?? {});
        if (initial || changes.selection || changes.desktop) this.collection.configureSelection(this.config.selection, this.config.desktop);
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
        return this.theming.present(wallpaper, this.config);
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
        'history.list': (params) => this.service.list(params?.limit ?? 50),
        'config.update': (config) => {
            this.applyConfig(config);
            return { ok: true };
        },
        'index.rescan': () => this.service.rescan(),
        'image.favourite': (params) => this.selection.favourite(params?.path, params?.value ?? true),
        'image.ban': (params) => this.selection.ban(params?.path, params?.value ?? true),
        'image.trash': (params) => this.selection.trash(params?.path),
        'selection.pause': () => this.selection.setPaused(true),
        'selection.resume': () => this.selection.setPaused(false),
        'selection.explain': (params) => this.selection.explain(params?.path),
        'collection.stats': () => this.selection.stats(),
        // Naming the configured folders makes it a new pick even when `previous` left history behind the newest entry.
        'wallpaper.fastForward': async () => this.present(await this.service.fastForward()),
        'index.analyse': (params) => this.collection.analyse(params?.limit ?? 200),
    };

    /** Lets queued work finish, then releases the worker thread and the database. */
    async close(): Promise<void> {
        await this.service.idle();
        await this.collection.close();
        await this.palettes.close();
        this.db.close();
    }
}
