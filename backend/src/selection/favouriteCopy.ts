// Variety's two favourites operations on files: copy the picture into the favourites folder, or move it there.
// Both write beside the final name and rename, so the favourites folder never shows a half file.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { picturesDir } from '../config/folders.js';
import type { FavouriteMode } from '../protocol/messages.js';

/** The favourites folder in use: the configured one, else Favorites in the Pictures folder; none in mode 'mark'. */
export function favouritesFolderOf(
    settings: { favouriteMode: FavouriteMode; favouritesFolder: string },
    env: NodeJS.ProcessEnv = process.env,
): string | null {
    if (settings.favouriteMode === 'mark') return null;
    return resolve(settings.favouritesFolder || join(picturesDir(env), 'Favorites'));
}

/** The first of `name`, `name (2).ext`, `name (3).ext` … in `folder` that `fits`. */
function firstName(folder: string, name: string, fits: (target: string) => boolean): string {
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    for (let n = 1; n < 10_000; n++) {
        const target = join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
        if (fits(target)) return target;
    }
    throw new Error(`no free name for ${name} in ${folder}`);
}

/** Copies `from` to `target` through a temporary file beside it. */
function copyInto(from: string, target: string): void {
    const temporary = join(resolve(target, '..'), `.${basename(target)}.chameleon-part`);
    try {
        copyFileSync(from, temporary);
        renameSync(temporary, target);
    } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
    }
}

/**
 * Copies `path` into `folder` (created if needed) under its own name, or `name (2).ext` … when another file holds
 * that name. A file of the same name and size counts as the copy made before, and is returned as is.
 */
export function copyToFavourites(path: string, folder: string): string {
    mkdirSync(folder, { recursive: true });
    const size = statSync(path).size;
    const target = firstName(folder, basename(path), (t) => t === path || !existsSync(t) || statSync(t).size === size);
    if (!existsSync(target)) copyInto(path, target);
    return target;
}

/**
 * Moves `path` into `folder` (created if needed) under its own name, or the next free `name (2).ext`: never over
 * another file. Across file systems the picture is copied, then the original removed once the copy is complete.
 */
export function moveToFavourites(path: string, folder: string): string {
    mkdirSync(folder, { recursive: true });
    const target = firstName(folder, basename(path), (t) => t === path || !existsSync(t));
    if (target === path) return target;
    try {
        renameSync(path, target);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        copyInto(path, target);
        unlinkSync(path);
    }
    return target;
}
