import type { Peer } from '../server/peer.js';
import type { ChangeReason, DesktopApplyJson } from '../protocol/messages.js';
import { SetWallpaperError, type DesktopExtras, type DesktopSetter } from './desktopSetter.js';

const ANSWER_TIMEOUT_MS = 5000;

/**
 * The extension as the desktop: one `desktop.apply` per change carries the pictures, their options and the accent.
 * Inside GNOME Shell a GSettings write is a cheap in-process call and can change picture-uri and picture-uri-dark
 * together, where the backend alone starts one gsettings process per key (tens of milliseconds each, and a moment
 * where the two keys disagree).
 */
export class ClientDesktop implements DesktopSetter {
    /** The accent sent last: a change whose accent is the same need not send it again. */
    private accent: string | null = null;

    constructor(
        private readonly peer: Peer,
        private readonly pictureOptions = 'zoom',
    ) {}

    async set(path: string, uri: string, _reason?: ChangeReason, extras: DesktopExtras = {}): Promise<void> {
        const wallpaper = {
            path,
            uri,
            darkUri: extras.darkUri ?? uri,
            options: extras.pictureOptions ?? this.pictureOptions,
        };
        try {
            await this.apply({ wallpaper, ...(extras.accent ? { accent: extras.accent } : {}) });
        } catch (error) {
            throw new SetWallpaperError(`could not set the wallpaper to ${path}: ${(error as Error).message}`);
        }
    }

    /**
     * Applies the accent alone: after a palette made later than its picture was set, a dark-style switch, or accent
     * sync resumed (`again`: the user may have changed it by hand meanwhile, so it is sent even when unchanged).
     */
    async applyAccent(accent: string, again = false): Promise<void> {
        if (accent === this.accent && !again) return;
        await this.apply({ accent });
    }

    private async apply(params: DesktopApplyJson): Promise<void> {
        await this.peer.request('desktop.apply', params, ANSWER_TIMEOUT_MS);
        if (params.accent) this.accent = params.accent;
    }
}
