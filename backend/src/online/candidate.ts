// What every online source hands to the downloader: one image it could download, with what "Where is it from?"
// shows. Sources only list; they never download, so the downloader alone decides what reaches the disk.
import type { z } from 'zod';
import type { OnlineSourceKind } from '../protocol/messages.js';
import type { HttpClient } from './http.js';

export interface Candidate {
    /** The image file itself (absolute http(s) URL). */
    url: string;
    /**
     * What the image is, when its URL is not a stable name for it: Unsplash signs every answer's URLs afresh, so
     * a photo is known by its page (https://unsplash.com/photos/<id>). Bans, "already tried" and partial files
     * go by this; defaults to `url`.
     */
    key?: string;
    width: number | null;
    height: number | null;
    title: string | null;
    author: string | null;
    authorUrl: string | null;
    /** The page a person would open to see the image where it was published. */
    originPage: string | null;
    licence: string | null;
    /** Marked NSFW / sketchy / over 18 by the provider. Safe mode drops these. */
    nsfw: boolean;
    /** A URL the provider asks to be requested when the image is downloaded (Unsplash's download_location). */
    downloadPing?: string;
}

export interface ListContext {
    http: HttpClient;
    /** From the keyring (or GSettings when declined); never logged. */
    apiKey: string | null;
    safeMode: boolean;
    /** How many candidates are useful; sources may return more. */
    limit: number;
    /** Where the last listing stopped (a page number, Reddit's `after`), as the source wrote it; null = the start. */
    cursor: string | null;
    /** The time of this refresh (ms since the epoch). */
    now: number;
}

/** One page of a source's listing, and where the next page starts (null: this was the last). */
export interface Listing {
    items: Candidate[];
    next: string | null;
}

/** A stable identity for a candidate: its key, else its URL. */
export const identity = (item: Candidate): string => item.key ?? item.url;

/** One provider. `parse*` functions in each module are pure, so they are tested on recorded-shape fixtures. */
export interface OnlineSource<O = unknown> {
    kind: OnlineSourceKind;
    /** Validates and fills in the source's `options`; `baseUrl` is overridable everywhere (tests use loopback). */
    options: z.ZodType<O>;
    apiKey: 'required' | 'optional' | 'none';
    list(options: O, context: ListContext): Promise<Listing>;
    /** Headers for API requests of this source that need the key (Unsplash's Client-ID); never sent to image hosts. */
    authHeaders?(apiKey: string | null): Record<string, string>;
}

/** Empty-string-safe text from provider JSON. */
export function text(value: unknown): string | null {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function positive(value: unknown): number | null {
    const n = typeof value === 'string' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : null;
}

/**
 * An absolute http(s) URL, resolved against `base` when relative; null for anything else (data:, javascript:, junk).
 */
export function httpUrl(value: unknown, base?: string): string | null {
    if (typeof value !== 'string' || value.trim() === '') return null;
    try {
        const url = new URL(value.trim(), base);
        return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
        return null;
    }
}

export function candidate(fields: Partial<Candidate> & { url: string }): Candidate {
    return {
        width: null,
        height: null,
        title: null,
        author: null,
        authorUrl: null,
        originPage: null,
        licence: null,
        nsfw: false,
        ...fields,
    };
}
