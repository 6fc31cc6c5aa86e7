// A picture's identity beyond its path: the content hash that lets a rescan recognise it after a move or rename
// (indexer.ts: findMoves). Every picture that carries something of the user's — a favourite, a ban, a place in
// the history — gets one as soon as it does, and a scan records it for any such picture from before that had none,
// so no move can lose what the user said about a picture.
import { stat } from 'node:fs/promises';
import type { Db } from '../db/database.js';
import { contentHash } from './contentHash.js';

interface Unhashed {
    id: number;
    path: string;
    size: number;
    mtime_ms: number;
}

/**
 * Hashes the picture of row `id` when it has no hash yet and its file is still the one indexed (same size and
 * time before and after the read). The hash is stored only if the row was not changed meanwhile. A file that cannot
 * be read is left for the next time.
 */
export async function recordIdentity(db: Db, id: number): Promise<void> {
    const row = db
        .prepare(`SELECT id, path, size, mtime_ms FROM images WHERE id = ? AND content_hash IS NULL`)
        .get(id) as Unhashed | undefined;
    if (row) await hashRow(db, row);
}

/** Records the hash of every picture under `prefix` that carries user state but has none (see above). */
export async function recordIdentitiesUnder(db: Db, prefix: string): Promise<number> {
    const rows = db
        .prepare(
            `SELECT id, path, size, mtime_ms FROM images
             WHERE substr(path, 1, ?) = ? AND content_hash IS NULL
               AND (favourite = 1 OR banned = 1 OR times_shown > 0
                 OR id IN (SELECT image_id FROM history WHERE image_id IS NOT NULL))`,
        )
        .all(prefix.length, prefix) as Unhashed[];
    let recorded = 0;
    for (const row of rows) if (await hashRow(db, row)) recorded++;
    return recorded;
}

async function hashRow(db: Db, row: Unhashed): Promise<boolean> {
    const same = (s: { size: number; mtimeMs: number }) =>
        s.size === row.size && Math.trunc(s.mtimeMs) === row.mtime_ms;
    try {
        if (!same(await stat(row.path))) return false;
        const hash = await contentHash(row.path);
        if (!same(await stat(row.path)) || !db.open) return false;
        const result = db
            .prepare(
                `UPDATE images SET content_hash = ? WHERE id = ? AND content_hash IS NULL AND size = ? ` +
                    `AND mtime_ms = ?`,
            )
            .run(hash, row.id, row.size, row.mtime_ms);
        return result.changes > 0;
    } catch {
        return false;
    }
}
