// NASA's Astronomy Picture of the Day (https://api.nasa.gov): GET /planetary/apod?api_key=…&count=N → [entry]
// (one object without count). Entries may be videos (media_type "video"); those are skipped.
import { z } from 'zod';
import { candidate, httpUrl, text, type Candidate, type OnlineSource, type Listing } from '../candidate.js';
import { asArray, asObject, baseUrl, endpoint, ShapeError } from './common.js';

/** NASA's shared demonstration key: 30 requests an hour per address, enough for an hourly refresh. */
export const APOD_DEMO_KEY = 'DEMO_KEY';

export const apodOptions = z.object({
    /** Random past pictures per refresh; 0 = today's picture only. */
    count: z.number().int().min(0).max(20).default(4),
    hd: z.boolean().default(true),
    baseUrl: baseUrl('https://api.nasa.gov'),
});
export type ApodOptions = z.infer<typeof apodOptions>;

export function apodUrl(options: ApodOptions, apiKey: string | null): string {
    return endpoint(options.baseUrl, '/planetary/apod', {
        api_key: apiKey || APOD_DEMO_KEY,
        count: options.count || undefined,
        thumbs: 'false',
    });
}

function pageOf(date: string | null): string | null {
    const match = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(date ?? '');
    return match ? `https://apod.nasa.gov/apod/ap${match[1]}${match[2]}${match[3]}.html` : null;
}

export function parseApod(json: unknown, options: Pick<ApodOptions, 'hd'>): Candidate[] {
    const list = Array.isArray(json) ? json : asObject(json) ? [json] : null;
    if (!list) throw new ShapeError('NASA APOD answered with neither an entry nor a list of entries');
    return asArray(list).flatMap((entry) => {
        const item = asObject(entry);
        if (!item || item.media_type !== 'image') return [];
        const url = (options.hd ? httpUrl(item.hdurl) : null) ?? httpUrl(item.url);
        if (!url) return [];
        const copyright = text(item.copyright)?.replace(/\s+/g, ' ') ?? null;
        return [
            candidate({
                url,
                title: text(item.title),
                author: copyright,
                originPage: pageOf(text(item.date)),
                // No copyright field is not "NASA's": APOD shows pictures from everywhere, and the credit line on
                // the page is the only word on who made it and under which terms.
                licence: copyright ? `© ${copyright}` : 'no copyright given by APOD; see the credit on its page',
            }),
        ];
    });
}

export const apod: OnlineSource<ApodOptions> = {
    kind: 'apod',
    options: apodOptions,
    apiKey: 'optional',
    async list(options, { http, apiKey }): Promise<Listing> {
        return { items: parseApod(await http.getJson(apodUrl(options, apiKey)), options), next: null };
    },
};
