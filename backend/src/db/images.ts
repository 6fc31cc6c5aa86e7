import type { Db } from './database.js';

export interface ImageRow {
    id: number;
    path: string;
    source_id: number;
    size: number;
    mtime_ms: number;
    width: number;
    height: number;
    format: string | null;
    skip_reason: string | null;
    content_hash: string | null;
    favourite: number;
    banned: number;
    times_shown: number;
    last_shown_at: number | null;
    added_at: number;
}

export interface ProbedFile {
    path: string;
    size: number;
    mtimeMs: number;
    width: number;
    height: number;
    format: string | null;
    skipReason: string | null;
}

/** What a rescan compares against the disk: enough to tell unchanged files from changed ones. */
export type StatRow = Pick<ImageRow, 'id' | 'path' | 'size' | 'mtime_ms'>;

const USABLE = `skip_reason IS NULL AND banned = 0`;

function inList(ids: readonly number[]): string {
    return ids.map(() => '?').join(',') || 'NULL';
}

export class ImageStore {
    constructor(private readonly db: Db) {}

    byId(id: number): ImageRow | undefined {
        return this.db.prepare(`SELECT * FROM images WHERE id = ?`).get(id) as ImageRow | undefined;
    }

    byPath(path: string): ImageRow | undefined {
        return this.db.prepare(`SELECT * FROM images WHERE path = ?`).get(path) as ImageRow | undefined;
    }

    statRows(sourceId: number): StatRow[] {
        return this.db.prepare(`SELECT id, path, size, mtime_ms FROM images WHERE source_id = ?`).all(sourceId) as StatRow[];
    }

    insert(sourceId: number, file: ProbedFile, at: number): void {
        this.db
            .prepare(
                `INSERT INTO images (path, source_id, size, mtime_ms, width, height, format, skip_reason, added_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(file.path, sourceId, file.size, Math.trunc(file.mtimeMs), file.width, file.height, file.format, file.skipReason, at);
    }

    /** A changed file keeps its favourite, ban and show counts; its content hash is recomputed when needed. */
    updateProbed(id: number, file: ProbedFile): void {
        this.db
            .prepare(
                `UPDATE images SET size = ?, mtime_ms = ?, width = ?, height = ?, format = ?, skip_reason = ?, content_hash = NULL
                 WHERE id = ?`,
            )
            .run(file.size, Math.trunc(file.mtimeMs), file.width, file.height, file.format, file.skipReason, id);
    }

    remove(ids: readonly number[]): void {
        const statement = this.db.prepare(`DELETE FROM images WHERE id = ?`);
        for (const id of ids) statement.run(id);
    }

    countUsable(sourceIds: readonly number[]): number {
        return (
            this.db.prepare(`SELECT count(*) AS n FROM images WHERE ${USABLE} AND source_id IN (${inList(sourceIds)})`).get(...sourceIds) as {
                n: number;
            }
        ).n;
    }

    countSkipped(sourceIds: readonly number[]): number {
        return (
            this.db
                .prepare(`SELECT count(*) AS n FROM images WHERE skip_reason IS NOT NULL AND source_id IN (${inList(sourceIds)})`)
                .get(...sourceIds) as { n: number }
        ).n;
    }

    /** The `index`-th usable image (0-based, by id) of the given sources, skipping `excludeId`. */
    nthUsable(sourceIds: readonly number[], index: number, excludeId: number | null): ImageRow | undefined {
        return this.db
            .prepare(
                `SELECT * FROM images WHERE ${USABLE} AND source_id IN (${inList(sourceIds)}) AND id IS NOT ?
                 ORDER BY id LIMIT 1 OFFSET ?`,
            )
            .get(...sourceIds, excludeId, index) as ImageRow | undefined;
    }

    setContentHash(id: number, hash: string): void {
        this.db.prepare(`UPDATE images SET content_hash = ? WHERE id = ?`).run(hash, id);
    }

    markShown(id: number, at: number): void {
        this.db.prepare(`UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ?`).run(at, id);
    }
}
