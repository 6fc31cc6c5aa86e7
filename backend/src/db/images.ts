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
    /** Colour features (selection/features.ts); NULL until analysed. */
    lightness: number | null;
    temperature: number | null;
    saturation: number | null;
    hue: number | null;
    chroma: number | null;
    features_at: number | null;
}

export interface FeatureValues {
    lightness: number;
    temperature: number;
    saturation: number;
    hue: number;
    chroma: number;
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

/**
 * How the skip reason of a picture found broken when it was about to be shown begins: its header read fine at
 * indexing, its pixels did not decode. The file keeps it until it changes on disk (a rescan probes it again).
 */
export const BROKEN_REASON = 'cannot be decoded';

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

    /** Every indexed file under the folder `prefix` (ending in a separator), whichever source lists it. */
    statRowsUnder(prefix: string): (StatRow & { source_id: number })[] {
        // substr, not LIKE: folder names may contain % and _.
        return this.db
            .prepare(`SELECT id, path, size, mtime_ms, source_id FROM images WHERE substr(path, 1, ?) = ?`)
            .all(prefix.length, prefix) as (StatRow & {
            source_id: number;
        })[];
    }

    setSource(id: number, sourceId: number): void {
        this.db.prepare(`UPDATE images SET source_id = ? WHERE id = ?`).run(sourceId, id);
    }

