import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataHome } from '../paths.js';
import { formatGVariantStringArray } from './gvariantText.js';
import { runGsettings } from './gsettingsTool.js';

// The extension's settings as the lone CLI reads and writes them with gsettings. This module stays light (no
// parsing libraries): the CLI starts reading the settings while it is still loading the rest of itself.

export const EXTENSION_UUID = 'chameleon@chameleon.dev';
export const SCHEMA_ID = 'org.gnome.shell.extensions.chameleon';

/**
 * Where the extension's compiled schema may be: a per-user install, a system install, or (for development) a
 * directory named by CHAMELEON_SCHEMA_DIR. null stands for the default schema path (schema installed globally).
 * Folders without a compiled schema are left out: asking gsettings about them costs a process each.
 */
function schemaDirs(env: NodeJS.ProcessEnv): (string | null)[] {
    const dirs: string[] = [
        join(dataHome(env), 'gnome-shell', 'extensions', EXTENSION_UUID, 'schemas'),
        join('/usr/share/gnome-shell/extensions', EXTENSION_UUID, 'schemas'),
    ];
    if (env.CHAMELEON_SCHEMA_DIR) dirs.unshift(env.CHAMELEON_SCHEMA_DIR);
    return [...dirs.filter((dir) => existsSync(join(dir, 'gschemas.compiled'))), null];
}

/**
 * The extension's settings as `gsettings list-recursively` prints them (one "schema key value" a line), so that
 * the CLI used on its own follows the same settings as the extension (there is no second config file). null
 * when the schema is not installed anywhere. settingsMap.ts's configFromListing turns this into settings.
 */
export async function readGSettingsListing(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
    for (const dir of schemaDirs(env)) {
        const result = await runGsettings([...(dir ? ['--schemadir', dir] : []), 'list-recursively', SCHEMA_ID], env);
        if (result.exitCode === 0) return result.stdout;
    }
    return null;
}

/** GNOME's background settings as `gsettings list-recursively` prints them (the colours a transparent picture is
 * seen over); null without the schema. */
export async function readBackgroundListing(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
    const result = await runGsettings(['list-recursively', 'org.gnome.desktop.background'], env);
    return result.exitCode === 0 ? result.stdout : null;
}

/**
 * Writes the extension's `folders` setting, where the extension's schema is installed; the extension (and so the
 * running backend) follows the change. False when no installed schema was found.
 */
export async function writeGSettingsFolders(
    folders: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
    for (const dir of schemaDirs(env)) {
        const args = [
            ...(dir ? ['--schemadir', dir] : []),
            'set',
            SCHEMA_ID,
            'folders',
            formatGVariantStringArray(folders),
        ];
        const result = await runGsettings(args, env);
        if (result.exitCode === 0) return true;
    }
    return false;
}
