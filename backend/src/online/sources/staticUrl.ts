// One picture at a fixed address that changes now and then: a webcam, a "picture of the day" link. Every refresh
// (the source's own interval) fetches it again; the same picture as last time is recognised by its content and
// not kept twice, a new one joins the folder (and the quota retires old ones).
import { z } from 'zod';
import { candidate, type Listing, type OnlineSource } from '../candidate.js';

export const staticUrlOptions = z.object({
    url: z.string().regex(/^https?:\/\/\S+$/, 'the address starts with http:// or https://'),
    title: z.string().optional(),
    licence: z.string().optional(),
});
export type StaticUrlOptions = z.infer<typeof staticUrlOptions>;

export const staticUrl: OnlineSource<StaticUrlOptions> = {
    kind: 'url',
    options: staticUrlOptions,
    apiKey: 'none',
    async list(options, { now }): Promise<Listing> {
        // Each fetch is its own image: the key carries the time of the refresh, so a picture fetched before does
        // not count as "already tried".
        const at = new Date(now).toISOString().slice(0, 16);
        return {
            items: [
                candidate({
                    url: options.url,
                    key: `${options.url}#${at}`,
                    title: options.title ?? null,
                    licence: options.licence ?? null,
                    originPage: options.url,
                }),
            ],
            next: null,
        };
    },
};
