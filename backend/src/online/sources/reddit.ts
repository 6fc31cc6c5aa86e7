// A subreddit's listing (https://www.reddit.com/dev/api#GET_hot): GET /r/<name>/<sort>.json → { kind: "Listing",
// data: { children: [{ kind: "t3", data: post }], after } }. Kept: posts that are one still image, and each image
// of a gallery (media_metadata, in gallery_data's order); not videos or text posts, and nothing marked over_18
// unless the user allowed it and safe mode is off. A crosspost is credited to the original post's author.
//
// Chameleon reads the public JSON listing without an account: Reddit's OAuth needs every user to register an app
// of their own, which is too much to ask for a wallpaper. Reddit answers such clients from many networks (and
// from some networks always) with a 403 block page; the source then says so plainly and tries again at the next
// refresh. The User-Agent follows Reddit's rule (see userAgent.ts).
import { z } from 'zod';
import { ONLINE_CHOICES } from '../../protocol/onlineChoices.js';
import { candidate, httpUrl, positive, text, type Candidate, type Listing, type OnlineSource } from '../candidate.js';
import { redditUserAgent } from '../userAgent.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

export const redditOptions = z.object({
    subreddit: z
        .string()
        .regex(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name is 2–21 letters, digits or _')
        .default('wallpapers'),
    sort: z.enum(ONLINE_CHOICES.reddit.sort).default(ONLINE_CHOICES.reddit.sort[0]),
    time: z.enum(ONLINE_CHOICES.reddit.time).default(ONLINE_CHOICES.reddit.time[0]),
    allowNsfw: z.boolean().default(false),
    /** The user's Reddit name, for the User-Agent Reddit's rules ask for (optional). */
    username: z
        .string()
        .regex(/^[A-Za-z0-9_-]{3,20}$/, 'a Reddit user name is 3–20 letters, digits, _ or -')
        .optional(),
    baseUrl: baseUrl('https://www.reddit.com'),
});
export type RedditOptions = z.infer<typeof redditOptions>;

const IMAGE_FILE = /\.(jpe?g|png|webp)$/i;

export function redditUrl(options: RedditOptions, after: string | null = null): string {
    return endpoint(options.baseUrl, `/r/${options.subreddit}/${options.sort}.json`, {
        limit: 50,
        raw_json: 1,
        t: options.sort === 'top' ? options.time : undefined,
        after,
    });
}

/** Preview URLs come HTML-escaped unless raw_json=1 was honoured. */
const unescape = (url: string) => url.replace(/&amp;/g, '&');

type Image = { url: string; width: number | null; height: number | null };

function imageOf(post: Record<string, unknown>): Image | null {
    const direct = httpUrl(post.url_overridden_by_dest) ?? httpUrl(post.url);
    // An animated GIF's preview is one still frame of it: not the picture that was posted.
    if (direct && /\.gifv?$/i.test(new URL(direct).pathname)) return null;
    const source = asObject(asObject(asArray(asObject(post.preview)?.images)[0])?.source);
    const size = { width: positive(source?.width), height: positive(source?.height) };
    if (direct && IMAGE_FILE.test(new URL(direct).pathname)) return { url: direct, ...size };
    const preview = typeof source?.url === 'string' ? httpUrl(unescape(source.url)) : null;
    if (post.post_hint === 'image' && preview) return { url: preview, ...size };
    return null;
}

/** A gallery's still images, in the order the post shows them (animated ones and failed uploads left out). */
function galleryOf(post: Record<string, unknown>): Image[] {
    const metadata = asObject(post.media_metadata);
    if (!metadata) return [];
    const order = asArray(asObject(post.gallery_data)?.items).map((item) => text(asObject(item)?.media_id));
    const ids = order.length > 0 ? order : Object.keys(metadata);
    return ids.flatMap((id) => {
        const media = asObject(id ? metadata[id] : null);
        if (!media || media.status !== 'valid' || media.e !== 'Image') return [];
        const best = asObject(media.s);
        const url = typeof best?.u === 'string' ? httpUrl(unescape(best.u)) : null;
        return url ? [{ url, width: positive(best?.x), height: positive(best?.y) }] : [];
    });
}

export function parseReddit(json: unknown, options: { allowNsfw: boolean; safeMode: boolean }): Listing {
    const data = asObject(asObject(json)?.data);
    if (!data || !Array.isArray(data.children)) throw new ShapeError('Reddit answered without a listing');
    const items = asArray(data.children).flatMap((child): Candidate[] => {
        const post = asObject(asObject(child)?.data);
        if (!post || asObject(child)?.kind !== 't3') return [];
        // A crosspost shows another post's picture: that post has the images and the author to credit.
        const original = asObject(asArray(post.crosspost_parent_list)[0]) ?? post;
        if (original.is_video === true || original.is_self === true) return [];
        const nsfw = post.over_18 === true || original.over_18 === true;
        if (nsfw && (options.safeMode || !options.allowNsfw)) return [];
        const gallery = original.is_gallery === true ? galleryOf(original) : [];
        const single = gallery.length === 0 ? imageOf(original) : null;
        const images = single ? [single] : gallery;
        const author = text(original.author);
        const permalink = text(original.permalink);
        const title = text(original.title);
        return images.map((image, i) =>
            candidate({
                ...image,
                title: title && images.length > 1 ? `${title} (${i + 1}/${images.length})` : title,
                author: author && `u/${author}`,
                authorUrl:
                    author && author !== '[deleted]'
                        ? `https://www.reddit.com/user/${encodeURIComponent(author)}`
                        : null,
                originPage: permalink ? httpUrl(permalink, 'https://www.reddit.com') : null,
                licence: 'as posted on Reddit; rights stay with the creator',
                nsfw,
            }),
        );
    });
    return { items, next: text(data.after) };
}

export const reddit: OnlineSource<RedditOptions> = {
    kind: 'reddit',
    options: redditOptions,
    apiKey: 'none',
    async list(options, { http, safeMode, cursor }) {
        const json = await http.getJson(redditUrl(options, cursor), {
            headers: { 'user-agent': redditUserAgent(options.username) },
        });
        return parseReddit(json, { allowNsfw: options.allowNsfw, safeMode });
    },
};
