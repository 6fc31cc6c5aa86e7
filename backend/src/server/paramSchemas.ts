import { z } from 'zod';
import type { MethodName } from '../protocol/messages.js';

const empty = z.object({}).optional();
const folders = z.array(z.string().min(1, 'a folder must not be empty'));

const seconds = z.number().int().min(1).max(600);

export const paletteConfigSchema = z.object({
    useWallust: z.boolean().optional(),
    wallustBackend: z.string().optional(),
    wallustColorspace: z.string().optional(),
    wallustPalette: z.string().optional(),
    wallustApplyTheme: z.boolean().optional(),
    wallustTimeoutSeconds: seconds.optional(),
});

export const configSchema = z.object({
    folders: folders.optional(),
    palette: paletteConfigSchema.optional(),
    setWallpaperScript: z.string().optional(),
    postChangeCommands: z.array(z.array(z.string()).min(1, 'a command needs at least a program')).optional(),
    hookTimeoutSeconds: seconds.optional(),
});

const configUpdateSchema = configSchema.extend({ settings: z.record(z.string(), z.unknown()).optional() });

/** What each method accepts. Unknown keys are ignored so that a newer extension can talk to an older backend. */
export const PARAM_SCHEMAS = {
    initialize: z.object({
        protocolVersion: z.number().int(),
        client: z.string().optional(),
        config: configUpdateSchema.optional(),
    }),
    status: empty,
    'wallpaper.next': z.object({ reason: z.enum(['next', 'timer']).optional(), folders: folders.optional() }).optional(),
    'wallpaper.previous': empty,
    'wallpaper.current': empty,
    'history.list': z.object({ limit: z.number().int().min(1).max(10_000).optional() }).optional(),
    'config.update': configUpdateSchema,
    'index.rescan': empty,
} satisfies Record<MethodName, z.ZodType>;
