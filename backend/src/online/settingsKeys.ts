// GSettings keys of online sources. The per-source list is one JSON string (`online-sources`, type `s`): each
// kind has its own options (a query, a subreddit, JSON paths…), which GSettings can only type as a{sv} inside
// aa{sv} — awkward to edit from preferences, unreadable with `gsettings get`, and beyond our GVariant text
// reader. A JSON string is validated here by the same zod schema as `config.update`, so a bad value is reported
// and ignored like any other key. API keys are not in it: they live in the keyring, or, when the user declined
// it, in `online-api-keys` (a JSON object, source id → key).
import { z } from 'zod';
import type { ConfigJson, OnlineConfigJson } from '../protocol/messages.js';
import { onlineConfigSchema } from './config.js';

export interface SettingsKeyRule {
    value: z.ZodType;
    apply(config: ConfigJson, value: never): void;
}

function online(config: ConfigJson): OnlineConfigJson {
    return (config.online ??= {});
}

/** A JSON text (empty = `empty`) holding a value of `schema`. */
function json<T extends z.ZodType>(schema: T, empty: unknown) {
    return z
        .string()
        .transform((text, context) => {
            if (text.trim() === '') return empty;
            try {
                return JSON.parse(text) as unknown;
            } catch {
                context.addIssue({ code: 'custom', message: 'not JSON' });
                return z.NEVER;
            }
        })
        .pipe(schema);
}

const shape = onlineConfigSchema.shape;
const unwrap = <T extends z.ZodType>(schema: z.ZodOptional<T>) => schema.unwrap();

export const ONLINE_KEYS: Record<string, SettingsKeyRule> = {
    'online-sources': {
        value: json(unwrap(shape.sources), []),
        apply: (c, v: OnlineConfigJson['sources']) => (online(c).sources = v),
    },
    // Never "unusable": the warning for an unusable value quotes it, and this one holds secrets. A broken value
    // counts as no keys (the sources that need one then say so).
    'online-api-keys': {
        value: json(unwrap(shape.apiKeys), {}).catch({}),
        apply: (c, v: Record<string, string>) => (online(c).settingsApiKeys = v),
    },
    'online-quota-mb': { value: unwrap(shape.quotaMb), apply: (c, v: number) => (online(c).quotaMb = v) },
    'online-max-image-mb': { value: unwrap(shape.maxImageMb), apply: (c, v: number) => (online(c).maxImageMb = v) },
    'online-download-folder': {
        value: unwrap(shape.downloadFolder),
        apply: (c, v: string) => (online(c).downloadFolder = v),
    },
    'online-refresh-minutes': {
        value: unwrap(shape.refreshMinutes),
        apply: (c, v: number) => (online(c).refreshMinutes = v),
    },
    'online-per-refresh': { value: unwrap(shape.perRefresh), apply: (c, v: number) => (online(c).perRefresh = v) },
    'online-safe-mode': { value: unwrap(shape.safeMode), apply: (c, v: boolean) => (online(c).safeMode = v) },
};

/** `update` over `base`. The keyring's keys and the setting's are separate fields, each replaced whole. */
export function mergeOnline(
    base: OnlineConfigJson | undefined,
    update: OnlineConfigJson | undefined,
): OnlineConfigJson {
    // Each set arrives complete, so a key the user removed must disappear, not linger from an earlier set.
    return { ...base, ...update };
}
