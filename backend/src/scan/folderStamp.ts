// What a complete scan of a folder saw of its sub-folders, to tell later, with one stat per folder instead of one
// per file, that no file was added, removed or renamed anywhere below it: each of those changes a folder's
// status-change time (ctime), as do a sub-folder's own renaming and a change of its permissions. A file
// rewritten in place changes no folder; the lone CLI accepts that (palettes check the file itself, and
// `chameleon rescan` and the running backend look at every file).
import { statSync } from 'node:fs';

/** The stamp of a scan's folders, as stored in sources.folder_stamp. */
export function folderStamp(folders: readonly (readonly [string, number])[]): string {
    return JSON.stringify(folders);
}

/** Whether every folder of `stamp` is still a folder with the same status-change time. */
export function folderUnchanged(stamp: string | null | undefined): boolean {
    if (!stamp) return false;
    let folders: [string, number][];
    try {
        folders = JSON.parse(stamp) as [string, number][];
    } catch {
        return false;
    }
    if (!Array.isArray(folders) || folders.length === 0) return false;
    return folders.every(([path, ctimeMs]) => {
        try {
            const info = statSync(path);
            return info.isDirectory() && info.ctimeMs === ctimeMs;
        } catch {
            return false;
        }
    });
}