    insert(sourceId: number, file: ProbedFile, at: number): void {
        this.db
            .prepare(
                `INSERT INTO images (path, source_id, size, mtime_ms, width, height, format, skip_reason, added_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
                file.path,
                sourceId,
                file.size,
                Math.trunc(file.mtimeMs),
                file.width,
                file.height,
                file.format,
                file.skipReason,
                at,
            );
    }

    /** A changed file keeps its favourite, ban and show counts; its content hash is recomputed when needed. */
    updateProbed(id: number, file: ProbedFile): void {
        this.db
            .prepare(
                `UPDATE images SET size = ?, mtime_ms = ?, width = ?, height = ?, format = ?, skip_reason = ?,
                     content_hash = NULL, lightness = NULL, temperature = NULL, saturation = NULL, hue = NULL,
                     chroma = NULL, features_at = NULL
                 WHERE id = ?`,
            )
            .run(file.size, Math.trunc(file.mtimeMs), file.width, file.height, file.format, file.skipReason, id);
    }

    /**
     * The file of row `id` now lives at `file.path` (moved or renamed, same content): everything learnt about it —
     * favourite, ban, shows, colour features, content hash — stays, and history follows it to its new name.
     */
    moveTo(id: number, sourceId: number, file: ProbedFile): void {
        this.db
            .prepare(
                `UPDATE images SET path = ?, source_id = ?, size = ?, mtime_ms = ?, width = ?, height = ` +
                    `?, format = ?, skip_reason = ? WHERE id = ?`,
            )
            .run(
                file.path,
                sourceId,
                file.size,
                Math.trunc(file.mtimeMs),
                file.width,
                file.height,
                file.format,
                file.skipReason,
                id,
            );
        this.db.prepare(`UPDATE history SET path = ? WHERE image_id = ?`).run(file.path, id);
    }

    /**
     * Indexes a copy of row `originalId` made at `file.path` (favourites, 'copy'): the same picture, so it takes
     * over everything known of the original — size, colours, hash, shows, when it was added — and is a favourite.
     */
    insertCopy(originalId: number, sourceId: number, file: { path: string; size: number; mtimeMs: number }): void {
        this.db
            .prepare(
                `INSERT INTO images (path, source_id, size, mtime_ms, width, height, format, skip_reason, content_hash,
                     favourite, banned, times_shown, last_shown_at, added_at, lightness, temperature, saturation, hue,
                     chroma, features_at)
                 SELECT ?, ?, ?, ?, width, height, format, skip_reason, content_hash, 1, banned,
                     times_shown, last_shown_at, added_at, lightness, temperature, saturation, hue, chroma, features_at
                 FROM images WHERE id = ?`,
            )
            .run(file.path, sourceId, file.size, Math.trunc(file.mtimeMs), originalId);
    }

    remove(ids: readonly number[]): void {
        const statement = this.db.prepare(`DELETE FROM images WHERE id = ?`);
        for (const id of ids) statement.run(id);
    }

    countUsable(sourceIds: readonly number[]): number {
        return (
            this.db
                .prepare(`SELECT count(*) AS n FROM images WHERE ${USABLE} AND source_id IN (${inList(sourceIds)})`)
                .get(...sourceIds) as {
                n: number;
            }
        ).n;
    }

    countSkipped(sourceIds: readonly number[]): number {
        return (
            this.db
                .prepare(
                    `SELECT count(*) AS n FROM images WHERE skip_reason IS NOT NULL AND source_id IN ` +
                        `(${inList(sourceIds)})`,
                )
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

    pathsUnder(prefix: string): string[] {
        // substr, not LIKE: folder names may contain % and _.
        const rows = this.db
            .prepare(`SELECT path FROM images WHERE substr(path, 1, ?) = ? ORDER BY path`)
            .all(prefix.length, prefix) as { path: string }[];
        return rows.map((row) => row.path);
    }

    setContentHash(id: number, hash: string): void {
        this.db.prepare(`UPDATE images SET content_hash = ? WHERE id = ?`).run(hash, id);
    }

    /** Takes a picture out of selection for good (until its file changes): `reason` says why. */
    markBroken(id: number, detail: string): void {
        this.db.prepare(`UPDATE images SET skip_reason = ? WHERE id = ?`).run(`${BROKEN_REASON} (${detail})`, id);
    }

    /** Pictures of the given sources found broken when shown, with their reason. */
    broken(sourceIds: readonly number[]): { path: string; reason: string }[] {
        return this.db
            .prepare(
                `SELECT path, skip_reason AS reason FROM images WHERE substr(skip_reason, 1, ?) = ? AND ` +
                    `source_id IN (${inList(sourceIds)}) ORDER BY path`,
            )
            .all(BROKEN_REASON.length, BROKEN_REASON, ...sourceIds) as { path: string; reason: string }[];
    }

    setFavourite(id: number, favourite: boolean): void {
        this.db.prepare(`UPDATE images SET favourite = ? WHERE id = ?`).run(favourite ? 1 : 0, id);
    }

    setBanned(id: number, banned: boolean): void {
        this.db.prepare(`UPDATE images SET banned = ? WHERE id = ?`).run(banned ? 1 : 0, id);
    }

    /** Usable images of the given sources whose colour features are not known yet, oldest first. */
    unanalysed(sourceIds: readonly number[], limit: number): Pick<ImageRow, 'id' | 'path' | 'source_id'>[] {
        return this.db
            .prepare(
                `SELECT id, path, source_id FROM images WHERE features_at IS NULL AND skip_reason IS NULL AND banned = 0
                 AND source_id IN (${inList(sourceIds)}) ORDER BY id LIMIT ?`,
            )
            .all(...sourceIds, limit) as Pick<ImageRow, 'id' | 'path' | 'source_id'>[];
    }

    /** Of the images `ids`, in that order, those not analysed yet and usable. */
    unanalysedAmong(ids: readonly number[]): Pick<ImageRow, 'id' | 'path' | 'source_id'>[] {
        if (ids.length === 0) return [];
        const rows = this.db
            .prepare(
                `SELECT id, path, source_id FROM images WHERE features_at IS NULL AND ${USABLE} AND id IN ` +
                    `(${inList(ids)})`,
            )
            .all(...ids) as Pick<ImageRow, 'id' | 'path' | 'source_id'>[];
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.flatMap((id) => byId.get(id) ?? []);
    }

    countUnanalysed(sourceIds: readonly number[]): number {
        return (
            this.db
                .prepare(
                    `SELECT count(*) AS n FROM images WHERE features_at IS NULL AND skip_reason IS NULL AND banned = 0
                     AND source_id IN (${inList(sourceIds)})`,
                )
                .get(...sourceIds) as { n: number }
        ).n;
    }

    /** Features of an image that could not be analysed stay NULL but get a time, so it is not retried each pass. */
    setFeatures(id: number, features: FeatureValues | null, at: number): void {
        const f = features ?? { lightness: null, temperature: null, saturation: null, hue: null, chroma: null };
        this.db
            .prepare(
                `UPDATE images SET lightness = ?, temperature = ?, saturation = ?, hue = ?, chroma = ?, ` +
                    `features_at = ? WHERE id = ?`,
            )
            .run(f.lightness, f.temperature, f.saturation, f.hue, f.chroma, at, id);
    }

    markShown(id: number, at: number): void {
        this.db.prepare(`UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ?`).run(at, id);
    }
}
