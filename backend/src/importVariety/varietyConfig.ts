import { homedir } from 'node:os';
import { join } from 'node:path';

/** One `srcN = enabled|type|location` line of variety.conf's `[sources]` section (Variety's Options.parse_source). */
export interface VarietySource {
    enabled: boolean;
    type: string;
    location: string;
}

/** What Chameleon takes over from a Variety configuration. */
export interface VarietyConfig {
    /** Enabled local folder sources: `folder` and the two album types, which Variety reads as folders too. */
    folders: string[];
    /** Variety's favourites folder (`favorites_folder`, default Favorites in Variety's folder). */
    favouritesFolder: string;
    /** Whether the favourites folder is one of Variety's enabled sources (`srcN = True|favorites|…`). */
    favouritesEnabled: boolean;
    /** Variety's folder of pictures fetched from the clipboard, when it is an enabled source. */
    fetchedFolder: string | null;
    /** Enabled sources Chameleon does not take over: single images and online sources, as Variety names them. */
    otherSources: VarietySource[];
}

/** Variety's source types that are folders on disk (Options.SourceType.LOCAL_PATH_TYPES, less single images). */
const FOLDER_TYPES = new Set(['folder', 'album (by filename)', 'album (by date)']);
/** ConfigObj's words for true (Options.TRUTH_VALUES). */
const TRUTH = new Set(['enabled', '1', 'true', 'on', 'yes']);

function expandHome(path: string, home: string): string {
    return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * A ConfigObj value: a quoted string up to its closing quote, else the text up to a `#` comment (ConfigObj quotes
 * any value holding `#` or a comma when it writes one).
 */
function configValue(raw: string): string {
    const quote = raw[0];
    if (quote === '"' || quote === "'") {
        const end = raw.indexOf(quote, 1);
        return end > 0 ? raw.slice(1, end) : raw.slice(1);
    }
    const comment = raw.indexOf('#');
    return (comment >= 0 ? raw.slice(0, comment) : raw).trim();
}

/** Variety's source syntax: `enabled|type|location`, the location possibly holding `|` itself. */
export function parseSource(value: string): VarietySource | null {
    const [enabled, type, ...location] = value.trim().split('|');
    if (enabled === undefined || type === undefined || location.length === 0) return null;
    return { enabled: TRUTH.has(enabled.trim().toLowerCase()), type: type.trim(), location: location.join('|').trim() };
}

/**
 * Reads variety.conf as Variety writes it (ConfigObj: top-level `key = value` lines, then the `[sources]` and
 * `[filters]` sections; `#` comments). Sources missing from the file get Variety's own defaults for them
 * (data/config/sources.txt: the favourites folder off, the fetched folder on).
 */
export function parseVarietyConfig(text: string, varietyDir: string, home = homedir()): VarietyConfig {
    const top = new Map<string, string>();
    const sources: VarietySource[] = [];
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
        if (!pair) continue;
        const key = pair[1]!;
        const value = configValue(pair[2]!);
        if (section === '') top.set(key, value);
        else if (section === 'sources' && /^src\d+$/.test(key)) {
            const source = parseSource(value);
            if (source) sources.push(source);
        }
    }
    const folderSetting = (key: string, fallback: string) => expandHome(top.get(key) || fallback, home);
    const of = (type: string) => sources.find((s) => s.type === type);
    const fetched = of('fetched') ?? { enabled: true };
    return {
        folders: sources.filter((s) => s.enabled && FOLDER_TYPES.has(s.type)).map((s) => expandHome(s.location, home)),
        favouritesFolder: folderSetting('favorites_folder', join(varietyDir, 'Favorites')),
        favouritesEnabled: of('favorites')?.enabled ?? false,
        fetchedFolder: fetched.enabled ? folderSetting('fetched_folder', join(varietyDir, 'Fetched')) : null,
        otherSources: sources.filter(
            (s) => s.enabled && !FOLDER_TYPES.has(s.type) && s.type !== 'favorites' && s.type !== 'fetched',
        ),
    };
}

/**
 * history.txt as Variety's save_history writes it: the position of the picture on screen, then one path a line,
 * the newest first. Returns the paths, newest first.
 */
export function parseHistory(text: string): string[] {
    const lines = text.split('\n').map((line) => line.trim());
    const body = /^\d+$/.test(lines[0] ?? '') ? lines.slice(1) : lines;
    return body.filter((line) => line.startsWith('/'));
}

/** banned.txt: the source URLs of downloaded pictures the user trashed in Variety, one a line (ban_url). */
export function parseBannedUrls(text: string): string[] {
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /^https?:\/\//i.test(line));
}
