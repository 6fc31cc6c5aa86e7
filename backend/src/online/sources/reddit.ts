// A subreddit's listing (https://www.reddit.com/dev/api#GET_hot): GET /r/<name>/<sort>.json → { kind: "Listing",
// data: { children: [{ kind: "t3", data: post }] } }. Only posts that are one still image are kept: no videos,
// galleries or text posts, and nothing marked over_18 unless the user allowed it and safe mode is off.
import { z } from 'zod';
import { candidate, httpUrl, positive, text, type Candidate, type OnlineSource } from '../candidate.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

export const redditOptions = z.object({
    subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name is 2–21 letters, digits or _').default('wallpapers'),
    sort: z.enum(['hot', 'new', 'top', 'rising']).default('top'),
    time: z.enum(['hour', 'day', 'week', 'month', 'year', 'all']).default('week'),
    allowNsfw: z.boolean().default(false),
    baseUrl: baseUrl('https://www.reddit.com'),
});
export type RedditOptions = z.infer<typeof redditOptions>;

const IMAGE_FILE = /\.(jpe?g|png|webp)$/i;

export function redditUrl(options: RedditOptions): string {
    return endpoint(options.baseUrl, `/r/${options.subreddit}/${options.sort}.json`, {
        limit: 50,
        raw_json: 1,
        t: options.sort === 'top' ? options.time : undefined,
    });
}

/** Preview URLs come HTML-escaped unless raw_json=1 was honoured. */
const unescape = (url: string) => url.replace(/&amp;/g, '&');

function imageOf(post: Record<string, unknown>): { url: string; width: number | null; height: number | null } | null {
    const direct = httpUrl(post.url_overridden_by_dest) ?? httpUrl(post.url);
    const source = asObject(asObject(asArray(asObject(post.preview)?.images)[0])?.source);
    const size = { width: positive(source?.width), height: positive(source?.height) };
    if (direct && IMAGE_FILE.test(new URL(direct).pathname)) return { url: direct, ...size };
    const preview = typeof source?.url === 'string' ? httpUrl(unescape(source.url)) : null;
    if (post.post_hint === 'image' && preview) return { url: preview, ...size };
    return null;
}

export function parseReddit(json: unknown, options: { allowNsfw: boolean; safeMode: boolean }): Candidate[] {
    const data = asObject(asObject(json)?.data);
    if (!data || !Array.isArray(data.children)) throw new ShapeError('Reddit answered without a listing');
    return asArray(data.children).flatMap((child) => {
        const post = asObject(asObject(child)?.data);
        if (!post || asObject(child)?.kind !== 't3') return [];
        if (post.is_video === true || post.is_self === true || post.is_gallery === true) return [];
        const nsfw = post.over_18 === true;
        if (nsfw && (options.safeMode || !options.allowNsfw)) return [];
        const image = imageOf(post);
        if (!image) return [];
        const author = text(post.author);
        const permalink = text(post.permalink);
        return [
            candidate({
                ...image,
                title: text(post.title),
                author: author && `u/${author}`,
                authorUrl: author && author !== '[deleted]' ? `https://www.reddit.com/user/${encodeURIComponent(author)}` : null,
                originPage: permalink ? httpUrl(permalink, 'https://www.reddit.com') : null,
                licence: 'as posted on Reddit; rights stay with the creator',
                nsfw,
            }),
        ];
    });
}

export const reddit: OnlineSource<RedditOptions> = {
    kind: 'reddit',
    options: redditOptions,
    apiKey: 'none',
    async list(options, { http, safeMode }) {
        return parseReddit(await http.getJson(redditUrl(options)), { allowNsfw: options.allowNsfw, safeMode });
    },
};
