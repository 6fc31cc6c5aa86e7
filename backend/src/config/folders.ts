import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user's Pictures folder as xdg-user-dirs names it (localised names such as ~/Bilder included), else
 * ~/Pictures. With no folder configured, this is where a new user's wallpapers most likely are.
 */
export function picturesDir(env: NodeJS.ProcessEnv = process.env): string {
    const home = env.HOME || homedir();
    const configHome = env.XDG_CONFIG_HOME || join(home, '.config');
    try {
        const dirs = readFileSync(join(configHome, 'user-dirs.dirs'), 'utf8');
        const match = /^XDG_PICTURES_DIR="(.*)"$/m.exec(dirs);
        if (match?.[1]) return match[1].replace(/^\$HOME/, home);
    } catch {
        // No user-dirs.dirs: not every system runs xdg-user-dirs.
    }
    return join(home, 'Pictures');
}

/** The folders to use: the configured ones, or the Pictures folder when none is configured and it exists. */
export function effectiveFolders(configured: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
    if (configured.length > 0) return [...configured];
    const pictures = picturesDir(env);
    return existsSync(pictures) ? [pictures] : [];
}
