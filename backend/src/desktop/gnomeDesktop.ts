import { execa } from 'execa';
import { formatGVariantString, parseGVariantString } from '../config/gvariantText.js';
import type { ChangeReason } from '../protocol/messages.js';
import { SetWallpaperError, type DesktopExtras, type DesktopSetter } from './desktopSetter.js';

const BACKGROUND = 'org.gnome.desktop.background';
const TIMEOUT_MS = 5000;

async function gsettings(args: string[]): Promise<string> {
    const { stdout } = await execa('gsettings', args, { timeout: TIMEOUT_MS });
    return stdout;
}

/**
 * Sets the GNOME wallpaper through GSettings. Both picture-uri and picture-uri-dark are written: GNOME shows the
 * dark one whenever the dark style is on, and a stale dark URI is the classic "my wallpaper did not change" bug.
 * picture-uri-dark gets the same picture unless a separate one for the dark style is given (theme.darkMode
 * 'darker'). GNOME's lock screen draws this same background, blurred: it has no picture of its own.
 */
export class GnomeDesktop implements DesktopSetter {
    constructor(private readonly pictureOptions = 'zoom') {}

    async set(path: string, uri: string, _reason?: ChangeReason, extras: DesktopExtras = {}): Promise<void> {
        const value = formatGVariantString(uri);
        const darkUri = extras.darkUri ?? uri;
        try {
            await gsettings(['set', BACKGROUND, 'picture-options', formatGVariantString(extras.pictureOptions ?? this.pictureOptions)]);
            await gsettings(['set', BACKGROUND, 'picture-uri', value]);
            await gsettings(['set', BACKGROUND, 'picture-uri-dark', formatGVariantString(darkUri)]);
        } catch (error) {
            throw new SetWallpaperError(`could not set the wallpaper to ${path}: ${describe(error)}`);
        }
        // Without a session bus gsettings falls back to a private in-memory store and still exits 0; reading the
        // key back from a new process is what tells us the desktop really has the wallpaper.
        const read = async (schema: string, key: string) => parseGVariantString(await gsettings(['get', schema, key]).catch(() => "''"));
        if ((await read(BACKGROUND, 'picture-uri')) !== uri || (await read(BACKGROUND, 'picture-uri-dark')) !== darkUri) {
            throw new SetWallpaperError(
                `the desktop did not keep the wallpaper ${path}: GSettings changes are not saved (is a GNOME session running?)`,
            );
        }
    }
}

function describe(error: unknown): string {
    const e = error as { code?: string; stderr?: string; shortMessage?: string; message?: string };
    if (e.code === 'ENOENT') return 'gsettings is not installed (package libglib2.0-bin)';
    // GLib prefixes warnings with "(process:PID): DOMAIN-WARNING **: TIME:"; keep only what they say.
    return (e.stderr || e.shortMessage || e.message || String(error))
        .split('\n')
        .map((line) => line.replace(/^\(process:\d+\): [\w-]+ \*\*: [\d:.]+: /, '').trim())
        .filter(Boolean)
        .join('; ');
}
