import type { Db } from '../../db/database.js';
import type { OnlineService } from '../../online/onlineService.js';
import type { Collection } from '../../pipeline/collection.js';
import type { PaletteService } from '../../pipeline/paletteService.js';
import type { WallpaperService } from '../../pipeline/wallpaperService.js';
import type { ConfigJson, ConfigUpdateJson, ThemeStatusJson, WallpaperJson } from '../../protocol/messages.js';
import type { SelectionCommands } from '../../selection/commands.js';
import type { Peer } from '../peer.js';

/**
 * What the protocol handlers may reach of the backend: its parts, and the few acts that span several of them.
 * `App` (app.ts) provides it; each `handlers/<domain>.ts` takes it and returns the handlers of its domain.
 */
export interface HandlerContext {
    readonly db: Db;
    readonly collection: Collection;
    readonly service: WallpaperService;
    readonly palettes: PaletteService;
    readonly selection: SelectionCommands;
    readonly online: OnlineService;
    /** The settings in force. */
    readonly config: ConfigJson;
    readonly themeStatus: ThemeStatusJson | null;
    /** The change timer: its interval, and when the next timed change is due (ms since the epoch). */
    readonly timerStatus: { everyMinutes: number; dueAt: number | null };
    /** Settings: those named replace the current ones; GSettings keys are mapped first. */
    applyConfig(update: ConfigUpdateJson): void;
    /** A wallpaper as the protocol shows it (allowed accent names, the dark-style picture, favourite state). */
    present(wallpaper: WallpaperJson): WallpaperJson;
    /** The peer offered to apply wallpapers for us: it is the desktop while it is connected. */
    useClientDesktop(peer: Peer): void;
}
