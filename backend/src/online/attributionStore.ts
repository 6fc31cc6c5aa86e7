// What Chameleon knows about every image URL an online source offered: where it came from (for "Where is it
// from?"), what became of it (downloaded, duplicate, rejected, evicted) and whether the user banned it. A URL
// is remembered once it was tried, so it is not fetched again on every refresh; a banned URL never is.
import type { Db } from '../db/database.js';
import { identity, type Candidate } from './candidate.js';

/** Variables per statement, well under SQLite's limit (32766 in current builds, 999 in old ones). */
const SQL_CHUNK = 500;

export type DownloadState = 'downloaded' | 'duplicate' | 'rejected' | 'failed' | 'evicted' | 'banned';

export interface OnlineImageRow {
    id: number;
    url: string;
    source_id: string;
    title: string | null;
    author: string | null;
    author_url: string | null;
    origin_page: string | null;
    licence: string | null;
    path: string | null;
    content_hash: string | null;
    size: number | null;
    state: DownloadState;
    reason: string | null;
    banned: number;
    attempts: number;
    discovered_at: number;
    downloaded_at: number | null;
    fetched_url: string | null;
    next_attempt_at: number | null;
}

/** Downloads that failed are tried again this many times in all, further apart each time. */
export const MAX_ATTEMPTS = 4;
const RETRY_AFTER_MS = 30 * 60_000;

/** When a download that failed `attempts` times is worth another try: 30 min, 2 h, 8 h after the last. */
export function nextAttemptAt(attempts: number, at: number): number {
    return at + RETRY_AFTER_MS * 4 ** Math.max(0, attempts - 1);
}

export class AttributionStore {
    constructor(private readonly db: Db) {}

    /** By identity, or by the URL it was fetched from (a ban given the file's own URL). */
    byUrl(url: string): OnlineImageRow | undefined {
        return (this.db.prepare(`SELECT * FROM online_images WHERE url = ?`).get(url) ??
            this.db.prepare(`SELECT * FROM online_images WHERE fetched_url = ? ORDER BY id DESC LIMIT 1`).get(url)) as
            OnlineImageRow | undefined;
    }

    byPath(path: string): OnlineImageRow | undefined {
        return this.db.prepare(`SELECT * FROM online_images WHERE path = ? ORDER BY id LIMIT 1`).get(path) as
            OnlineImageRow | undefined;
    }

    byHash(hash: string): OnlineImageRow | undefined {
        return this.db
            .prepare(
                `SELECT * FROM online_images WHERE content_hash = ? ORDER BY state = 'downloaded' DESC, id LIMIT 1`,
            )
            .get(hash) as OnlineImageRow | undefined;
    }

    /**
     * Identities not worth a request now: banned, settled (downloaded, duplicate, rejected, evicted), given up
     * after MAX_ATTEMPTS, or failed and not yet due another try.
     */
    settledUrls(urls: readonly string[], now: number): Set<string> {
        const settled = new Set<string>();
        // A listing may hold tens of thousands of URLs; SQLite takes a bounded number of variables per statement.
        for (let start = 0; start < urls.length; start += SQL_CHUNK) {
            const chunk = urls.slice(start, start + SQL_CHUNK);
            const rows = this.db
                .prepare(
                    `SELECT url FROM online_images WHERE url IN (${chunk.map(() => '?').join(',')})
                     AND (banned = 1 OR state != 'failed' OR attempts >= ${MAX_ATTEMPTS}
                         OR COALESCE(next_attempt_at, 0) > ?)`,
                )
                .all(...chunk, now) as { url: string }[];
            for (const row of rows) settled.add(row.url);
        }
        return settled;
    }

    /** URLs whose download failed and will be tried again: their partial files are worth keeping. */
    retryableUrls(): string[] {
        return (
            this.db
                .prepare(
                    `SELECT url FROM online_images WHERE state = 'failed' AND banned = 0 AND attempts < ` +
                        `${MAX_ATTEMPTS}`,
                )
                .all() as { url: string }[]
        ).map((row) => row.url);
    }

    /** The path of an image already on disk with this content: a download, or a file of the index. */
    pathWithHash(hash: string): string | null {
        const online = this.db
            .prepare(
                `SELECT path FROM online_images WHERE content_hash = ? AND state = 'downloaded' AND path ` +
                    `IS NOT NULL LIMIT 1`,
            )
            .get(hash) as { path: string } | undefined;
        if (online) return online.path;
        const indexed = this.db.prepare(`SELECT path FROM images WHERE content_hash = ? LIMIT 1`).get(hash) as
            { path: string } | undefined;
        return indexed?.path ?? null;
    }

