import { homedir } from 'node:os';
import { join } from 'node:path';

/** What Chameleon takes over from a Variety configuration. */
export interface VarietyConfig {
    /** Enabled local folder sources (`srcN = True|folder|PATH`). */
    folders: string[];
    /** Variety's favourites folder (`favorites_folder`, default ~/.config/variety/Favorites). */
    favouritesFolder: string;
}

function expandHome(path: string, home: string): string {
    return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * Reads variety.conf (ConfigObj syntax: `key = value` lines, `#` comments, `[sections]`). Sources are
 * `srcN = Enabled|type|location`; only enabled `folder` sources are local collections we can use.
 */
export function parseVarietyConfig(text: string, varietyDir: string, home = homedir()): VarietyConfig {
    const folders: string[] = [];
    let favouritesFolder = join(varietyDir, 'Favorites');
    let section = '';
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#')) continue;
        const header = /^\[+([^\]]*)\]+$/.exec(line);
        if (header) {
            section = header[1]!.trim();
            continue;
        }
        const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
        if (!pair || section !== '') continue;
        const [, key, value] = pair as unknown as [string, string, string];
        const unquoted = value.replace(/^(['"])(.*)\1$/, '$2');
        if (/^src\d+$/.test(key)) {
            const [enabled, type, ...location] = unquoted.split('|');
            if (enabled?.trim().toLowerCase() === 'true' && type?.trim() === 'folder' && location.length > 0) {
                folders.push(expandHome(location.join('|').trim(), home));
            }
        } else if (key === 'favorites_folder' && unquoted.trim() !== '') {
            favouritesFolder = expandHome(unquoted.trim(), home);
        }
    }
    return { folders, favouritesFolder };
}

/** Paths listed one per line (banned.txt, history.txt); blank lines and URLs are skipped. */
export function parsePathList(text: string): string[] {
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('/'));
}
