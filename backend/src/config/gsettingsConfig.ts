import { execa } from 'execa';
import { join } from 'node:path';
import { dataHome } from '../paths.js';
import type { ConfigJson } from '../protocol/messages.js';
import { formatGVariantStringArray, parseGVariantValue } from './gvariantText.js';
import { SOURCES } from '../online/sources/registry.js';
import { readKeyringKeys } from './keyringKeys.js';
import { configFromSettings } from './settingsMap.js';

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
 * The extension's settings, read through gsettings, so that the CLI used on its own follows the same settings as
 * the extension (there is no second config file). Empty when the schema is not installed anywhere.
 */
export async function readGSettingsConfig(env: NodeJS.ProcessEnv = process.env): Promise<ConfigJson> {
    for (const dir of schemaDirs(env)) {
        const args = [...(dir ? ['--schemadir', dir] : []), 'list-recursively', SCHEMA_ID];
        const result = await execa('gsettings', args, { env, reject: false, timeout: 5000 });
        if (result.exitCode !== 0) continue;
        const values: Record<string, unknown> = {};
        for (const line of result.stdout.split('\n')) {
            const match = /^\S+ (\S+) (.*)$/.exec(line);
            if (!match) continue;
            try {
                values[match[1]!] = parseGVariantValue(match[2]!);
            } catch {
                // A key of a type this reader does not know is not one the backend uses.
            }
        }
        return withKeyringKeys(configFromSettings(values).config, env);
    }
    return {};
}

/** Adds the keyring's keys for the configured sources that take one (see keyringKeys.ts). */
async function withKeyringKeys(config: ConfigJson, env: NodeJS.ProcessEnv): Promise<ConfigJson> {
    const ids = (config.online?.sources ?? []).filter((source) => SOURCES[source.kind]?.apiKey !== 'none').map((source) => source.id);
    if (ids.length === 0) return config;
    const { keys } = await readKeyringKeys(ids, env);
    return { ...config, online: { ...config.online, apiKeys: keys } };
}

/**
 * Writes the extension's `folders` setting, where the extension's schema is installed; the extension (and so the
 * running backend) follows the change. False when no installed schema was found.
 */
export async function writeGSettingsFolders(folders: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
    for (const dir of schemaDirs(env)) {
        const args = [...(dir ? ['--schemadir', dir] : []), 'set', SCHEMA_ID, 'folders', formatGVariantStringArray(folders)];
        const result = await execa('gsettings', args, { env, reject: false, timeout: 5000 });
        if (result.exitCode === 0) return true;
    }
    return false;
}
