import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/**
 * Copies `path` into `folder` (created if needed) under its own name, or `name (2).ext` … when another file holds
 * that name. The copy is written beside its final name and renamed, so the favourites folder never shows a half
 * file. A file of the same name and size counts as the copy made before, and is returned as is.
 */
export function copyToFavourites(path: string, folder: string): string {
    mkdirSync(folder, { recursive: true });
    const name = basename(path);
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    const size = statSync(path).size;
    for (let n = 1; n < 10_000; n++) {
        const target = join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
        if (target === path) return target;
        if (existsSync(target)) {
            if (statSync(target).size === size) return target;
            continue;
        }
        const temporary = join(folder, `.${basename(target)}.chameleon-part`);
        try {
            copyFileSync(path, temporary);
            renameSync(temporary, target);
        } catch (error) {
            rmSync(temporary, { force: true });
            throw error;
        }
        return target;
    }
    throw new Error(`no free name for ${name} in ${folder}`);
}
