import { z } from 'zod';
import { parseGVariantValue } from './gvariantText.js';
import { SELECTION_KEYS } from '../selection/settingsKeys.js';
import { mergeOnline, ONLINE_KEYS } from '../online/settingsKeys.js';
import {
    DISPLAY_MODE_NAMES,
    type ConfigJson,
    type DisplayModeName,
    type MonitorMode,
    type MonitorsConfigJson,
    type OverlayCorner,
    type PaletteConfigJson,
    type PaletteFrom,
    type ThemeConfigJson,
} from '../protocol/messages.js';

/**
 * The one mapping from the GSettings keys in schemas/org.gnome.shell.extensions.chameleon.gschema.xml to the
 * backend's settings. The extension forwards its keys by name and the lone CLI reads them with gsettings; both
 * end up here. Keys the backend has no use for (shortcuts, the backend command) are ignored.
 */
interface KeyRule {
    value: z.ZodType;
    apply(config: ConfigJson, value: never): void;
}

function palette(config: ConfigJson): PaletteConfigJson {
    return (config.palette ??= {});
}

function theme(config: ConfigJson): ThemeConfigJson {
    return (config.theme ??= {});
}

function monitors(config: ConfigJson): MonitorsConfigJson {
    return (config.monitors ??= {});
}

const str = z.string();
const bool = z.boolean();
const seconds = z.number().int().min(1).max(600);

const KEYS: Record<string, KeyRule> = {
    ...SELECTION_KEYS,
    ...ONLINE_KEYS,
    folders: { value: z.array(str), apply: (c, v: string[]) => (c.folders = v) },
    'use-wallust': { value: bool, apply: (c, v: boolean) => (palette(c).useWallust = v) },
    'wallust-backend': { value: str, apply: (c, v: string) => (palette(c).wallustBackend = v) },
    'wallust-colorspace': { value: str, apply: (c, v: string) => (palette(c).wallustColorspace = v) },
    'wallust-palette': { value: str, apply: (c, v: string) => (palette(c).wallustPalette = v) },
    'wallust-apply-theme': { value: bool, apply: (c, v: boolean) => (palette(c).wallustApplyTheme = v) },
    'wallust-timeout': { value: seconds, apply: (c, v: number) => (palette(c).wallustTimeoutSeconds = v) },
    'set-wallpaper-script': { value: str, apply: (c, v: string) => (c.setWallpaperScript = v) },
    'post-change-commands': {
        value: z.array(z.array(str).min(1)),
        apply: (c, v: string[][]) => (c.postChangeCommands = v),
    },
    'hook-timeout': { value: seconds, apply: (c, v: number) => (c.hookTimeoutSeconds = v) },
    'background-analysis': { value: bool, apply: (c, v: boolean) => (c.backgroundAnalysis = v) },
    'change-interval': {
        value: z.number().int().min(0).max(1440),
        apply: (c, v: number) => (c.changeIntervalMinutes = v),
    },
    'change-on-start': { value: bool, apply: (c, v: boolean) => (c.changeOnStart = v) },
    'accent-sync': { value: bool, apply: (c, v: boolean) => ((c.accent ??= {}).sync = v) },
    'accent-sync-paused': { value: bool, apply: (c, v: boolean) => ((c.accent ??= {}).paused = v) },
    // Theme outputs. templates is `aas`, each entry [template, target]: the GVariant reader knows
    // arrays, not tuples, and a preferences list edits an array of pairs just as easily.
    'write-pywal': { value: bool, apply: (c, v: boolean) => (theme(c).pywal = v) },
    templates: {
        value: z.array(z.tuple([str.min(1), str.min(1)])),
        apply: (c, v: [string, string][]) =>
            (theme(c).templates = v.map(([template, target]) => ({ template, target }))),
    },
    'reload-commands': {
        value: z.array(z.array(str).min(1)),
        apply: (c, v: string[][]) => (theme(c).reloadCommands = v),
    },
    'dark-wallpaper': {
        value: z.enum(['same', 'darker']),
        apply: (c, v: 'same' | 'darker') => (theme(c).darkMode = v),
    },
    // Monitors; the layout itself comes from the Shell, not from a key.
    'monitor-mode': {
        value: z.enum(['same', 'per-monitor', 'span']),
        apply: (c, v: MonitorMode) => ((c.monitors ??= {}).mode = v),
    },
    'display-mode': {
        value: z.enum(DISPLAY_MODE_NAMES),
        apply: (c, v: DisplayModeName) => ((c.monitors ??= {}).displayMode = v),
    },
    'palette-from': {
        value: z.enum(['primary', 'largest', 'blend']),
        apply: (c, v: PaletteFrom) => ((c.monitors ??= {}).paletteFrom = v),
    },
    // Clock and quote drawn into the composed wallpaper (overlay/); flat fields, so one changed key merges alone.
    'overlay-clock': { value: bool, apply: (c, v: boolean) => (monitors(c).overlayClock = v) },
    'overlay-date': { value: bool, apply: (c, v: boolean) => (monitors(c).overlayDate = v) },
    'overlay-clock-format': {
        value: z.enum(['24h', '12h']),
        apply: (c, v: '24h' | '12h') => (monitors(c).overlayClockFormat = v),
    },
    'overlay-quotes': { value: bool, apply: (c, v: boolean) => (monitors(c).overlayQuotes = v) },
    'overlay-quotes-file': { value: str, apply: (c, v: string) => (monitors(c).overlayQuotesFile = v) },
    'overlay-corner': {
        value: z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left']),
        apply: (c, v: OverlayCorner) => (monitors(c).overlayCorner = v),
    },
};

/** Every GSettings key the backend maps (the schema must have each; tests/schema checks it). */
export function mappedSettingsKeys(): string[] {
    return Object.keys(KEYS);
}

export function configFromSettings(values: Record<string, unknown>): { config: ConfigJson; problems: string[] } {
    const config: ConfigJson = {};
    const problems: string[] = [];
    for (const [key, raw] of Object.entries(values)) {
        const rule = KEYS[key];
        if (!rule) continue;
        const parsed = rule.value.safeParse(raw);
        if (parsed.success) rule.apply(config, parsed.data as never);
        else problems.push(`setting ${key} has an unusable value ${JSON.stringify(raw)}; keeping the previous one`);
    }
    return { config, problems };
}

/** `update` laid over `base`: named fields replace, nested palette and theme fields merge. */
export function mergeConfig(base: ConfigJson, update: ConfigJson): ConfigJson {
    const merged: ConfigJson = { ...base, ...update };
    if (base.palette || update.palette) merged.palette = { ...base.palette, ...update.palette };
    if (base.selection || update.selection) merged.selection = { ...base.selection, ...update.selection };
    if (base.desktop || update.desktop) merged.desktop = { ...base.desktop, ...update.desktop };
    if (base.theme || update.theme) merged.theme = { ...base.theme, ...update.theme };
    if (base.monitors || update.monitors) merged.monitors = { ...base.monitors, ...update.monitors };
    if (base.accent || update.accent) merged.accent = { ...base.accent, ...update.accent };
    if (base.online || update.online) merged.online = mergeOnline(base.online, update.online);
    return merged;
}

/**
 * Settings from `gsettings list-recursively` output (gsettingsConfig.ts: readGSettingsListing); none when the
 * schema was not found.
 */
export function configFromListing(listing: string | null): ConfigJson {
    return listing === null ? {} : configFromSettings(valuesFromListing(listing)).config;
}

/** Key → value of a `gsettings list-recursively` output ("schema key value" a line). */
export function valuesFromListing(listing: string): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const line of listing.split('\n')) {
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
