// Wallhaven's search API (https://wallhaven.cc/help/api): GET /api/v1/search → { data: [wallpaper], meta }.
// Without a key only SFW results come back; NSFW needs the user's key and safe mode off.
import { z } from 'zod';
import { ONLINE_CHOICES } from '../../protocol/onlineChoices.js';
import { candidate, httpUrl, positive, text, type Listing, type OnlineSource } from '../candidate.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

const CATEGORY_BITS = ['general', 'anime', 'people'] as const;
const PURITY_BITS = ['sfw', 'sketchy', 'nsfw'] as const;

export const wallhavenOptions = z.object({
    query: z.string().default(''),
    categories: z.array(z.enum(CATEGORY_BITS)).min(1).default(['general']),
    purity: z.array(z.enum(PURITY_BITS)).min(1).default(['sfw']),
    /** Minimum resolution, e.g. "1920x1080". */
    atleast: z
        .string()
        .regex(/^\d+x\d+$/, 'a resolution is WIDTHxHEIGHT')
        .optional(),
    /** e.g. ["16x9", "16x10"]. */
    ratios: z.array(z.string().regex(/^\d+x\d+$/, 'a ratio is WxH')).default([]),
    sorting: z.enum(ONLINE_CHOICES.wallhaven.sorting).default(ONLINE_CHOICES.wallhaven.sorting[0]),
    topRange: z.enum(ONLINE_CHOICES.wallhaven.topRange).default(ONLINE_CHOICES.wallhaven.topRange[0]),
    baseUrl: baseUrl('https://wallhaven.cc/api/v1'),
});
export type WallhavenOptions = z.infer<typeof wallhavenOptions>;

function bits<T extends string>(all: readonly T[], chosen: readonly T[]): string {
    return all.map((name) => (chosen.includes(name) ? '1' : '0')).join('');
}

export function wallhavenUrl(options: WallhavenOptions, apiKey: string | null, safeMode: boolean, page = 1): string {
    const purity = safeMode ? ['sfw' as const] : options.purity;
    return endpoint(options.baseUrl, '/search', {
        q: options.query,
        categories: bits(CATEGORY_BITS, options.categories),
        purity: bits(PURITY_BITS, purity),
        atleast: options.atleast,
        ratios: options.ratios.join(','),
        sorting: options.sorting,
        topRange: options.sorting === 'toplist' ? options.topRange : undefined,
        page: page > 1 ? page : undefined,
        apikey: apiKey,
    });
}

/** A page of results; `meta.current_page` / `meta.last_page` say whether another follows. */
export function parseWallhaven(json: unknown): Listing {
    const root = asObject(json);
    if (!root || !Array.isArray(root.data)) throw new ShapeError('Wallhaven answered without a "data" list');
    const items = asArray(root.data).flatMap((entry) => {
        const item = asObject(entry);
        const url = httpUrl(item?.path);
        if (!item || !url) return [];
        // `source` is where the uploader found the picture (a pixiv or DeviantArt page, often empty): a lead to
        // the creator, not the creator, so it goes with the licence rather than as the author.
        const source = httpUrl(item.source);
        return [
            candidate({
                url,
                width: positive(item.dimension_x),
                height: positive(item.dimension_y),
                title: text(item.id) && `Wallhaven ${String(item.id)}`,
                originPage: httpUrl(item.url),
                licence:
                    `as published on Wallhaven${source ? ` (found at ${source})` : ''}` +
                    `; rights stay with the creator`,
                nsfw: item.purity !== 'sfw',
            }),
        ];
    });
    const meta = asObject(root.meta);
    const current = positive(meta?.current_page) ?? 1;
    const last = positive(meta?.last_page) ?? current;
    return { items, next: current < last ? String(current + 1) : null };
}

export const wallhaven: OnlineSource<WallhavenOptions> = {
    kind: 'wallhaven',
    options: wallhavenOptions,
    apiKey: 'optional',
    async list(options, { http, apiKey, safeMode, cursor }) {
        return parseWallhaven(await http.getJson(wallhavenUrl(options, apiKey, safeMode, Number(cursor ?? 1) || 1)));
    },
};
