// What the user said about a picture outlives its leaving the index. A scan that finds a file gone and cannot see
// it moved within the same folder (indexer.ts: findMoves) looks for the same content among the other indexed
// pictures (moved to a folder scanned first) and hands its favourite, ban, shows and history to that row; else it
// keeps them under the content hash here, before removing the row, and a later scan of any folder that finds a
// new file of that size and content (the picture moved to a folder scanned after) gives them back to the new row,
// with the history entries that showed it. Kept for a while, then forgotten (a picture deleted for good).
import type { Db } from '../db/database.js';
import { contentHash } from './contentHash.js';

/** How long a vanished picture's state waits to be found again. */
const KEEP_MS = 180 * 86_400_000;

/** Keeps the state of the rows `ids` that carry some (and have a hash), before they are removed. */
export function keepVanished(db: Db, ids: readonly number[], at: number): void {
    const keep = db.prepare(
        `INSERT OR REPLACE INTO vanished_images (content_hash, size, path, favourite, banned, times_shown,
             last_shown_at, added_at, vanished_at)
         SELECT content_hash, size, path, favourite, banned, times_shown, last_shown_at, added_at, ? FROM images
         WHERE id = ? AND content_hash IS NOT NULL
           AND (favourite = 1 OR banned = 1 OR times_shown > 0
                OR EXISTS (SELECT 1 FROM history WHERE image_id = images.id))`,
    );
    for (const id of ids) keep.run(at, id);
}

/** Sizes of the pictures waiting to be found again: only new files of these sizes are worth reading. */
export function vanishedSizes(db: Db, now: number): Set<number> {
    db.prepare(`DELETE FROM vanished_images WHERE vanished_at < ?`).run(now - KEEP_MS);
    return new Set(
        (db.prepare(`SELECT DISTINCT size FROM vanished_images`).all() as { size: number }[]).map((row) => row.size),
    );
}

/**
 * Gives the row at `path` (just indexed, content `hash`) the state of the vanished picture with that content, if
 * there is one. Returns whether there was.
 */
export function restoreVanished(db: Db, path: string, hash: string): boolean {
    const kept = db.prepare(`SELECT * FROM vanished_images WHERE content_hash = ?`).get(hash) as
        | {
              path: string;
              favourite: number;
              banned: number;
              times_shown: number;
              last_shown_at: number | null;
              added_at: number;
          }
        | undefined;
    if (!kept) return false;
    db.prepare(
        `UPDATE images SET content_hash = ?, favourite = ?, banned = ?, times_shown = ?, ` +
            `last_shown_at = ?, added_at = ? WHERE path = ?`,
    ).run(hash, kept.favourite, kept.banned, kept.times_shown, kept.last_shown_at, kept.added_at, path);
    const row = db.prepare(`SELECT id FROM images WHERE path = ?`).get(path) as { id: number } | undefined;
    if (row)
        db.prepare(`UPDATE history SET image_id = ?, path = ? WHERE image_id IS NULL AND path = ?`).run(
            row.id,
            path,
            kept.path,
        );
    db.prepare(`DELETE FROM vanished_images WHERE content_hash = ?`).run(hash);
    return true;
}

/** The state-carrying rows among `ids` (with their hash and size), for a search of their picture elsewhere. */
interface Carrier {
    id: number;
    size: number;
    content_hash: string;
}

/**
 * For rows about to be removed that carry state: an indexed picture elsewhere with the same content, which the
 * file may have become (moved to a folder scanned first). Returns removed id → that picture's id.
 */
export async function findElsewhere(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
    const found = new Map<number, number>();
    const carrier = db.prepare(
        `SELECT id, size, content_hash FROM images WHERE id = ? AND content_hash IS NOT NULL
           AND (favourite = 1 OR banned = 1 OR times_shown > 0
                OR EXISTS (SELECT 1 FROM history WHERE image_id = images.id))`,
    );
    const sameSize = db.prepare(`SELECT id, path, content_hash FROM images WHERE size = ? AND id != ?`);
    for (const id of ids) {
        const row = carrier.get(id) as Carrier | undefined;
        if (!row) continue;
        for (const other of sameSize.all(row.size, row.id) as {
            id: number;
            path: string;
            content_hash: string | null;
        }[]) {
            const hash = other.content_hash ?? (await contentHash(other.path).catch(() => null));
            if (hash === row.content_hash) {
                found.set(row.id, other.id);
                break;
            }
        }
    }
    return found;
}

/** Moves what the user said about row `from` to row `to`, the same picture at its new place, and its history. */
export function transferState(db: Db, from: number, to: number): void {
    db.prepare(
        `UPDATE images SET
             favourite = max(favourite, (SELECT favourite FROM images WHERE id = @from)),
             banned = max(banned, (SELECT banned FROM images WHERE id = @from)),
             times_shown = times_shown + (SELECT times_shown FROM images WHERE id = @from),
             last_shown_at = max(coalesce(last_shown_at, 0),
                 coalesce((SELECT last_shown_at FROM images WHERE id = @from), 0)),
             added_at = min(added_at, (SELECT added_at FROM images WHERE id = @from)),
             content_hash = coalesce(content_hash, (SELECT content_hash FROM images WHERE id = @from))
         WHERE id = @to`,
    ).run({ from, to });
    const path = (db.prepare(`SELECT path FROM images WHERE id = ?`).get(to) as { path: string }).path;
    db.prepare(`UPDATE history SET image_id = ?, path = ? WHERE image_id = ?`).run(to, path, from);
    db.prepare(`UPDATE history_monitors SET image_id = ?, path = ? WHERE image_id = ?`).run(to, path, from);
}
