// The gallery's commands for the preferences: a page of the collection with its thumbnails (`chameleon gallery`)
// and "set this picture" (`chameleon set`), run like every command of the preferences (see backendCommands.ts).
import type { Gio } from '../lib/gi.js';
import type { ColourFamily, GalleryListJson, WallpaperJson } from '../lib/protocol.js';
import { commandArgv, runJsonCommand, type CommandResult } from './backendCommands.js';

/** Pictures asked for at a time: a screenful or two, so the first thumbnails come quickly. */
export const GALLERY_STEP = 24;

export interface GalleryFilter {
    /** One of the collection's folders; undefined = all. */
    folder?: string;
    favourites?: boolean;
    family?: ColourFamily;
}

/** `chameleon gallery --json --thumbnails` for one page with `filter`, for the configured backend command. */
export function galleryArgv(configured: string[], filter: GalleryFilter, offset: number): string[] | null {
    return commandArgv(configured, [
        'gallery',
        '--json',
        '--thumbnails',
        '--limit',
        String(GALLERY_STEP),
        '--offset',
        String(offset),
        ...(filter.folder ? ['--folder', filter.folder] : []),
        ...(filter.favourites ? ['--favourites'] : []),
        ...(filter.family ? ['--family', filter.family] : []),
    ]);
}

export function loadGalleryPage(
    configured: string[],
    filter: GalleryFilter,
    offset: number,
    cancellable: Gio.Cancellable,
): Promise<CommandResult<GalleryListJson>> {
    const argv = galleryArgv(configured, filter, offset);
    if (!argv) return Promise.resolve({ error: 'the backend command setting has no “serve” in it' });
    return runJsonCommand<GalleryListJson>(argv, cancellable);
}

/** Shows `path` now (`chameleon set PATH --json`), through the running backend when there is one. */
export function setPicture(
    configured: string[],
    path: string,
    cancellable: Gio.Cancellable,
): Promise<CommandResult<WallpaperJson>> {
    const argv = commandArgv(configured, ['set', path, '--json']);
    if (!argv) return Promise.resolve({ error: 'the backend command setting has no “serve” in it' });
    return runJsonCommand<WallpaperJson>(argv, cancellable);
}
