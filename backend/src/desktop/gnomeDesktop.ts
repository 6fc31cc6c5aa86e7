import { runGsettings, type ToolResult } from '../config/gsettingsTool.js';
import { formatGVariantString, parseGVariantString } from '../config/gvariantText.js';
import type { ChangeReason } from '../protocol/messages.js';
import { SetWallpaperError, type DesktopExtras, type DesktopSetter } from './desktopSetter.js';

const BACKGROUND = 'org.gnome.desktop.background';

async function gsettings(args: string[]): Promise<string> {
    const result = await runGsettings(args);
    if (result.exitCode !== 0) throw new Error(describe(result));
    return result.stdout;
}

/** Every key of `schema` as GNOME reads it, from one gsettings process (`list-recursively`). */
async function readKeys(schema: string): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    const result = await runGsettings(['list-recursively', schema]);
    if (result.exitCode !== 0) return keys;
    for (const line of result.stdout.split('\n')) {
        const match = /^\S+ (\S+) (.*)$/.exec(line);
        if (!match) continue;
        try {
            keys.set(match[1]!, parseGVariantString(match[2]!));
        } catch {
            // Not a string key (booleans, numbers): none this setter reads.
        }
    }
    return keys;
}

/**
 * Sets the GNOME wallpaper through GSettings. Both picture-uri and picture-uri-dark are written: GNOME shows the
 * dark one whenever the dark style is on, and a stale dark URI is the classic "my wallpaper did not change" bug.
 * picture-uri-dark gets the same picture unless a separate one for the dark style is given (theme.darkMode
 * 'darker'). GNOME's lock screen draws this same background, blurred: it has no picture of its own.
 *
 * Each gsettings run is a process start, so the order is what the user waits for: picture-uri first (the change
 * they see), then picture-uri-dark, then one read of the whole schema that both checks the two and says whether
 * picture-options needs writing at all (it rarely changes).
 */
export class GnomeDesktop implements DesktopSetter {
    constructor(private readonly pictureOptions = 'zoom') {}

    async set(path: string, uri: string, _reason?: ChangeReason, extras: DesktopExtras = {}): Promise<void> {
        const value = formatGVariantString(uri);
        const darkUri = extras.darkUri ?? uri;
        const options = extras.pictureOptions ?? this.pictureOptions;
        try {
            await gsettings(['set', BACKGROUND, 'picture-uri', value]);
            await gsettings(['set', BACKGROUND, 'picture-uri-dark', formatGVariantString(darkUri)]);
        } catch (error) {
            throw new SetWallpaperError(`could not set the wallpaper to ${path}: ${(error as Error).message}`);
        }
        // Without a session bus gsettings falls back to a private in-memory store and still exits 0; reading the
        // keys back from a new process is what tells us the desktop really has the wallpaper.
        const keys = await readKeys(BACKGROUND);
        const shown = keys.get('picture-uri') ?? '';
        if (shown !== uri || keys.get('picture-uri-dark') !== darkUri) {
            throw new SetWallpaperError(
                `the desktop did not keep the wallpaper ${path}: GSettings changes are not saved (is a ` +
                    `GNOME session running?), ` +
                    `or another program set the wallpaper at the same moment (picture-uri now reads ` +
                    `${shown ? `'${shown}'` : 'nothing'})`,
            );
        }
        if (keys.get('picture-options') !== options) {
            try {
                await gsettings(['set', BACKGROUND, 'picture-options', formatGVariantString(options)]);
            } catch (error) {
                throw new SetWallpaperError(
                    `could not set how the wallpaper ${path} fills the screen: ${(error as Error).message}`,
                );
            }
        }
    }
}

function describe(result: ToolResult): string {
    if (result.errorCode === 'ENOENT') return 'gsettings is not installed (package libglib2.0-bin)';
    if (result.errorCode === 'ETIMEDOUT') return 'gsettings did not finish in time';
    // GLib prefixes warnings with "(process:PID): DOMAIN-WARNING **: TIME:"; keep only what they say.
    return (result.stderr || `gsettings failed (${result.errorCode ?? `exit status ${result.exitCode}`})`)
        .split('\n')
        .map((line) => line.replace(/^\(process:\d+\): [\w-]+ \*\*: [\d:.]+: /, '').trim())
        .filter(Boolean)
        .join('; ');
}
