import { z } from 'zod';
import { COLOUR_FAMILIES, GALLERY_PAGE, type GalleryMethods } from '../../protocol/messages.js';

const path = z.string().min(1, 'a path must not be empty');

/** What the gallery's methods accept (see protocol/gallery.ts). */
export const GALLERY_PARAM_SCHEMAS = {
    'gallery.list': z
        .object({
            folder: path.optional(),
            favourites: z.boolean().optional(),
            family: z.enum(COLOUR_FAMILIES).optional(),
            offset: z.number().int().min(0).optional(),
            limit: z.number().int().min(1).max(GALLERY_PAGE).optional(),
            thumbnails: z.boolean().optional(),
        })
        .optional(),
    'gallery.thumbnails': z.object({ paths: z.array(path).min(1).max(GALLERY_PAGE) }),
    'gallery.recent': z.object({ limit: z.number().int().min(1).max(50).optional() }).optional(),
    'wallpaper.set': z.object({ path }),
} satisfies Record<keyof GalleryMethods, z.ZodType>;
