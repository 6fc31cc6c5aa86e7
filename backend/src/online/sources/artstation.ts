// ArtStation: a community channel (GET /api/v2/community/channels/projects.json?channel_id=…) or an artist's
// projects (GET /users/<name>/projects.json), both { data: [project], total_count }. A project's list entry
// carries its cover only as thumbnails (`smaller_square_cover_url`, or `cover.thumb_url`); the same asset at
// `/large/` in the path is the 1920 px picture ArtStation shows on the project page, which saves asking for each
// project. Projects marked `hide_as_adult` are NSFW. No key; ArtStation publishes no API or rate limit, so one
// page per refresh and the client's usual spacing.
import { z } from 'zod';
import { ONLINE_CHOICES } from '../../protocol/onlineChoices.js';
import { candidate, httpUrl, text, type Candidate, type Listing, type OnlineSource } from '../candidate.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

export const artstationOptions = z.object({
    /** A community channel's numeric id … */
    channel: z.string().regex(/^\d*$/, 'a channel id is a number').default(''),
    /** … or an artist's user name. */
    user: z
        .string()
        .regex(/^[\w-]*$/, 'a user name is letters, digits, _ or -')
        .default(''),
    sorting: z.enum(ONLINE_CHOICES.artstation.sorting).default(ONLINE_CHOICES.artstation.sorting[0]),
    baseUrl: baseUrl('https://www.artstation.com'),
});
export type ArtstationOptions = z.infer<typeof artstationOptions>;

const PER_PAGE = 30;

export function artstationUrl(options: ArtstationOptions, page: number): string {
    if (options.user) return endpoint(options.baseUrl, `/users/${options.user}/projects.json`, { page });
    return endpoint(options.baseUrl, '/api/v2/community/channels/projects.json', {
        channel_id: options.channel || undefined,
        page,
        sorting: options.sorting,
        dimension: 'all',
        per_page: PER_PAGE,
    });
}

/** The large rendition of a cover thumbnail: same asset, `/large/` instead of the thumbnail's size folder. */
export function largeCover(url: string | null): string | null {
    if (!url) return null;
    const large = url.replace(/\/(smaller_square|small_square|micro_square|thumb|small|medium|smaller)\//, '/large/');
    return large === url ? null : httpUrl(large);
}

export function parseArtstation(json: unknown, page: number): Listing {
    const root = asObject(json);
    if (!root || !Array.isArray(root.data)) throw new ShapeError('ArtStation answered without a "data" list');
    const items = asArray(root.data).flatMap((entry): Candidate[] => {
        const project = asObject(entry);
        const cover = asObject(project?.cover);
        const url = largeCover(
            text(project?.smaller_square_cover_url) ?? text(cover?.thumb_url) ?? text(cover?.small_square_url),
        );
        const hash = text(project?.hash_id);
        if (!project || !url) return [];
        const user = asObject(project.user);
        const page =
            httpUrl(project.permalink) ??
            httpUrl(project.url) ??
            (hash ? `https://www.artstation.com/artwork/${hash}` : null);
        return [
            candidate({
                url,
                ...(page ? { key: page } : {}),
                title: text(project.title),
                author: text(user?.full_name) ?? text(user?.username),
                authorUrl:
                    httpUrl(user?.permalink) ??
                    (text(user?.username)
                        ? `https://www.artstation.com/${encodeURIComponent(text(user?.username)!)}`
                        : null),
                originPage: page,
                licence: 'as published on ArtStation; rights stay with the artist',
                nsfw: project.hide_as_adult === true,
            }),
        ];
    });
    const total = typeof root.total_count === 'number' ? root.total_count : null;
    const more = root.data.length > 0 && (total === null ? root.data.length >= PER_PAGE : page * PER_PAGE < total);
    return { items, next: more ? String(page + 1) : null };
}

export const artstation: OnlineSource<ArtstationOptions> = {
    kind: 'artstation',
    options: artstationOptions,
    apiKey: 'none',
    async list(options, { http, cursor }): Promise<Listing> {
        const page = Number(cursor ?? 1) || 1;
        return parseArtstation(await http.getJson(artstationUrl(options, page)), page);
    },
};
