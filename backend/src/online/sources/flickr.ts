// Flickr: a user's photos, a group's pool or photos with given tags. Without a key, through the public Atom feeds
// (https://www.flickr.com/services/feeds/): the latest 20, at 1024 px (the feed's `_b` size). With the user's API
// key, through flickr.photos.search (https://www.flickr.com/services/api/flickr.photos.search.html): the largest
// size the owner allows (url_o, url_k, url_h, url_l), the licence, pages, and safe search in safe mode.
import { z } from 'zod';
import { candidate, httpUrl, positive, text, type Candidate, type Listing, type OnlineSource } from '../candidate.js';
import { parseRssFeed } from './feed.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

const nsid = z.string().regex(/^(\d+@N\d+)?$/, 'a Flickr id looks like 12345678@N01');

export const flickrOptions = z.object({
    /** Photos with all these tags (comma-separated). */
    tags: z
        .string()
        .regex(/^[\p{L}\p{N} ,_-]*$/u, 'tags are words separated by commas')
        .default(''),
    /** A user's photos (their NSID). */
    user: nsid.default(''),
    /** A group's pool (its NSID). */
    group: nsid.default(''),
    baseUrl: baseUrl('https://www.flickr.com'),
    apiBaseUrl: baseUrl('https://api.flickr.com'),
});
export type FlickrOptions = z.infer<typeof flickrOptions>;

/** Flickr's licence ids (flickr.photos.licenses.getInfo). */
const LICENCES: Record<string, string> = {
    '0': 'All Rights Reserved',
    '1': 'CC BY-NC-SA 2.0',
    '2': 'CC BY-NC 2.0',
    '3': 'CC BY-NC-ND 2.0',
    '4': 'CC BY 2.0',
    '5': 'CC BY-SA 2.0',
    '6': 'CC BY-ND 2.0',
    '7': 'No known copyright restrictions',
    '8': 'United States Government Work',
    '9': 'CC0 1.0',
    '10': 'Public Domain Mark 1.0',
};

const tagList = (tags: string) =>
    tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean)
        .join(',');

export function flickrFeedUrl(options: FlickrOptions): string {
    if (options.group)
        return endpoint(options.baseUrl, '/services/feeds/groups_pool.gne', { id: options.group, format: 'atom' });
    return endpoint(options.baseUrl, '/services/feeds/photos_public.gne', {
        id: options.user,
        tags: tagList(options.tags),
        tagmode: 'all',
        format: 'atom',
    });
}

export function flickrApiUrl(
    options: FlickrOptions,
    apiKey: string,
    safeMode: boolean,
    perPage: number,
    page: number,
): string {
    return endpoint(options.apiBaseUrl, '/services/rest/', {
        method: 'flickr.photos.search',
        api_key: apiKey,
        user_id: options.user,
        group_id: options.group,
        tags: tagList(options.tags),
        tag_mode: 'all',
        // Without a filter Flickr refuses a search ("parameterless searches"): the latest interesting photos then.
        sort: options.user || options.group || options.tags ? 'date-posted-desc' : 'interestingness-desc',
        safe_search: safeMode ? 1 : 3,
        content_types: 0,
        media: 'photos',
        extras: 'url_o,url_k,url_h,url_l,owner_name,license',
        per_page: Math.min(100, Math.max(1, perPage)),
        page: page > 1 ? page : undefined,
        format: 'json',
        nojsoncallback: 1,
    });
}

export function parseFlickrSearch(json: unknown): Listing {
    const root = asObject(json);
    if (root?.stat === 'fail')
        throw new ShapeError(
            `Flickr refused the search: ${text(root.message) ?? 'no reason given'} (code ${String(root.code)})`,
        );
    const photos = asObject(root?.photos);
    if (!photos || !Array.isArray(photos.photo)) throw new ShapeError('Flickr answered without a list of photos');
    const items = asArray(photos.photo).flatMap((entry): Candidate[] => {
        const photo = asObject(entry);
        if (!photo) return [];
        const size = ['o', 'k', 'h', 'l'].find((s) => httpUrl(photo[`url_${s}`]));
        const id = text(String(photo.id ?? ''));
        const owner = text(photo.owner);
        if (!id || !owner) return [];
        // Without a listed size (the owner hides the large ones, or the extras were not granted), the 1024 px
        // rendition every photo has, built the documented way: live.staticflickr.com/{server}/{id}_{secret}_b.jpg.
        const server = text(String(photo.server ?? ''));
        const secret = text(photo.secret);
        const url = size
            ? httpUrl(photo[`url_${size}`])
            : server && secret
              ? `https://live.staticflickr.com/${server}/${id}_${secret}_b.jpg`
              : null;
        if (!url) return [];
        const page = `https://www.flickr.com/photos/${encodeURIComponent(owner)}/${encodeURIComponent(id)}/`;
        return [
            candidate({
                url,
                key: page,
                width: size ? positive(photo[`width_${size}`]) : null,
                height: size ? positive(photo[`height_${size}`]) : null,
                title: text(photo.title),
                author: text(photo.ownername),
                authorUrl: `https://www.flickr.com/photos/${encodeURIComponent(owner)}/`,
                originPage: page,
                licence: LICENCES[String(photo.license)] ?? null,
            }),
        ];
    });
    const page = positive(photos.page) ?? 1;
    const pages = positive(photos.pages) ?? page;
    return { items, next: page < pages ? String(page + 1) : null };
}

export const flickr: OnlineSource<FlickrOptions> = {
    kind: 'flickr',
    options: flickrOptions,
    apiKey: 'optional',
    async list(options, { http, apiKey, safeMode, limit, cursor }): Promise<Listing> {
        if (apiKey)
            return parseFlickrSearch(
                await http.getJson(flickrApiUrl(options, apiKey, safeMode, limit, Number(cursor ?? 1) || 1)),
            );
        const url = flickrFeedUrl(options);
        const { body } = await http.getText(url, {
            headers: { accept: 'application/atom+xml, application/xml, text/xml' },
        });
        return { items: await parseRssFeed(body, { url }), next: null };
    },
};
