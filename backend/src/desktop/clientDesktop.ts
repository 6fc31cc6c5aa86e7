import type { Peer } from '../server/peer.js';
import type { ChangeReason } from '../protocol/messages.js';
import { SetWallpaperError, type DesktopExtras, type DesktopSetter } from './desktopSetter.js';

const ANSWER_TIMEOUT_MS = 5000;

/**
 * Asks the extension to apply the wallpaper. Inside GNOME Shell a GSettings write is a cheap in-process call and
 * can change picture-uri and picture-uri-dark together, where the backend alone starts one gsettings process per
 * key (tens of milliseconds each, and a moment where the two keys disagree).
 */
export class ClientDesktop implements DesktopSetter {
    constructor(
        private readonly peer: Peer,
        private readonly pictureOptions = 'zoom',
    ) {}

    async set(path: string, uri: string, _reason?: ChangeReason, extras: DesktopExtras = {}): Promise<void> {
        const params = {
            path,
            uri,
            darkUri: extras.darkUri ?? uri,
            options: extras.pictureOptions ?? this.pictureOptions,
        };
        try {
            await this.peer.request('desktop.setWallpaper', params, ANSWER_TIMEOUT_MS);
        } catch (error) {
            throw new SetWallpaperError(`could not set the wallpaper to ${path}: ${(error as Error).message}`);
        }
    }
}
