import type { ChangeReason } from '../protocol/messages.js';

/** Applies a wallpaper to the desktop. One implementation per desktop or per user script. */
export interface DesktopSetter {
    /** Resolves once the desktop holds the new wallpaper; rejects with a SetWallpaperError the user can act on. */
    set(path: string, uri: string, reason: ChangeReason): Promise<void>;
}

export class SetWallpaperError extends Error {
    override name = 'SetWallpaperError';
}
