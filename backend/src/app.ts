import { effectiveFolders } from './config/folders.js';
import { configFromSettings, mergeConfig } from './config/settingsMap.js';
import { openDatabase, type Db } from './db/database.js';
import { PaletteStore } from './db/palettes.js';
import type { DesktopSetter } from './desktop/desktopSetter.js';
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
import {
    ErrorCode,
    PROTOCOL_VERSION,
    type ChangeReason,
    type ConfigJson,
    type ConfigUpdateJson,
    type WallpaperJson,
} from './protocol/messages.js';
import type { Handlers } from './server/dispatcher.js';
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
}

/** The backend's parts wired together, with the protocol handlers on top. Shared by `serve` and the lone CLI. */
export class App {
    readonly db: Db;
    readonly collection: Collection;
    readonly service: WallpaperService;
    readonly palettes: PaletteService;
    private config: ConfigJson = {};
    private desktop: DesktopSetter = new GnomeDesktop();

    constructor(private readonly options: AppOptions) {
        this.db = openDatabase(options.dataDir);
        this.collection = new Collection(this.db);
        const paletteStore = new PaletteStore(this.db);
        this.palettes = new PaletteService(paletteStore, this.db, options.extractor ?? new BuiltinExtractor());
        this.service = new WallpaperService({
            db: this.db,
            collection: this.collection,
            // Chosen per change, so a script configured while the backend runs is used from the next change on.
            desktop: { set: (path, uri, reason) => this.desktop.set(path, uri, reason) },
            palettes: this.palettes,
            paletteStore,
            afterChange: (wallpaper) => this.runHooks(wallpaper),
            ...(options.onChanged ? { onChanged: options.onChanged } : {}),
        });
        this.applyConfig(options.config ?? {}, true);
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
        if (initial || changes.setWallpaperScript !== undefined || changes.hookTimeoutSeconds !== undefined) {
            this.desktop =
                this.options.desktop ??
                (this.config.setWallpaperScript ? new ScriptDesktop(this.config.setWallpaperScript, this.hookTimeoutMs()) : new GnomeDesktop());
        }
    }

    private hookTimeoutMs(): number {
        return (this.config.hookTimeoutSeconds ?? DEFAULT_HOOK_TIMEOUT_S) * 1000;
    }

    private async runHooks(wallpaper: WallpaperJson): Promise<void> {
        const commands = this.config.postChangeCommands ?? [];
        if (commands.length > 0) await runPostChangeCommands(commands, wallpaper, this.hookTimeoutMs());
    }

    readonly handlers: Handlers = {
        initialize: ({ protocolVersion, config }) => {
            if (protocolVersion !== PROTOCOL_VERSION) {
                throw new ChameleonError(
                    ErrorCode.VersionMismatch,
                    `protocol version ${protocolVersion} is not supported (this backend speaks ${PROTOCOL_VERSION}); update both parts of Chameleon`,
                );
            }
            if (config) this.applyConfig(config);
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
        }),
        'wallpaper.next': (params) => this.service.next(params?.reason ?? 'next', params?.folders),
        'wallpaper.previous': () => this.service.previous(),
        'wallpaper.current': () => this.service.current(),
        'history.list': (params) => this.service.list(params?.limit ?? 50),
        'config.update': (config) => {
            this.applyConfig(config);
            return { ok: true };
        },
        'index.rescan': () => this.service.rescan(),
    };

    /** Lets queued work finish, then releases the worker thread and the database. */
    async close(): Promise<void> {
        await this.service.idle();
        await this.palettes.close();
        this.db.close();
    }
}
