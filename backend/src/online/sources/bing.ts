// Bing's image of the day: GET /HPImageArchive.aspx?format=js&idx=0&n=8&mkt=… → { images: [{ url, urlbase,
// copyright, copyrightlink, title, startdate }] }. URLs are relative to bing.com; `urlbase` + "_UHD.jpg" is the
// full-resolution picture.
import { z } from 'zod';
import { candidate, httpUrl, positive, text, type Candidate, type OnlineSource } from '../candidate.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

export const bingOptions = z.object({
    market: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'a market is like en-US').default('en-US'),
    uhd: z.boolean().default(true),
    baseUrl: baseUrl('https://www.bing.com'),
});
export type BingOptions = z.infer<typeof bingOptions>;

export function bingUrl(options: BingOptions): string {
    return endpoint(options.baseUrl, '/HPImageArchive.aspx', { format: 'js', idx: 0, n: 8, mkt: options.market });
}

/** "Lavender fields, Provence (© Jane Doe/Getty Images)" → "Jane Doe/Getty Images". */
function creditOf(copyright: string | null): string | null {
    const match = /\(\s*©\s*([^)]+)\)\s*$/.exec(copyright ?? '');
    return match ? match[1]!.trim() : null;
}

export function parseBing(json: unknown, options: BingOptions): Candidate[] {
    const root = asObject(json);
    if (!root || !Array.isArray(root.images)) throw new ShapeError('Bing answered without an "images" list');
    return asArray(root.images).flatMap((entry) => {
        const image = asObject(entry);
        const urlbase = text(image?.urlbase);
        const url = options.uhd && urlbase ? httpUrl(`${urlbase}_UHD.jpg`, options.baseUrl) : httpUrl(image?.url, options.baseUrl);
        if (!image || !url) return [];
        const size = options.uhd ? null : /_(\d+)x(\d+)\./.exec(url);
        const copyright = text(image.copyright);
        return [
            candidate({
                url,
                width: size ? positive(size[1]) : null,
                height: size ? positive(size[2]) : null,
                title: text(image.title) ?? copyright?.replace(/\s*\(©[^)]*\)\s*$/, '') ?? null,
                author: creditOf(copyright),
                originPage: httpUrl(image.copyrightlink, options.baseUrl),
                licence: copyright ? `${copyright}; Bing image of the day, for use as wallpaper` : 'Bing image of the day, for use as wallpaper',
            }),
        ];
    });
}

export const bing: OnlineSource<BingOptions> = {
    kind: 'bing',
    options: bingOptions,
    apiKey: 'none',
    async list(options, { http }) {
        return parseBing(await http.getJson(bingUrl(options)), options);
    },
};
