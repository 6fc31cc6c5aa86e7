// Online settings with every default in one place, and their validation (shared by `config.update` and the
// GSettings keys). Nothing is enabled by default: a fresh install makes no request at all.
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { OnlineConfigJson, OnlineSourceConfigJson, OnlineSourceKind } from '../protocol/messages.js';

export const SOURCE_KINDS = [
    'wallhaven',
    'unsplash',
    'bing',
    'apod',
    'reddit',
    'earthview',
    'flickr',
    'artstation',
    'url',
    'json',
    'rss',
] as const satisfies readonly OnlineSourceKind[];

/** Ids name folders and keyring entries: no slashes, no dots, nothing to escape. */
export const sourceIdSchema = z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a source id is lowercase letters, digits and -, up to 40');

export const onlineSourceSchema = z.object({
    id: sourceIdSchema,
    kind: z.enum(SOURCE_KINDS),
    enabled: z.boolean().optional(),
    weight: z.number().min(0).max(100).optional(),
    refreshMinutes: z
        .number()
        .int()
        .min(0)
        .max(60 * 24 * 30)
        .optional(),
    options: z.record(z.string(), z.unknown()).optional(),
});

export const onlineConfigSchema = z.object({
    sources: z
        .array(onlineSourceSchema)
        .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'two online sources have the same id')
        .optional(),
    quotaMb: z.number().int().min(10).max(1_000_000).optional(),
    maxImageMb: z.number().int().min(1).max(1000).optional(),
    downloadFolder: z.string().optional(),
    refreshMinutes: z
        .number()
        .int()
        .min(0)
        .max(60 * 24 * 30)
        .optional(),
    perRefresh: z.number().int().min(1).max(50).optional(),
    safeMode: z.boolean().optional(),
    requestIntervalMs: z.number().int().min(0).max(60_000).optional(),
    timeoutSeconds: z.number().int().min(1).max(600).optional(),
    apiKeys: z.record(z.string(), z.string()).optional(),
    settingsApiKeys: z.record(z.string(), z.string()).optional(),
});

export const ONLINE_DEFAULTS = {
    quotaMb: 1000,
    maxImageMb: 40,
    refreshMinutes: 60,
    perRefresh: 4,
    safeMode: true,
    requestIntervalMs: 1000,
    timeoutSeconds: 30,
} as const;

export interface ResolvedSource {
    id: string;
    kind: OnlineSourceKind;
    enabled: boolean;
    weight: number;
    refreshMinutes: number;
    options: Record<string, unknown>;
    folder: string;
}

export interface OnlineSettings {
    sources: ResolvedSource[];
    downloadRoot: string;
    quotaBytes: number;
    maxImageBytes: number;
    perRefresh: number;
    safeMode: boolean;
    requestIntervalMs: number;
    timeoutMs: number;
    apiKeys: ReadonlyMap<string, string>;
}

export function resolveOnlineSettings(json: OnlineConfigJson = {}, dataDir: string): OnlineSettings {
    const c = { ...ONLINE_DEFAULTS, ...json };
    const downloadRoot = json.downloadFolder ? resolve(json.downloadFolder) : join(dataDir, 'downloads');
    return {
        sources: (json.sources ?? []).map((source: OnlineSourceConfigJson) => ({
            id: source.id,
            kind: source.kind,
            enabled: source.enabled ?? false,
            weight: source.weight ?? 1,
            refreshMinutes: source.refreshMinutes ?? c.refreshMinutes,
            options: source.options ?? {},
            folder: join(downloadRoot, source.id),
        })),
        downloadRoot,
        quotaBytes: c.quotaMb * 1024 * 1024,
        maxImageBytes: c.maxImageMb * 1024 * 1024,
        perRefresh: c.perRefresh,
        safeMode: c.safeMode,
        requestIntervalMs: c.requestIntervalMs,
        timeoutMs: c.timeoutSeconds * 1000,
        apiKeys: new Map(
            Object.entries({ ...json.settingsApiKeys, ...json.apiKeys }).filter(([, key]) => key.trim() !== ''),
        ),
    };
}
