// Google Earth View: a catalogue of about 2600 satellite pictures, kept as one static JSON list (no API, no key):
// [{ id, region, country, map, image, attribution }]. Each refresh takes pictures from it not downloaded yet, in
// a random order. The attribution is the imagery's copyright line, which Google asks to be shown with it.
import { z } from 'zod';
import { candidate, httpUrl, text, type Candidate, type Listing, type OnlineSource } from '../candidate.js';
import { asArray, asObject, ShapeError } from './common.js';

export const EARTHVIEW_CATALOGUE = 'https://raw.githubusercontent.com/alexpersian/earthview/master/earthview.json';

export const earthviewOptions = z.object({
    /** The catalogue's address (a mirror of the list, or a local server in tests). */
    url: z
        .string()
        .regex(/^https?:\/\/\S+$/, 'the address starts with http:// or https://')
        .default(EARTHVIEW_CATALOGUE),
});
export type EarthviewOptions = z.infer<typeof earthviewOptions>;

/** "Tamarugal, Chile", or the country alone when the region is empty. */
function placeOf(region: string | null, country: string | null): string | null {
    return [region, country].filter(Boolean).join(', ') || null;
}

export function parseEarthview(json: unknown): Candidate[] {
    if (!Array.isArray(json)) throw new ShapeError('the Earth View catalogue is not a list');
    return asArray(json).flatMap((entry) => {
        const item = asObject(entry);
        const url = httpUrl(item?.image);
        if (!item || !url) return [];
        const attribution = text(item.attribution);
        return [
            candidate({
                url,
                title: placeOf(text(item.region), text(item.country)),
                author: 'Google Earth',
                originPage: httpUrl(item.map),
                licence: attribution
                    ? `${attribution}; Google Earth View`
                    : 'Google Earth View; imagery © its providers',
            }),
        ];
    });
}

function shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
}

export const earthview: OnlineSource<EarthviewOptions> = {
    kind: 'earthview',
    options: earthviewOptions,
    apiKey: 'none',
    async list(options, { http }): Promise<Listing> {
        return { items: shuffled(parseEarthview(await http.getJson(options.url))), next: null };
    },
};
