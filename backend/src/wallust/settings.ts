// The wallust options in force for a run: what Chameleon asks for explicitly wins, else what the user's
// wallust.toml says (keys `backend`, `color_space`, `palette`, `threshold`, as wallust 3.x's src/config.rs
// reads them), else wallust's defaults. We pass the result to wallust as flags *and* use it to name the
// cache file, so both always agree, and the user's own wallust runs share the same cache entries.

import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parse as parseToml } from 'smol-toml';

import {
    WALLUST_DEFAULTS,
    parseBackend,
    parseColorspace,
    parsePaletteName,
    parseThreshold,
    type WallustOptions,
} from './options.js';

export interface WallustConfigRead {
    /** What the file sets; absent keys are left out. */
    options: Partial<WallustOptions>;
    /** Things the user may want to know (shown in `status`), e.g. a value wallust would refuse. */
    warnings: string[];
}

export interface WallustSettings {
    options: WallustOptions;
    configFile: string;
    configFound: boolean;
    warnings: string[];
}

/** Where wallust 3.x reads its config: `$XDG_CONFIG_HOME/wallust/wallust.toml` else `~/.config/…`. */
export function wallustConfigFile(env: NodeJS.ProcessEnv = process.env): string {
    const xdg = env.XDG_CONFIG_HOME;
    const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.config');
    return path.join(base, 'wallust', 'wallust.toml');
}

/** Reads the palette-shaping keys of a wallust.toml text. Never throws: problems become warnings. */
export function parseWallustConfig(text: string, file = 'wallust.toml'): WallustConfigRead {
    let doc: Record<string, unknown>;
    try {
        doc = parseToml(text) as Record<string, unknown>;
    } catch (err) {
        const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
        return {
            options: {},
            warnings: [`${file} is not valid TOML (${why}); wallust will refuse to run until it is fixed`],
        };
    }

    const options: Partial<WallustOptions> = {};
    const warnings: string[] = [];
    const refuse = (key: string, value: unknown) =>
        warnings.push(
            `${file}: ${key} = ${JSON.stringify(value)} is not a value wallust accepts; wallust will ` +
                `refuse to run until it is fixed`,
        );

    const pick = <K extends keyof WallustOptions>(
        key: string,
        field: K,
        parseValue: (v: unknown) => WallustOptions[K] | null | undefined,
    ) => {
        if (!(key in doc)) return;
        const v = parseValue(doc[key]);
        if (v === undefined || (v === null && field !== 'threshold')) refuse(key, doc[key]);
        else options[field] = v as WallustOptions[K];
    };
    pick('backend', 'backend', parseBackend);
    pick('color_space', 'colorspace', parseColorspace);
    pick('palette', 'palette', parsePaletteName);
    pick('threshold', 'threshold', parseThreshold);

    if ('preset' in doc) {
        warnings.push(
            `${file} sets preset = ${JSON.stringify(doc.preset)}, which overrides backend, colour ` +
                `space and palette in wallust builds that know presets; Chameleon cannot locate those palettes`,
        );
    }
    if ('filter' in doc && !('palette' in doc)) {
        warnings.push(
            `${file} uses the wallust 2 key \`filter\`; wallust 3 reads \`palette\` (run \`wallust migrate\`)`,
        );
    }
    return { options, warnings };
}

/**
 * Explicit options win, then the config file, then wallust's defaults. A threshold of null (automatic)
 * cannot override one set in wallust.toml: wallust's `-t` only takes 1–100, so there is no flag for "auto".
 */
export function resolveWallustOptions(
    explicit: Partial<WallustOptions>,
    fromConfig: Partial<WallustOptions>,
): WallustOptions {
    return {
        backend: explicit.backend ?? fromConfig.backend ?? WALLUST_DEFAULTS.backend,
        colorspace: explicit.colorspace ?? fromConfig.colorspace ?? WALLUST_DEFAULTS.colorspace,
        palette: explicit.palette ?? fromConfig.palette ?? WALLUST_DEFAULTS.palette,
        threshold: explicit.threshold ?? fromConfig.threshold ?? WALLUST_DEFAULTS.threshold,
    };
}

/** Reads the user's wallust.toml (a missing one is normal) and resolves the options in force. */
export async function wallustSettings(
    explicit: Partial<WallustOptions> = {},
    opts: { configFile?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<WallustSettings> {
    const configFile = opts.configFile ?? wallustConfigFile(opts.env);
    let text: string | null = null;
    const warnings: string[] = [];
    try {
        text = await readFile(configFile, 'utf8');
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
            warnings.push(`cannot read ${configFile}: ${(err as Error).message}`);
    }
    const read = text === null ? { options: {}, warnings: [] } : parseWallustConfig(text, configFile);
    return {
        options: resolveWallustOptions(explicit, read.options),
        configFile,
        configFound: text !== null,
        warnings: [...warnings, ...read.warnings],
    };
}
