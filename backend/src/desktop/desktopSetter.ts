import type { ChangeReason } from '../protocol/messages.js';

/** Applies a wallpaper to the desktop. One implementation per desktop or per user script. */
export interface DesktopSetter {
    /** Resolves once the desktop holds the new wallpaper; rejects with a SetWallpaperError the user can act on. */
    set(path: string, uri: string, reason: ChangeReason, extras?: DesktopExtras): Promise<void>;
}

/** What only some desktops can do (GNOME's settings can; a Variety set_wallpaper script cannot, and ignores it). */
export interface DesktopExtras {
    /** Another picture for the dark style (picture-uri-dark); absent = the same picture for both styles. */
    darkUri?: string;
    /**
     * picture-options for this change instead of the setter's own: 'spanned' for a composed wallpaper, which
     * GNOME stretches over the union of all monitors; the display mode's own option for one picture.
     */
    pictureOptions?: string;
    /** The file is a composition made for this screen (not the picture itself): it gets no dark-style companion. */
    composed?: boolean;
    /** GNOME's accent colour to apply with the picture (accent sync); only the extension applies it. */
    accent?: string;
}

export class SetWallpaperError extends Error {
    override name = 'SetWallpaperError';
}
