import { execa } from 'execa';
import { join } from 'node:path';
import { dataHome } from '../paths.js';
import type { ConfigJson, DesktopBackgroundJson } from '../protocol/messages.js';
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
    const [config, background] = await Promise.all([readExtensionConfig(env), readDesktopBackground(env)]);
    return background ? { ...config, desktop: { ...config.desktop, background } } : config;
}

async function readExtensionConfig(env: NodeJS.ProcessEnv): Promise<ConfigJson> {
    for (const dir of schemaDirs(env)) {
        const values = await listRecursively(SCHEMA_ID, dir, env);
        if (values) return withKeyringKeys(configFromSettings(values).config, env);
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
 * GNOME's background colours (what a transparent picture is seen over), as the extension would forward them;
 * null without the schema.
 */
async function readDesktopBackground(env: NodeJS.ProcessEnv): Promise<DesktopBackgroundJson | null> {
    const values = await listRecursively('org.gnome.desktop.background', null, env);
    if (!values) return null;
    const text = (key: string) => (typeof values[key] === 'string' ? values[key] : undefined);
    const background: DesktopBackgroundJson = {};
    const primaryColor = text('primary-color');
    const secondaryColor = text('secondary-color');
    const shading = text('color-shading-type');
    if (primaryColor !== undefined) background.primaryColor = primaryColor;
    if (secondaryColor !== undefined) background.secondaryColor = secondaryColor;
    if (shading !== undefined) background.shading = shading;
    return background;
}

/** A schema's keys and values (`gsettings list-recursively`), or null when the schema is not found there. */
async function listRecursively(schema: string, dir: string | null, env: NodeJS.ProcessEnv): Promise<Record<string, unknown> | null> {
    const args = [...(dir ? ['--schemadir', dir] : []), 'list-recursively', schema];
    const result = await execa('gsettings', args, { env, reject: false, timeout: 5000 });
    if (result.exitCode !== 0) return null;
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
    return values;
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
