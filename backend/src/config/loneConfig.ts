import type { ConfigJson, DesktopBackgroundJson } from '../protocol/messages.js';
import { SOURCES } from '../online/sources/registry.js';
import { readBackgroundListing } from './gsettingsConfig.js';
import { readKeyringKeys } from './keyringKeys.js';
import { configFromListing, valuesFromListing } from './settingsMap.js';

/**
 * What the backend is configured with when no extension tells it (the CLI on its own, or `serve` until the
 * extension's `initialize`): the extension's settings (`listing`, gsettings' output) and GNOME's background
 * colours (`background`), both of which the CLI starts reading early, and the keyring's API keys for the sources
 * that take one.
 */
export async function loneConfig(
    listing: Promise<string | null> | string | null,
    background: Promise<string | null> = readBackgroundListing(),
    env: NodeJS.ProcessEnv = process.env,
): Promise<ConfigJson> {
    const [settings, backgroundListing] = await Promise.all([listing, background]);
    const config = await withKeyringKeys(configFromListing(settings), env);
    const colours = backgroundListing === null ? null : backgroundFrom(valuesFromListing(backgroundListing));
    return colours ? { ...config, desktop: { ...config.desktop, background: colours } } : config;
}

/** Adds the keyring's keys for the configured sources that take one (see keyringKeys.ts). */
async function withKeyringKeys(config: ConfigJson, env: NodeJS.ProcessEnv): Promise<ConfigJson> {
    const ids = (config.online?.sources ?? [])
        .filter((source) => SOURCES[source.kind]?.apiKey !== 'none')
        .map((source) => source.id);
    if (ids.length === 0) return config;
    const { keys } = await readKeyringKeys(ids, env);
    return { ...config, online: { ...config.online, apiKeys: keys } };
}

/** GNOME's background colours (what a transparent picture is seen over), as the extension would forward them. */
function backgroundFrom(values: Record<string, unknown>): DesktopBackgroundJson {
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
