// Unsplash API (https://unsplash.com/documentation): the user's own access key in `Authorization: Client-ID`.
// search/photos → { results: [photo] }; collections/:id/photos and photos/random?count → [photo]. The API
// guidelines ask for the photographer's credit and a request to links.download_location on each download.
import { z } from 'zod';
import { ONLINE_CHOICES } from '../../protocol/onlineChoices.js';
import { candidate, httpUrl, positive, text, type Candidate, type Listing, type OnlineSource } from '../candidate.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

export const unsplashOptions = z.object({
    query: z.string().default(''),
    /** A collection id: its photos instead of a search. */
    collection: z
        .string()
        .regex(/^[A-Za-z0-9_-]*$/, 'a collection id is letters and digits')
        .default(''),
    orientation: z.enum(ONLINE_CHOICES.unsplash.orientation).default(ONLINE_CHOICES.unsplash.orientation[0]),
    baseUrl: baseUrl('https://api.unsplash.com'),
});
export type UnsplashOptions = z.infer<typeof unsplashOptions>;

const UTM = 'utm_source=chameleon&utm_medium=referral';

export function unsplashUrl(options: UnsplashOptions, limit: number, page = 1): string {
    const perPage = Math.min(30, Math.max(1, limit));
    const p = page > 1 ? page : undefined;
    if (options.collection)
        return endpoint(options.baseUrl, `/collections/${options.collection}/photos`, {
            per_page: perPage,
            page: p,
            orientation: options.orientation,
        });
    if (options.query)
        return endpoint(options.baseUrl, '/search/photos', {
            query: options.query,
            per_page: perPage,
            page: p,
            orientation: options.orientation,
            content_filter: 'high',
        });
    return endpoint(options.baseUrl, '/photos/random', {
        count: perPage,
        orientation: options.orientation,
        content_filter: 'high',
    });
}

function withUtm(url: string | null): string | null {
    return url && `${url}${url.includes('?') ? '&' : '?'}${UTM}`;
}

export function parseUnsplash(json: unknown): Candidate[] {
    const list = Array.isArray(json) ? json : asObject(json)?.results;
    if (!Array.isArray(list)) throw new ShapeError('Unsplash answered without a list of photos');
    return asArray(list).flatMap((entry) => {
        const photo = asObject(entry);
        const urls = asObject(photo?.urls);
        const url = httpUrl(urls?.full) ?? httpUrl(urls?.raw);
        const id = text(photo?.id);
        if (!photo || !url) return [];
        const user = asObject(photo.user);
        const links = asObject(photo.links);
        return [
            candidate({
                url,
                // Every answer signs the image URLs afresh (ixid): the photo's id is what stays.
                ...(id ? { key: `https://unsplash.com/photos/${encodeURIComponent(id)}` } : {}),
                width: positive(photo.width),
                height: positive(photo.height),
                title: text(photo.description) ?? text(photo.alt_description),
                author: text(user?.name) ?? text(user?.username),
                authorUrl: withUtm(httpUrl(asObject(user?.links)?.html)),
                originPage: withUtm(httpUrl(links?.html)),
                licence: 'Unsplash License',
                downloadPing: httpUrl(links?.download_location) ?? undefined,
            }),
        ];
    });
}

/** Search answers say how many pages there are; collections are read until a page comes back short. */
export function unsplashNext(json: unknown, page: number, perPage: number, count: number): string | null {
    const totalPages = positive(asObject(json)?.total_pages);
    if (totalPages !== null) return page < totalPages ? String(page + 1) : null;
    return Array.isArray(json) && count >= perPage ? String(page + 1) : null;
}

export const unsplash: OnlineSource<UnsplashOptions> = {
    kind: 'unsplash',
    options: unsplashOptions,
    apiKey: 'required',
    authHeaders: (apiKey): Record<string, string> =>
        apiKey ? { authorization: `Client-ID ${apiKey}`, 'accept-version': 'v1' } : {},
    async list(options, { http, apiKey, limit, cursor }): Promise<Listing> {
        const page = Number(cursor ?? 1) || 1;
        const json = await http.getJson(unsplashUrl(options, limit, page), { headers: unsplash.authHeaders!(apiKey) });
        const items = parseUnsplash(json);
        // photos/random has no pages: every call is a new draw.
        const paged = Boolean(options.collection || options.query);
        return {
            items,
            next: paged
                ? unsplashNext(
                      json,
                      page,
                      Math.min(30, Math.max(1, limit)),
                      Array.isArray(json) ? json.length : items.length,
                  )
                : null,
        };
    },
};
