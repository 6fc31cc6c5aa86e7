import { effectiveFolders } from './config/folders.js';
import { openDatabase, type Db } from './db/database.js';
import type { DesktopSetter } from './desktop/desktopSetter.js';
import { GnomeDesktop } from './desktop/gnomeDesktop.js';
import { BuiltinExtractor } from './palette/extractor.js';
import { Collection } from './pipeline/collection.js';
import { ChameleonError } from './pipeline/errors.js';
import type { PaletteExtractor } from './pipeline/paletteExtractor.js';
import { WallpaperService } from './pipeline/wallpaperService.js';
import { ErrorCode, PROTOCOL_VERSION, type ChangeReason, type ConfigJson, type WallpaperJson } from './protocol/messages.js';
import type { Handlers } from './server/dispatcher.js';
import { VERSION } from './version.js';

export interface AppOptions {
    dataDir: string;
    /** Folders named on the command line: they win over the configured ones for the whole run. */
    folderOverride?: readonly string[];
    configuredFolders?: readonly string[];
    desktop?: DesktopSetter;
    extractor?: PaletteExtractor;
    onChanged?: (wallpaper: WallpaperJson, reason: ChangeReason) => void;
}

/** The backend's parts wired together, with the protocol handlers on top. Shared by `serve` and the lone CLI. */
export class App {
    readonly db: Db;
    readonly collection: Collection;
    readonly service: WallpaperService;
    private readonly extractor: PaletteExtractor;

    constructor(private readonly options: AppOptions) {
        this.db = openDatabase(options.dataDir);
        this.collection = new Collection(this.db);
        this.applyFolders(options.configuredFolders ?? []);
        this.extractor = options.extractor ?? new BuiltinExtractor();
        const service = new WallpaperService({
            db: this.db,
            collection: this.collection,
            desktop: options.desktop ?? new GnomeDesktop(),
            extractor: this.extractor,
            ...(options.onChanged ? { onChanged: options.onChanged } : {}),
        });
        this.service = service;
    }

    applyConfig(config: ConfigJson): void {
        if (config.folders) this.applyFolders(config.folders);
    }

    private applyFolders(configured: readonly string[]): void {
        this.collection.setFolders(this.options.folderOverride?.length ? this.options.folderOverride : effectiveFolders(configured));
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
        await this.extractor.close();
        this.db.close();
    }
}
