import { z } from 'zod';
import { DISPLAY_MODE_NAMES, type MethodName } from '../protocol/messages.js';
import { onlineConfigSchema, sourceIdSchema } from '../online/config.js';
import { GALLERY_PARAM_SCHEMAS } from './handlers/gallerySchemas.js';

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

/** Theme outputs; see ThemeConfigJson. */
export const themeConfigSchema = z.object({
    pywal: z.boolean().optional(),
    templates: z
        .array(
            z.object({
                template: z.string().min(1, 'a template path must not be empty'),
                target: z.string().min(1, 'a target path must not be empty'),
            }),
        )
        .optional(),
    reloadCommands: z.array(z.array(z.string()).min(1, 'a command needs at least a program')).optional(),
    darkMode: z.enum(['same', 'darker']).optional(),
});

const preset = z.enum(['bright_day', 'neutral_day', 'cozy_night', 'cool_night', 'dark_mode']);
const clock = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM');
const factor = z.number().min(0).max(100);
const unit = z.number().min(0).max(1);

/** Smart Selection; see SelectionConfigJson. */
export const selectionConfigSchema = z.object({
    cooldownDays: z.number().min(0).max(3650).optional(),
    decay: z.enum(['sigmoid', 'linear', 'step']).optional(),
    freshFirst: z.boolean().optional(),
    sourceCooldownDays: z.number().min(0).max(3650).optional(),
    favouriteBoost: factor.optional(),
    newImageBoost: factor.optional(),
    newImageDays: z.number().min(0).max(3650).optional(),
    sourceWeights: z.record(z.string().min(1), factor).optional(),
    sourceBalance: z.enum(['images', 'sources']).optional(),
    colourTarget: z.enum(['off', 'accent', 'colour']).optional(),
    colour: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb')
        .optional(),
    colourStrength: z.number().min(1).max(1000).optional(),
    timeOfDay: z.enum(['off', 'fixed', 'sun', 'system']).optional(),
    dayStart: clock.optional(),
    nightStart: clock.optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    dayPreset: preset.optional(),
    nightPreset: preset.optional(),
    darkPreset: preset.optional(),
    timeStrength: z.number().min(1).max(1000).optional(),
    minSizePercent: z.number().min(0).max(400).optional(),
    orientation: z.enum(['any', 'landscape', 'portrait']).optional(),
    minLightness: unit.optional(),
    maxLightness: unit.optional(),
    favouriteMode: z.enum(['mark', 'copy', 'move']).optional(),
    favouritesFolder: z.string().optional(),
});

/** Monitors; see MonitorsConfigJson. Coordinates may be negative (the layout is normalised). */
export const monitorsConfigSchema = z.object({
    layout: z
        .array(
            z.object({
                index: z.number().int().min(0),
                x: z.number().int(),
                y: z.number().int(),
                width: z.number().int().min(1),
                height: z.number().int().min(1),
                scale: z.number().positive().max(8).optional(),
                primary: z.boolean().optional(),
                name: z.string().optional(),
            }),
        )
        .max(16)
        .optional(),
    layoutMode: z.enum(['logical', 'physical']).optional(),
    mode: z.enum(['same', 'per-monitor', 'span']).optional(),
    displayMode: z.enum(DISPLAY_MODE_NAMES).optional(),
    paletteFrom: z.enum(['primary', 'largest', 'blend']).optional(),
    overlayClock: z.boolean().optional(),
    overlayDate: z.boolean().optional(),
    overlayClockFormat: z.enum(['24h', '12h']).optional(),
    overlayQuotes: z.boolean().optional(),
    overlayQuotesFile: z.string().optional(),
    overlayCorner: z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left']).optional(),
});

export const desktopStateSchema = z.object({
    colorScheme: z.enum(['default', 'prefer-dark', 'prefer-light']).optional(),
    accent: z.string().optional(),
    monitor: z.object({ width: z.number().int().min(1), height: z.number().int().min(1) }).optional(),
    background: z
        .object({
            primaryColor: z.string().max(100).optional(),
            secondaryColor: z.string().max(100).optional(),
            shading: z.string().max(100).optional(),
        })
        .optional(),
});

const imageRef = z.object({ path: z.string().min(1, 'a path must not be empty').optional() });

export const configSchema = z.object({
    folders: folders.optional(),
    palette: paletteConfigSchema.optional(),
    setWallpaperScript: z.string().optional(),
    postChangeCommands: z.array(z.array(z.string()).min(1, 'a command needs at least a program')).optional(),
    hookTimeoutSeconds: seconds.optional(),
    backgroundAnalysis: z.boolean().optional(),
    theme: themeConfigSchema.optional(),
    monitors: monitorsConfigSchema.optional(),
    allowedAccentNames: z.array(z.string().min(1)).optional(),
    selection: selectionConfigSchema.optional(),
    desktop: desktopStateSchema.optional(),
    online: onlineConfigSchema.optional(),
    changeIntervalMinutes: z.number().int().min(0).max(1440).optional(),
    changeOnStart: z.boolean().optional(),
    accent: z.object({ sync: z.boolean().optional(), paused: z.boolean().optional() }).optional(),
});

const configUpdateSchema = configSchema.extend({ settings: z.record(z.string(), z.unknown()).optional() });

/** What each method accepts. Unknown keys are ignored so that a newer extension can talk to an older backend. */
export const PARAM_SCHEMAS = {
    initialize: z.object({
        protocolVersion: z.number().int(),
        client: z.string().optional(),
        config: configUpdateSchema.optional(),
        capabilities: z.object({ desktop: z.boolean().optional() }).optional(),
    }),
    status: empty,
    'wallpaper.next': z.object({ folders: folders.optional() }).optional(),
    'wallpaper.previous': empty,
    'wallpaper.current': empty,
    'wallpaper.adopt': z.object({
        uri: z.string().startsWith('file://', 'only a local file (file:// URI) can be adopted'),
    }),
    'history.list': z
        .object({ limit: z.number().int().min(1).max(10_000).optional(), offset: z.number().int().min(0).optional() })
        .optional(),
    'config.update': configUpdateSchema,
    'index.rescan': empty,
    'image.favourite': imageRef.extend({ value: z.boolean().optional() }).optional(),
    'image.ban': imageRef.extend({ value: z.boolean().optional() }).optional(),
    'image.trash': imageRef.optional(),
    'selection.pause': empty,
    'selection.resume': empty,
    'selection.explain': imageRef.optional(),
    'collection.stats': empty,
    'wallpaper.fastForward': empty,
    'index.analyse': z.object({ limit: z.number().int().min(1).max(100_000).optional() }).optional(),
    'import.variety': z.object({ dir: z.string().min(1).optional() }).optional(),
    'sources.list': empty,
    'sources.refresh': z.object({ id: sourceIdSchema.optional() }).optional(),
    'image.origin': imageRef.optional(),
    'image.banUrl': imageRef
        .extend({ url: z.string().url('a URL like https://…').optional(), value: z.boolean().optional() })
        .optional(),
    ...GALLERY_PARAM_SCHEMAS,
} satisfies Record<MethodName, z.ZodType>;
