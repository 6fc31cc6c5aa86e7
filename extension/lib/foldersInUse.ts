// Which folders the backend takes its pictures from, as the preferences should show them: with none configured it
// uses the Pictures folder (backend/src/config/folders.ts, effectiveFolders), so that is what is in use.
import { GLib } from './gi.js';

export interface FoldersInUse {
    folders: string[];
    /** True when no folder is configured and the Pictures folder stands in. */
    isDefault: boolean;
}

/** The user's Pictures folder as xdg-user-dirs names it (~/Bilder…), else ~/Pictures: the backend's rule. */
export function picturesDir(): string {
    return (
        GLib.get_user_special_dir(GLib.UserDirectory.DIRECTORY_PICTURES) ??
        GLib.build_filenamev([GLib.get_home_dir(), 'Pictures'])
    );
}

/** The configured folders, else the Pictures folder when it exists; else none. */
export function foldersInUse(configured: readonly string[], pictures: string = picturesDir()): FoldersInUse {
    if (configured.length > 0) return { folders: [...configured], isDefault: false };
    return GLib.file_test(pictures, GLib.FileTest.IS_DIR)
        ? { folders: [pictures], isDefault: true }
        : { folders: [], isDefault: false };
}
