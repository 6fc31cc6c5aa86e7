// Two generic sources for anything else: `json`, an API whose answer holds a list of objects (the user names the
// list and the fields with paths, see jsonPath.ts), and `rss`, a Media RSS / Atom feed (see mediaRss.ts). The
// URL the user gives is the whole address; it is the "base URL" of these sources.
import { z } from 'zod';
import { candidate, httpUrl, positive, text, type Candidate, type OnlineSource } from '../candidate.js';
import { readFeed } from '../feedReader.js';
import type { FeedImage } from '../mediaRss.js';
import { parsePath, valueAt } from '../jsonPath.js';
import { ShapeError } from './common.js';

const path = z.string().refine((value) => {
    try {
        parsePath(value);
        return true;
    } catch {
        return false;
    }
}, 'a path looks like data.items[0].url');
const address = z.string().regex(/^https?:\/\/\S+$/, 'the address starts with http:// or https://');

export const jsonOptions = z.object({
    url: address,
    /** Where the list is ('' = the answer is the list). */
    itemsPath: path.default(''),
    /** Each item's image URL, e.g. "src.original". */
    urlPath: path,
    titlePath: path.optional(),
    authorPath: path.optional(),
    authorUrlPath: path.optional(),
    pagePath: path.optional(),
    widthPath: path.optional(),
    heightPath: path.optional(),
    licencePath: path.optional(),
    /** A field that is true for NSFW items. */
    nsfwPath: path.optional(),
    /** Licence text for every item, when the API does not say. */
    licence: z.string().optional(),
    /** Send the API key as this query parameter … */
    apiKeyParam: z
        .string()
        .regex(/^[\w-]+$/)
        .optional(),
    /** … or this header (e.g. "Authorization"). */
    apiKeyHeader: z
        .string()
        .regex(/^[\w-]+$/)
        .optional(),
});
export type JsonOptions = z.infer<typeof jsonOptions>;

const at = (item: unknown, p: string | undefined) => (p ? valueAt(item, p) : undefined);

export function parseJsonFeed(json: unknown, options: JsonOptions): Candidate[] {
    const list = valueAt(json, options.itemsPath);
    if (!Array.isArray(list))
        throw new ShapeError(`no list at "${options.itemsPath || '(the whole answer)'}" in the answer`);
    return list.flatMap((item) => {
        const url = httpUrl(at(item, options.urlPath), options.url);
        if (!url) return [];
        return [
            candidate({
                url,
                width: positive(at(item, options.widthPath)),
                height: positive(at(item, options.heightPath)),
                title: text(at(item, options.titlePath)),
                author: text(at(item, options.authorPath)),
                authorUrl: httpUrl(at(item, options.authorUrlPath), options.url),
                originPage: httpUrl(at(item, options.pagePath), options.url),
                licence: text(at(item, options.licencePath)) ?? options.licence ?? null,
                nsfw: at(item, options.nsfwPath) === true,
            }),
        ];
    });
}

export const jsonFeed: OnlineSource<JsonOptions> = {
    kind: 'json',
    options: jsonOptions,
    apiKey: 'optional',
    authHeaders: () => ({}),
    async list(options, { http, apiKey }) {
        const url = new URL(options.url);
        const headers: Record<string, string> = {};
        if (apiKey && options.apiKeyParam) url.searchParams.set(options.apiKeyParam, apiKey);
        if (apiKey && options.apiKeyHeader) headers[options.apiKeyHeader] = apiKey;
        return { items: parseJsonFeed(await http.getJson(url.href, { headers }), options), next: null };
    },
};

export const rssOptions = z.object({ url: address, licence: z.string().optional() });
export type RssOptions = z.infer<typeof rssOptions>;

export async function parseRssFeed(xml: string, options: RssOptions): Promise<Candidate[]> {
    let images: FeedImage[];
    try {
        images = await readFeed(xml);
    } catch (error) {
        throw new ShapeError(`${new URL(options.url).host} did not send a feed (${(error as Error).message})`);
    }
    return images.flatMap((image) => {
        const url = httpUrl(image.url, options.url);
        if (!url) return [];
        return [
            candidate({
                url,
                width: image.width,
                height: image.height,
                title: image.title,
                author: image.author,
                authorUrl: httpUrl(image.authorUrl, options.url),
                originPage: httpUrl(image.link, options.url),
                licence: image.licence ?? options.licence ?? null,
                nsfw: image.adult,
            }),
        ];
    });
}

export const rssFeed: OnlineSource<RssOptions> = {
    kind: 'rss',
    options: rssOptions,
    apiKey: 'none',
    async list(options, { http }) {
        const { body } = await http.getText(options.url, {
            headers: { accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml' },
        });
        return { items: await parseRssFeed(body, options), next: null };
    },
};
