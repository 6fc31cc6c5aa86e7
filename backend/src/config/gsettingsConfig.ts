import { execa } from 'execa';
import { join } from 'node:path';
import { dataHome } from '../paths.js';
import { parseGVariantStringArray } from './gvariantText.js';

export const EXTENSION_UUID = 'chameleon@chameleon.dev';
export const SCHEMA_ID = 'org.gnome.shell.extensions.chameleon';

/**
 * Where the extension's compiled schema may be: a per-user install, a system install, or (for development) a
 * directory named by CHAMELEON_SCHEMA_DIR. null stands for the default schema path (schema installed globally).
 */
function schemaDirs(env: NodeJS.ProcessEnv): (string | null)[] {
    const dirs: (string | null)[] = [
        join(dataHome(env), 'gnome-shell', 'extensions', EXTENSION_UUID, 'schemas'),
        join('/usr/share/gnome-shell/extensions', EXTENSION_UUID, 'schemas'),
        null,
    ];
    if (env.CHAMELEON_SCHEMA_DIR) dirs.unshift(env.CHAMELEON_SCHEMA_DIR);
    return dirs;
}

/**
 * The `folders` setting the extension's preferences write, read through gsettings, so that the CLI used on its
 * own follows the same settings as the extension (there is no second config file). [] when unavailable.
 */
export async function readConfiguredFolders(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
    for (const dir of schemaDirs(env)) {
        const args = [...(dir ? ['--schemadir', dir] : []), 'get', SCHEMA_ID, 'folders'];
        const result = await execa('gsettings', args, { env, reject: false, timeout: 5000 });
        if (result.exitCode === 0) return parseGVariantStringArray(result.stdout);
    }
    return [];
}
