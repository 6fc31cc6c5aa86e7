// The collection page by page for the gallery grid: usable pictures of the configured folders, filtered by
// folder, favourite or colour family, in path order.
import type { Db } from '../db/database.js';
import type { ColourFamily, GalleryItemJson } from '../protocol/messages.js';
import { hueFamily } from '../selection/families.js';
import { basename } from 'node:path';

export interface GalleryFilter {
    /** Sources to list (one folder's, or every folder's). */
    sourceIds: readonly number[];
    favourites?: boolean;
    family?: ColourFamily;
}

export interface GalleryRow {
    path: string;
    width: number;
    height: number;
    favourite: number;
    hue: number | null;
    chroma: number | null;
    content_hash: string | null;
}

const registered = new WeakSet<Db>();

/**
 * SQLite learns `hue_family(hue, chroma)` from selection/families.ts, so the family filter and the families the
 * statistics count are one definition.
 */
function registerFamily(db: Db): void {
    if (registered.has(db)) return;
    db.function('hue_family', { deterministic: true }, (hue, chroma) =>
        hueFamily((hue as number | null) ?? NaN, (chroma as number | null) ?? NaN),
    );
    registered.add(db);
}

const COLUMNS = `path, width, height, favourite, hue, chroma, content_hash`;

function where(filter: GalleryFilter): { sql: string; params: unknown[] } {
    const ids = filter.sourceIds;
    const clauses = [`skip_reason IS NULL`, `banned = 0`, `source_id IN (${ids.map(() => '?').join(',') || 'NULL'})`];
    const params: unknown[] = [...ids];
    if (filter.favourites) clauses.push(`favourite = 1`);
    if (filter.family) {
        clauses.push(`hue_family(hue, chroma) = ?`);
        params.push(filter.family);
    }
    return { sql: clauses.join(' AND '), params };
}

export function countGallery(db: Db, filter: GalleryFilter): number {
    registerFamily(db);
    const { sql, params } = where(filter);
    return (db.prepare(`SELECT count(*) AS n FROM images WHERE ${sql}`).get(...params) as { n: number }).n;
}

export function galleryPage(db: Db, filter: GalleryFilter, offset: number, limit: number): GalleryRow[] {
    registerFamily(db);
    const { sql, params } = where(filter);
    return db
        .prepare(`SELECT ${COLUMNS} FROM images WHERE ${sql} ORDER BY path LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as GalleryRow[];
}

/** The indexed picture at `path`, whatever its folder or state (undefined: not indexed). */
export function galleryRow(db: Db, path: string): GalleryRow | undefined {
    return db.prepare(`SELECT ${COLUMNS} FROM images WHERE path = ?`).get(path) as GalleryRow | undefined;
}

/** A row as the protocol shows it; `thumbnail` is filled in by the caller. */
export function galleryItem(row: GalleryRow | undefined, path: string, thumbnail: string | null): GalleryItemJson {
    return {
        path,
        name: basename(path),
        width: row?.width ?? 0,
        height: row?.height ?? 0,
        favourite: row?.favourite === 1,
        family: row ? hueFamily(row.hue ?? NaN, row.chroma ?? NaN) : 'unknown',
        thumbnail,
    };
}