    record(
        sourceId: string,
        item: Candidate,
        outcome: {
            state: DownloadState;
            path?: string | null;
            hash?: string | null;
            size?: number | null;
            reason?: string | null;
        },
        at: number,
    ): void {
        this.db
            .prepare(
                `INSERT INTO online_images (url, source_id, title, author, author_url, origin_page, licence, path,
                     content_hash, size, state, reason, attempts, discovered_at, downloaded_at, fetched_url,
                     next_attempt_at)
                 VALUES (@url, @source, @title, @author, @authorUrl, @originPage, @licence, @path, @hash, @size,
                     @state, @reason, 1, @at, @downloadedAt, @fetchedUrl, @nextAttempt)
                 ON CONFLICT(url) DO UPDATE SET source_id = excluded.source_id, title = excluded.title,
                     author = excluded.author, author_url = excluded.author_url, origin_page = excluded.origin_page,
                     licence = excluded.licence, path = excluded.path, content_hash = excluded.content_hash,
                     size = excluded.size, state = excluded.state, reason = excluded.reason,
                     attempts = online_images.attempts + 1, downloaded_at = excluded.downloaded_at,
                     fetched_url = excluded.fetched_url,
                     next_attempt_at = CASE WHEN excluded.state = 'failed'
                         THEN @retryBase + ${RETRY_AFTER_MS} * (1 << (2 * MIN(online_images.attempts, 8)))
                         ELSE NULL END`,
            )
            .run({
                url: identity(item),
                fetchedUrl: item.url,
                nextAttempt: outcome.state === 'failed' ? nextAttemptAt(1, at) : null,
                retryBase: at,
                source: sourceId,
                title: item.title,
                author: item.author,
                authorUrl: item.authorUrl,
                originPage: item.originPage,
                licence: item.licence,
                path: outcome.path ?? null,
                hash: outcome.hash ?? null,
                size: outcome.size ?? null,
                state: outcome.state,
                reason: outcome.reason ?? null,
                at,
                downloadedAt: outcome.state === 'downloaded' ? at : null,
            });
    }

    /** Bans or unbans a URL, known or not (a URL can be banned before any source offers it). */
    setBanned(url: string, banned: boolean, at: number): void {
        this.db
            .prepare(
                `INSERT INTO online_images (url, source_id, state, banned, attempts, discovered_at)
                 VALUES (?, '', 'banned', ?, 0, ?)
                 ON CONFLICT(url) DO UPDATE SET banned = excluded.banned`,
            )
            .run(url, banned ? 1 : 0, at);
    }

    /** Downloads on disk, oldest first, with whether the index marks them favourite or banned. */
    downloads(): (OnlineImageRow & { favourite: number; image_banned: number })[] {
        return this.db
            .prepare(
                `SELECT o.*, COALESCE(i.favourite, 0) AS favourite, COALESCE(i.banned, 0) AS image_banned
                 FROM online_images o LEFT JOIN images i ON i.path = o.path
                 WHERE o.state = 'downloaded' AND o.path IS NOT NULL ORDER BY o.downloaded_at, o.id`,
            )
            .all() as (OnlineImageRow & { favourite: number; image_banned: number })[];
    }

    markEvicted(id: number): void {
        this.db.prepare(`UPDATE online_images SET state = 'evicted', path = NULL WHERE id = ?`).run(id);
    }

    sourceState(
        id: string,
    ): { last_refresh_at: number | null; last_error: string | null; cursor: string | null } | undefined {
        return this.db
            .prepare(`SELECT last_refresh_at, last_error, cursor FROM online_sources WHERE id = ?`)
            .get(id) as
            { last_refresh_at: number | null; last_error: string | null; cursor: string | null } | undefined;
    }

    /** Where the source's listing goes on from at the next refresh (null: from the start). */
    setCursor(id: string, cursor: string | null): void {
        this.db
            .prepare(
                `INSERT INTO online_sources (id, cursor) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET ` +
                    `cursor = excluded.cursor`,
            )
            .run(id, cursor);
    }

    setSourceState(id: string, at: number, error: string | null): void {
        this.db
            .prepare(
                `INSERT INTO online_sources (id, last_refresh_at, last_error) VALUES (?, ?, ?)
                 ON CONFLICT(id) DO UPDATE SET last_refresh_at = excluded.last_refresh_at,
                     last_error = excluded.last_error`,
            )
            .run(id, at, error);
    }
}
