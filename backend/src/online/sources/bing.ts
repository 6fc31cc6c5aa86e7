// Bing's image of the day: GET /HPImageArchive.aspx?format=js&idx=0&n=8&mkt=… → { images: [{ url, urlbase,
// copyright, copyrightlink, title, startdate }] }. URLs are relative to bing.com; `urlbase` + "_UHD.jpg" is the
// full-resolution picture.
import { z } from 'zod';
import { candidate, httpUrl, positive, text, type Candidate, type OnlineSource, type Listing } from '../candidate.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

export const bingOptions = z.object({
    market: z
        .string()
        .regex(/^[a-z]{2}-[A-Z]{2}$/, 'a market is like en-US')
        .default('en-US'),
    uhd: z.boolean().default(true),
    baseUrl: baseUrl('https://www.bing.com'),
});
export type BingOptions = z.infer<typeof bingOptions>;

export function bingUrl(options: BingOptions): string {
    return endpoint(options.baseUrl, '/HPImageArchive.aspx', { format: 'js', idx: 0, n: 8, mkt: options.market });
}

/**
 * "Lavender fields, Provence (© Jane Doe/Getty Images)" → "Jane Doe/Getty Images". Markets in Chinese and
 * Japanese write full-width brackets: "…（© Jane Doe/Getty Images）".
 */
const CREDIT = /[(（]\s*©\s*([^)）]+)[)）]\s*$/;

function creditOf(copyright: string | null): string | null {
    const match = CREDIT.exec(copyright ?? '');
    return match ? match[1]!.trim() : null;
}

/** Titles that are no title: the rest-of-world market answers "Info" for every picture. */
const PLACEHOLDER_TITLES = new Set(['info']);

export function parseBing(json: unknown, options: BingOptions): Candidate[] {
    const root = asObject(json);
    if (!root || !Array.isArray(root.images)) throw new ShapeError('Bing answered without an "images" list');
    return asArray(root.images).flatMap((entry) => {
        const image = asObject(entry);
        const urlbase = text(image?.urlbase);
        const url =
            options.uhd && urlbase
                ? httpUrl(`${urlbase}_UHD.jpg`, options.baseUrl)
                : httpUrl(image?.url, options.baseUrl);
        // `wp: false` marks a picture Bing may show but does not license as a wallpaper download.
        if (!image || !url || image.wp === false) return [];
        const size = options.uhd ? null : /_(\d+)x(\d+)\./.exec(url);
        const copyright = text(image.copyright);
        return [
            candidate({
                url,
                width: size ? positive(size[1]) : null,
                height: size ? positive(size[2]) : null,
                title: titleOf(text(image.title)) ?? text(copyright?.replace(CREDIT, '')) ?? null,
                author: creditOf(copyright),
                originPage: httpUrl(image.copyrightlink, options.baseUrl),
                licence: copyright
                    ? `${copyright}; Bing image of the day, for use as wallpaper`
                    : 'Bing image of the day, for use as wallpaper',
            }),
        ];
    });
}

function titleOf(title: string | null): string | null {
    return title && !PLACEHOLDER_TITLES.has(title.toLowerCase()) ? title : null;
}

export const bing: OnlineSource<BingOptions> = {
    kind: 'bing',
    options: bingOptions,
    apiKey: 'none',
    async list(options, { http }): Promise<Listing> {
        return { items: parseBing(await http.getJson(bingUrl(options)), options), next: null };
    },
};
